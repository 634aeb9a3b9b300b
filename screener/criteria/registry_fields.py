"""Criteria from the registry's structured fields: minimum/maximum age and sex.

``healthyVolunteers`` gives no criterion: "accepts healthy volunteers" says the study also
takes people without the disease, not that it refuses patients. A study that wants only
healthy people says so in its text, where the extractor keeps it for review.
"""

from __future__ import annotations

from screener.criteria.model import Criterion
from screener.registry.records import StudyRecord

_SEX = {"FEMALE": "female", "MALE": "male"}


def registry_criteria(record: StudyRecord) -> list[Criterion]:
    """Age limits and a single-sex requirement from the registry fields."""
    found: list[Criterion] = []
    if record.min_age_years is not None and record.min_age_years > 0:
        label = record.min_age_text or f"{record.min_age_years:g} Years"
        found.append(
            Criterion(
                "age_years",
                "inclusion",
                ">=",
                _number(record.min_age_years),
                "years",
                f"Minimum age: {label} (registry field)",
                source="registry",
            )
        )
    if record.max_age_years is not None:
        label = record.max_age_text or f"{record.max_age_years:g} Years"
        found.append(
            Criterion(
                "age_years",
                "inclusion",
                "<=",
                _number(record.max_age_years),
                "years",
                f"Maximum age: {label} (registry field)",
                source="registry",
            )
        )
    sex = _SEX.get((record.sex or "").upper())
    if sex is not None:
        found.append(
            Criterion(
                "sex",
                "inclusion",
                "in",
                [sex],
                None,
                f"Sex: {record.sex} (registry field)",
                source="registry",
            )
        )
    return found


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
