"""Cold start of the command line: ``python benchmarks/bench_cold.py [--runs 7]``.

Each command runs in a fresh Python process, the runs of all commands interleaved so the
machine's other load falls on each alike; prints the median wall and CPU (user + system)
time of each, and each command's ratio to the floor it is compared with, measured in this
same run: ``studies --offline`` (merely loading and printing every study). The compiled
criteria cache (``screener.rules.compiled``) lives in a temporary folder that the others find
filled by an earlier run; "first run" has a folder of its own, emptied before each of its runs
(a fresh install), so it never empties the others' (``criteria`` would compile every study
again).
Target (issue 14): cold ``screen --offline`` ≤ 1.2 × cold ``studies --offline``.

Bytecode: an installed package runs from compiled ``.pyc`` files (pip writes them), so the
runs keep theirs in a temporary ``PYTHONPYCACHEPREFIX`` (nothing is written into the tree),
filled by one untimed warm-up run of each command, even where ``PYTHONDONTWRITEBYTECODE``
is set. ``--no-bytecode`` measures the other case: every module compiled from source in
every run (what a checkout with ``PYTHONDONTWRITEBYTECODE=1`` pays).
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


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "screener", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-bytecode", action="store_true", help="compile from source each run")
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    bytecode = Path(tempfile.mkdtemp(prefix="bench-cold-pyc-"))
    env = dict(os.environ, SCREENER_CACHE_DIR=str(cache))
    env["SCREENER_SNAPSHOT"] = str(cache / "no-refreshed-snapshot.json")
    if args.no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    fresh = Path(tempfile.mkdtemp(prefix="bench-cold-fresh-"))
    fresh_env = dict(env, SCREENER_CACHE_DIR=str(fresh))
    wall: dict[str, list[float]] = {k: [] for k in COMMANDS}
    cpu: dict[str, list[float]] = {k: [] for k in COMMANDS}
    try:
        for command in COMMANDS.values():  # warm-up, untimed: writes the bytecode
            _run(command, env)
        for _ in range(args.runs):
            for label, command in COMMANDS.items():
                first_run = "empty cache" in label
                if first_run:
                    shutil.rmtree(fresh, ignore_errors=True)
                before, started = _cpu(), time.perf_counter()
                _run(command, fresh_env if first_run else env)
                wall[label].append(time.perf_counter() - started)
                cpu[label].append(_cpu() - before)
    finally:
        for folder in (cache, fresh, bytecode):
            shutil.rmtree(folder, ignore_errors=True)
    floor_wall, floor_cpu = statistics.median(wall[FLOOR]), statistics.median(cpu[FLOOR])
    kind = "compiled from source" if args.no_bytecode else "from bytecode"
    print(
        f"median of {args.runs} cold runs each ({kind}), interleaved, load "
        f"{os.getloadavg()[0]:.1f}; ratios to `{FLOOR}` of this run"
    )
    for label in COMMANDS:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        print(
            f"{label:<44} wall {w:6.3f} s ({w / floor_wall:4.2f}×)   "
            f"cpu {c:6.3f} s ({c / floor_cpu:4.2f}×)"
        )
    ratio = statistics.median(wall["screen --offline"]) / floor_wall
    cpu_ratio = statistics.median(cpu["screen --offline"]) / floor_cpu
    verdict = "met" if max(ratio, cpu_ratio) <= 1.2 else "NOT met"
    print(f"target screen ≤ 1.2 × {FLOOR}: {ratio:.2f}× wall, {cpu_ratio:.2f}× cpu, {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
