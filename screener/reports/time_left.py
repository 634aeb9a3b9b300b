"""How long until a study's onset or diagnosis window closes, as a result card says it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["CLOCK_WORDS", "months_left_words", "time_left_words"]

CLOCK_WORDS: dict[str, str] = {
    "onset": "time-since-first-symptom",
    "diagnosis": "time-since-diagnosis",
}


def months_left_words(months: float | None, clock: str | None = "onset") -> str | None:
    """How long until the study's onset or diagnosis window closes, named by its clock."""
    if months is None:
        return None
    limit = CLOCK_WORDS.get(clock or "", "time-since-onset-or-diagnosis") + " limit"
    if months <= 0:
        return f"The {limit} has passed."
    if months < 1:
        return f"Less than a month left before the {limit}."
    whole = int(months)
    return f"About {whole} month{'s' if whole != 1 else ''} left before the {limit}."


def time_left_words(result: Mapping[str, Any]) -> str | None:
    """The card's "months left" line: only for a study that may still fit (on a study the
    person does not fit, time left before a window closes reads as encouragement)."""
    if result.get("verdict") == "excluded":
        return None
    return months_left_words(result.get("months_left"), result.get("months_left_clock"))
