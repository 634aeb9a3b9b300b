"""Rows of the project's shared data written as ClinicalTrials.gov v2 modules.

The shared files use their own field names and spellings ("Over 18 Years", "All", one
comma-joined phase string); the snapshot holds v2 objects so every reader of ``--studies``
files reads it too. Only what a row states becomes a module field: nothing is filled in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["registry_modules", "eligibility_module", "add_extra", "locations"]


def _age(text: object) -> str | None:
    """Registry-style age ("18 Years") from a page's value ("18", "Over 18 Years", "N/A")."""
    if not isinstance(text, str):
        return None
    value = text.strip().lower().removeprefix("over ").strip()
    if value.isdigit():
        return f"{value} Years"
    number, _, unit = value.partition(" ")
    if number.isdigit() and unit in ("years", "year", "months", "weeks", "days"):
        return f"{number} {unit.capitalize() if unit.endswith('s') else unit.capitalize() + 's'}"
    return None


def _sex(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    if value.startswith("all"):
        return "ALL"
    if value in ("female", "male"):
        return value.upper()
    return None


def registry_modules(row: Mapping[str, Any]) -> dict[str, Any]:
    modules: dict[str, Any] = {
        "identificationModule": {"nctId": row["nctId"], "briefTitle": row.get("briefTitle")},
        "statusModule": {"overallStatus": row.get("status") or None},
    }
    status = modules["statusModule"]
    if row.get("startDate"):
        status["startDateStruct"] = {"date": row["startDate"]}
    if row.get("completionDate"):
        status["completionDateStruct"] = {"date": row["completionDate"]}
    design: dict[str, Any] = {}
    phases = [p.strip() for p in str(row.get("phase") or "").split(",") if p.strip()]
    if phases:
        design["phases"] = phases
    if isinstance(row.get("enrollment"), int):
        design["enrollmentInfo"] = {"count": row["enrollment"]}
    if design:
        modules["designModule"] = design
    names = list(row.get("interventions") or [])
    types = list(row.get("interventionTypes") or [])
    if names:
        paired = len(types) == len(names)
        modules["armsInterventionsModule"] = {
            "interventions": [
                {"name": name, **({"type": types[i]} if paired else {})}
                for i, name in enumerate(names)
            ]
        }
    if row.get("sponsor"):
        modules["sponsorCollaboratorsModule"] = {"leadSponsor": {"name": row["sponsor"]}}
    outcomes = [o for o in row.get("primaryOutcomes") or [] if isinstance(o, str)]
    if outcomes:
        modules["outcomesModule"] = {"primaryOutcomes": [{"measure": o} for o in outcomes]}
    return modules


def eligibility_module(row: Mapping[str, Any]) -> dict[str, Any]:
    module: dict[str, Any] = {"eligibilityCriteria": row.get("criteria") or ""}
    for key, value in (
        ("minimumAge", _age(row.get("minimumAge"))),
        ("maximumAge", _age(row.get("maximumAge"))),
        ("sex", _sex(row.get("sex"))),
    ):
        if value:
            module[key] = value
    if isinstance(row.get("healthyVolunteers"), bool):
        module["healthyVolunteers"] = row["healthyVolunteers"]
    return module


def add_extra(modules: dict[str, Any], extra: Mapping[str, Any] | None) -> None:
    """Last-update date, conditions and (where a page showed it) study type, as v2 modules."""
    if not extra:
        return
    if extra.get("lastUpdatePostDate"):
        status = modules.setdefault("statusModule", {})
        status["lastUpdatePostDateStruct"] = {"date": extra["lastUpdatePostDate"]}
    conditions = [c for c in extra.get("conditions") or [] if isinstance(c, str)]
    if conditions:
        modules["conditionsModule"] = {"conditions": conditions}
    if extra.get("studyType"):
        modules.setdefault("designModule", {})["studyType"] = extra["studyType"]


def locations(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """v2 locations for copied sites, each placed offline by its city when the index knows it.

    The city index gives the city's centre, not the hospital: close enough for "within 300 km",
    and a city it does not know stays without coordinates (distance unknown), never guessed.
    """
    from screener.places.geocode import locate  # the city index is needed only when building

    found: list[dict[str, Any]] = []
    for row in rows:
        site: dict[str, Any] = {
            k: row[k] for k in ("facility", "city", "state", "country", "status") if row.get(k)
        }
        point = locate({"city": row.get("city"), "country": row.get("country")})
        if point is not None:
            site["geoPoint"] = {"lat": point[0], "lon": point[1]}
        found.append(site)
    return found
