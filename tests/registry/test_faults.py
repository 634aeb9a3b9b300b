"""Faults of the registry, the network or a file that must not silence the screener.

Each runs against a stand-in API on 127.0.0.1 (``tests/standin.py``): real sockets, real
threads, the whole stack from `python -m screener` down. A bad answer is never shown as
"live, 0 studies"; a worse answer never replaces a good snapshot; a slow server cannot hang.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from screener.errors import CTGovUnavailable
from screener.registry import client as ctgov
from screener.registry.snapshot import SNAPSHOT_PATH, live_snapshot, load_snapshot, write_snapshot
from screener.registry.source import load_studies
from tests.standin import Query, StandIn, drip, export_studies, hang, send, send_json, stand_in

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_ENROLLING = 109


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    """A stand-in API answering every page with all 120 real export studies."""
    with stand_in() as state:
        monkeypatch.setenv("CTGOV_API_URL", state.url)
        state.answer = lambda query, handler: send_json(
            handler, {"studies": export_studies(), "totalCount": 120}
        )
        yield state


@pytest.fixture(autouse=True)
def _live(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Live mode allowed, the refreshed snapshot in a temp dir, short deadlines."""
    monkeypatch.delenv("SCREENER_OFFLINE", raising=False)
    monkeypatch.setenv("SCREENER_SNAPSHOT", str(tmp_path / "refreshed.json"))
    monkeypatch.setenv("CTGOV_PAGE_DEADLINE", "3")
    monkeypatch.setenv("CTGOV_TOTAL_DEADLINE", "5")


