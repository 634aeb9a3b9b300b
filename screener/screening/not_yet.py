""" "Not yet — eligible from DATE": exclusions that time alone will lift.

Many unmet criteria are temporary: a stable riluzole or edaravone dose for N days, a washout
after another study drug. When every unmet criterion of a study is of that kind, the date from
which the person would meet them all can be counted from their own answers. Nothing is
guessed: a criterion whose date cannot be counted (a medicine taken now that must be stopped,
an edaravone course counted in cycles) makes the exclusion not temporary. Month-only dates are
counted from their latest possible day, so the date shown is never too early.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from screener.person.profile import Profile, month_only
from screener.screening.evaluate import CriterionResult
from screener.screening.readers_drugs import DRUG_NAMES
from screener.screening.reading import MONTH_SLACK_DAYS

__all__ = ["NotYet", "not_yet"]

# The visit a study counts its days to, in the order they are looked for in its words.
_COUNTS_TO: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Day 1", re.compile(r"\bday\s*1\b|\bfirst dose|\bdosing\b", re.I)),
    ("baseline", re.compile(r"\bbaseline\b", re.I)),
    ("randomisation", re.compile(r"randomi[sz]", re.I)),
    ("screening", re.compile(r"screening|informed consent|enrol|entry", re.I)),
)


class NotYet(NamedTuple):
    """The first day the person would meet a study's temporary criteria, and its clock."""

    eligible_from: date
    counts_to: str | None
    """The visit the study counts to ("screening", "Day 1", "baseline"), if its words say."""

    def words(self) -> str:
        """ "Not yet — eligible from 2026-12-01 …", with who counts from where."""
        head = f"Not yet — eligible from {self.eligible_from.isoformat()}"
        if self.counts_to in (None, "screening"):
            return (
                f"{head}: the only rules not met are waiting times, counted to the screening "
                "visit. The study team confirms the date."
            )
        return (
            f"{head}: the only rules not met are waiting times. The study counts them to "
            f"{self.counts_to}, so the team counts from there: {self.counts_to} would need to "
            "be on or after this date; screening may come before it."
        )


def _latest(day: date) -> date:
    return day + timedelta(days=MONTH_SLACK_DAYS) if month_only(day) else day


def _days(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(-(-value // 1))  # whole days, rounded up


def _free_from(profile: Profile, result: CriterionResult) -> date | None:
    """The day one unmet criterion stops failing on time alone, or None if it never does."""
    c = result.criterion
    if c.extra.get("condition"):
        return None
    if c.factor == "investigational_drug" and c.kind == "exclusion" and c.op == "within":
        last, days = profile.investigational_drug_last_dose, _days(c.value)
        if isinstance(last, date) and days is not None:
            return _latest(last) + timedelta(days=days + 1)
        return None
    if c.factor not in DRUG_NAMES:
        return None
    answer = getattr(profile, c.factor, None)
    status = getattr(answer, "status", None)
    if c.kind == "inclusion" and status == "current":
        needed = c.value if c.op == "stable_or_none" else None
        if c.op == "current" and c.value is True:
            needed = c.extra.get("stable_days")
        since, days = getattr(answer, "stable_since", None), _days(needed)
        if isinstance(since, date) and days is not None:
            return _latest(since) + timedelta(days=days)
        return None
    if c.kind == "exclusion" and c.op == "within" and status == "past":
        last, days = getattr(answer, "last_dose", None), _days(c.value)
        if isinstance(last, date) and days is not None:
            return _latest(last) + timedelta(days=days + 1)
    return None


def not_yet(profile: Profile, results: Sequence[CriterionResult]) -> NotYet | None:
    """The date from which every unmet criterion would be met, if time alone settles them."""
    unmet = [r for r in results if r.status == "not_met"]
    if not unmet:
        return None
    days: list[date] = []
    for r in unmet:
        day = _free_from(profile, r)
        if day is None:
            return None
        days.append(day)
    counts_to = next(
        (name for name, p in _COUNTS_TO for r in unmet if p.search(r.criterion.text)), None
    )
    return NotYet(max(days), counts_to)
