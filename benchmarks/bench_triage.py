"""Benchmark coordinator triage: 10,000 candidates against one study and every enrolling one.

Run: ``python benchmarks/bench_triage.py [--candidates 10000] [--seed 7]``. The candidates are
synthetic, made from the shared example profiles with seeded random variation (ages, dates
to the month or the day, ALSFRS-R totals or items, breathing, treatments, blanks for
unknown answers, and about 1 % bad cells). Prints wall time (untraced) and peak Python memory
(tracemalloc, a second run) for reading, screening and writing, and the process's peak RSS.
Prints each time beside the floor measured in the same run (pandas reading the file alone).
Targets (issue 14): reading ≤ 0.2 s; enrolling studies ≤ 1 s; all 106 with text ≤ 2 s;
peak memory ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # type: ignore[import-untyped]  # noqa: E402

from screener.triage.candidate_columns import COLUMNS, flatten_profile  # noqa: E402

EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
AS_OF = date(2026, 11, 1)
BASES = ("early-limb-onset", "bulbar-onset-peg", "sod1-carrier", "long-duration-niv")
_BAD_CELLS = {"age_years": "abc", "onset_date": "14/03/2025", "gastrostomy": "maybe"}


def _base_profiles() -> list[dict[str, Any]]:
    return [json.loads((EXAMPLES / f"{name}.json").read_text()) for name in BASES]


def _when(rng: random.Random, months_ago: float) -> str:
    day = AS_OF - timedelta(days=max(0.0, months_ago) * 30.44)
    return day.isoformat() if rng.random() < 0.3 else day.isoformat()[:7]


def _person(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    p = json.loads(json.dumps(base))
    p.pop("as_of", None)
    p["age_years"] = rng.randint(25, 85)
    p["sex"] = rng.choice(["female", "male"])
    onset = rng.uniform(2, 72)
    p["onset_date"] = _when(rng, onset)
    p["diagnosis_date"] = _when(rng, max(0.0, onset - rng.uniform(2, 18)))
    rated = _when(rng, rng.uniform(0, 2))
    if rng.random() < 0.4:
        p["alsfrs_r"] = {"items": [rng.randint(1, 4) for _ in range(12)], "date": rated}
    else:
        p["alsfrs_r"] = {"total": rng.randint(12, 48), "date": rated}
    p["vital_capacity"] = {
        "test": rng.choice(["svc", "fvc"]),
        "percent_predicted": rng.randint(30, 115),
        "date": rated,
    }
    p["ventilation"] = rng.choice(["none", "none", "niv_night", "niv_day_and_night"])
    p["riluzole"] = {"status": rng.choice(["never", "current", "past"])}
    if p["riluzole"]["status"] == "current":
        p["riluzole"]["stable_since"] = _when(rng, rng.uniform(0, 24))
    p["gastrostomy"] = rng.random() < 0.25
    p["pregnant"] = False if p["sex"] == "female" and rng.random() < 0.7 else None
    p["genes"] = {"SOD1": rng.choice(["negative", "negative", "positive", "not_tested"])}
    return {k: v for k, v in p.items() if v is not None}


def synthetic_csv(count: int, seed: int = 7, bad_share: float = 0.01) -> bytes:
    """A candidate CSV of ``count`` people (ids C00001...), seeded, with blanks and bad cells."""
    rng = random.Random(seed)
    bases = _base_profiles()
    names = [c.name for c in COLUMNS]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for number in range(1, count + 1):
        row = flatten_profile(_person(rng, rng.choice(bases)))
        # Blanks are unknown answers: drop about a sixth of the cells.
        row = {k: v for k, v in row.items() if rng.random() > 0.16}
        if rng.random() < bad_share:
            column = rng.choice(sorted(_BAD_CELLS))
            row[column] = _BAD_CELLS[column]
        row["id"] = f"C{number:05d}"
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _measure(label: str, work: Any, trace: bool) -> tuple[Any, float]:
    """(result, seconds) of ``work``, timed untraced (tracemalloc slows Python code about
    threefold), then once more under tracemalloc for its peak memory when ``trace`` is set."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = ""
    if trace:
        tracemalloc.start()
        work()
        peak = f"   peak {tracemalloc.get_traced_memory()[1] / 2**20:7.1f} MiB (tracemalloc)"
        tracemalloc.stop()
    print(f"{label:<52} {seconds:6.2f} s{peak}")
    return result, seconds


