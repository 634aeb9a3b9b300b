"""Where the studies come from: file, live, or snapshot, with the fallback always said aloud."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import responses

from screener.errors import CTGovUnavailable, SnapshotError, StudyFileError
from screener.registry.snapshot import SNAPSHOT_PATH, live_snapshot, load_snapshot, write_snapshot
from screener.registry.source import from_snapshot, load_studies, read_study_file

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"
BASE = "https://ctgov.test/api/v2"


def all_export_studies() -> list[dict[str, Any]]:
    """The 120 studies of the three real trimmed export pages."""
    return [s for n in (1, 2, 3) for s in fixture_studies(f"export-page-{n}.json")]


def fixture_studies(name: str = "export-page-1.json") -> list[dict[str, Any]]:
    """The studies of one real trimmed page."""
    data: list[dict[str, Any]] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))[
        "studies"
    ]
    return data


@pytest.fixture(autouse=True)
def refreshed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A refreshed-snapshot path that does not exist yet, and a fake API host."""
    path = tmp_path / "cache" / "snapshot.json"
    monkeypatch.setenv("SCREENER_SNAPSHOT", str(path))
    monkeypatch.setenv("CTGOV_API_URL", BASE)
    monkeypatch.delenv("SCREENER_OFFLINE", raising=False)
    return path


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """A responses mock that fails on any unexpected request."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def bundled_count() -> int:
    """How many studies the bundled snapshot holds."""
    return len(load_snapshot().studies)


def test_offline_uses_the_bundled_snapshot_with_its_limits() -> None:
    """--offline reads the bundled snapshot and carries its date and limits."""
    source = load_studies(offline=True)
    assert source.source == "snapshot"
    assert source.snapshot_kind == "bundled"
    assert len(source.records) == bundled_count()
    assert source.retrieved == load_snapshot().meta["retrieved"]
    assert any("site locations" in limit for limit in source.limits)
    assert source.notice is None
    header = source.header()
    assert header["source"] == "snapshot" and header["studies"] == len(source.records)
    assert header["snapshot_kind"] == "bundled"


def test_503_storm_falls_back_to_the_snapshot_with_a_notice(
    mock: responses.RequestsMock,
) -> None:
    """When the real client gives up on 503s, the snapshot is shown and the notice says why."""
    mock.add(responses.GET, f"{BASE}/studies", status=503)
    source = load_studies()
    assert source.source == "snapshot"
    assert len(source.records) == bundled_count()
    assert source.notice is not None
    assert "ClinicalTrials.gov could not be reached" in source.notice
    assert "HTTP 503" in source.notice
    assert source.header()["notice"] == source.notice


def test_live_success_is_marked_live(mock: responses.RequestsMock) -> None:
    """A whole live answer is used as is and marked live."""
    mock.add(responses.GET, f"{BASE}/studies", json={"studies": all_export_studies()})
    source = load_studies()
    assert source.source == "live"
    assert len(source.records) == 120
    assert source.notice is None


def test_empty_live_answer_falls_back(mock: responses.RequestsMock) -> None:
    """An answer with no studies is not trusted: the snapshot is shown with a notice."""
    mock.add(responses.GET, f"{BASE}/studies", json={"studies": []})
    source = load_studies()
    assert source.source == "snapshot"
    assert source.notice is not None and "holds no studies" in source.notice


def test_live_record_without_id_is_skipped_with_a_warning() -> None:
    """One broken record in a live answer is skipped and named; the rest are kept."""
    raws = [*all_export_studies(), {"protocolSection": {}}]
    source = load_studies(fetch_live=lambda: raws)
    assert source.source == "live"
    assert [r.nct_id for r in source.records] == [
        s["protocolSection"]["identificationModule"]["nctId"] for s in raws[:-1]
    ]
    assert len(source.skipped) == 1 and "study 121" in source.skipped[0]


def test_injected_fetcher_failure_falls_back() -> None:
    """Any CTGovUnavailable from the fetcher means the snapshot, never a crash."""

    def down() -> list[dict[str, Any]]:
        raise CTGovUnavailable("timed out")

    source = load_studies(fetch_live=down)
    assert source.source == "snapshot"
    assert source.notice is not None and "timed out" in source.notice


def test_refreshed_snapshot_is_preferred_over_the_bundled_one(refreshed: Path) -> None:
    """After a refresh the offline source is the refreshed snapshot, with its date."""
    write_snapshot(live_snapshot(fixture_studies(), "2026-11-20"), refreshed)
    source = load_studies(offline=True)
    assert source.snapshot_kind == "refreshed"
    assert source.retrieved == "2026-11-20"
    assert len(source.records) == 40
    assert source.records[0].provenance.retrieved == "2026-11-20"


def test_refreshed_snapshot_is_the_fallback_after_a_live_failure(refreshed: Path) -> None:
    """A live failure falls back to the newer refreshed snapshot, not the bundled one."""
    write_snapshot(live_snapshot(fixture_studies(), "2026-11-20"), refreshed)

    def down() -> list[dict[str, Any]]:
        raise CTGovUnavailable("HTTP 503")

    source = load_studies(fetch_live=down)
    assert source.snapshot_kind == "refreshed"
    assert source.notice is not None and "HTTP 503" in source.notice


def test_corrupted_refreshed_snapshot_falls_back_to_the_bundled_one(refreshed: Path) -> None:
    """A truncated refreshed snapshot is passed over with a notice naming it."""
    refreshed.parent.mkdir(parents=True)
    refreshed.write_text('{"snapshot": {"kind": "refreshed"}, "studies": [', encoding="utf-8")
    source = load_studies(offline=True)
    assert source.snapshot_kind == "bundled"
    assert len(source.records) == bundled_count()
    assert source.notice is not None and str(refreshed) in source.notice


def test_corrupted_named_snapshot_raises_snapshot_error(tmp_path: Path) -> None:
    """A snapshot named explicitly that is corrupted raises SnapshotError naming the file."""
    bad = tmp_path / "snap.json"
    bad.write_bytes(b"\xff\xfe not json")
    with pytest.raises(SnapshotError, match="snap.json"):
        from_snapshot(bad)


def test_enrolling_keeps_the_provenance() -> None:
    """Filtering to enrolling studies keeps the source, date, limits and kind."""
    source = load_studies(offline=True)
    enrolling = source.enrolling()
    assert 0 < len(enrolling.records) < len(source.records)
    assert all(r.is_enrolling for r in enrolling.records)
    assert enrolling.header() | {"studies": 0} == source.header() | {"studies": 0}


def test_to_screen_is_the_enrolling_studies_of_the_snapshot_and_a_file_whole() -> None:
    """What every screen takes: enrolling studies, except that a --studies file is taken whole."""
    snapshot = load_studies(offline=True)
    assert snapshot.to_screen().records == snapshot.enrolling().records
    assert any(r.status == "AVAILABLE" for r in snapshot.records)
    assert not any(r.status == "AVAILABLE" for r in snapshot.to_screen().records)
    file = replace(snapshot, source="file")
    assert file.to_screen().records == snapshot.records


@pytest.mark.parametrize("shape", ["lines", "array", "page", "single"])
def test_study_files_in_every_accepted_shape(tmp_path: Path, shape: str) -> None:
    """JSON Lines, a JSON array, an API page and a single object all read the same studies."""
    studies = fixture_studies("cyanheads-2025-06-17T11-16-37.json")
    path = tmp_path / "studies.json"
    text = {
        "lines": "\n".join(json.dumps(s) for s in studies),
        "array": json.dumps(studies),
        "page": json.dumps({"studies": studies, "nextPageToken": "NF0g5JCG"}),
        "single": json.dumps(studies[0]),
    }[shape]
    path.write_text(text, encoding="utf-8")
    expected = studies[:1] if shape == "single" else studies
    assert read_study_file(path) == expected
    source = load_studies(studies_file=path)
    assert source.source == "file"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"protocolSection": {}}\n{"protocolSection": ', "line 2"),
        ('{"studies": 3}', "expected JSON Lines"),
        ("[1, 2]", "study 1"),
        ('[{"protocolSection": {}}]', "no study with a valid NCT id"),
    ],
)
def test_bad_study_files_name_the_fault(tmp_path: Path, text: str, message: str) -> None:
    """A bad --studies file raises StudyFileError naming the file and the place."""
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StudyFileError, match=message):
        load_studies(studies_file=path)


@pytest.mark.parametrize("kind", ["folder", "dangling-link", "no-usable-study"])
def test_unusable_refreshed_snapshot_means_the_bundled_one_with_a_notice(
    refreshed: Path, kind: str
) -> None:
    """SCREENER_SNAPSHOT a folder, a dangling link or valid JSON with 0 usable studies."""
    refreshed.parent.mkdir(parents=True)
    if kind == "folder":
        refreshed.mkdir()
        why = "is a folder"
    elif kind == "dangling-link":
        refreshed.symlink_to(refreshed.parent / "gone.json")
        why = "link to a file that does not exist"
    else:
        write_snapshot(live_snapshot([{"protocolSection": {}}, {"x": 1}], "2026-11-20"), refreshed)
        why = "holds no usable study"
    source = load_studies(offline=True)
    assert source.snapshot_kind == "bundled"
    assert len(source.records) == bundled_count()
    assert source.notice is not None and why in source.notice
    assert source.notice.count("showing the bundled one") == 1


def test_a_missing_refreshed_snapshot_is_no_news(refreshed: Path) -> None:
    """No refresh done yet: the bundled snapshot, and nothing to warn about."""
    assert not refreshed.exists()
    assert load_studies(offline=True).notice is None


def test_enrolling_only_is_the_enrolling_part_of_the_whole_source() -> None:
    """Screens skip normalising studies they never screen; what they get is unchanged."""
    whole = from_snapshot()
    quick = from_snapshot(enrolling_only=True)
    assert quick == whole.enrolling()
    assert 0 < len(quick.records) < len(whole.records)
    assert load_studies(offline=True, enrolling_only=True) == quick


def test_enrolling_only_still_reports_what_it_skips(tmp_path: Path) -> None:
    """A record without an id and a duplicate are named whatever their status."""
    snapshot = load_snapshot(SNAPSHOT_PATH)
    first = snapshot.studies[0]
    studies = [{"protocolSection": {}}, first, first, *snapshot.studies[1:40]]
    path = tmp_path / "snapshot.json"
    write_snapshot(live_snapshot(studies, "2026-11-30"), path)
    whole, quick = from_snapshot(path), from_snapshot(path, enrolling_only=True)
    assert quick.skipped == whole.skipped and len(whole.skipped) == 2
    assert quick.records == whole.enrolling().records
