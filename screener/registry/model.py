"""The clean study record and its parts: what every later stage works on.

``records.normalise`` makes these from ClinicalTrials.gov v2 objects; criteria, rules, the
engine, reports and the UI read them and never the raw JSON. Frozen, so a record shared by
many screenings cannot be changed by one of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ENROLLING_STATUSES", "Contact", "Site", "Intervention", "Provenance", "StudyRecord"]

ENROLLING_STATUSES: tuple[str, ...] = (
    "RECRUITING",
    "NOT_YET_RECRUITING",
    "ENROLLING_BY_INVITATION",
)


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact of the study (central) or of one of its sites."""

    name: str | None
    role: str | None
    phone: str | None
    email: str | None
    phone_ext: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    """One study location, with its own recruitment status and contacts."""

    facility: str | None
    status: str | None
    city: str | None
    state: str | None
    country: str | None
    lat: float | None
    lon: float | None
    zip: str | None = None
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True, slots=True)
class Intervention:
    """An intervention (drug, device...) as the registry names it."""

    type: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from and how far it can be trusted."""

    source: str
    retrieved: str | None
    criteria_complete: bool | None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StudyRecord:
    """The clean study record every later step (criteria, rules, engine, UI) works on."""

    nct_id: str
    brief_title: str | None
    official_title: str | None
    status: str | None
    phases: tuple[str, ...]
    study_type: str | None
    conditions: tuple[str, ...]
    interventions: tuple[Intervention, ...]
    sponsor: str | None
    min_age_years: float | None
    max_age_years: float | None
    min_age_text: str | None
    max_age_text: str | None
    sex: str | None
    healthy_volunteers: bool | None
    eligibility_text: str | None
    inclusion: tuple[str, ...]
    exclusion: tuple[str, ...]
    unlabelled: tuple[str, ...]
    sites: tuple[Site, ...]
    central_contacts: tuple[Contact, ...]
    start_date: str | None
    completion_date: str | None
    last_update: str | None
    enrollment: int | None
    url: str
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", None, None))
    # Participant groups with criteria of their own ("Healthy Control"): when any are
    # named, not every item applies to every person.
    groups: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The best title available, falling back to the NCT number."""
        return self.brief_title or self.official_title or self.nct_id

    @property
    def criteria_complete(self) -> bool | None:
        """True when the whole eligibility text is known, False when cut, None if unknown."""
        if not self.eligibility_text:
            return False
        return self.provenance.criteria_complete

    @property
    def is_enrolling(self) -> bool:
        """Whether the registry lists the study as enrolling."""
        return self.status in ENROLLING_STATUSES

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (the `studies` command prints this)."""
        data = asdict(self)
        data["title"] = self.title
        data["criteria_complete"] = self.criteria_complete
        return data
