"""Eligibility text → structured criteria (placeholder: every item needs review)."""

from __future__ import annotations

from screener.criteria.model import UNCLASSIFIED, Criterion, Kind
from screener.studies import StudyRecord


def extract_item(text: str, kind: Kind) -> list[Criterion]:
    """The criteria in one item; an item not understood is kept for review."""
    return [Criterion(UNCLASSIFIED, kind, None, None, None, text)]


def extract_criteria(record: StudyRecord) -> list[Criterion]:
    """Every criterion of a study, each with the exact item text it came from."""
    found: list[Criterion] = []
    for kind, items in (("inclusion", record.inclusion), ("exclusion", record.exclusion)):
        for item in items:
            found.extend(extract_item(item, kind))  # type: ignore[arg-type]
    return found
