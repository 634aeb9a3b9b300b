"""Cold start of the command line: ``python benchmarks/bench_cold.py [--runs 7]``.

Each command runs in a fresh Python process, the runs of all commands interleaved so the
machine's other load falls on each alike; prints the median wall and CPU (user + system)
time of each, and each command's ratio to the floor it is compared with, measured in this
same run: ``studies --offline`` (merely loading and printing every study). The compiled
criteria cache (``screener.rules.compiled``) lives in a temporary folder: "first run" empties it
before every run (a fresh install), the others find it filled by an earlier run.
Target (issue 14): cold ``screen --offline`` ≤ 1.2 × cold ``studies --offline``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT.parent / "shared" / "spec" / "examples" / "early-limb-onset.json"
CANDIDATES = ROOT.parent / "shared" / "spec" / "examples" / "candidates-example.csv"
FLOOR = "studies --offline"
COMMANDS: dict[str, list[str]] = {
    FLOOR: ["studies", "--offline"],
    "screen --offline": ["screen", "--offline", "--profile", str(PROFILE)],
    "screen --offline, first run (empty cache)": [
        "screen", "--offline", "--profile", str(PROFILE)
    ],
    "criteria --offline (every study)": ["criteria", "--offline"],
    "triage --all --offline (example list)": [
        "triage", "--candidates", str(CANDIDATES), "--all", "--offline"
    ],
}  # fmt: skip


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    env = dict(os.environ, SCREENER_CACHE_DIR=str(cache))
    env["SCREENER_SNAPSHOT"] = str(cache / "no-refreshed-snapshot.json")
    wall: dict[str, list[float]] = {k: [] for k in COMMANDS}
    cpu: dict[str, list[float]] = {k: [] for k in COMMANDS}
    try:
        for _ in range(args.runs):
            for label, command in COMMANDS.items():
                if "empty cache" in label:
                    shutil.rmtree(cache, ignore_errors=True)
                before, started = _cpu(), time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "screener", *command],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=True,
                )
                wall[label].append(time.perf_counter() - started)
                cpu[label].append(_cpu() - before)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    floor_wall, floor_cpu = statistics.median(wall[FLOOR]), statistics.median(cpu[FLOOR])
    print(f"median of {args.runs} cold runs each, interleaved; ratios to `{FLOOR}` of this run")
    for label in COMMANDS:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        print(
            f"{label:<44} wall {w:6.3f} s ({w / floor_wall:4.2f}×)   "
            f"cpu {c:6.3f} s ({c / floor_cpu:4.2f}×)"
        )
    ratio = statistics.median(wall["screen --offline"]) / floor_wall
    verdict = "met" if ratio <= 1.2 else "NOT met"
    print(f"target screen ≤ 1.2 × {FLOOR}: {ratio:.2f}× wall, {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
