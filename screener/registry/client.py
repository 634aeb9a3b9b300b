"""The ClinicalTrials.gov API v2 client: the fixed ALS query, paged, retried, checked.

Nothing about the person ever reaches this module: the query is fixed (condition, statuses,
fields, paging), and distances are computed locally from the sites' coordinates.

Anything short of a whole, well-formed answer raises ``CTGovUnavailable``: a network error,
a timeout, retries exhausted on 429/5xx, an HTML error page, truncated or wrongly shaped
JSON, or a result longer than the page cap. A partial list of studies is never returned as
if it were the whole list; callers fall back to the snapshot and say so.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable
from typing import Any

import requests
import urllib3
from requests.exceptions import RetryError

from screener.errors import CTGovUnavailable, UnreadableJSON
from screener.inputs.untrusted import parse_json, quote
from screener.registry.http_session import RETRIES, make_session
from screener.registry.records import READS

__all__ = [
    "log",
    "DEFAULT_API_URL",
    "API_URL_ENV",
    "ALS_CONDITION",
    "DEFAULT_STATUSES",
    "FIELDS",
    "PAGE_SIZE",
    "MAX_PAGES",
    "TIMEOUT",
    "PAGE_DEADLINE",
    "TOTAL_DEADLINE",
    "PAGE_DEADLINE_ENV",
    "TOTAL_DEADLINE_ENV",
    "MAX_PAGE_BYTES",
    "MAX_SHORTFALL",
    "BODY_QUOTE",
    "api_url",
    "query_params",
    "deadlines",
    "fetch_als_studies",
]

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://clinicaltrials.gov/api/v2"
API_URL_ENV = "CTGOV_API_URL"
# Essie phrases: the bare word "ALS" also matches "advanced life support".
ALS_CONDITION = (
    '"amyotrophic lateral sclerosis" OR "motor neuron disease" OR "motor neurone disease"'
)
DEFAULT_STATUSES: tuple[str, ...] = ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION")
# Only the pieces studies.normalise reads (a whole record is ~70 KB; these are a few KB).
FIELDS: tuple[str, ...] = tuple(READS)
PAGE_SIZE = 1000
# 20 pages of 1,000 is far beyond every ALS study ever registered (~1,000 in 2026); more
# means the server is looping, and a cut list must not pass for the whole one.
MAX_PAGES = 20
TIMEOUT: tuple[float, float] = (3.05, 15.0)
# A server that drips a byte a second never trips a read timeout; these bound the whole
# walk. Seconds, overridable (tests use a few seconds; a mirror may need more).
PAGE_DEADLINE = 30.0
TOTAL_DEADLINE = 60.0
PAGE_DEADLINE_ENV = "CTGOV_PAGE_DEADLINE"
TOTAL_DEADLINE_ENV = "CTGOV_TOTAL_DEADLINE"
# A page of 1,000 trimmed records is a few MB; far more is not an answer to this query.
MAX_PAGE_BYTES = 64 * 1024 * 1024
# Studies change status while we page; a shortfall beyond this share is a broken walk.
MAX_SHORTFALL = 0.01
BODY_QUOTE = 200


def api_url() -> str:
    """The API base URL, read at call time so mirrors and tests can point it elsewhere."""
    return (os.environ.get(API_URL_ENV) or DEFAULT_API_URL).rstrip("/")


def query_params(statuses: Iterable[str] = DEFAULT_STATUSES) -> dict[str, str]:
    """The fixed ALS query: the same for every page (pageToken and countTotal aside)."""
    wanted = [s.strip().upper() for s in statuses if s.strip()]
    params = {
        "format": "json",
        "query.cond": ALS_CONDITION,
        "fields": ",".join(FIELDS),
        "pageSize": str(PAGE_SIZE),
    }
    if wanted:
        params["filter.overallStatus"] = "|".join(wanted)
    return params


def deadlines() -> tuple[float, float]:
    """(per page, whole walk) in seconds, from the environment when set there."""

    def read(name: str, default: float) -> float:
        try:
            value = float(os.environ.get(name, ""))
        except ValueError:
            return default
        return value if value > 0 else default

    return read(PAGE_DEADLINE_ENV, PAGE_DEADLINE), read(TOTAL_DEADLINE_ENV, TOTAL_DEADLINE)


def _timed_out(exc: BaseException) -> bool:
    """Whether a requests/urllib3 error is, underneath, a read or connect timeout."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        # urllib3 files a refused connection under ConnectTimeoutError; it is not a timeout.
        if isinstance(current, urllib3.exceptions.NewConnectionError):
            return False
        if isinstance(current, requests.Timeout | TimeoutError | urllib3.exceptions.TimeoutError):
            return True
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            current = reason
            continue
        args = [a for a in current.args if isinstance(a, BaseException)]
        current = args[0] if args else current.__context__
    return False


def _request_failed(url: str, exc: BaseException, waited: float) -> CTGovUnavailable:
    if _timed_out(exc):
        return CTGovUnavailable(f"no answer from {url} in time (timed out after {waited:.0f} s)")
    if isinstance(exc, RetryError):
        return CTGovUnavailable(f"{url} kept failing after {RETRIES} retries")
    if isinstance(exc, requests.ConnectionError):
        return CTGovUnavailable(f"cannot connect to {url}")
    return CTGovUnavailable(f"request to {url} failed ({type(exc).__name__})")


