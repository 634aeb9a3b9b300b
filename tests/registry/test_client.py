"""The ClinicalTrials.gov v2 client against real (trimmed) pages served through `responses`.

`responses` patches the adapter's send and drives the adapter's own urllib3 Retry, so the
retry policy below is the one really mounted on the session.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from screener import USER_AGENT
from screener.cli.main import main as cli_main
from screener.errors import CTGovUnavailable
from screener.registry import client as ctgov
from screener.registry import http_session
from screener.registry.records import READS, normalise
from screener.registry.snapshot import load_snapshot
from screener.registry.source import from_snapshot

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
BASE = "https://ctgov.test/api/v2"
URL = f"{BASE}/studies"
EXPORT_PAGES = ["export-page-1.json", "export-page-2.json", "export-page-3.json"]
CHAIN = ["cyanheads-2025-06-17T11-16-37.json", "cyanheads-2025-06-17T11-15-33.json"]
Callback = Callable[[requests.PreparedRequest], tuple[int, dict[str, str], str]]


def page(name: str) -> dict[str, Any]:
    """One fixture page as parsed JSON."""
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def ids(studies: list[dict[str, Any]]) -> list[str]:
    """NCT ids of raw v2 studies, in order."""
    return [s["protocolSection"]["identificationModule"]["nctId"] for s in studies]


def query(request: requests.PreparedRequest) -> dict[str, str]:
    """The request's query parameters, one value each."""
    parsed = parse_qs(urlsplit(str(request.url)).query, keep_blank_values=True)
    assert all(len(v) == 1 for v in parsed.values()), parsed
    return {k: v[0] for k, v in parsed.items()}


