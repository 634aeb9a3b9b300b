"""Clean, typed study records made from ClinicalTrials.gov API v2 study objects.

`normalise` accepts a whole or partial v2 object: any module may be missing or oddly
shaped (a missing module means "unknown", never a crash); only
``protocolSection.identificationModule.nctId`` is required.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from screener.errors import StudyFileError
from screener.registry.eligibility_text import EligibilityItems, split_eligibility

ENROLLING_STATUSES: tuple[str, ...] = (
    "RECRUITING",
    "NOT_YET_RECRUITING",
    "ENROLLING_BY_INVITATION",
)
_NCT = re.compile(r"^NCT\d{8}$")
# ClinicalTrials.gov's placeholder when the count was never given: not a real enrollment.
UNKNOWN_ENROLLMENT = 99_999_999

_LOC = "protocolSection.contactsLocationsModule.locations"
_CENTRAL = "protocolSection.contactsLocationsModule.centralContacts"
READS: dict[str, str] = {
    "NCTId": "protocolSection.identificationModule.nctId",
    "BriefTitle": "protocolSection.identificationModule.briefTitle",
    "OfficialTitle": "protocolSection.identificationModule.officialTitle",
    "OverallStatus": "protocolSection.statusModule.overallStatus",
    "Phase": "protocolSection.designModule.phases",
    "StudyType": "protocolSection.designModule.studyType",
    "Condition": "protocolSection.conditionsModule.conditions",
    "InterventionType": "protocolSection.armsInterventionsModule.interventions.type",
    "InterventionName": "protocolSection.armsInterventionsModule.interventions.name",
    "LeadSponsorName": "protocolSection.sponsorCollaboratorsModule.leadSponsor.name",
    "MinimumAge": "protocolSection.eligibilityModule.minimumAge",
    "MaximumAge": "protocolSection.eligibilityModule.maximumAge",
    "Sex": "protocolSection.eligibilityModule.sex",
    "HealthyVolunteers": "protocolSection.eligibilityModule.healthyVolunteers",
    "EligibilityCriteria": "protocolSection.eligibilityModule.eligibilityCriteria",
    "LocationFacility": f"{_LOC}.facility",
    "LocationStatus": f"{_LOC}.status",
    "LocationCity": f"{_LOC}.city",
    "LocationState": f"{_LOC}.state",
    "LocationZip": f"{_LOC}.zip",
    "LocationCountry": f"{_LOC}.country",
    "LocationGeoPoint": f"{_LOC}.geoPoint",
    "LocationContactName": f"{_LOC}.contacts.name",
    "LocationContactRole": f"{_LOC}.contacts.role",
    "LocationContactPhone": f"{_LOC}.contacts.phone",
    "LocationContactPhoneExt": f"{_LOC}.contacts.phoneExt",
    "LocationContactEMail": f"{_LOC}.contacts.email",
    "CentralContactName": f"{_CENTRAL}.name",
    "CentralContactRole": f"{_CENTRAL}.role",
    "CentralContactPhone": f"{_CENTRAL}.phone",
    "CentralContactPhoneExt": f"{_CENTRAL}.phoneExt",
    "CentralContactEMail": f"{_CENTRAL}.email",
    "StartDate": "protocolSection.statusModule.startDateStruct.date",
    "CompletionDate": "protocolSection.statusModule.completionDateStruct.date",
    "LastUpdatePostDate": "protocolSection.statusModule.lastUpdatePostDateStruct.date",
    "EnrollmentCount": "protocolSection.designModule.enrollmentInfo.count",
}
"""Every API ``fields`` piece ``normalise`` reads, with the JSON path it reads it from.

The client asks for exactly these pieces; a test checks each against the API's own data
model (``studies-metadata.v2.json``), so a renamed piece cannot silently empty a field.
"""
_AGE = re.compile(
    r"^\s*(?:over\s+|>=?\s*|≥\s*)?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>years?|yrs?|months?|weeks?|days?|hours?|minutes?)?\s*(?:old)?\s*$",
    re.IGNORECASE,
)
_UNIT_YEARS = {
    "y": 1.0,
    "m": 1 / 12,
    "w": 7 / 365.25,
    "d": 1 / 365.25,
    "h": 1 / 8766,
    "mi": 1 / 525960,
}


def parse_age_years(text: object) -> float | None:
    """Return an age limit in years from "18 Years", "6 Months", "18", or None for "N/A"/absent.

    Unparseable text gives None (no limit known), never an exception.
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int | float):
        number = float(text)
        return number if math.isfinite(number) and number >= 0 else None
    if not isinstance(text, str):
        return None
    match = _AGE.match(text)
    if not match:
        return None
    unit = (match.group("unit") or "years").lower()
    key = "mi" if unit.startswith("mi") else unit[0]
    years = round(float(match.group("num")) * _UNIT_YEARS[key], 4)
    # A 400-digit "age" overflows to infinity, which is no limit anyone wrote.
    return years if math.isfinite(years) else None


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


