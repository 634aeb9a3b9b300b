"""Criteria from the registry's structured fields: minimum/maximum age, sex, healthy volunteers.

The one place that says what each structured field means as a criterion. The extractor uses
it with its own wording for age and sex (``EXTRACTOR_WORDING``); ``rules/general.yaml`` picks
the fields and words them (``screener.rules.registry_rules``), and its criteria replace the
extractor's in every screen.

``healthy_volunteers`` is not in the extractor's wording: "accepts healthy volunteers" says
the study also takes people without the disease, not that it refuses patients. The general
rule keeps it for review only (no op, no value), so it never excludes anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.criteria.model import Criterion
from screener.registry.records import StudyRecord

__all__ = ["REGISTRY_FIELDS", "EXTRACTOR_WORDING", "registry_criteria", "field_criterion"]

REGISTRY_FIELDS: dict[str, str] = {
    "minimum_age": "age_years",
    "maximum_age": "age_years",
    "sex": "sex",
    "healthy_volunteers": "healthy_volunteers",
}
"""Structured field → the factor its criterion is about."""

EXTRACTOR_WORDING: dict[str, str] = {
    "minimum_age": "Minimum age: {value} (registry field)",
    "maximum_age": "Maximum age: {value} (registry field)",
    "sex": "Sex: {value} (registry field)",
}
"""The extractor's own wording, used when no general rule words a field."""


def registry_criteria(
    record: StudyRecord, wording: Mapping[str, str] = EXTRACTOR_WORDING
) -> list[Criterion]:
    """The criteria of the fields in ``wording`` (in its order) that this record sets."""
    found: list[Criterion] = []
    for field, text in wording.items():
        criterion = field_criterion(field, record, text)
        if criterion is not None:
            found.append(criterion)
    return found


def field_criterion(
    field: str, record: StudyRecord, text: str, extra: Mapping[str, Any] | None = None
) -> Criterion | None:
    """The criterion one structured field sets for this record, worded by ``text``.

    ``text`` may use ``{value}`` for the registry's value. None when the record leaves the
    field unset (or, for sex, open to all; for healthy volunteers, not taking them).
    """
    reading = _reading(field, record)
    if reading is None:
        return None
    op, value, unit, shown = reading
    factor = REGISTRY_FIELDS[field]
    words = text.format(value=shown)
    return Criterion(factor, "inclusion", op, value, unit, words, dict(extra or {}), "registry")


def _reading(field: str, record: StudyRecord) -> tuple[str | None, Any, str | None, str] | None:
    """(op, value, unit, the value as shown) of one field, or None when it sets nothing."""
    # A minimum age of 0 is no limit: as a criterion it would only pad "N of M checked" and
    # make the study's own age limits look like alternatives to it (alternative_limits).
    if field == "minimum_age" and record.min_age_years:
        shown = record.min_age_text or f"{record.min_age_years:g} Years"
        return ">=", record.min_age_years, "years", shown
    if field == "maximum_age" and record.max_age_years is not None:
        shown = record.max_age_text or f"{record.max_age_years:g} Years"
        return "<=", record.max_age_years, "years", shown
    if field == "sex" and record.sex in ("FEMALE", "MALE"):
        sex = record.sex.lower()
        return "in", [sex], None, sex.capitalize()
    if field == "healthy_volunteers" and record.healthy_volunteers is True:
        return None, None, None, "Yes"
    return None
