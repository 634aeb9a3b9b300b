"""The bundled snapshot as built from shared data: whole, honest about its provenance."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screener.registry.records import normalise
from screener.registry.snapshot import SNAPSHOT_PATH, load_snapshot
from screener.registry.snapshot_build import build_snapshot


def test_bundled_snapshot_matches_a_fresh_build(shared_data: Path) -> None:
    """The committed snapshot is exactly what the build script makes from shared data."""
    committed = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
    built = build_snapshot(shared_data, built=date.fromisoformat(committed["snapshot"]["built"]))
    assert committed == json.loads(json.dumps(built))


def test_snapshot_holds_every_shared_study(shared_data: Path) -> None:
    """All 453 registry studies, the 104 eligibility texts and the 2 v2 records are present."""
    snap = load_snapshot()
    ids = {s["protocolSection"]["identificationModule"]["nctId"] for s in snap.studies}
    for name in (
        "als-registry/als-trials-2026.jsonl",
        "als-eligibility/als-eligibility.jsonl",
        "ctgov/als-studies.v2.jsonl",
    ):
        for line in (shared_data / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            nct = row.get("nctId") or row["protocolSection"]["identificationModule"]["nctId"]
            assert nct in ids, f"{nct} from {name} is missing"


def test_cut_eligibility_text_keeps_its_flag(shared_data: Path) -> None:
    """A study whose copied criteria are cut short says so in its record."""
    text = (shared_data / "als-eligibility/als-eligibility.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(x) for x in text.splitlines()]
    cut = next(r["nctId"] for r in rows if not r["complete"])
    record = next(
        normalise(s)
        for s in load_snapshot().studies
        if s["protocolSection"]["identificationModule"]["nctId"] == cut
    )
    assert record.criteria_complete is False


def _records() -> dict[str, object]:
    return {
        s["protocolSection"]["identificationModule"]["nctId"]: normalise(s)
        for s in load_snapshot().studies
    }


def test_every_registry_study_has_its_last_update_and_conditions(shared_data: Path) -> None:
    """All 453 registry studies carry the extras' last-update date and condition list."""
    records = _records()
    extra_file = shared_data / "als-registry/registry-extra-2026.jsonl"
    extras = [json.loads(line) for line in extra_file.read_text().splitlines()]
    registry = {
        json.loads(line)["nctId"]
        for line in (shared_data / "als-registry/als-trials-2026.jsonl").read_text().splitlines()
    }
    exported = {"NCT03840928", "NCT06583395"}  # whole v2 records keep their own values
    checked = 0
    for extra in extras:
        if extra["nctId"] not in registry or extra["nctId"] in exported:
            continue
        record = records[extra["nctId"]]
        assert record.last_update == extra["lastUpdatePostDate"]  # type: ignore[attr-defined]
        assert list(record.conditions) == extra["conditions"]  # type: ignore[attr-defined]
        checked += 1
    assert checked >= 451


def test_copied_sites_are_placed_by_city_or_left_unplaced(shared_data: Path) -> None:
    """Copied sites join their studies; known cities get coordinates, others none.

    NCT06903286 (3 Australian sites) is not among the snapshot's studies, so it has no record.
    """
    records = _records()
    sites = [
        json.loads(line)
        for line in (shared_data / "als-registry/sites-2026.jsonl").read_text().splitlines()
    ]
    assert len(sites) == 14
    boston = next(
        s
        for s in records["NCT00912041"].sites  # type: ignore[attr-defined]
        if s.city == "Boston"
    )
    assert boston.lat == pytest.approx(42.36, abs=0.05)
    assert boston.lon == pytest.approx(-71.06, abs=0.05)
    stanford = next(
        s
        for s in records["NCT05724173"].sites  # type: ignore[attr-defined]
        if s.city == "Stanford"
    )
    assert stanford.lat is None  # not in the offline city index: distance unknown, not guessed
    kept = [s for s in sites if s["nctId"] in records]
    assert {s["nctId"] for s in sites} - {s["nctId"] for s in kept} == {"NCT06903286"}
    in_records = [
        site
        for nct in {s["nctId"] for s in kept}
        for site in records[nct].sites  # type: ignore[attr-defined]
    ]
    assert len(in_records) == len(kept)
    assert sum(1 for site in in_records if site.lat is not None) == 9
