"""The app's background fetch: kept while fresh, failures never kept, one attempt at a time."""

from __future__ import annotations

import threading

from screener.registry.live_fetch import FRESH_FOR, LiveFetch
from screener.registry.source import StudySource

LIVE = StudySource("live", "2026-12-02", ())
FALLBACK = StudySource(
    "snapshot", "2026-08-21", (), notice="ClinicalTrials.gov could not be reached"
)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_good_answer_is_kept_for_six_hours_then_fetched_again() -> None:
    """Live data is shared while fresh; after FRESH_FOR seconds a visit starts a new fetch."""
    calls: list[int] = []
    clock = Clock()

    def load() -> StudySource:
        calls.append(1)
        return LIVE

    fetch = LiveFetch(load, clock)
    fetch.begin()
    fetch.wait(5)
    assert fetch.state().status == "live" and fetch.state().live is LIVE
    fetch.begin()
    assert len(calls) == 1
    clock.now += FRESH_FOR + 1
    fetch.begin()
    fetch.wait(5)
    assert len(calls) == 2


def test_a_failure_is_reported_and_not_kept() -> None:
    """A fallback answer is a failure with its notice; the next begin() asks again."""
    calls: list[int] = []

    def load() -> StudySource:
        calls.append(1)
        return FALLBACK

    fetch = LiveFetch(load)
    fetch.begin()
    fetch.wait(5)
    state = fetch.state()
    assert state.status == "failed" and state.live is None
    assert state.notice == FALLBACK.notice
    fetch.begin()
    fetch.wait(5)
    assert len(calls) == 2


def test_an_exception_in_the_fetch_is_a_failure_with_its_reason() -> None:
    """Even an unexpected error becomes a failed state naming it, never a dead thread."""

    def load() -> StudySource:
        raise OSError("disk full")

    fetch = LiveFetch(load)
    fetch.begin()
    fetch.wait(5)
    state = fetch.state()
    assert state.status == "failed" and "disk full" in (state.notice or "")


def test_only_one_attempt_runs_at_a_time() -> None:
    """Visits arriving while a fetch runs join it instead of starting more."""
    release = threading.Event()
    calls: list[int] = []

    def load() -> StudySource:
        calls.append(1)
        release.wait(5)
        return LIVE

    fetch = LiveFetch(load)
    first = fetch.begin()
    assert fetch.state().status == "fetching"
    assert fetch.begin() == first
    release.set()
    fetch.wait(5)
    assert len(calls) == 1 and fetch.state().status == "live"
