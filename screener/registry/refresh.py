"""Replacing the refreshed snapshot with today's live studies, only when the answer is good.

The client fetches, ``record_checks`` judges, ``snapshot`` writes atomically; this module
puts the three in order and returns what was written. It never prints: ``python -m screener
refresh`` says what happened. A worse answer never replaces a good snapshot, and on any
failure the old file is left byte-for-byte as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screener.errors import CTGovUnavailable, SnapshotError
from screener.registry.record_checks import normalise_all, trusted_records
from screener.registry.snapshot import (
    SNAPSHOT_PATH,
    live_snapshot,
    load_snapshot,
    refreshed_snapshot_path,
    write_snapshot,
)

__all__ = ["Fetch", "Refreshed", "current_enrolling", "refresh_snapshot"]

Fetch = Callable[[], list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh wrote: how many studies, the day they were retrieved, and where."""

    studies: int
    retrieved: str
    target: Path


def current_enrolling(path: Path) -> int | None:
    """How many enrolling studies the snapshot at ``path`` (else the bundled one) holds."""
    for candidate in (path, SNAPSHOT_PATH):
        try:
            snapshot = load_snapshot(candidate)
        except SnapshotError:
            continue
        records, _ = normalise_all(snapshot.studies, str(candidate))
        enrolling = sum(1 for r in records if r.is_enrolling)
        if enrolling:
            return enrolling
    return None


def refresh_snapshot(path: Path | None = None, fetch: Fetch | None = None) -> Refreshed:
    """Fetch the live set and replace the refreshed snapshot atomically.

    Raises ``ScreenerError`` (``CTGovUnavailable`` saying why, e.g. under
    ``SCREENER_OFFLINE=1``) or ``OSError`` when the file cannot be written; the old file then
    stays as it was.
    """
    target = path or refreshed_snapshot_path()
    if os.environ.get("SCREENER_OFFLINE", "").strip() == "1":
        raise CTGovUnavailable("SCREENER_OFFLINE=1 is set, so no network is used")
    if fetch is None:
        from screener.registry.client import fetch_als_studies

        fetch = fetch_als_studies
    studies = fetch()
    trusted_records(studies, current_enrolling(target))
    retrieved = datetime.now(UTC).date().isoformat()
    write_snapshot(live_snapshot(studies, retrieved), target)
    return Refreshed(len(studies), retrieved, target)