def _dict(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _float(value: object, limit: float) -> float | None:
    # Python's json reads NaN and Infinity; neither is a coordinate, nor is lat 500.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) <= limit else None


def _date(struct: object) -> str | None:
    if isinstance(struct, str):
        return _str(struct)
    return _str(_dict(struct).get("date"))


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _strings(value: object) -> tuple[str, ...]:
    return tuple(s for s in (_str(v) for v in _list(value)) if s)


def nct_id_of(raw: object) -> str:
    """The NCT id of a raw v2 object; raises StudyFileError when it has none."""
    ident = _dict(_dict(_dict(raw).get("protocolSection")).get("identificationModule"))
    nct = _str(ident.get("nctId"))
    if not nct or not _NCT.match(nct):
        raise StudyFileError("study record has no valid protocolSection.identificationModule.nctId")
    return nct


def _provenance(raw: Mapping[str, Any], items: EligibilityItems) -> Provenance:
    prov = _dict(raw.get("provenance"))
    complete = prov.get("criteriaComplete") if prov else True
    notes = list(_strings(prov.get("notes")))
    if items.more_not_shown:
        # The text itself says criteria are missing, whatever the copy's flag claims.
        complete = False
        notes.append("The text says there are further criteria it does not show.")
    if items.doubtful_sides:
        notes.append(
            "This copy's 'Exclusion' heading sits above requirements, so those items are "
            "listed as unlabelled; check the full record."
        )
    return Provenance(
        source=(_str(prov.get("source")) or "unknown") if prov else "clinicaltrials.gov",
        retrieved=_str(prov.get("retrieved")),
        criteria_complete=complete if isinstance(complete, bool) else None,
        sources=_strings(prov.get("sources")),
        notes=tuple(notes),
    )


def normalise(raw: Mapping[str, Any]) -> StudyRecord:
    """Turn one v2 study object into a StudyRecord; only the NCT id is required."""
    nct = nct_id_of(raw)
    ps = _dict(raw.get("protocolSection"))
    ident = _dict(ps.get("identificationModule"))
    status = _dict(ps.get("statusModule"))
    design = _dict(ps.get("designModule"))
    elig = _dict(ps.get("eligibilityModule"))
    arms = _dict(ps.get("armsInterventionsModule"))
    sponsor = _dict(_dict(ps.get("sponsorCollaboratorsModule")).get("leadSponsor"))
    contacts = _dict(ps.get("contactsLocationsModule"))
    text = _str(elig.get("eligibilityCriteria"))
    items = split_eligibility(text)
    sex = _str(elig.get("sex"))
    enrollment = _dict(design.get("enrollmentInfo")).get("count")
    return StudyRecord(
        nct_id=nct,
        brief_title=_str(ident.get("briefTitle")),
        official_title=_str(ident.get("officialTitle")),
        status=_str(status.get("overallStatus")),
        phases=_strings(design.get("phases")),
        study_type=_str(design.get("studyType")),
        conditions=_strings(_dict(ps.get("conditionsModule")).get("conditions")),
        interventions=tuple(
            Intervention(_str(_dict(i).get("type")), name)
            for i in _list(arms.get("interventions"))
            if (name := _str(_dict(i).get("name")))
        ),
        sponsor=_str(sponsor.get("name")),
        min_age_years=parse_age_years(elig.get("minimumAge")),
        max_age_years=parse_age_years(elig.get("maximumAge")),
        min_age_text=_str(elig.get("minimumAge")),
        max_age_text=_str(elig.get("maximumAge")),
        sex=sex.upper() if sex and sex.upper() in ("ALL", "FEMALE", "MALE") else None,
        healthy_volunteers=_bool(elig.get("healthyVolunteers")),
        eligibility_text=text,
        inclusion=items.inclusion,
        exclusion=items.exclusion,
        unlabelled=items.unlabelled,
        sites=tuple(_site(loc) for loc in _list(contacts.get("locations")) if _dict(loc)),
        central_contacts=_contacts(contacts.get("centralContacts")),
        start_date=_date(status.get("startDateStruct")),
        completion_date=_date(status.get("completionDateStruct")),
        last_update=_date(status.get("lastUpdatePostDateStruct")),
        enrollment=enrollment
        if isinstance(enrollment, int)
        and not isinstance(enrollment, bool)
        and 0 <= enrollment < UNKNOWN_ENROLLMENT
        else None,
        url=f"https://clinicaltrials.gov/study/{nct}",
        provenance=_provenance(raw, items),
        groups=items.groups,
    )


def _site(raw: object) -> Site:
    loc = _dict(raw)
    geo = _dict(loc.get("geoPoint"))
    return Site(
        facility=_str(loc.get("facility")),
        status=_str(loc.get("status")),
        city=_str(loc.get("city")),
        state=_str(loc.get("state")),
        country=_str(loc.get("country")),
        lat=_float(geo.get("lat"), 90.0),
        lon=_float(geo.get("lon"), 180.0),
        zip=_str(loc.get("zip")),
        contacts=_contacts(loc.get("contacts")),
    )


def _contacts(raw: object) -> tuple[Contact, ...]:
    return tuple(
        Contact(
            _str(c.get("name")),
            _str(c.get("role")),
            _str(c.get("phone")),
            _str(c.get("email")),
            _str(c.get("phoneExt")),
        )
        for c in map(_dict, _list(raw))
        if c
    )
