"""Helpers for the criteria tests: real sentences from the shared data, compact readings."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from screener.criteria import Criterion, Kind, extract_item

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SHARED_ELIGIBILITY = SHARED_DATA / "als-eligibility" / "als-eligibility.jsonl"
SHARED_V2 = SHARED_DATA / "ctgov" / "als-studies.v2.jsonl"
SHARED_NON_ALS = (
    SHARED_DATA / "ctgov" / "examples-non-als" / "ctg-studies.unl-stat351-2025-10-07.json"
)

Reading = tuple[str, str, Any, Any]


@cache
def _texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    with SHARED_ELIGIBILITY.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["nctId"]] = record.get("criteria") or ""
    with SHARED_V2.open(encoding="utf-8") as handle:
        studies = [json.loads(line) for line in handle if line.strip()]
    non_als = json.loads(SHARED_NON_ALS.read_text(encoding="utf-8"))
    studies += non_als if isinstance(non_als, list) else non_als.get("studies", [])
    for study in studies:
        section = study.get("protocolSection", {})
        nct = section.get("identificationModule", {}).get("nctId")
        criteria = section.get("eligibilityModule", {}).get("eligibilityCriteria")
        if nct and criteria:
            texts.setdefault(nct, criteria)
    return texts


def _squash(text: str) -> str:
    text = text.replace("\\", "")
    return re.sub(r"[\s*•-]+", " ", text).strip().lower()


def real(nct: str, sentence: str) -> str:
    """``sentence``, after checking that the study's shared eligibility text contains it."""
    text = _texts().get(nct)
    assert text is not None, f"{nct} is not in the shared eligibility data"
    assert _squash(sentence) in _squash(text), f"{nct} does not contain {sentence!r}"
    return sentence


def readings(text: str, kind: Kind) -> set[Reading]:
    """(factor, kind, op, value) of every understood criterion, lists made hashable."""
    return {_reading(c) for c in extract_item(text, kind) if c.understood}


def reviewed(text: str, kind: Kind) -> set[str]:
    """Factors the item mentions but that were kept for review."""
    return {c.factor for c in extract_item(text, kind) if not c.understood}


def only(text: str, kind: Kind, factor: str) -> Criterion:
    """The single understood criterion of ``factor`` in the item."""
    found = [c for c in extract_item(text, kind) if c.factor == factor and c.understood]
    assert len(found) == 1, found
    return found[0]


def _reading(criterion: Criterion) -> Reading:
    value = tuple(criterion.value) if isinstance(criterion.value, list) else criterion.value
    return (criterion.factor, criterion.kind, criterion.op, value)
