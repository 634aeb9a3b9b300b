"""The ClinicalTrials.gov API v2 client: the fixed ALS query, paged, retried, checked.

Nothing about the person ever reaches this module: the query is fixed (condition, statuses,
fields, paging), and distances are computed locally from the sites' coordinates.

Anything short of a whole, well-formed answer raises ``CTGovUnavailable``: a network error,
a timeout, retries exhausted on 429/5xx, an HTML error page, truncated or wrongly shaped
JSON, or a result longer than the page cap. A partial list of studies is never returned as
if it were the whole list; callers fall back to the snapshot and say so.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.exceptions import RetryError
from urllib3.util.retry import Retry

from screener import USER_AGENT
from screener.errors import CTGovUnavailable, ScreenerError
from screener.snapshot import live_snapshot, refreshed_snapshot_path, write_snapshot

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://clinicaltrials.gov/api/v2"
API_URL_ENV = "CTGOV_API_URL"
# Essie phrases: the bare word "ALS" also matches "advanced life support".
ALS_CONDITION = (
    '"amyotrophic lateral sclerosis" OR "motor neuron disease" OR "motor neurone disease"'
)
DEFAULT_STATUSES: tuple[str, ...] = ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION")
# Only the pieces studies.normalise reads (a whole record is ~70 KB; these are a few KB).
FIELDS: tuple[str, ...] = (
    "NCTId",
    "BriefTitle",
    "OfficialTitle",
    "OverallStatus",
    "Phase",
    "StudyType",
    "Condition",
    "InterventionType",
    "InterventionName",
    "LeadSponsorName",
    "MinimumAge",
    "MaximumAge",
    "Sex",
    "HealthyVolunteers",
    "EligibilityCriteria",
    "LocationFacility",
    "LocationStatus",
    "LocationCity",
    "LocationState",
    "LocationCountry",
    "LocationGeoPoint",
    "CentralContactName",
    "CentralContactRole",
    "CentralContactPhone",
    "CentralContactEMail",
    "StartDate",
    "CompletionDate",
    "LastUpdatePostDate",
    "EnrollmentCount",
)
PAGE_SIZE = 1000
# 20 pages of 1,000 is far beyond every ALS study ever registered (~1,000 in 2026); more
# means the server is looping, and a cut list must not pass for the whole one.
MAX_PAGES = 20
TIMEOUT: tuple[float, float] = (3.05, 15.0)
RETRIES = 3
# A read timeout already cost 15 s: one more try, not three, before falling back.
READ_RETRIES = 1
BACKOFF_FACTOR = 0.5
# A person is waiting: a Retry-After longer than this is waited only this long (then the
# retries run out and the snapshot is shown) rather than freezing the app for an hour.
MAX_RETRY_AFTER = 10.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class _CappedRetry(Retry):
    """urllib3 Retry that honours Retry-After but never sleeps longer than MAX_RETRY_AFTER."""

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), MAX_RETRY_AFTER)


def api_url() -> str:
    """The API base URL, read at call time so mirrors and tests can point it elsewhere."""
    return (os.environ.get(API_URL_ENV) or DEFAULT_API_URL).rstrip("/")


def make_retry() -> Retry:
    """Bounded retries with exponential backoff on 429 and 5xx, honouring Retry-After."""
    return _CappedRetry(
        total=RETRIES,
        connect=RETRIES,
        read=READ_RETRIES,
        status=RETRIES,
        backoff_factor=BACKOFF_FACTOR,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        # Give back the last response so the error message can name its status.
        raise_on_status=False,
    )


def make_session() -> requests.Session:
    """One session with the retrying adapter and a User-Agent naming the product."""
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=make_retry())
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    return session


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


def _get_page(session: requests.Session, url: str, params: dict[str, str]) -> dict[str, Any]:
    try:
        response = session.get(url, params=params, timeout=TIMEOUT)
    except requests.Timeout as exc:
        raise CTGovUnavailable(f"no answer from {url} in time ({type(exc).__name__})") from exc
    except RetryError as exc:
        raise CTGovUnavailable(f"{url} kept failing after {RETRIES} retries") from exc
    except requests.ConnectionError as exc:
        raise CTGovUnavailable(f"cannot connect to {url}") from exc
    except requests.RequestException as exc:
        raise CTGovUnavailable(f"request to {url} failed ({type(exc).__name__})") from exc
    if response.status_code != 200:
        raise CTGovUnavailable(
            f"{url} answered HTTP {response.status_code} (after up to {RETRIES} retries)"
        )
    try:
        page = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        kind = response.headers.get("Content-Type", "unknown type")
        raise CTGovUnavailable(
            f"{url} answered with a body that is not whole JSON ({kind}): {exc}"
        ) from exc
    if not isinstance(page, dict) or not isinstance(page.get("studies"), list):
        raise CTGovUnavailable(f"{url} answered JSON without a 'studies' list")
    if not all(isinstance(s, dict) for s in page["studies"]):
        raise CTGovUnavailable(f"{url} answered a 'studies' list holding non-objects")
    token = page.get("nextPageToken")
    if token is not None and (not isinstance(token, str) or not token):
        raise CTGovUnavailable(f"{url} answered a malformed nextPageToken")
    return page


def fetch_als_studies(
    statuses: Iterable[str] = DEFAULT_STATUSES,
    max_pages: int = MAX_PAGES,
    session: requests.Session | None = None,
) -> list[dict[str, Any]]:
    """Every ALS study with the given statuses, as raw v2 objects; raises CTGovUnavailable."""
    url = f"{api_url()}/studies"
    params = query_params(statuses)
    own = session is None
    http = session or make_session()
    studies: list[dict[str, Any]] = []
    seen_tokens: set[str] = set()
    try:
        page = _get_page(http, url, {**params, "countTotal": "true"})
        total = page.get("totalCount")
        for number in range(1, max_pages + 1):
            studies.extend(page["studies"])
            token = page.get("nextPageToken")
            # The API may hand out a token after an exactly full page; the next page is empty.
            if not token or not page["studies"]:
                break
            if token in seen_tokens:
                raise CTGovUnavailable(f"{url} repeated the page token {token!r}")
            if number == max_pages:
                raise CTGovUnavailable(
                    f"{url} still had more pages after {max_pages} pages "
                    f"({len(studies)} studies so far); not showing a cut list"
                )
            seen_tokens.add(token)
            page = _get_page(http, url, {**params, "pageToken": token})
    finally:
        if own:
            http.close()
    if isinstance(total, int) and total != len(studies):
        # Studies can change status while we page; say so rather than hide it.
        log.warning("ClinicalTrials.gov counted %d studies but sent %d", total, len(studies))
    return studies


def refresh_snapshot(path: Path | None = None) -> int:
    """Fetch the live set and replace the refreshed snapshot atomically; returns an exit code.

    On any failure the old file is left byte-for-byte as it was, the reason goes to stderr,
    and the result is 1 (a network failure is not bad input).
    """
    target = path or refreshed_snapshot_path()
    try:
        studies = fetch_als_studies()
        if not studies:
            raise CTGovUnavailable("the ALS query returned no studies; keeping the old snapshot")
        retrieved = datetime.now(UTC).date().isoformat()
        write_snapshot(live_snapshot(studies, retrieved), target)
    except (ScreenerError, OSError) as exc:
        print(f"refresh failed, snapshot unchanged: {exc}", file=sys.stderr)
        return 1
    print(f"refreshed snapshot: {len(studies)} studies retrieved {retrieved} -> {target}")
    return 0
