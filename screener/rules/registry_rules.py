"""General rules: criteria every study gets from its registry's structured eligibility fields.

``rules/general.yaml`` chooses which structured fields become criteria and how each is worded;
the mapping from a field to a factor is fixed here, because it is the registry's meaning:

* ``minimum_age`` → ``age_years >= min`` and ``maximum_age`` → ``age_years <= max``;
* ``sex`` → ``sex in [female]`` or ``[male]`` when the study takes one sex only;
* ``healthy_volunteers`` → a criterion kept for review when the study also takes healthy
  volunteers. A person with ALS is never a "healthy volunteer", but such studies often take
  people with ALS too (as patients or as a comparison group): only the study team can say,
  so this never excludes anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from screener.criteria.model import Criterion
from screener.registry.records import StudyRecord

REGISTRY_FIELDS: dict[str, str] = {
    "minimum_age": "age_years",
    "maximum_age": "age_years",
    "sex": "sex",
    "healthy_volunteers": "healthy_volunteers",
}
"""Structured field → the factor its criterion is about."""


class RegistryRuleSpec(BaseModel):
    """One general rule as written in ``rules/general.yaml``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str
    field: str
    text: str
    note: str | None = None


class GeneralFileSpec(BaseModel):
    """The top level of ``rules/general.yaml``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: str | None = None
    registry: list[Any]


def template_problem(spec: RegistryRuleSpec) -> tuple[str, str] | None:
    """Why this general rule cannot be used, as (field, message), or None."""
    if spec.field not in REGISTRY_FIELDS:
        allowed = ", ".join(REGISTRY_FIELDS)
        return "field", f"must be one of {allowed} (got {spec.field!r})"
    try:
        spec.text.format(value="18 Years")
    except (KeyError, IndexError, ValueError):
        return "text", f"may only use the placeholder {{value}} (got {spec.text!r})"
    return None


@dataclass(frozen=True, slots=True)
class GeneralRules:
    """The checked general rules, turned into criteria per study."""

    rules: tuple[RegistryRuleSpec, ...]

    @property
    def factors(self) -> frozenset[str]:
        """Factors the general rules settle from the registry's structured fields."""
        return frozenset(REGISTRY_FIELDS[rule.field] for rule in self.rules)

    def criteria_for(self, record: StudyRecord) -> list[Criterion]:
        """The registry-field criteria of one study, each naming the field it came from."""
        found: list[Criterion] = []
        for rule in self.rules:
            criterion = _criterion(rule, record)
            if criterion is not None:
                found.append(criterion)
        return found


def _criterion(rule: RegistryRuleSpec, record: StudyRecord) -> Criterion | None:
    extra: dict[str, Any] = {"rule": rule.id}
    if rule.note:
        extra["note"] = rule.note
    if rule.field == "minimum_age" and record.min_age_years is not None:
        text = rule.text.format(value=record.min_age_text or f"{record.min_age_years:g} Years")
        return Criterion(
            "age_years", "inclusion", ">=", record.min_age_years, "years", text, extra, "registry"
        )
    if rule.field == "maximum_age" and record.max_age_years is not None:
        text = rule.text.format(value=record.max_age_text or f"{record.max_age_years:g} Years")
        return Criterion(
            "age_years", "inclusion", "<=", record.max_age_years, "years", text, extra, "registry"
        )
    if rule.field == "sex" and record.sex in ("FEMALE", "MALE"):
        sex = record.sex.lower()
        text = rule.text.format(value=sex.capitalize())
        return Criterion("sex", "inclusion", "in", [sex], None, text, extra, "registry")
    if rule.field == "healthy_volunteers" and record.healthy_volunteers is True:
        text = rule.text.format(value="Yes")
        return Criterion(
            "healthy_volunteers", "inclusion", None, None, None, text, extra, "registry"
        )
    return None
