"""A study rule file, read into typed rules; every problem becomes one message for a person.

The shape of a file (documented for coordinators in ``rules/README.md``)::

    nct_id: NCT04297683
    title: HEALEY ALS Platform Trial - Master Protocol
    read_from: {source: <where the text was read>, date: 2026-08-21, version: <optional>}
    curated_by: <who>
    covers: [vital_capacity, ...]      # factors this file settles (the extractor's are dropped)
    notes: [<optional free text>]
    rules:
      - id: vc-min
        factor: vital_capacity
        kind: inclusion
        op: ">="
        value: 50
        unit: percent
        test: any
        source_text: "Vital Capacity ≥ 50% of predicted capacity"

Structure (unknown keys, types, missing keys) is checked by pydantic models with
``extra="forbid"``; meaning (factor, operator, value, unit, extras) by ``rules/rule_checks.py``.
Each rule is checked on its own, so one bad rule does not hide the problems of the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from screener.criteria.model import Criterion

__all__ = [
    "ConditionSpec",
    "RuleSpec",
    "ReadFrom",
    "StudyFileSpec",
    "RULE_FIELDS",
    "StudyRules",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class ConditionSpec(_Strict):
    """A condition limiting when a rule applies ("if 30 to 65 years of age, ...")."""

    factor: str
    op: str
    value: Any = None
    unit: str | None = None
    text: str | None = None


class RuleSpec(_Strict):
    """One rule exactly as written in the file."""

    id: str
    factor: str
    kind: str
    op: str | None = None
    value: Any = None
    unit: str | None = None
    test: str | None = None
    item: int | str | None = None
    except_: list[Any] | None = Field(default=None, alias="except")
    gene: str | None = None
    domain: str | None = None
    stable_days: int | float | None = None
    condition: ConditionSpec | None = None
    source_text: str
    note: str | None = None


class ReadFrom(_Strict):
    """The record version the rules were read from."""

    source: str
    date: date | str
    version: str | None = None


class StudyFileSpec(_Strict):
    """The top level of a study rule file (rules are checked one by one afterwards)."""

    nct_id: str
    title: str
    read_from: ReadFrom
    curated_by: str
    curated_on: date | str | None = None
    covers: list[str]
    notes: list[str] = []
    rules: list[Any]


RULE_FIELDS: tuple[str, ...] = tuple(
    (field.alias or name) for name, field in RuleSpec.model_fields.items()
)


@dataclass(frozen=True, slots=True)
class StudyRules:
    """A checked study rule file: the criteria it gives and the factors it settles."""

    name: str
    nct_id: str
    title: str
    read_from: str
    curated_by: str
    covers: frozenset[str]
    criteria: tuple[Criterion, ...]
    notes: tuple[str, ...] = ()
