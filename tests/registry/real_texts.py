"""The 104 real eligibility texts of the shared data, for the splitting tests."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from screener.registry.eligibility_text import EligibilityItems, split_eligibility

SHARED_TEXTS = Path(__file__).resolve().parents[3] / "shared/data/als-eligibility"
WORD = re.compile(r"[A-Za-z]{2,}")


@cache
def rows() -> dict[str, dict[str, Any]]:
    """The 104 real eligibility texts by NCT id."""
    text = (SHARED_TEXTS / "als-eligibility.jsonl").read_text(encoding="utf-8")
    return {r["nctId"]: r for r in map(json.loads, text.splitlines()) if r}


def split(nct: str) -> EligibilityItems:
    """The split of one real study's text."""
    return split_eligibility(rows()[nct]["criteria"])


def words(text: str) -> set[str]:
    """Lower-cased words of two letters or more."""
    return {w.lower() for w in WORD.findall(text)}