def _read_body(response: requests.Response, url: str, stop_at: float, page_s: float) -> bytes:
    """The whole body, read in pieces as they arrive, given up on at ``stop_at``."""
    body = bytearray()
    while True:
        if time.monotonic() > stop_at:
            raise CTGovUnavailable(
                f"{url} was too slow: a page did not arrive within {page_s:g} s "
                f"({len(body):,} bytes so far)"
            )
        piece = response.raw.read1(65536)
        if not piece:
            return bytes(body)
        body += piece
        if len(body) > MAX_PAGE_BYTES:
            raise CTGovUnavailable(f"{url} sent a page larger than {MAX_PAGE_BYTES:,} bytes")


def _error_body(content: bytes) -> str:
    """A client error's body (it names the bad parameter), cut and made printable."""
    text = content[: BODY_QUOTE * 4].decode("utf-8", errors="replace").strip()
    return f": {quote(text, BODY_QUOTE)}" if text else ""


def _get_page(
    session: requests.Session,
    url: str,
    params: dict[str, str],
    stop_at: float,
    page_s: float = PAGE_DEADLINE,
) -> dict[str, Any]:
    started = time.monotonic()
    left = max(0.1, stop_at - started)
    try:
        response = session.get(
            url, params=params, timeout=(TIMEOUT[0], min(TIMEOUT[1], left)), stream=True
        )
        try:
            content = _read_body(response, url, stop_at, page_s)
        finally:
            response.close()
    except CTGovUnavailable:
        raise
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise _request_failed(url, exc, time.monotonic() - started) from exc
    if response.status_code != 200:
        detail = _error_body(content) if 400 <= response.status_code < 500 else ""
        raise CTGovUnavailable(
            f"{url} answered HTTP {response.status_code} (after up to {RETRIES} retries)" + detail
        )
    try:
        page = parse_json(content)
    except UnreadableJSON as exc:
        kind = response.headers.get("Content-Type", "unknown type")
        raise CTGovUnavailable(
            f"{url} answered with a body that is not whole JSON ({kind}): {exc}"
        ) from None
    if not isinstance(page, dict) or not isinstance(page.get("studies"), list):
        raise CTGovUnavailable(f"{url} answered JSON without a 'studies' list")
    if not all(isinstance(s, dict) for s in page["studies"]):
        raise CTGovUnavailable(f"{url} answered a 'studies' list holding non-objects")
    token = page.get("nextPageToken")
    if token is not None and (not isinstance(token, str) or not token):
        raise CTGovUnavailable(f"{url} answered a malformed nextPageToken")
    return page


def _walk(
    http: requests.Session,
    url: str,
    params: dict[str, str],
    max_pages: int,
    page_s: float,
    total_s: float,
) -> list[dict[str, Any]]:
    began = time.monotonic()

    def stop_at() -> float:
        return min(time.monotonic() + page_s, began + total_s)

    studies: list[dict[str, Any]] = []
    seen_tokens: set[str] = set()
    page = _get_page(http, url, {**params, "countTotal": "true"}, stop_at(), page_s)
    total = page.get("totalCount")
    for number in range(1, max_pages + 1):
        studies.extend(page["studies"])
        token = page.get("nextPageToken")
        # An empty page may still carry a token (the API does this after an exactly full
        # page, and could after filtering); the page cap and the token check stop loops.
        if not token:
            break
        if token in seen_tokens:
            raise CTGovUnavailable(f"{url} repeated the page token {quote(token)}")
        if number == max_pages:
            raise CTGovUnavailable(
                f"{url} still had more pages after {max_pages} pages "
                f"({len(studies)} studies so far); not showing a cut list"
            )
        seen_tokens.add(token)
        page = _get_page(http, url, {**params, "pageToken": token}, stop_at(), page_s)
    if isinstance(total, int) and not isinstance(total, bool) and total != len(studies):
        if len(studies) < total * (1 - MAX_SHORTFALL):
            raise CTGovUnavailable(
                f"{url} counted {total} studies but the pages held only {len(studies)}; "
                "not showing a cut list"
            )
        # Studies can change status while we page; say so rather than hide it.
        log.warning("ClinicalTrials.gov counted %d studies but sent %d", total, len(studies))
    return studies


def fetch_als_studies(
    statuses: Iterable[str] = DEFAULT_STATUSES,
    max_pages: int = MAX_PAGES,
    session: requests.Session | None = None,
    deadline: tuple[float, float] | None = None,
) -> list[dict[str, Any]]:
    """Every ALS study with the given statuses, as raw v2 objects; raises CTGovUnavailable.

    ``deadline`` is (seconds per page, seconds in all), by default ``deadlines()``. The walk
    runs in a daemon thread so that even a server dripping its headers cannot hold the
    caller past the total deadline.
    """
    url = f"{api_url()}/studies"
    params = query_params(statuses)
    page_s, total_s = deadline or deadlines()
    own = session is None
    http = session or make_session()
    outcome: list[list[dict[str, Any]] | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_walk(http, url, params, max_pages, page_s, total_s))
        except BaseException as exc:  # handed to the caller's thread below
            outcome.append(exc)
        finally:
            if own:
                http.close()

    worker = threading.Thread(target=work, name="ctgov-fetch", daemon=True)
    worker.start()
    # A little beyond the walk's own deadline: it normally stops itself with a clear reason.
    worker.join(total_s + 2.0)
    if not outcome:
        raise CTGovUnavailable(f"no whole answer from {url} within {total_s:g} s (timed out)")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
