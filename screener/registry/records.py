"""Clean, typed study records made from ClinicalTrials.gov API v2 study objects.

`normalise` accepts a whole or partial v2 object: any module may be missing or oddly
shaped (a missing module means "unknown", never a crash); only
``protocolSection.identificationModule.nctId`` is required. The record types live in
``model`` and the lenient value readers in ``v2_values``; the types are re-exported here, so
``screener.registry.records`` stays the one place to import a record from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from screener.errors import StudyFileError
from screener.registry.eligibility_text import EligibilityItems, split_eligibility
from screener.registry.model import (
    ENROLLING_STATUSES,
    Contact,
    Intervention,
    Provenance,
    Site,
    StudyRecord,
)
from screener.registry.v2_values import (
    date_of,
    flag_of,
    list_of,
    mapping_of,
    number_within,
    parse_age_years,
    text_of,
    texts_of,
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


def nct_id_of(raw: object) -> str:
    """The NCT id of a raw v2 object; raises StudyFileError when it has none."""
    ident = mapping_of(
        mapping_of(mapping_of(raw).get("protocolSection")).get("identificationModule")
    )
    nct = text_of(ident.get("nctId"))
    if not nct or not _NCT.match(nct):
        raise StudyFileError("study record has no valid protocolSection.identificationModule.nctId")
    return nct


def status_of(raw: Mapping[str, Any]) -> str | None:
    """A raw v2 object's overall status, read exactly as ``normalise`` reads it."""
    status = mapping_of(mapping_of(raw.get("protocolSection")).get("statusModule"))
    return text_of(status.get("overallStatus"))


def _provenance(raw: Mapping[str, Any], items: EligibilityItems) -> Provenance:
    prov = mapping_of(raw.get("provenance"))
    complete = prov.get("criteriaComplete") if prov else True
    notes = list(texts_of(prov.get("notes")))
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
        source=(text_of(prov.get("source")) or "unknown") if prov else "clinicaltrials.gov",
        retrieved=text_of(prov.get("retrieved")),
        criteria_complete=complete if isinstance(complete, bool) else None,
        sources=texts_of(prov.get("sources")),
        notes=tuple(notes),
    )


def normalise(raw: Mapping[str, Any]) -> StudyRecord:
    """Turn one v2 study object into a StudyRecord; only the NCT id is required."""
    nct = nct_id_of(raw)
    ps = mapping_of(raw.get("protocolSection"))
    ident = mapping_of(ps.get("identificationModule"))
    status = mapping_of(ps.get("statusModule"))
    design = mapping_of(ps.get("designModule"))
    elig = mapping_of(ps.get("eligibilityModule"))
    arms = mapping_of(ps.get("armsInterventionsModule"))
    sponsor = mapping_of(mapping_of(ps.get("sponsorCollaboratorsModule")).get("leadSponsor"))
    contacts = mapping_of(ps.get("contactsLocationsModule"))
    text = text_of(elig.get("eligibilityCriteria"))
    items = split_eligibility(text)
    sex = text_of(elig.get("sex"))
    enrollment = mapping_of(design.get("enrollmentInfo")).get("count")
    return StudyRecord(
        nct_id=nct,
        brief_title=text_of(ident.get("briefTitle")),
        official_title=text_of(ident.get("officialTitle")),
        status=status_of(raw),
        phases=texts_of(design.get("phases")),
        study_type=text_of(design.get("studyType")),
        conditions=texts_of(mapping_of(ps.get("conditionsModule")).get("conditions")),
        interventions=tuple(
            Intervention(text_of(mapping_of(i).get("type")), name)
            for i in list_of(arms.get("interventions"))
            if (name := text_of(mapping_of(i).get("name")))
        ),
        sponsor=text_of(sponsor.get("name")),
        min_age_years=parse_age_years(elig.get("minimumAge")),
        max_age_years=parse_age_years(elig.get("maximumAge")),
        min_age_text=text_of(elig.get("minimumAge")),
        max_age_text=text_of(elig.get("maximumAge")),
        sex=sex.upper() if sex and sex.upper() in ("ALL", "FEMALE", "MALE") else None,
        healthy_volunteers=flag_of(elig.get("healthyVolunteers")),
        eligibility_text=text,
        inclusion=items.inclusion,
        exclusion=items.exclusion,
        unlabelled=items.unlabelled,
        sites=tuple(_site(loc) for loc in list_of(contacts.get("locations")) if mapping_of(loc)),
        central_contacts=_contacts(contacts.get("centralContacts")),
        start_date=date_of(status.get("startDateStruct")),
        completion_date=date_of(status.get("completionDateStruct")),
        last_update=date_of(status.get("lastUpdatePostDateStruct")),
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
    loc = mapping_of(raw)
    geo = mapping_of(loc.get("geoPoint"))
    return Site(
        facility=text_of(loc.get("facility")),
        status=text_of(loc.get("status")),
        city=text_of(loc.get("city")),
        state=text_of(loc.get("state")),
        country=text_of(loc.get("country")),
        lat=number_within(geo.get("lat"), 90.0),
        lon=number_within(geo.get("lon"), 180.0),
        zip=text_of(loc.get("zip")),
        contacts=_contacts(loc.get("contacts")),
    )


def _contacts(raw: object) -> tuple[Contact, ...]:
    return tuple(
        Contact(
            text_of(c.get("name")),
            text_of(c.get("role")),
            text_of(c.get("phone")),
            text_of(c.get("email")),
            text_of(c.get("phoneExt")),
        )
        for c in map(mapping_of, list_of(raw))
        if c
    )


__all__ = [
    "ENROLLING_STATUSES",
    "READS",
    "UNKNOWN_ENROLLMENT",
    "Contact",
    "Intervention",
    "Provenance",
    "Site",
    "StudyRecord",
    "nct_id_of",
    "normalise",
    "parse_age_years",
    "status_of",
]
