"""Today's studies fetched in the background, so nobody waits for ClinicalTrials.gov.

The app starts at once on the snapshot and asks for a ``LiveFetch`` (one per server
process, shared by every visitor). A live answer that passed every check is kept for
``FRESH_FOR`` seconds; a failure is never kept: the next visit tries again. Each visit
starts at most one attempt, so a failing registry is not asked again on every click.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from screener.registry.source import StudySource

__all__ = ["FRESH_FOR", "FetchState", "LiveFetch"]

FRESH_FOR = 6 * 3600.0


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a visit should show: the live source if there is one, else why not (yet)."""

    status: str  # "fetching" | "live" | "failed"
    live: StudySource | None = None
    notice: str | None = None
    attempt: int = 0


class LiveFetch:
    """One background fetch at a time; the last good live answer, while it is fresh."""

    def __init__(
        self,
        load: Callable[[], StudySource],
        clock: Callable[[], float] = time.monotonic,
        fresh_for: float = FRESH_FOR,
    ) -> None:
        self._load = load
        self._clock = clock
        self._fresh_for = fresh_for
        self._lock = threading.Lock()
        self._attempt = 0
        self._running: threading.Thread | None = None
        self._live: StudySource | None = None
        self._live_at = 0.0
        self._failure: tuple[int, str] | None = None

    def _fresh(self) -> StudySource | None:
        if self._live is not None and self._clock() - self._live_at < self._fresh_for:
            return self._live
        return None

    def begin(self) -> int:
        """Start an attempt unless a fresh answer exists or one is running; its number."""
        with self._lock:
            if self._fresh() is not None:
                return self._attempt
            if self._running is None or not self._running.is_alive():
                self._attempt += 1
                self._running = threading.Thread(
                    target=self._run, args=(self._attempt,), name="live-fetch", daemon=True
                )
                self._running.start()
            return self._attempt

    def _run(self, attempt: int) -> None:
        try:
            source = self._load()
        except Exception as exc:  # the visit shows the snapshot and this reason
            outcome: StudySource | str = f"Today's studies could not be fetched ({exc})."
        else:
            outcome = source if source.source == "live" else (source.notice or "no answer")
        with self._lock:
            if isinstance(outcome, StudySource):
                self._live, self._live_at, self._failure = outcome, self._clock(), None
            else:
                self._failure = (attempt, outcome)

    def state(self) -> FetchState:
        """What there is now: a live source, an attempt under way, or the last failure."""
        with self._lock:
            fresh = self._fresh()
            if fresh is not None:
                return FetchState("live", fresh, attempt=self._attempt)
            if self._running is not None and self._running.is_alive():
                return FetchState("fetching", self._live, attempt=self._attempt)
            if self._failure is not None:
                attempt, notice = self._failure
                return FetchState("failed", self._live, notice, attempt)
            return FetchState("fetching", self._live, attempt=self._attempt)

    def wait(self, seconds: float) -> None:
        """Block until the running attempt ends or ``seconds`` pass (for tests and scripts)."""
        running = self._running
        if running is not None:
            running.join(seconds)
