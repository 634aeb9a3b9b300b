"""The bundled offline snapshot: built from the project's shared data, loaded by the app.

The snapshot is one JSON file shaped like an API page (``{"snapshot": {...}, "studies": [...]}``)
so every reader of ``--studies`` files can read it too. Each study is a ClinicalTrials.gov v2
object holding only the modules the source data supports, plus a ``provenance`` object.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from screener.errors import SnapshotError, UnreadableJSON
from screener.inputs.untrusted import parse_json

SNAPSHOT_PATH = Path(__file__).resolve().parents[1] / "data" / "snapshot.json"
SNAPSHOT_FORMAT = 1
SNAPSHOT_ENV = "SCREENER_SNAPSHOT"

REGISTRY_SOURCE = (
    "ALS registry listing (DY-bucm/als-research-site, commit da6a80d, 2026-08-21): "
    "ClinicalTrials.gov facts without eligibility text"
)
ELIGIBILITY_SOURCE = "Eligibility text transcribed from public copies of ClinicalTrials.gov records"
EXPORT_SOURCE = "ClinicalTrials.gov website JSON export (unl-stat351 repository, 2025-10-07)"
EXTRA_SOURCE = (
    "ALS registry listing extras (same commit): last-update dates, condition lists, study types"
)
SITES_SOURCE = "Study sites copied from public pages that reproduce the registry's site list"

LIMITS: tuple[str, ...] = (
    "Study statuses are as listed between June and August 2026; they may have changed since.",
    "Eligibility text is known for only some studies, and for some of those it is cut short.",
    "Offline, site locations are known for only 7 studies (the 2 whole records, and 11 copied "
    "sites of 5 studies placed by their city where the offline city index knows it); for "
    "every other study the distance is unknown.",
)

_STATUS_WORDS = {
    "recruiting": "RECRUITING",
    "not yet recruiting": "NOT_YET_RECRUITING",
    "active, not recruiting": "ACTIVE_NOT_RECRUITING",
    "completed": "COMPLETED",
    "terminated": "TERMINATED",
    "unknown status": "UNKNOWN",
}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A loaded snapshot: its metadata and its raw v2 study objects."""

    meta: Mapping[str, Any]
    studies: list[dict[str, Any]]

    @property
    def retrieved(self) -> str:
        """The date the data describes (the newest listing date)."""
        return str(self.meta.get("retrieved") or "unknown")

    @property
    def kind(self) -> str:
        """ "bundled" (built from the shared data) or "refreshed" (written by ``refresh``)."""
        return str(self.meta.get("kind") or "unknown")


def refreshed_snapshot_path() -> Path:
    """Where ``refresh`` writes and the app looks for a refreshed snapshot.

    ``$SCREENER_SNAPSHOT`` if set, else ``$XDG_CACHE_HOME/als-prescreener/snapshot.json``
    (``~/.cache/...``). Never the bundled file: that one is pinned to the shared data, may sit
    in a read-only install, and stays as the fallback when a refreshed file is unreadable.
    """
    override = os.environ.get(SNAPSHOT_ENV)
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "als-prescreener" / "snapshot.json"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(parse_json(line))
            except UnreadableJSON as exc:
                raise SnapshotError(f"{path}, line {number}: {exc.reason}") from None
    return rows


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


def _registry_modules(row: Mapping[str, Any]) -> dict[str, Any]:
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


def _eligibility_module(row: Mapping[str, Any]) -> dict[str, Any]:
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


def _add_extra(modules: dict[str, Any], extra: Mapping[str, Any] | None) -> None:
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


