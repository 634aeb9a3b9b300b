"""ALSFRS-R scores as the person fills them in: total, ΔFS, MiToS stage, domain totals.

Display helpers for the questions page (pure functions over the answers dict); the
arithmetic itself is ``screener.person.alsfrs``, the same the profile and engine use.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from screener.person import alsfrs

__all__ = [
    "DAYS_PER_MONTH",
    "month_date",
    "alsfrs_items",
    "alsfrs_total",
    "delta_fs",
    "mitos_stage",
    "alsfrs_domain_totals",
]

DAYS_PER_MONTH = alsfrs.DAYS_PER_MONTH


def month_date(answers: Mapping[str, Any], prefix: str) -> str | None:
    """ "YYYY-MM" from a month and year answer; None unless both were given.

    A reloaded answers file may carry the exact day (``<prefix>_day``, "YYYY-MM-DD"); it is
    kept while the month and year still match it, so a reload loses nothing.
    """
    month, year = answers.get(f"{prefix}_month"), answers.get(f"{prefix}_year")
    if not isinstance(month, int) or not isinstance(year, int) or not 1 <= month <= 12:
        return None
    shown = f"{year:04d}-{month:02d}"
    day = answers.get(f"{prefix}_day")
    if isinstance(day, str) and len(day) == 10 and day.startswith(shown + "-"):
        return day
    return shown


def _mid_month(text: str) -> date:
    year, month = (int(x) for x in text.split("-")[:2])
    return date(year, month, 15)


def alsfrs_items(answers: Mapping[str, Any]) -> list[int] | None:
    """The 12 item scores in order, or None until every item is answered."""
    scores = [answers.get(f"alsfrs_{n}") for n in range(1, 13)]
    if any(not isinstance(s, int) for s in scores):
        return None
    return [int(s) for s in scores if isinstance(s, int)]


def alsfrs_total(answers: Mapping[str, Any]) -> int | None:
    """The ALSFRS-R total: the sum of all 12 items, or the total the person typed."""
    if answers.get("alsfrs_mode") == "total":
        total = answers.get("alsfrs_total")
        return total if isinstance(total, int) else None
    if answers.get("alsfrs_mode") != "items":
        return None
    items = alsfrs_items(answers)
    return sum(items) if items is not None else None


def delta_fs(answers: Mapping[str, Any], today: date) -> float | None:
    """ΔFS = (48 − total) / months from first symptom to the rating date (or today)."""
    total = alsfrs_total(answers)
    onset = month_date(answers, "onset")
    if total is None or onset is None:
        return None
    rated = month_date(answers, "alsfrs")
    months = alsfrs.months_between(_mid_month(onset), _mid_month(rated) if rated else today)
    slope = alsfrs.delta_fs(total, months)
    return round(slope, 2) if slope is not None else None


def mitos_stage(items: list[int] | None) -> int | None:
    """MiToS stage (0–4): how many of four domains are lost; None until all 12 are in."""
    return alsfrs.mitos_stage(items) if items is not None else None


def alsfrs_domain_totals(items: list[int] | None) -> dict[str, int] | None:
    """Sub-scores by domain (bulbar, fine motor, gross motor, respiratory), 0–12 each."""
    if items is None:
        return None
    return {domain: alsfrs.subscore(items, domain) for domain in alsfrs.DOMAINS}
