"""The benchmark's synthetic candidate lists (``benchmarks/bench_triage.py``), for tests.

Tests screen the same seeded, varied people the benchmark times, so what is measured is what
is proven equal to the engine.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


@cache
def bench_triage() -> ModuleType:
    """``benchmarks/bench_triage.py`` loaded as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_triage", ROOT / "benchmarks/bench_triage.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