def _locations(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
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


def build_snapshot(data_dir: Path, built: date | None = None) -> dict[str, Any]:
    """Build the snapshot document from ``shared/data`` (registry, eligibility, v2 records)."""
    registry = _read_jsonl(data_dir / "als-registry" / "als-trials-2026.jsonl")
    extras = {
        r["nctId"]: r for r in _read_jsonl(data_dir / "als-registry" / "registry-extra-2026.jsonl")
    }
    sites: dict[str, list[dict[str, Any]]] = {}
    for row in _read_jsonl(data_dir / "als-registry" / "sites-2026.jsonl"):
        sites.setdefault(row["nctId"], []).append(row)
    eligibility = {
        r["nctId"]: r for r in _read_jsonl(data_dir / "als-eligibility" / "als-eligibility.jsonl")
    }
    exports = _read_jsonl(data_dir / "ctgov" / "als-studies.v2.jsonl")
    studies: dict[str, dict[str, Any]] = {}
    for row in registry:
        modules = _registry_modules(row)
        sources = [f"{REGISTRY_SOURCE}; listing {row.get('listingUpdatedAt')}"]
        notes = [f"Status as listed on {row.get('listingUpdatedAt')}."]
        extra = extras.get(row["nctId"])
        _add_extra(modules, extra)
        if extra:
            sources.append(f"{EXTRA_SOURCE}; listing {extra.get('listingUpdatedAt')}")
            if extra.get("studyTypeSource"):
                sources.append(f"Study type from {extra['studyTypeSource']}")
        if row["nctId"] in sites:
            copied = sites[row["nctId"]]
            modules["contactsLocationsModule"] = {"locations": _locations(copied)}
            sources.append(f"{SITES_SOURCE}: {copied[0].get('source')}")
            notes.append("Sites as copied from a public page; each is placed by its city.")
        complete: bool | None = None
        page = eligibility.get(row["nctId"])
        if page:
            modules["eligibilityModule"] = _eligibility_module(page)
            sources.append(f"{ELIGIBILITY_SOURCE}: {page.get('url')}")
            complete = bool(page.get("complete"))
            if not complete:
                notes.append(
                    "Eligibility text is cut short in the copy we have; read the full record."
                )
        else:
            notes.append("No eligibility text offline; read the full record.")
        studies[row["nctId"]] = {
            "protocolSection": modules,
            "provenance": {
                "source": "snapshot:als-registry",
                "retrieved": row.get("listingUpdatedAt"),
                "criteriaComplete": complete,
                "sources": sources,
                "notes": notes,
            },
        }
    for nct, page in eligibility.items():
        if nct in studies:
            continue
        shown = str(page.get("statusOnPage") or "").strip()
        notes = ["Not in the 2026 registry listing: its current status is unknown here."]
        if shown:
            notes.append(f"An older copy showed the status '{shown}'.")
        if not page.get("complete"):
            notes.append("Eligibility text is cut short in the copy we have; read the full record.")
        section: dict[str, Any] = {
            "identificationModule": {"nctId": nct, "briefTitle": page.get("title")},
            "eligibilityModule": _eligibility_module(page),
        }
        page_sources = [f"{ELIGIBILITY_SOURCE}: {page.get('url')}"]
        if nct in extras:
            _add_extra(section, extras[nct])
            page_sources.append(f"{EXTRA_SOURCE}; listing {extras[nct].get('listingUpdatedAt')}")
        studies[nct] = {
            "protocolSection": section,
            "provenance": {
                "source": "snapshot:als-eligibility",
                "retrieved": None,
                "criteriaComplete": bool(page.get("complete")),
                "sources": page_sources,
                "notes": notes,
            },
        }
    for raw in exports:
        nct = raw["protocolSection"]["identificationModule"]["nctId"]
        update = raw["protocolSection"].get("statusModule", {}).get("lastUpdatePostDateStruct", {})
        studies[nct] = {
            **raw,
            "provenance": {
                "source": "snapshot:ctgov-export",
                "retrieved": update.get("date"),
                "criteriaComplete": True,
                "sources": [EXPORT_SOURCE],
                "notes": ["A whole ClinicalTrials.gov record, as last updated on the date shown."],
            },
        }
    listed = sorted(str(r.get("listingUpdatedAt")) for r in registry if r.get("listingUpdatedAt"))
    ordered = [studies[k] for k in sorted(studies)]
    return {
        "snapshot": {
            "format": SNAPSHOT_FORMAT,
            "kind": "bundled",
            "built": (built or date.today()).isoformat(),
            "retrieved": listed[-1] if listed else None,
            "statuses_listed_between": [listed[0], listed[-1]] if listed else None,
            "studies": len(ordered),
            "with_eligibility_text": sum(
                1 for s in ordered if "eligibilityModule" in s["protocolSection"]
            ),
            "sources": [
                REGISTRY_SOURCE,
                EXTRA_SOURCE,
                SITES_SOURCE,
                ELIGIBILITY_SOURCE,
                EXPORT_SOURCE,
            ],
            "limits": list(LIMITS),
        },
        "studies": ordered,
    }


def live_snapshot(studies: Iterable[Mapping[str, Any]], retrieved: str) -> dict[str, Any]:
    """A snapshot document made from a live fetch (what ``refresh`` writes)."""
    rows = [
        {
            **dict(s),
            "provenance": {
                "source": "live:clinicaltrials.gov",
                "retrieved": retrieved,
                "criteriaComplete": True,
                "sources": ["ClinicalTrials.gov API v2"],
                "notes": [],
            },
        }
        for s in studies
    ]
    return {
        "snapshot": {
            "format": SNAPSHOT_FORMAT,
            "kind": "refreshed",
            "built": retrieved,
            "retrieved": retrieved,
            "studies": len(rows),
            "sources": ["ClinicalTrials.gov API v2"],
            "limits": ["Statuses and criteria as of the retrieval date; the study team decides."],
        },
        "studies": rows,
    }


def write_snapshot(document: Mapping[str, Any], path: Path = SNAPSHOT_PATH) -> None:
    """Write a snapshot atomically: the old file stays whole until the new one is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".snapshot-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
            handle.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_snapshot(path: Path = SNAPSHOT_PATH) -> Snapshot:
    """Load and sanity-check a snapshot file; raises SnapshotError if missing or corrupted."""
    try:
        document = parse_json(path.read_bytes())
    except FileNotFoundError as exc:
        raise SnapshotError(f"{path}: the snapshot file is missing") from exc
    except UnreadableJSON as exc:
        raise SnapshotError(f"{path}: the snapshot is corrupted ({exc})") from None
    except OSError as exc:
        raise SnapshotError(f"{path}: the snapshot cannot be read ({exc.strerror})") from exc
    if not isinstance(document, dict):
        raise SnapshotError(f"{path}: the snapshot is not a JSON object")
    meta, studies = document.get("snapshot"), document.get("studies")
    if not isinstance(meta, dict) or not isinstance(studies, list):
        raise SnapshotError(f"{path}: the snapshot lacks its 'snapshot' or 'studies' part")
    return Snapshot(meta=meta, studies=[s for s in studies if isinstance(s, dict)])
