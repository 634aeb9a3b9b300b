"""The bundled snapshot: built from shared data, loadable, and honest about its provenance."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screener.errors import SnapshotError
from screener.registry.records import normalise
from screener.registry.snapshot import (
    SNAPSHOT_PATH,
    build_snapshot,
    live_snapshot,
    load_snapshot,
    refreshed_snapshot_path,
    write_snapshot,
)


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


def test_corrupted_snapshot_raises_a_named_error(tmp_path: Path) -> None:
    """A truncated snapshot file gives SnapshotError naming the file, not a crash."""
    bad = tmp_path / "snapshot.json"
    bad.write_text('{"snapshot": {"format": 1}, "studies": [', encoding="utf-8")
    with pytest.raises(SnapshotError, match="snapshot.json"):
        load_snapshot(bad)


def test_write_is_atomic_and_keeps_old_file_on_failure(tmp_path: Path) -> None:
    """A write that fails half-way leaves the previous snapshot untouched."""
    target = tmp_path / "snapshot.json"
    write_snapshot({"snapshot": {"n": 1}, "studies": []}, target)
    before = target.read_text(encoding="utf-8")
    with pytest.raises(TypeError):
        write_snapshot({"snapshot": {"n": 2}, "studies": [object()]}, target)
    assert target.read_text(encoding="utf-8") == before
    assert list(tmp_path.iterdir()) == [target]


def test_refreshed_path_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """$SCREENER_SNAPSHOT wins; else the XDG cache; never the bundled package file."""
    monkeypatch.setenv("SCREENER_SNAPSHOT", str(tmp_path / "mine.json"))
    assert refreshed_snapshot_path() == tmp_path / "mine.json"
    monkeypatch.delenv("SCREENER_SNAPSHOT")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert refreshed_snapshot_path() == tmp_path / "cache" / "als-prescreener" / "snapshot.json"
    assert refreshed_snapshot_path() != SNAPSHOT_PATH


def test_live_snapshot_round_trips_with_its_kind_and_date(
    tmp_path: Path, shared_data: Path
) -> None:
    """A refreshed snapshot is written, read back whole, and says it is refreshed and when."""
    studies = [
        json.loads(line)
        for line in (shared_data / "ctgov/als-studies.v2.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    target = tmp_path / "refreshed.json"
    write_snapshot(live_snapshot(studies, "2026-11-26"), target)
    snap = load_snapshot(target)
    assert snap.kind == "refreshed" and snap.retrieved == "2026-11-26"
    assert [s["protocolSection"] for s in snap.studies] == [s["protocolSection"] for s in studies]
    assert all(s["provenance"]["retrieved"] == "2026-11-26" for s in snap.studies)


@pytest.mark.parametrize(
    "content",
    [b"", b"[]", b'{"snapshot": [], "studies": []}', b'{"snapshot": {}}', b"\x89PNG\r\n"],
)
def test_wrong_snapshot_shapes_raise_snapshot_error(tmp_path: Path, content: bytes) -> None:
    """Empty, non-object, part-missing or binary files all give SnapshotError, never a crash."""
    bad = tmp_path / "snapshot.json"
    bad.write_bytes(content)
    with pytest.raises(SnapshotError):
        load_snapshot(bad)


def test_missing_snapshot_raises_snapshot_error(tmp_path: Path) -> None:
    """A snapshot path with no file says the file is missing."""
    with pytest.raises(SnapshotError, match="missing"):
        load_snapshot(tmp_path / "nowhere.json")


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
