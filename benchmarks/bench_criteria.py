"""Accuracy of the criteria extractor on the gold set: ``python benchmarks/bench_criteria.py``.

Prints precision, recall and F1 per factor (core factors first), the share of record items
left entirely as ``needs_review``, and whether the issue's core targets (precision ≥ 0.97,
recall ≥ 0.93) are met. The gold labels (``tests/gold/``) and the scorer
(``benchmarks/gold_score.py``, ``gold_match.py``) belong to the gold set, labelled by hand
before the extractor was run; this entry point only runs that scorer on the current
extractor, so the figures cannot drift from the ones the gold README reports. Options are
the scorer's: ``--verbose`` lists every false positive and miss, ``--json`` prints a summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

from gold_score import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