def paged(names: list[str], after_last: dict[str, Any] | None = None) -> Callback:
    """Serve fixture pages by pageToken: no token → first page; each token → the next page."""
    pages = [page(n) for n in names]
    by_token: dict[str | None, dict[str, Any]] = {None: pages[0]}
    for current, following in zip(pages, [*pages[1:], after_last], strict=True):
        token = current.get("nextPageToken")
        if token and following is not None:
            by_token[token] = following

    def callback(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        token = query(request).get("pageToken")
        if token not in by_token:
            return 400, {}, json.dumps({"error": f"unknown token {token}"})
        return 200, {"Content-Type": "application/json"}, json.dumps(by_token[token])

    return callback


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point the client at a fake host and the refreshed snapshot at a temp file."""
    monkeypatch.setenv("CTGOV_API_URL", BASE)
    monkeypatch.setenv("SCREENER_SNAPSHOT", str(tmp_path / "refreshed.json"))
    monkeypatch.delenv("SCREENER_OFFLINE", raising=False)


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """A responses mock that fails on any unexpected request."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_fetches_every_study_across_three_pages(mock: responses.RequestsMock) -> None:
    """All 120 real export studies come back, in order, from three token-linked pages."""
    mock.add_callback(responses.GET, URL, callback=paged(EXPORT_PAGES))
    studies = ctgov.fetch_als_studies()
    expected = [i for name in EXPORT_PAGES for i in ids(page(name)["studies"])]
    assert len(studies) == 120
    assert ids(studies) == expected
    assert len(mock.calls) == 3


def test_requests_carry_only_the_fixed_query(mock: responses.RequestsMock) -> None:
    """Every page repeats the same fixed ALS parameters; countTotal only on the first page."""
    mock.add_callback(responses.GET, URL, callback=paged(EXPORT_PAGES))
    ctgov.fetch_als_studies()
    sent = [query(call.request) for call in mock.calls]
    fixed = {
        "format": "json",
        "query.cond": ctgov.ALS_CONDITION,
        "filter.overallStatus": "RECRUITING|NOT_YET_RECRUITING|ENROLLING_BY_INVITATION",
        "fields": ",".join(ctgov.FIELDS),
        "pageSize": "1000",
    }
    assert sent[0] == {**fixed, "countTotal": "true"}
    assert sent[1] == {**fixed, "pageToken": "export-page-2"}
    assert sent[2] == {**fixed, "pageToken": "export-page-3"}
    for call in mock.calls:
        assert call.request.headers["User-Agent"] == USER_AGENT
        assert call.request.body is None
        assert "Cookie" not in call.request.headers


def test_the_client_takes_nothing_about_the_person() -> None:
    """fetch_als_studies has no parameter through which a profile value could reach a request."""
    params = inspect.signature(ctgov.fetch_als_studies).parameters
    assert list(params) == ["statuses", "max_pages", "session", "deadline"]


def test_condition_query_never_uses_the_bare_word_als() -> None:
    """The condition names ALS in full: bare "ALS" also matches "advanced life support"."""
    words = ctgov.ALS_CONDITION.replace('"', " ").split()
    assert "ALS" not in words
    assert '"amyotrophic lateral sclerosis"' in ctgov.ALS_CONDITION
    assert '"motor neuron disease"' in ctgov.ALS_CONDITION


def metadata_nodes() -> dict[str, dict[str, Any]]:
    """The API's data model (studies-metadata.v2.json): every node by its dotted JSON path."""
    tree = json.loads((SHARED / "ctgov" / "studies-metadata.v2.json").read_text("utf-8"))
    found: dict[str, dict[str, Any]] = {}

    def walk(nodes: list[dict[str, Any]], prefix: str) -> None:
        for node in nodes:
            path = f"{prefix}.{node['name']}" if prefix else node["name"]
            found[path] = node
            walk(node.get("children", []), path)

    walk(tree, "")
    return found


def test_every_field_is_a_piece_of_the_api_data_model_at_the_path_normalise_reads() -> None:
    """Each `fields` name is a real piece, and studies.normalise reads it at that piece's path."""
    nodes = metadata_nodes()
    pieces = {node.get("piece"): path for path, node in nodes.items() if node.get("piece")}
    assert tuple(READS) == ctgov.FIELDS
    assert len(set(ctgov.FIELDS)) == len(ctgov.FIELDS)
    for name in ctgov.FIELDS:
        assert name in pieces, f"{name} is not a piece of the API's data model"
        assert READS[name] == pieces[name], name
    wanted = {
        "LocationContactName",
        "LocationContactRole",
        "LocationContactPhone",
        "LocationContactEMail",
        "CentralContactPhoneExt",
        "LocationZip",
    }
    assert wanted <= set(ctgov.FIELDS)


# Two different, valid values per data-model type: changing one piece from the first to the
# second must change the normalised record, which proves normalise reads that path.
SAMPLES: dict[str, tuple[Any, Any]] = {
    "text": ("Sentinel one", "Sentinel two"),
    "markup": ("Inclusion Criteria:\n\n* Aged 18 or more", "Exclusion Criteria:\n\n* Dementia"),
    "boolean": (True, False),
    "integer": (120, 340),
    "Status": ("RECRUITING", "NOT_YET_RECRUITING"),
    "RecruitmentStatus": ("RECRUITING", "COMPLETED"),
    "StudyType": ("INTERVENTIONAL", "OBSERVATIONAL"),
    "Phase": ("PHASE2", "PHASE3"),
    "InterventionType": ("DRUG", "DEVICE"),
    "Sex": ("FEMALE", "MALE"),
    "ContactRole": ("CONTACT", "PRINCIPAL_INVESTIGATOR"),
    "NormalizedTime": ("18 Years", "21 Years"),
    "PartialDate": ("2026-03", "2026-04"),
    "NormalizedDate": ("2026-03-02", "2026-04-05"),
    "GeoPoint": ({"lat": 42.5, "lon": -71.25}, {"lat": 40.0, "lon": -74.0}),
}


def record_with(nodes: dict[str, dict[str, Any]], choice: dict[str, int]) -> dict[str, Any]:
    """A raw v2 object holding every READS path, each set to its sample ``choice[piece]``."""
    raw: dict[str, Any] = {}
    for piece, path in READS.items():
        parts = path.split(".")
        here: Any = raw
        for depth, key in enumerate(parts[:-1], start=1):
            listed = str(nodes[".".join(parts[:depth])].get("type", "")).endswith("[]")
            here = here.setdefault(key, [{}])[0] if listed else here.setdefault(key, {})
        kind = str(nodes[path]["type"])
        value = SAMPLES[kind.removesuffix("[]")][choice.get(piece, 0)]
        here[parts[-1]] = [value] if kind.endswith("[]") else value
    raw["protocolSection"]["identificationModule"]["nctId"] = (
        "NCT00000002" if choice.get("NCTId") else "NCT00000001"
    )
    return raw


@pytest.mark.parametrize("piece", list(READS))
def test_normalise_reads_each_piece_at_its_path(piece: str) -> None:
    """Changing only this piece's value (at its data-model path) changes the clean record."""
    nodes = metadata_nodes()
    base = normalise(record_with(nodes, {})).to_dict()
    changed = normalise(record_with(nodes, {piece: 1})).to_dict()
    assert changed != base, f"normalise ignores {piece} at {READS[piece]}"


def test_statuses_are_configurable(mock: responses.RequestsMock) -> None:
    """A caller may ask for other statuses; an empty list drops the status filter."""
    mock.add_callback(responses.GET, URL, callback=paged(CHAIN, {"studies": []}))
    ctgov.fetch_als_studies(statuses=["completed"])
    assert query(mock.calls[0].request)["filter.overallStatus"] == "COMPLETED"
    mock.calls.reset()
    ctgov.fetch_als_studies(statuses=[])
    assert "filter.overallStatus" not in query(mock.calls[0].request)


def test_base_url_is_read_from_the_environment_at_call_time(
    mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CTGOV_API_URL set after import still decides where the request goes."""
    monkeypatch.setenv("CTGOV_API_URL", "http://mirror.test/ctgov/api/v2/")
    mock.add_callback(
        responses.GET, "http://mirror.test/ctgov/api/v2/studies", callback=paged(EXPORT_PAGES)
    )
    assert len(ctgov.fetch_als_studies()) == 120


def test_token_leading_to_an_empty_page_stops_there(mock: responses.RequestsMock) -> None:
    """Two real pages, then the last real token answers an empty page: 3 studies, 3 calls."""
    mock.add_callback(responses.GET, URL, callback=paged(CHAIN, {"studies": []}))
    studies = ctgov.fetch_als_studies()
    assert ids(studies) == ["NCT00184067", "NCT03934567", "NCT05147467"]
    assert [query(c.request).get("pageToken") for c in mock.calls] == [
        None,
        "NF0g5JCG",
        "NF0g5JaGmg",
    ]


def test_an_empty_page_with_a_token_is_followed(mock: responses.RequestsMock) -> None:
    """An empty page that still hands out a token is followed: studies after it are kept."""
    chain = [page(CHAIN[0]), {"studies": [], "nextPageToken": "after-empty"}, page(CHAIN[1])]
    chain[0]["nextPageToken"] = "to-empty"
    chain[2].pop("nextPageToken", None)
    by_token = {None: chain[0], "to-empty": chain[1], "after-empty": chain[2]}

    def callback(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        return 200, {}, json.dumps(by_token[query(request).get("pageToken")])

    mock.add_callback(responses.GET, URL, callback=callback)
    assert ids(ctgov.fetch_als_studies()) == ["NCT00184067", "NCT03934567", "NCT05147467"]
    assert len(mock.calls) == 3


def test_page_cap_refuses_a_cut_list(mock: responses.RequestsMock) -> None:
    """A server that never stops paging gives CTGovUnavailable, not a silently cut list."""
    counter = iter(range(10_000))
    first = page(EXPORT_PAGES[0])

    def endless(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        return 200, {}, json.dumps({**first, "nextPageToken": f"t{next(counter)}"})

    mock.add_callback(responses.GET, URL, callback=endless)
    with pytest.raises(CTGovUnavailable, match="more pages after 3 pages"):
        ctgov.fetch_als_studies(max_pages=3)
    assert len(mock.calls) == 3


def test_repeated_token_is_a_loop_not_more_data(mock: responses.RequestsMock) -> None:
    """A page that hands back a token already followed raises instead of looping."""
    looping = {**page(CHAIN[0]), "nextPageToken": "same"}
    mock.add(responses.GET, URL, json=looping)
    with pytest.raises(CTGovUnavailable, match="repeated the page token"):
        ctgov.fetch_als_studies()
    assert len(mock.calls) == 2


def test_429_with_retry_after_then_success(mock: responses.RequestsMock) -> None:
    """A 429 carrying Retry-After is retried by the adapter and the data still arrives."""
    mock.add(responses.GET, URL, status=429, headers={"Retry-After": "1"}, body="slow down")
    mock.add_callback(responses.GET, URL, callback=paged(CHAIN, {"studies": []}))
    assert len(ctgov.fetch_als_studies()) == 3
    assert [cast(requests.Response, c.response).status_code for c in mock.calls][:2] == [429, 200]


def test_retry_after_is_honoured_but_capped() -> None:
    """Retry-After is obeyed up to MAX_RETRY_AFTER seconds; an hour is not waited."""
    retry = http_session.make_retry()
    assert retry.respect_retry_after_header
    assert retry.parse_retry_after("2") == 2
    assert retry.parse_retry_after("3600") == http_session.MAX_RETRY_AFTER
    assert retry.status_forcelist == {429, 500, 502, 503, 504}
    assert retry.allowed_methods == {"GET"}
    assert (retry.total, retry.status, retry.read) == (
        http_session.RETRIES,
        http_session.RETRIES,
        1,
    )


def test_503_storm_exhausts_bounded_retries(mock: responses.RequestsMock) -> None:
    """Endless 503s end after 1 + RETRIES attempts with CTGovUnavailable naming the status."""
    mock.add(responses.GET, URL, status=503, body="<html>Service Unavailable</html>")
    with pytest.raises(CTGovUnavailable, match="HTTP 503"):
        ctgov.fetch_als_studies()
    assert len(mock.calls) == 1 + http_session.RETRIES


def test_429_storm_exhausts_bounded_retries(mock: responses.RequestsMock) -> None:
    """Endless 429s (rate limited) end with CTGovUnavailable too."""
    mock.add(responses.GET, URL, status=429, headers={"Retry-After": "0"})
    with pytest.raises(CTGovUnavailable, match="HTTP 429"):
        ctgov.fetch_als_studies()
    assert len(mock.calls) == 1 + http_session.RETRIES


def test_404_is_not_retried(mock: responses.RequestsMock) -> None:
    """A client error is answered at once: retrying cannot fix a wrong URL."""
    mock.add(responses.GET, URL, status=404, body="not found")
    with pytest.raises(CTGovUnavailable, match="HTTP 404"):
        ctgov.fetch_als_studies()
    assert len(mock.calls) == 1


@pytest.mark.parametrize(
    "error",
    [requests.ConnectTimeout("connect timed out"), requests.ReadTimeout("read timed out")],
)
def test_timeouts_raise_ctgov_unavailable(
    mock: responses.RequestsMock, error: requests.RequestException
) -> None:
    """A connect or read timeout becomes CTGovUnavailable saying no answer came in time."""
    mock.add(responses.GET, URL, body=error)
    with pytest.raises(CTGovUnavailable, match="in time"):
        ctgov.fetch_als_studies()


def test_requests_use_connect_and_read_timeouts(mock: responses.RequestsMock) -> None:
    """Every request is sent with the (connect, read) timeout pair."""
    seen: list[object] = []
    mock.add_callback(responses.GET, URL, callback=paged(CHAIN, {"studies": []}))
    original = requests.Session.get

    def spy(self: requests.Session, url: str, **kwargs: Any) -> requests.Response:
        seen.append(kwargs.get("timeout"))
        return original(self, url, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(requests.Session, "get", spy)
        ctgov.fetch_als_studies()
    assert len(seen) == 3
    for timeout in seen:
        assert isinstance(timeout, tuple)
        assert timeout[0] == ctgov.TIMEOUT[0] and 0 < timeout[1] <= ctgov.TIMEOUT[1]


def test_connection_refused_raises_ctgov_unavailable(mock: responses.RequestsMock) -> None:
    """A refused connection becomes CTGovUnavailable naming the URL."""
    mock.add(responses.GET, URL, body=requests.ConnectionError("refused"))
    with pytest.raises(CTGovUnavailable, match="cannot connect"):
        ctgov.fetch_als_studies()


def test_html_error_page_with_status_200(mock: responses.RequestsMock) -> None:
    """A proxy's HTML page served as 200 is not data: CTGovUnavailable, not a crash."""
    html = "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Soon</body></html>"
    mock.add(responses.GET, URL, body=html, content_type="text/html")
    with pytest.raises(CTGovUnavailable, match=r"not whole JSON \(text/html"):
        ctgov.fetch_als_studies()


def test_truncated_page_is_refused(mock: responses.RequestsMock) -> None:
    """A real page cut off mid-way raises instead of returning the studies before the cut."""
    body = (FIXTURES / EXPORT_PAGES[0]).read_bytes()
    mock.add(responses.GET, URL, body=body[: len(body) // 2], content_type="application/json")
    with pytest.raises(CTGovUnavailable, match="not whole JSON"):
        ctgov.fetch_als_studies()


def test_truncated_second_page_fails_the_whole_fetch(mock: responses.RequestsMock) -> None:
    """Page 1 fine and page 2 cut: nothing is returned as if it were complete."""
    first = (FIXTURES / EXPORT_PAGES[0]).read_text(encoding="utf-8")
    second = (FIXTURES / EXPORT_PAGES[1]).read_text(encoding="utf-8")
    mock.add(responses.GET, URL, body=first)
    mock.add(responses.GET, URL, body=second[:-200])
    with pytest.raises(CTGovUnavailable):
        ctgov.fetch_als_studies()


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '{"studies": {"protocolSection": {}}}',
        '{"totalCount": 3}',
        '{"studies": ["NCT00184067"]}',
        '{"studies": [], "nextPageToken": 7}',
        "null",
    ],
)
def test_wrong_shape_is_refused(mock: responses.RequestsMock, body: str) -> None:
    """JSON that is not an API page of study objects raises CTGovUnavailable."""
    mock.add(responses.GET, URL, body=body, content_type="application/json")
    with pytest.raises(CTGovUnavailable):
        ctgov.fetch_als_studies()


def test_refresh_writes_a_snapshot_the_loader_reads(
    mock: responses.RequestsMock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """refresh writes a 'refreshed' snapshot with every fetched study, readable by the loader."""
    mock.add_callback(responses.GET, URL, callback=paged(EXPORT_PAGES))
    target = tmp_path / "refreshed.json"
    assert cli_main(["refresh"]) == 0
    snap = load_snapshot(target)
    assert snap.kind == "refreshed"
    assert snap.meta["studies"] == 120
    source = from_snapshot(target)
    assert len(source.records) == 120
    assert source.snapshot_kind == "refreshed"
    assert source.records[0].provenance.source == "live:clinicaltrials.gov"
    assert "120 studies" in capsys.readouterr().out


def test_failed_refresh_keeps_the_old_file_byte_for_byte(
    mock: responses.RequestsMock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 503 storm during refresh exits 1, says why on stderr and leaves the old file alone."""
    target = tmp_path / "refreshed.json"
    target.write_bytes(b'{"snapshot": {"kind": "refreshed"}, "studies": []}\n')
    before = target.read_bytes()
    mock.add(responses.GET, URL, status=503)
    assert cli_main(["refresh"]) == 1
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]
    assert "HTTP 503" in capsys.readouterr().err


def test_refresh_refuses_an_empty_answer(
    mock: responses.RequestsMock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer with no ALS studies at all is not written over the snapshot."""
    mock.add(responses.GET, URL, json={"studies": []})
    assert cli_main(["refresh"]) == 1
    assert not (tmp_path / "refreshed.json").exists()
    assert "no studies" in capsys.readouterr().err
