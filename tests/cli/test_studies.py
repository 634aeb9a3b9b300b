"""`python -m screener studies` and `refresh` as a user runs them, against a simulated API.

The simulated API is a real HTTP server on 127.0.0.1 serving the trimmed real pages by
pageToken, so the whole stack runs: sockets, urllib3 Retry with its sleeps, paging, fallback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from screener.registry.snapshot import load_snapshot

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"
PAGES = [
    json.loads((FIXTURES / f"export-page-{n}.json").read_text(encoding="utf-8")) for n in (1, 2, 3)
]
EXPORT_IDS = [
    s["protocolSection"]["identificationModule"]["nctId"] for p in PAGES for s in p["studies"]
]
RECORD_KEYS = {
    "nct_id",
    "title",
    "status",
    "phases",
    "min_age_years",
    "max_age_years",
    "sex",
    "inclusion",
    "exclusion",
    "unlabelled",
    "sites",
    "last_update",
    "url",
    "provenance",
    "criteria_complete",
}


class FakeAPI:
    """What the simulated API does: serve pages, fail with a status, or rate-limit once."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.queries: list[dict[str, list[str]]] = []
        self.times: list[float] = []


def make_handler(api: FakeAPI) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one FakeAPI."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            api.queries.append(query)
            api.times.append(time.monotonic())
            if url.path != "/api/v2/studies":
                return self._send(404, b"not found", "text/plain")
            if api.mode == "503":
                return self._send(503, b"<html>Service Unavailable</html>", "text/html", "0")
            if api.mode == "429-once":
                api.mode = "ok"
                return self._send(429, b"Too Many Requests", "text/plain", "1")
            token = query.get("pageToken", [""])[0]
            number = {"": 0, "export-page-2": 1, "export-page-3": 2}.get(token)
            if number is None:
                return self._send(400, b'{"error": "bad token"}', "application/json")
            body = json.dumps(PAGES[number]).encode()
            return self._send(200, body, "application/json")

        def _send(self, status: int, body: bytes, kind: str, retry_after: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Quiet: the test output is for test results."""

    return Handler


@pytest.fixture
def api() -> Iterator[tuple[FakeAPI, str]]:
    """A simulated ClinicalTrials.gov API on a free local port, and its base URL."""
    fake = FakeAPI()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def dead_url() -> str:
    """A local URL nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v2"


def run(args: list[str], url: str, snapshot: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m screener ARGS` with the API and refreshed-snapshot paths set."""
    env = {**os.environ, "CTGOV_API_URL": url, "SCREENER_SNAPSHOT": str(snapshot)}
    env.pop("SCREENER_OFFLINE", None)
    return subprocess.run(
        [sys.executable, "-m", "screener", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def strict_json(text: str) -> Any:
    """Parse JSON, refusing NaN and Infinity (which are not JSON)."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} in output")

    return json.loads(text, parse_constant=refuse)


def test_studies_returns_every_study_across_pages_as_live(
    api: tuple[FakeAPI, str], tmp_path: Path
) -> None:
    """Against the simulated API, `studies` lists all 120 studies of the 3 pages as live."""
    fake, url = api
    done = run(["studies", "--format", "json"], url, tmp_path / "none.json")
    assert done.returncode == 0, done.stderr
    out = strict_json(done.stdout)
    assert out["data"]["source"] == "live"
    assert out["data"]["studies"] == 120
    assert [s["nct_id"] for s in out["studies"]] == EXPORT_IDS
    assert [q.get("pageToken") for q in fake.queries] == [
        None,
        ["export-page-2"],
        ["export-page-3"],
    ]
    allowed = {"format", "query.cond", "filter.overallStatus", "fields", "pageSize"}
    for query in fake.queries:
        assert set(query) - {"countTotal", "pageToken"} == allowed


def test_studies_falls_back_to_the_snapshot_on_503(
    api: tuple[FakeAPI, str], tmp_path: Path
) -> None:
    """With the API answering 503, `studies` shows the snapshot and says so."""
    fake, url = api
    fake.mode = "503"
    done = run(["studies", "--format", "json"], url, tmp_path / "none.json")
    assert done.returncode == 0, done.stderr
    out = strict_json(done.stdout)
    assert out["data"]["source"] == "snapshot"
    assert "HTTP 503" in out["data"]["notice"]
    assert "ClinicalTrials.gov could not be reached" in done.stderr
    assert len(out["studies"]) == len(load_snapshot().studies)
    assert len(fake.queries) == 4


def test_studies_waits_out_a_429_retry_after(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    """A 429 with Retry-After: 1 is waited out (about a second) and the data then arrives."""
    fake, url = api
    fake.mode = "429-once"
    done = run(["studies", "--format", "json"], url, tmp_path / "none.json")
    assert done.returncode == 0, done.stderr
    assert strict_json(done.stdout)["data"]["source"] == "live"
    assert fake.times[1] - fake.times[0] >= 0.9


def test_offline_lists_every_snapshot_study_with_provenance(tmp_path: Path) -> None:
    """`studies --offline` prints every bundled study as a complete, JSON-clean record."""
    done = run(["studies", "--offline", "--format", "json"], dead_url(), tmp_path / "none.json")
    assert done.returncode == 0, done.stderr
    out = strict_json(done.stdout)
    snapshot = load_snapshot()
    assert out["data"]["source"] == "snapshot"
    assert out["data"]["retrieved"] == snapshot.meta["retrieved"]
    assert out["data"]["limits"] == snapshot.meta["limits"]
    ids = [s["protocolSection"]["identificationModule"]["nctId"] for s in snapshot.studies]
    assert [s["nct_id"] for s in out["studies"]] == ids
    for record in out["studies"]:
        assert set(record) >= RECORD_KEYS, record["nct_id"]
        assert record["provenance"]["source"].startswith("snapshot:")
        assert record["provenance"]["sources"]
    assert done.stderr == ""


def test_refresh_writes_a_new_snapshot_that_studies_then_uses(
    api: tuple[FakeAPI, str], tmp_path: Path
) -> None:
    """`refresh` against the simulated API writes a refreshed snapshot; --offline then uses it."""
    _, url = api
    target = tmp_path / "snapshot.json"
    done = run(["refresh"], url, target)
    assert done.returncode == 0, done.stderr
    assert load_snapshot(target).kind == "refreshed"
    listed = run(["studies", "--offline", "--format", "json"], dead_url(), target)
    out = strict_json(listed.stdout)
    assert out["data"]["snapshot_kind"] == "refreshed"
    assert [s["nct_id"] for s in out["studies"]] == EXPORT_IDS
    assert out["studies"][0]["provenance"]["source"] == "live:clinicaltrials.gov"


def test_refresh_against_a_dead_port_keeps_the_old_file(tmp_path: Path) -> None:
    """`refresh` with nothing listening exits 1, says why, and leaves the file byte-identical."""
    target = tmp_path / "snapshot.json"
    target.write_bytes((ROOT / "screener/data/snapshot.json").read_bytes()[:4096] + b"old")
    before = target.read_bytes()
    done = run(["refresh"], dead_url(), target)
    assert done.returncode == 1
    assert "refresh failed, snapshot unchanged" in done.stderr
    assert "cannot connect" in done.stderr
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]


def test_the_table_says_a_fallback_notice_once(tmp_path: Path) -> None:
    """`screen --format table` with the registry down: the notice appears once, not twice."""
    profile = tmp_path / "me.json"
    profile.write_text('{"age_years": 60}', encoding="utf-8")
    done = run(
        ["screen", "--profile", str(profile), "--format", "table"], dead_url(), tmp_path / "n.json"
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout + done.stderr).count("could not be reached") == 1
