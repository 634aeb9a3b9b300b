"""Time the criteria extractor: ``python benchmarks/bench_extract_speed.py``.

Extracts the criteria of every study in the bundled snapshot (registry fields and every
eligibility item) and prints the best of several runs, with counts. Target: well under one
second for the whole snapshot. Nothing is written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.criteria import extract_criteria  # noqa: E402
from screener.criteria.context import clauses  # noqa: E402
from screener.criteria.numbers import normalise  # noqa: E402
from screener.registry.source import from_snapshot  # noqa: E402

RUNS = 10


def main() -> int:
    """Print the best time to extract criteria for every snapshot study."""
    records = from_snapshot().records
    with_text = [r for r in records if r.inclusion or r.exclusion or r.unlabelled]
    items = sum(len(r.inclusion) + len(r.exclusion) + len(r.unlabelled) for r in records)
    best = float("inf")
    criteria = 0
    for _ in range(RUNS):
        # Cold caches every run: the time of a first extraction, not of a repeat.
        normalise.cache_clear()
        clauses.cache_clear()
        start = time.perf_counter()
        criteria = sum(len(extract_criteria(record)) for record in records)
        best = min(best, time.perf_counter() - start)
    understood = sum(c.understood for r in records for c in extract_criteria(r))
    print(f"studies: {len(records)} ({len(with_text)} with eligibility text), items: {items}")
    print(f"criteria: {criteria} ({understood} understood, {criteria - understood} for review)")
    per_item = best / max(items, 1) * 1e6
    print(f"extract all (best of {RUNS}): {best * 1000:.1f} ms  ({per_item:.0f} µs/item)")
    print("target: well under 1 s —", "OK" if best < 1.0 else "TOO SLOW")
    return 0 if best < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
