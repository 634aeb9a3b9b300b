"""Time the screen itself: ``python benchmarks/bench_screen.py``.

Measures, after loading, one profile screened against every snapshot study and against
1,000 studies (the snapshot's records cycled), beside the time of merely ``json.load``-ing
the snapshot. Target: the screen costs no more than the load. Reading each study's criteria
(rule files and text extraction) is person-independent and done once per study, so it is
timed on its own; the screen is timed after it, and the evaluation alone (criteria in hand,
as triage does) too. Best of several runs; nothing is written.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.person.profile import parse_profile  # noqa: E402
from screener.registry.snapshot import SNAPSHOT_PATH  # noqa: E402
from screener.registry.source import load_studies  # noqa: E402
from screener.rules.book import load_rulebook  # noqa: E402
from screener.rules.compiled import CompiledCriteria  # noqa: E402
from screener.screening.engine import criteria_of, screen, screen_study  # noqa: E402

RUNS = 30
# The contract's early limb-onset example (shared/spec/examples/early-limb-onset.json), so the
# benchmark runs from the project alone; the location exercises the distance code too.
PROFILE = {
    "as_of": "2026-11-01", "age_years": 52, "sex": "male", "onset_date": "2026-01",
    "diagnosis_date": "2026-06-10", "diagnosis_category": "probable", "familial": False,
    "genes": {"SOD1": "negative", "C9orf72": "negative"},
    "alsfrs_r": {"items": [4, 4, 4, 3, 3, 3, 4, 3, 3, 4, 4, 4], "date": "2026-10-20"},
    "vital_capacity": {"test": "svc", "percent_predicted": 88, "date": "2026-10-20"},
    "ventilation": "none", "tracheostomy": False, "gastrostomy": False, "can_swallow_pills": True,
    "riluzole": {"status": "current", "stable_since": "2026-07-01"},
    "edaravone": {"status": "never"}, "investigational_drug_last_dose": "never",
    "dementia": False, "location": {"postal_code": "02114", "country": "US"},
    "max_distance_km": 300,
}  # fmt: skip


def best(action: Callable[[], object], runs: int = RUNS) -> float:
    """Fastest of ``runs`` timings, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = SNAPSHOT_PATH.read_text(encoding="utf-8")
    load = best(lambda: json.loads(text))
    records = load_studies(offline=True).records
    thousand = list(itertools.islice(itertools.cycle(records), 1000))
    book = load_rulebook()
    profile = parse_profile(PROFILE)
    # Reading criteria happens once per study (the engine memoises it): timed on its own.
    read = best(lambda: [criteria_of(book, r) for r in records], runs=1)
    # The same criteria from the compiled cache, as a new process finds them (issue 14).
    with tempfile.TemporaryDirectory() as folder:
        CompiledCriteria(directory=Path(folder)).prepare(records)
        cached = best(lambda: CompiledCriteria(directory=Path(folder)).prepare(records), runs=5)
    whole = best(lambda: screen(profile, records, book))
    whole_1000 = best(lambda: screen(profile, thousand, book))
    with_criteria = [(r, criteria_of(book, r)) for r in thousand]
    n_criteria = sum(len(c) for _, c in with_criteria[: len(records)])
    evaluate_1000 = best(lambda: [screen_study(profile, r, c) for r, c in with_criteria])

    print(f"snapshot: {len(records)} studies, {n_criteria} criteria, {len(text) / 1e6:.2f} MB")
    print(f"best of {RUNS} runs; the machine's other load makes single runs noisy")
    rows = [
        ("json.load of the snapshot (reference)", load),
        (f"reading every study's criteria, once ({len(records)})", read),
        ("the same from the compiled-criteria cache", cached),
        (f"screen, every snapshot study ({len(records)})", whole),
        ("screen, 1,000 studies (records cycled)", whole_1000),
        ("evaluation only, 1,000 studies (criteria in hand)", evaluate_1000),
    ]
    for label, seconds in rows:
        ratio = seconds / load if load else float("inf")
        print(f"{label:<56} {seconds * 1000:8.1f} ms  ({ratio:5.2f}× load)")
    n = len(records)
    print(
        f"per study: json.load {load / n * 1e6:.1f} µs · screen {whole / n * 1e6:.1f} µs · "
        f"screen at 1,000 {whole_1000 / 1000 * 1e6:.1f} µs · "
        f"evaluation {evaluate_1000 / 1000 * 1e6:.1f} µs"
    )
    verdict = "met" if whole <= load else "NOT met"
    print(f"target (screen of every snapshot study ≤ json.load): {verdict}")


if __name__ == "__main__":
    main()