def run(args: list[str], url: str) -> subprocess.CompletedProcess[str]:
    """`python -m screener ARGS` against the stand-in (environment as the test set it)."""
    return subprocess.run(
        [sys.executable, "-m", "screener", *args],
        cwd=ROOT,
        env={**os.environ, "CTGOV_API_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def answered(body: object) -> Any:
    """An answer function sending ``body`` (JSON) to every request."""
    return lambda query, handler: send_json(handler, body)


def worse(kind: str) -> dict[str, Any]:
    """A page of 120 real studies spoiled one way (what 'worse' means in the issue)."""
    studies = copy.deepcopy(export_studies())
    if kind == "few-readable":
        for study in studies[:20]:
            del study["protocolSection"]["identificationModule"]["nctId"]
    elif kind == "no-ids":
        studies = [{"study": s["protocolSection"]} for s in studies]
    elif kind == "too-few":
        studies = studies[:40]
    elif kind == "schema-drift":
        for study in studies:
            section = study["protocolSection"]
            section["eligibility"] = section.pop("eligibilityModule", {})
            section["status"] = section.pop("statusModule", {})
    return {"studies": studies}


WHY = {
    "few-readable": "only 100 of 120 records could be read",
    "no-ids": "no record in the answer has an NCT id or a protocolSection",
    "too-few": f"fewer than half of the {BUNDLED_ENROLLING} enrolling studies",
    "schema-drift": "lack statusModule, eligibilityModule",
}


@pytest.mark.parametrize("kind", list(WHY))
def test_refresh_refuses_a_worse_answer_and_keeps_the_file(
    api: StandIn, tmp_path: Path, kind: str
) -> None:
    """refresh exits 1, says why, and leaves a good snapshot byte-identical."""
    target = tmp_path / "refreshed.json"
    target.write_bytes(SNAPSHOT_PATH.read_bytes())
    before = target.read_bytes()
    api.answer = answered(worse(kind))
    done = run(["refresh"], api.url)
    assert done.returncode == 1, done.stdout
    assert "refresh failed, snapshot unchanged" in done.stderr
    assert WHY[kind] in done.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refreshed.json"]


def test_refresh_compares_with_the_snapshot_it_would_replace(api: StandIn, tmp_path: Path) -> None:
    """The 'half of the current' check counts the file being replaced, not the bundled one."""
    target = tmp_path / "refreshed.json"
    big = [copy.deepcopy(s) for s in export_studies() for _ in range(3)]
    for number, study in enumerate(big):
        study["protocolSection"]["identificationModule"]["nctId"] = f"NCT{number:08d}"
        study["protocolSection"]["statusModule"]["overallStatus"] = "RECRUITING"
    write_snapshot(live_snapshot(big, "2026-11-20"), target)
    before = target.read_bytes()
    done = run(["refresh"], api.url)  # 120 studies: fewer than half of 360
    assert done.returncode == 1
    assert "fewer than half of the 360 enrolling studies" in done.stderr
    assert target.read_bytes() == before


def test_refresh_accepts_a_good_answer(api: StandIn, tmp_path: Path) -> None:
    """A whole answer of 120 readable studies does replace the snapshot."""
    done = run(["refresh"], api.url)
    assert done.returncode == 0, done.stderr
    assert len(load_snapshot(tmp_path / "refreshed.json").studies) == 120


@pytest.mark.parametrize("kind", list(WHY))
def test_studies_falls_back_on_a_worse_live_answer(api: StandIn, kind: str) -> None:
    """`studies` shows the snapshot with a notice saying why, never 'live' with too little."""
    api.answer = answered(worse(kind))
    done = run(["studies", "--format", "json"], api.url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["data"]
    assert data["source"] == "snapshot"
    assert data["studies"] == len(load_snapshot().studies)
    assert WHY[kind] in data["notice"]
    assert "showing the offline snapshot" in data["notice"]


def test_screen_falls_back_on_an_empty_live_answer(api: StandIn, tmp_path: Path) -> None:
    """`screen` with a registry answering no studies screens the snapshot and says so."""
    api.answer = answered({"studies": [], "totalCount": 0})
    profile = tmp_path / "me.json"
    profile.write_text('{"age_years": 60}', encoding="utf-8")
    done = run(["screen", "--profile", str(profile), "--format", "json"], api.url)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["data"]["source"] == "snapshot"
    assert "holds no studies" in out["data"]["notice"]
    assert len(out["results"]) == BUNDLED_ENROLLING


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_dripping_server_cannot_hang_studies(api: StandIn, headers_too: bool) -> None:
    """A server sending a byte a second: `studies` gives up at the deadline and falls back."""
    body = json.dumps({"studies": export_studies()}).encode()
    api.answer = lambda query, handler: drip(handler, body, api.stop, headers_too)
    started = time.monotonic()
    done = run(["studies", "--format", "json"], api.url)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["data"]
    assert data["source"] == "snapshot"
    assert "too slow" in data["notice"] or "timed out" in data["notice"]
    # Deadline 5 s in all; the rest is starting Python and reading the snapshot.
    assert elapsed < 5 + 10


def test_default_deadlines_are_30_s_a_page_and_60_s_in_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without settings the walk is bounded at 30 s per page and 60 s in all."""
    monkeypatch.delenv("CTGOV_PAGE_DEADLINE")
    monkeypatch.delenv("CTGOV_TOTAL_DEADLINE")
    assert ctgov.deadlines() == (30.0, 60.0)
    monkeypatch.setenv("CTGOV_PAGE_DEADLINE", "soon")
    assert ctgov.deadlines() == (30.0, 60.0)


def test_a_read_timeout_is_reported_as_a_timeout(api: StandIn) -> None:
    """A server that accepts and never answers: the notice says timed out, not 'cannot connect'."""
    api.answer = lambda query, handler: hang(api.stop)
    with pytest.raises(CTGovUnavailable, match="timed out") as caught:
        ctgov.fetch_als_studies()
    assert "cannot connect" not in str(caught.value)


def test_a_400_answer_quotes_its_body_cut_to_200_characters(api: StandIn) -> None:
    """A 400 names the bad parameter in its body: the message quotes it, at most 200 chars."""
    reason = "unknown field name 'LocationZipp' in fields" + " (details)" * 50

    def bad_request(query: Query, handler: BaseHTTPRequestHandler) -> None:
        send(handler, 400, reason.encode(), "text/plain")

    api.answer = bad_request
    with pytest.raises(CTGovUnavailable) as caught:
        ctgov.fetch_als_studies()
    message = str(caught.value)
    assert "HTTP 400" in message and "unknown field name 'LocationZipp'" in message
    assert reason[:200] in message and reason[:201] not in message


def test_a_total_count_the_walk_falls_short_of_is_an_error(api: StandIn) -> None:
    """totalCount 200 but 120 studies sent: more than 1 % missing is refused, not warned."""
    api.answer = answered({"studies": export_studies(), "totalCount": 200})
    with pytest.raises(CTGovUnavailable, match="counted 200 studies but the pages held only 120"):
        ctgov.fetch_als_studies()


def test_a_total_count_within_1_percent_is_accepted(api: StandIn) -> None:
    """A study that changed status mid-walk (121 counted, 120 sent) is not an error."""
    api.answer = answered({"studies": export_studies(), "totalCount": 121})
    assert len(ctgov.fetch_als_studies()) == 120


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000 + b"]" * 100_000, b'{"studies": [], "totalCount": ' + b"9" * 5_000 + b"}"],
    ids=["deep", "huge-int"],
)
def test_a_hostile_live_answer_falls_back_with_a_notice(api: StandIn, body: bytes) -> None:
    """Deep JSON or a 5,000-digit integer from the registry: the snapshot, with a notice."""
    api.answer = lambda query, handler: send(handler, 200, body)
    source = load_studies()
    assert source.source == "snapshot"
    assert source.notice is not None and "not whole JSON" in source.notice


def test_enrollment_99999999_means_unknown() -> None:
    """ClinicalTrials.gov's 99999999 placeholder is not an enrollment of 100 million."""
    from screener.registry.records import normalise

    raw = copy.deepcopy(export_studies()[0])
    raw["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 99_999_999}
    assert normalise(raw).enrollment is None
    raw["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 250}
    assert normalise(raw).enrollment == 250


def test_the_refresh_path_refuses_offline_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """SCREENER_OFFLINE=1 means no network at all: refresh says so and exits 1."""
    with stand_in() as state:
        monkeypatch.setenv("SCREENER_OFFLINE", "1")
        done = run(["refresh"], state.url)
        assert done.returncode == 1
        assert "SCREENER_OFFLINE=1" in done.stderr
        assert state.queries == []


def test_offline_setting_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """With SCREENER_OFFLINE=1, `studies` (no --offline) asks the stand-in nothing."""
    with stand_in() as state:
        monkeypatch.setenv("SCREENER_OFFLINE", "1")
        done = run(["studies", "--format", "json"], state.url)
        assert done.returncode == 0
        assert json.loads(done.stdout)["data"]["source"] == "snapshot"
        assert state.queries == []
