"""The HTTP session the ClinicalTrials.gov client talks through: bounded retries, capped waits.

Kept apart from the client so what is retried, how often and for how long is read in one
place; the client only walks pages and checks what comes back.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from screener import USER_AGENT

__all__ = [
    "RETRIES",
    "READ_RETRIES",
    "BACKOFF_FACTOR",
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "make_retry",
    "make_session",
]

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
