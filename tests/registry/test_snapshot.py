"""The snapshot file: written atomically, loaded whole or refused with a named error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.errors import SnapshotError
from screener.registry.snapshot import (
    SNAPSHOT_PATH,
    live_snapshot,
    load_snapshot,
    refreshed_snapshot_path,
    write_snapshot,
)


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
