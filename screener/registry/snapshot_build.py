"""Building the bundled snapshot from the project's shared data (``build-snapshot``).

Four sources meet here: the 2026 registry listing (statuses, dates, sponsors; no criteria),
its extras (last-update dates, conditions, study types), eligibility text copied from public
pages (some of it cut short) and two whole ClinicalTrials.gov v2 records. Each study becomes
a v2 object with only the modules its sources support, and a ``provenance`` object naming
those sources and what they leave out. ``snapshot`` writes and loads the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from screener.errors import SnapshotError, UnreadableJSON
from screener.inputs.untrusted import parse_json
from screener.registry.snapshot import SNAPSHOT_FORMAT
from screener.registry.v2_modules import add_extra, eligibility_module, locations, registry_modules

__all__ = [
    "REGISTRY_SOURCE",
    "ELIGIBILITY_SOURCE",
    "EXPORT_SOURCE",
    "EXTRA_SOURCE",
    "SITES_SOURCE",
    "LIMITS",
    "CUT_SHORT",
    "SharedData",
    "read_shared_data",
    "build_snapshot",
]

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


CUT_SHORT = "Eligibility text is cut short in the copy we have; read the full record."


@dataclass(frozen=True, slots=True)
class SharedData:
    """The shared data files, read and keyed by NCT id where one study has one row."""

    registry: list[dict[str, Any]]
    extras: dict[str, dict[str, Any]]
    sites: dict[str, list[dict[str, Any]]]
    eligibility: dict[str, dict[str, Any]]
    exports: list[dict[str, Any]]


def read_shared_data(data_dir: Path) -> SharedData:
    """Read every file the snapshot is built from; raises SnapshotError naming a bad line."""
    sites: dict[str, list[dict[str, Any]]] = {}
    for row in _read_jsonl(data_dir / "als-registry" / "sites-2026.jsonl"):
        sites.setdefault(row["nctId"], []).append(row)
    return SharedData(
        registry=_read_jsonl(data_dir / "als-registry" / "als-trials-2026.jsonl"),
        extras=_by_id(_read_jsonl(data_dir / "als-registry" / "registry-extra-2026.jsonl")),
        sites=sites,
        eligibility=_by_id(_read_jsonl(data_dir / "als-eligibility" / "als-eligibility.jsonl")),
        exports=_read_jsonl(data_dir / "ctgov" / "als-studies.v2.jsonl"),
    )


def _by_id(rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["nctId"]: r for r in rows}


def _registry_study(row: Mapping[str, Any], data: SharedData) -> dict[str, Any]:
    """A study of the registry listing, with its extras, copied sites and eligibility text."""
    nct = row["nctId"]
    modules = registry_modules(row)
    sources = [f"{REGISTRY_SOURCE}; listing {row.get('listingUpdatedAt')}"]
    notes = [f"Status as listed on {row.get('listingUpdatedAt')}."]
    extra = data.extras.get(nct)
    add_extra(modules, extra)
    if extra:
        sources.append(f"{EXTRA_SOURCE}; listing {extra.get('listingUpdatedAt')}")
        if extra.get("studyTypeSource"):
            sources.append(f"Study type from {extra['studyTypeSource']}")
    if nct in data.sites:
        copied = data.sites[nct]
        modules["contactsLocationsModule"] = {"locations": locations(copied)}
        sources.append(f"{SITES_SOURCE}: {copied[0].get('source')}")
        notes.append("Sites as copied from a public page; each is placed by its city.")
    complete: bool | None = None
    page = data.eligibility.get(nct)
    if page:
        modules["eligibilityModule"] = eligibility_module(page)
        sources.append(f"{ELIGIBILITY_SOURCE}: {page.get('url')}")
        complete = bool(page.get("complete"))
        if not complete:
            notes.append(CUT_SHORT)
    else:
        notes.append("No eligibility text offline; read the full record.")
    return _study(
        modules, "snapshot:als-registry", row.get("listingUpdatedAt"), complete, sources, notes
    )


def _page_only_study(nct: str, page: Mapping[str, Any], data: SharedData) -> dict[str, Any]:
    """A study known only from a copied eligibility page (not in the 2026 listing)."""
    shown = str(page.get("statusOnPage") or "").strip()
    notes = ["Not in the 2026 registry listing: its current status is unknown here."]
    if shown:
        notes.append(f"An older copy showed the status '{shown}'.")
    if not page.get("complete"):
        notes.append(CUT_SHORT)
    section: dict[str, Any] = {
        "identificationModule": {"nctId": nct, "briefTitle": page.get("title")},
        "eligibilityModule": eligibility_module(page),
    }
    sources = [f"{ELIGIBILITY_SOURCE}: {page.get('url')}"]
    if nct in data.extras:
        add_extra(section, data.extras[nct])
        sources.append(f"{EXTRA_SOURCE}; listing {data.extras[nct].get('listingUpdatedAt')}")
    complete = bool(page.get("complete"))
    return _study(section, "snapshot:als-eligibility", None, complete, sources, notes)


def _export_study(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A whole v2 record, kept as it is, dated by its last update."""
    update = raw["protocolSection"].get("statusModule", {}).get("lastUpdatePostDateStruct", {})
    return {
        **raw,
        "provenance": {
            "source": "snapshot:ctgov-export",
            "retrieved": update.get("date"),
            "criteriaComplete": True,
            "sources": [EXPORT_SOURCE],
            "notes": ["A whole ClinicalTrials.gov record, as last updated on the date shown."],
        },
    }


def _study(
    section: dict[str, Any],
    source: str,
    retrieved: object,
    complete: bool | None,
    sources: list[str],
    notes: list[str],
) -> dict[str, Any]:
    return {
        "protocolSection": section,
        "provenance": {
            "source": source,
            "retrieved": retrieved,
            "criteriaComplete": complete,
            "sources": sources,
            "notes": notes,
        },
    }


def _meta(
    registry: Iterable[Mapping[str, Any]], ordered: list[dict[str, Any]], built: date
) -> dict[str, Any]:
    """The snapshot's own facts: when built, which listing dates, sources and limits."""
    listed = sorted(str(r.get("listingUpdatedAt")) for r in registry if r.get("listingUpdatedAt"))
    return {
        "format": SNAPSHOT_FORMAT,
        "kind": "bundled",
        "built": built.isoformat(),
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
    }


def build_snapshot(data_dir: Path, built: date | None = None) -> dict[str, Any]:
    """Build the snapshot document from ``shared/data`` (registry, eligibility, v2 records).

    A whole v2 record wins over the listing's facts for the same study, and the listing over
    a copied page: each later source replaces the earlier one's study.
    """
    data = read_shared_data(data_dir)
    studies = {row["nctId"]: _registry_study(row, data) for row in data.registry}
    for nct, page in data.eligibility.items():
        if nct not in studies:
            studies[nct] = _page_only_study(nct, page, data)
    for raw in data.exports:
        studies[raw["protocolSection"]["identificationModule"]["nctId"]] = _export_study(raw)
    ordered = [studies[k] for k in sorted(studies)]
    return {"snapshot": _meta(data.registry, ordered, built or date.today()), "studies": ordered}
