"""The app's results page for one person, timed without a browser (AppTest).

Run: ``python benchmarks/bench_results_page.py [--runs 5]``.

Streamlit's AppTest runs ``screener/ui/pages/results.py`` as the server would, with the
example person's answers already in the session (the answers are in; what is timed is
the page after them: reading the studies and their criteria, screening, drawing every
card). Three timings, median of ``--runs``: the first results page of a fresh process
(nothing cached yet), the page again in the same session (the engine redone for changed
answers), and the state functions the page calls, alone (``state.screened``). Beside them
the floor of the same run: AppTest drawing the start page, which screens nothing.
Offline (``SCREENER_OFFLINE=1``): no network is touched. Target (issue 14): ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
APP = ROOT / "app.py"
PAGES = "screener/ui/pages"
EXAMPLE = ROOT.parent / "shared" / "spec" / "examples" / "early-limb-onset.json"
TARGET = 0.5


def _timed(work: Any) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _one_round(answers: dict[str, Any]) -> tuple[float, float, float, float]:
    """(start page, first results page, results again with one answer changed, screened())."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from screener.person.questionnaire import from_profile

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=120)
    start = _timed(at.run)
    at.session_state["answers"] = from_profile(answers)
    first = _timed(lambda: at.switch_page(f"{PAGES}/results.py").run())
    assert not at.exception, at.exception
    changed = dict(answers, age_years=float(answers.get("age_years", 50)) + 1)
    at.session_state["answers"] = from_profile(changed)
    again = _timed(at.run)
    assert not at.exception, at.exception
    return start, first, again, _state_only(changed)


def _state_only(answers: dict[str, Any]) -> float:
    """``state.screened`` for a new profile, outside any page (warm caches, as on a rerun)."""
    from streamlit.testing.v1 import AppTest

    from screener.person.profile import parse_profile

    script = (
        "import streamlit as st\n"
        "from screener.person.profile import parse_profile\n"
        "from screener.ui import state\n"
        "profile = parse_profile(st.session_state['profile'])\n"
        "import time\n"
        "t = time.perf_counter()\n"
        "state.screened(profile)\n"
        "st.session_state['took'] = time.perf_counter() - t\n"
    )
    parse_profile(answers)  # the answers are valid
    at = AppTest.from_string(script, default_timeout=120)
    at.session_state["profile"] = answers
    at.run()
    assert not at.exception, at.exception
    took: float = at.session_state["took"]
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["SCREENER_OFFLINE"] = "1"
    os.environ.setdefault("SCREENER_CACHE_DIR", tempfile.mkdtemp(prefix="bench-results-"))
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    rounds = [_one_round(answers) for _ in range(args.runs)]
    start, first, again, alone = (statistics.median(col) for col in zip(*rounds, strict=True))
    print(f"median of {args.runs} rounds (AppTest, offline; load {os.getloadavg()[0]:.1f})")
    print(f"{'floor: the start page (screens nothing)':<50} {start:6.3f} s")
    for label, seconds in (
        ("results page, first in the process", first),
        ("results page again, one answer changed", again),
        ("state.screened alone (warm)", alone),
    ):
        print(f"{label:<50} {seconds:6.3f} s ({seconds / start:4.1f}× the floor)")
    met = "met" if again <= TARGET else "NOT met"
    print(f"target: results page ≤ {TARGET} s after the answers are in: {again:.3f} s, {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
