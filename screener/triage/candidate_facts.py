"""A candidate file's parsed columns as per-row numpy facts: numbers, dates, ALSFRS-R, breathing.

Each column's cells were parsed once per distinct cell (``candidate_parse``); here each
distinct value is turned into what the profile makes of it (a date by the profile's own
``parse_day``, so a month stays a month) and spread to the rows by their codes. These facts
feed both the whole-file profile check (``candidate_checks``) and the vectorised readers'
columns (``candidate_people``), so neither needs a ``Profile`` per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from screener.person.profile_parts import first_day, month_only, parse_day
from screener.triage.candidate_answers import ITEM_COLUMNS
from screener.triage.candidate_parse import ParsedColumns

__all__ = ["DateFacts", "Facts"]

_Array = np.ndarray[Any, Any]


@dataclass(frozen=True, slots=True)
class DateFacts:
    """One date column per row: given and readable, its day number, month only or not, the
    day number of the earliest day it can stand for, and whether the profile refuses it."""

    known: _Array
    day: _Array
    month_only: _Array
    first_day: _Array
    bad: _Array


def _date_values(values: list[Any]) -> tuple[_Array, ...]:
    """(known, day, month only, first day, bad) of each distinct parsed value."""
    known, day, month, first, bad = [], [], [], [], []
    for value in values:
        parsed: date | None = None
        if value is not None and value != "never":
            try:
                parsed = parse_day(value)
            except ValueError:
                bad.append(True)
            else:
                bad.append(False)
        else:
            bad.append(False)
        known.append(parsed is not None)
        day.append(0 if parsed is None else parsed.toordinal())
        first.append(0 if parsed is None else first_day(parsed).toordinal())
        month.append(month_only(parsed))
    return (
        np.array(known, dtype=bool),
        np.array(day, dtype=np.int64),
        np.array(month, dtype=bool),
        np.array(first, dtype=np.int64),
        np.array(bad, dtype=bool),
    )


class Facts:
    """Per-row facts of a parsed candidate file (every row, error rows included)."""

    def __init__(self, parsed: ParsedColumns, size: int, as_of: date | None) -> None:
        """``as_of``: the --as-of option, which replaces every row's own ``as_of``."""
        self.parsed = parsed
        self.size = size
        self.override = as_of
        self._made: dict[tuple[str, str], Any] = {}

    def _spread(self, kind: str, name: str, of_value: Callable[[Any], Any], dtype: Any) -> _Array:
        """``of_value`` of each row's parsed value in this column (of None where the column is
        absent), worked out once per distinct value and once per column."""
        key = (kind, name)
        if key not in self._made:
            if name in self.parsed.values:
                per_value = np.array([of_value(v) for v in self.parsed.values[name]], dtype=dtype)
                self._made[key] = per_value[self.parsed.codes[name]]
            else:
                self._made[key] = np.full(self.size, of_value(None), dtype=dtype)
        made: _Array = self._made[key]
        return made

    def given(self, name: str) -> _Array:
        """Whether each row's cell in this column holds an answer (absent column: none)."""
        return self._spread("given", name, lambda v: v is not None, bool)

    def number(self, name: str) -> _Array:
        """Each row's number in this column (NaN where blank, unreadable or absent)."""
        return self._spread("number", name, lambda v: np.nan if v is None else float(v), float)

    def text(self, name: str) -> _Array:
        """Each row's text in this column ("" where blank or absent), as an object array."""
        return self._spread("text", name, lambda v: "" if v is None else v, object)

    def date(self, name: str) -> DateFacts:
        """Each row's date in this column, as the profile reads it."""
        key = ("date", name)
        if key not in self._made:
            self._made[key] = self._date(name)
        made: DateFacts = self._made[key]
        return made

    def _date(self, name: str) -> DateFacts:
        if name not in self.parsed.values:
            none = np.zeros(self.size, dtype=bool)
            zero = np.zeros(self.size, dtype=np.int64)
            return DateFacts(none, zero, none, zero, none)
        codes = self.parsed.codes[name]
        columns = [column[codes] for column in _date_values(self.parsed.values[name])]
        return DateFacts(*columns)

    @cached_property
    def as_of(self) -> DateFacts:
        """The screening day of each row (``Profile.as_of_date``: the --as-of option, else the
        row's own ``as_of``, else today); ``month_only`` as ``Profile.as_of`` is given."""
        if self.override is not None:
            day = np.full(self.size, self.override.toordinal(), dtype=np.int64)
            false = np.zeros(self.size, dtype=bool)
            return DateFacts(~false, day, false, day, false)
        own = self.date("as_of")
        today = date.today().toordinal()
        day = np.where(own.known, own.day, today)
        return DateFacts(~own.bad, day, own.month_only, day, own.bad)

    @cached_property
    def item_scores(self) -> tuple[_Array, _Array]:
        """(item scores, rows × 12, 0 where blank; how many of the 12 each row gives)."""
        scores = np.stack([np.nan_to_num(self.number(c)) for c in ITEM_COLUMNS], axis=1)
        count = np.sum([self.given(c) for c in ITEM_COLUMNS], axis=0)
        return scores.astype(np.int64), np.asarray(count, dtype=np.int64)

    @cached_property
    def has_items(self) -> _Array:
        """The 12 items are given, so the profile holds them (``answers_of``)."""
        has: _Array = self.item_scores[1] == 12
        return has

    @cached_property
    def alsfrs_given(self) -> _Array:
        """The profile holds an ALSFRS-R: the 12 items, or else the total."""
        given: _Array = self.has_items | self.given("alsfrs_r_total")
        return given

    @cached_property
    def alsfrs_total(self) -> _Array:
        """The ALSFRS-R score (``AlsfrsR.score``: the items' sum when given; 0 where none)."""
        items, _ = self.item_scores
        total = np.nan_to_num(self.number("alsfrs_r_total")).astype(np.int64)
        score: _Array = np.where(self.has_items, items.sum(axis=1), total)
        return np.where(self.alsfrs_given, score, 0)

    @cached_property
    def rated(self) -> DateFacts:
        """The ALSFRS-R date the profile holds (given only with items or a total)."""
        own = self.date("alsfrs_r_date")
        held = own.known & self.alsfrs_given
        return DateFacts(held, own.day, own.month_only, own.first_day, own.bad)

    @cached_property
    def breathing_given(self) -> _Array:
        """The profile holds a breathing test: any of its three cells is given."""
        given: _Array = self.given("vc_test") | self.given("vc_percent") | self.given("vc_date")
        return given