def _peak_rss_mib() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: a child made by fork keeps the parent's
    ru_maxrss across exec, which would charge the parent's memory to the child."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_rss(args: argparse.Namespace, case: int) -> str:
    """Peak RSS of a fresh process that loads everything and runs only this case."""
    command = [sys.executable, __file__, "--candidates", str(args.candidates)]
    command += ["--seed", str(args.seed), "--study", args.study, "--rss-of", str(case)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return f"process peak RSS {float(done.stdout.strip().splitlines()[-1]):.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--study", default="NCT04297683", help="the one-study case")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--rss-of", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    from screener.registry.source import load_studies
    from screener.rules.book import load_rulebook
    from screener.triage.output import write_csv
    from screener.triage.run import (
        enrolling_studies,
        named_studies,
        read_candidates,
        triage_table,
    )

    content = synthetic_csv(args.candidates, args.seed)
    source = load_studies(offline=True)
    rulebook = load_rulebook()
    one = named_studies([args.study], source, rulebook)
    every = enrolling_studies(source, rulebook)
    snapshot = [(r, c) for r in source.records if (c := rulebook.criteria_for(r))]
    trace = not args.no_trace
    print(
        f"{args.candidates} synthetic candidates ({len(content) / 2**20:.1f} MiB CSV); "
        f"snapshot {source.retrieved}: {len(every)} enrolling studies with criteria"
    )

    def run(studies: Any) -> Any:
        table = read_candidates(content, as_of=AS_OF)
        rows = triage_table(table, studies)
        # As the command does: stream the CSV out (here to /dev/null) rather than hold it.
        with open(os.devnull, "w", encoding="utf-8", newline="") as sink:
            write_csv(rows, sink)
        return table, rows

    cases = [
        (f"1 study ({args.study})", one),
        (f"{len(every)} enrolling studies with criteria", every),
        (f"{len(snapshot)} snapshot studies with criteria (any status)", snapshot),
    ]
    if args.rss_of is not None:
        # Child run: one case, untraced, so the process's peak RSS is that case's alone.
        run(cases[args.rss_of][1])
        print(_peak_rss_mib())
        return 0
    # The floor: pandas alone reading the same bytes as text cells (what the reader starts from).
    floor = min(_seconds(lambda: pd.read_csv(io.BytesIO(content), dtype=str)) for _ in range(3))
    print(f"{'floor: pandas.read_csv of the file alone (best of 3)':<52} {floor:6.2f} s")
    first = _seconds(lambda: read_candidates(content, as_of=AS_OF))
    # Reading alone is short enough to repeat: its median of 5 (the first read in a process
    # also pays one-off imports and regular-expression compiling, printed beside it).
    again = sorted(_seconds(lambda: read_candidates(content, as_of=AS_OF)) for _ in range(5))
    table, read = _measure(
        "read CSV only (one run)", lambda: read_candidates(content, as_of=AS_OF), trace
    )
    read = again[2]
    errors = sum(1 for r in table.rows if r.problem)
    print(
        f"  median of 5 {read:.3f} s (fastest {again[0]:.3f}, slowest {again[-1]:.3f}; "
        f"first in the process {first:.3f}); {read / floor:.1f}× the floor"
    )
    print(f"  {len(table.rows)} rows read, {errors} error rows")
    for number, (label, studies) in enumerate(cases):
        (_, rows), took = _measure(f"read + triage + CSV: {label}", lambda s=studies: run(s), trace)
        print(
            f"  {len(rows)} output rows; {took / floor:.1f}× the floor; {_child_rss(args, number)}"
        )
    print(
        "targets (issue 14): read ≤ 0.2 s; enrolling studies ≤ 1 s; all with text ≤ 2 s; "
        "peak memory ≤ 500 MB"
    )
    return 0


def _seconds(work: Any) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
