"""General rules: criteria every study gets from its registry's structured eligibility fields.

``rules/general.yaml`` chooses which structured fields become criteria and how each is worded;
the mapping from a field to a criterion is the registry's meaning, fixed in
``screener.criteria.registry_fields``:

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
from screener.criteria.registry_fields import REGISTRY_FIELDS, field_criterion
from screener.registry.records import StudyRecord

__all__ = ["RegistryRuleSpec", "GeneralFileSpec", "template_problem", "GeneralRules"]


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
            extra: dict[str, Any] = {"rule": rule.id}
            if rule.note:
                extra["note"] = rule.note
            criterion = field_criterion(rule.field, record, rule.text, extra)
            if criterion is not None:
                found.append(criterion)
        return found
