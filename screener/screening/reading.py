"""What a reader returns and how readers are found: the shared ground of every factor reader.

Each factor's reader turns (profile, criterion) into a ``Fact``: whether the condition
``factor op value`` holds for the person, a plain description of the person's answer, and,
when it cannot be told, which answers would settle it. Answers given only to the month are
treated as a range (±16 days), so a person right at a limit is "unknown", never excluded
on a rounding. Kind (inclusion/exclusion) and wording of the verdict live in evaluate.py.

Readers register under the factor they read (:func:`reads`); a second reader for the same
factor is an error, and a test checks that every factor of ``screener.factors`` has one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from screener.criteria.model import Criterion
from screener.errors import Unreadable
from screener.person.profile import Profile, month_only

__all__ = [
    "MONTH_SLACK_DAYS",
    "Fact",
    "unknown",
    "fmt",
    "compare",
    "numeric",
    "slack_days",
    "as_of_text",
    "Reader",
    "READERS",
    "register",
    "reads",
]

MONTH_SLACK_DAYS = 16
"""A date given as YYYY-MM stands for the 15th; the real day may be up to 16 days away."""


@dataclass(slots=True)  # not frozen: built for every criterion of every study, and short-lived
class Fact:
    """Whether the condition holds for this person, and what the person's answer is."""

    holds: bool | None
    person: str = ""
    """A noun phrase for numbers ("Your age (52 years)"), else a sentence ("You said …")."""
    numeric: bool = False
    missing: tuple[str, ...] = ()
    """Profile keys that would settle it when ``holds`` is None."""
    note: str = ""
    """Why an answer that was given still does not settle it."""


def unknown(*keys: str, note: str = "") -> Fact:
    return Fact(None, missing=keys, note=note)


def fmt(number: float, digits: int = 1) -> str:
    """A number for people: no trailing zeros."""
    return f"{round(number, digits):g}"


def compare(lo: float, hi: float, op: str | None, value: Any) -> bool | None:
    """Does every value in [lo, hi] satisfy ``op value`` (True), none (False), or some (None)?"""
    if op == "between":
        if not isinstance(value, Sequence) or len(value) != 2:
            raise Unreadable(f"'between' needs [low, high], got {value!r}")
        a, b = (_number(v) for v in value)
        if lo >= a and hi <= b:
            return True
        return False if hi < a or lo > b else None
    v = _number(value)
    if op == ">=":
        every, none = lo >= v, hi < v
    elif op == "<=":
        every, none = hi <= v, lo > v
    elif op == ">":
        every, none = lo > v, hi <= v
    elif op == "<":
        every, none = hi < v, lo >= v
    elif op == "==":
        every, none = lo == hi == v, v < lo or v > hi
    else:
        raise Unreadable(f"operator {op!r} is not a comparison")
    return True if every else False if none else None


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unreadable(f"expected a number, got {value!r}")
    return float(value)


def numeric(person: str, lo: float, hi: float, c: Criterion, *keys: str, near: str = "") -> Fact:
    """A numeric fact; when the answer's range straddles the limit, say so and ask for more."""
    holds = compare(lo, hi, c.op, c.value)
    if holds is None:
        return Fact(
            None, person, True, keys, near or f"{person} is too close to the limit to tell."
        )
    return Fact(holds, person, True)


def slack_days(*dates: date | None) -> int:
    return MONTH_SLACK_DAYS * sum(1 for d in dates if month_only(d))


def as_of_text(p: Profile) -> str:
    return p.as_of_date.isoformat()


Reader = Callable[[Profile, Criterion], Fact]
READERS: dict[str, Reader] = {}
"""The one reader of each factor, filled as the reader modules are imported (evaluate.py
imports them all; use ``evaluate.READERS`` to be sure every reader is in)."""
_R = TypeVar("_R", bound=Reader)


def register(factor: str, reader: Reader) -> None:
    """Make ``reader`` the reader of ``factor``; a factor has exactly one."""
    if factor in READERS:
        raise ValueError(f"factor {factor!r} already has a reader")
    READERS[factor] = reader


def reads(*factors: str) -> Callable[[_R], _R]:
    """Decorator: register the function as the reader of these factors."""

    def add(reader: _R) -> _R:
        for factor in factors:
            register(factor, reader)
        return reader

    return add
