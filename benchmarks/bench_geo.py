"""Time offline geocoding: ``python benchmarks/bench_geo.py``.

Each cold timing runs in a fresh Python process (so no cache is warm) and reports the best
of several runs: importing screener.geo; the first ZIP lookup (``zipcodes`` loads its data);
the first city lookup (the committed city index is read); the first lookup that needs an
alternate name. Warm timings are per lookup once the
indexes exist. Targets: the first ZIP lookup ≤ 50 ms (issue 14: the committed ZIP index,
``screener/places/zip_index.py``), every other first call under 3 s, warm lookups under 1 ms.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.places.geocode import locate  # noqa: E402

RUNS = 3
COLD: dict[str, str] = {
    "import screener.places.geocode": "pass",
    "first ZIP lookup (02114)": "locate({'postal_code': '02114', 'country': 'US'})",
    "first city lookup (Chicago)": "locate({'city': 'Chicago', 'country': 'US'})",
    "first alternate-name lookup (both indexes)": "locate({'city': 'München', 'country': 'DE'})",
}
WARM = [
    {"postal_code": "02114", "country": "US"},
    {"city": "Chicago", "country": "US"},
    {"city": "München", "country": "Germany"},
    {"city": "Nowhereville", "country": "US"},
]


def cold(statement: str) -> float:
    """Seconds for `statement` in a fresh interpreter (import time included for 'pass')."""
    restart = "" if statement == "pass" else "t = time.perf_counter(); "
    code = (
        "import time; t = time.perf_counter(); from screener.places.geocode import locate; "
        f"{restart}{statement}; print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def main() -> None:
    first_zip = 0.0
    for label, statement in COLD.items():
        best = min(cold(statement) for _ in range(RUNS))
        print(f"{label:<42} {best * 1000:8.1f} ms (cold, best of {RUNS})")
        first_zip = best if label.startswith("first ZIP") else first_zip
    verdict = "met" if first_zip <= 0.05 else "NOT met"
    print(f"{'target: first ZIP lookup ≤ 50 ms':<42} {verdict}")
    for location in WARM:
        locate(location)
    rounds = 2000
    start = time.perf_counter()
    for _ in range(rounds):
        for location in WARM:
            locate(location)
    per = (time.perf_counter() - start) / (rounds * len(WARM))
    print(f"{'warm lookup (mixed ZIP/city/miss)':<42} {per * 1e6:8.1f} µs per lookup")


if __name__ == "__main__":
    main()
