"""Time loading and normalising study records: ``python benchmarks/bench_records.py``.

Prints three timings (best of several runs, so a busy machine's hiccups do not count):
json.load of the bundled snapshot alone; load + normalise the whole snapshot; normalise
1,000 records cycled from the real records in the project (the snapshot and the trimmed
real API pages in tests/fixtures/ctgov). Target: 1,000 records in under 0.5 s.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.registry.records import normalise  # noqa: E402
from screener.registry.snapshot import SNAPSHOT_PATH, load_snapshot  # noqa: E402
from screener.registry.source import from_snapshot  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "ctgov"
TARGET_SECONDS = 0.5
RUNS = 5


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def real_records() -> list[dict[str, Any]]:
    """Every real v2 record inside the project: the snapshot's and the fixture pages'."""
    records = list(load_snapshot().studies)
    for path in sorted(FIXTURES.glob("*.json")):
        records.extend(json.loads(path.read_text(encoding="utf-8"))["studies"])
    return records


def main() -> int:
    """Run the three timings and print them; exit 1 if the 1,000-record target is missed."""
    size_kb = SNAPSHOT_PATH.stat().st_size / 1024

    def json_only() -> object:
        with SNAPSHOT_PATH.open(encoding="utf-8") as handle:
            return json.load(handle)

    studies = len(load_snapshot().studies)
    pool = real_records()
    thousand = list(itertools.islice(itertools.cycle(pool), 1000))
    t_json = best_of(RUNS, json_only)
    t_snapshot = best_of(RUNS, lambda: from_snapshot(SNAPSHOT_PATH))
    t_thousand = best_of(RUNS, lambda: [normalise(r) for r in thousand])
    print(f"json.load of the snapshot ({size_kb:.0f} KB):        {t_json * 1000:7.1f} ms")
    print(f"load + normalise the snapshot ({studies} studies):  {t_snapshot * 1000:7.1f} ms")
    print(
        f"normalise 1,000 records (cycling {len(pool)} real):   {t_thousand * 1000:7.1f} ms"
        f"  (target < {TARGET_SECONDS * 1000:.0f} ms)"
    )
    return 0 if t_thousand < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
