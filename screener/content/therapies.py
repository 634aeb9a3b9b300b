"""Therapy and care background content, loaded from ``screener/content/*.yaml``.

The words live in YAML so that clinicians can review and update them without touching code;
this module only gives them types. Every item carries its sources and a ``last_reviewed``
date, and unknown keys are rejected so a typo in a content file fails loudly in tests rather
than silently dropping a warning from the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from screener.errors import ContentError
from screener.inputs.yaml_load import load_yaml

__all__ = [
    "CONTENT_DIR",
    "Fact",
    "Therapy",
    "PipelineDrug",
    "SymptomCare",
    "SupportiveCare",
    "load_therapies",
    "load_not_approved",
    "load_symptom_care",
    "load_supportive_care",
    "content_intros",
    "content_last_reviewed",
]

_M = TypeVar("_M", bound="BaseModel")

CONTENT_DIR = Path(__file__).resolve().parent

# Dates are kept as the sources write them ("12 Dec 1995", "May 2022", "Q3 2026"): turning
# "May 2022" into 2022-05-01 would claim a precision the sources do not have.
_WHEN = re.compile(
    r"^(?:\d{1,2} [A-Z][a-z]{2} \d{4}"
    r"|(?:[A-Z][a-z]{2}|June|July) \d{4}"
    r"|\d{4}(?:-\d{2})?"
    r"|[QH]\d \d{4})$"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Fact(_Strict):
    """A dated fact, with the date written as the source writes it."""

    when: str
    what: str

    @field_validator("when")
    @classmethod
    def _when_shape(cls, value: str) -> str:
        if not _WHEN.match(value):
            raise ValueError(
                "must look like '12 Dec 1995', 'May 2022', '2015', '2027-08' or 'Q3 2026'"
            )
        return value


def _check_sources(value: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        raise ValueError("at least one source is required")
    for url in value:
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"source {url!r} is not an http(s) URL")
    return value


class _Sourced(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    sources: tuple[str, ...]
    last_reviewed: date

    @field_validator("sources")
    @classmethod
    def _sources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_sources(value)


class Therapy(_Sourced):
    """An approved or withdrawn ALS treatment."""

    brands: tuple[str, ...]
    status: Literal["approved", "withdrawn"]
    status_note: str
    alert: str | None
    limited_to: str | None = None
    """What the approval is limited to, for the header ("Japan only"), when it is limited."""
    for_whom: str
    what_it_does: str
    how_given: str
    warnings: tuple[str, ...] = Field(min_length=1)
    trial_eligibility: tuple[str, ...] = Field(min_length=1)
    clinician_note: str
    facts: tuple[Fact, ...] = Field(min_length=1)


class PipelineDrug(_Sourced):
    """A medicine people ask about that is not approved for ALS anywhere."""

    status_note: str
    facts: tuple[Fact, ...]


class SymptomCare(_Sourced):
    """How ALS teams approach one symptom."""

    about: str
    what_may_help: tuple[str, ...]
    not_covered: str | None
    evidence: str
    related_therapy: str | None


class SupportiveCare(_Sourced):
    """A supportive-care service (breathing support, nutrition, therapies, support)."""

    about: str
    points: tuple[str, ...] = Field(min_length=1)
    trial_eligibility: tuple[str, ...]
    evidence: str


class _TherapyFile(_Strict):
    intro: str
    therapies: tuple[Therapy, ...]
    not_approved: tuple[PipelineDrug, ...]


class _SymptomFile(_Strict):
    intro: str
    symptoms: tuple[SymptomCare, ...]


class _SupportiveFile(_Strict):
    intro: str
    supportive_care: tuple[SupportiveCare, ...]


def _read(name: str) -> Any:
    path = CONTENT_DIR / name
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot be read ({exc})") from exc


def _parse(model: type[_M], name: str) -> _M:
    try:
        return model.model_validate(_read(name))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ContentError(f"{CONTENT_DIR / name}: {where}: {first['msg']}") from exc


@cache
def _therapy_file() -> _TherapyFile:
    parsed = _parse(_TherapyFile, "therapies.yaml")
    _unique_ids((*parsed.therapies, *parsed.not_approved), "therapies.yaml")
    return parsed


@cache
def _symptom_file() -> _SymptomFile:
    parsed = _parse(_SymptomFile, "symptom_care.yaml")
    _unique_ids(parsed.symptoms, "symptom_care.yaml")
    known = {t.id for t in _therapy_file().therapies}
    for item in parsed.symptoms:
        if item.related_therapy is not None and item.related_therapy not in known:
            raise ContentError(
                f"symptom_care.yaml: {item.id}: related_therapy {item.related_therapy!r} "
                f"is not one of {sorted(known)}"
            )
    return parsed


@cache
def _supportive_file() -> _SupportiveFile:
    parsed = _parse(_SupportiveFile, "supportive_care.yaml")
    _unique_ids(parsed.supportive_care, "supportive_care.yaml")
    return parsed


def _unique_ids(items: Iterable[_Sourced], name: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ContentError(f"{name}: id {item.id!r} is used twice")
        seen.add(item.id)


def load_therapies() -> tuple[Therapy, ...]:
    """Approved and withdrawn ALS treatments, in display order."""
    return _therapy_file().therapies


def load_not_approved() -> tuple[PipelineDrug, ...]:
    """Medicines that are not approved for ALS anywhere, with their status as found."""
    return _therapy_file().not_approved


def load_symptom_care() -> tuple[SymptomCare, ...]:
    """Symptom-care background, one item per symptom."""
    return _symptom_file().symptoms


def load_supportive_care() -> tuple[SupportiveCare, ...]:
    """Supportive-care background (breathing support, nutrition, therapies, support)."""
    return _supportive_file().supportive_care


def content_intros() -> dict[str, str]:
    """The short framing text of each content section: therapies, symptoms, supportive."""
    return {
        "therapies": _therapy_file().intro,
        "symptoms": _symptom_file().intro,
        "supportive": _supportive_file().intro,
    }


def content_last_reviewed() -> date:
    """The oldest ``last_reviewed`` date across all content: the page's honest review date."""
    items: list[_Sourced] = [
        *load_therapies(),
        *load_not_approved(),
        *load_symptom_care(),
        *load_supportive_care(),
    ]
    return min(item.last_reviewed for item in items)
