"""Many profiles' numeric answers as numpy columns, for the vectorised criterion readers.

The answers the vectorised readers compare (age, dates, ALSFRS-R, breathing tests) are
nearly all different from one person to the next, so grouping equal answers saves nothing;
read once into arrays, every criterion about them is a few numpy operations over everyone.
Each column is built on first use, from the validated profiles, so it holds exactly what
the engine's readers read (``screener/screening/readers*.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from screener.person.profile import Profile, month_only

__all__ = ["COLUMN_NAMES", "Dates", "Breathing", "People"]

_Array = np.ndarray[Any, Any]


class Dates:
    """One date per person: day number (``date.toordinal``), given or not, month only or not."""

    def __init__(self, values: Sequence[date | None]) -> None:
        self.known: _Array = np.array([v is not None for v in values], dtype=bool)
        self.day: _Array = np.array(
            [0 if v is None else v.toordinal() for v in values], dtype=np.int64
        )
        self.month_only: _Array = np.array([month_only(v) for v in values], dtype=bool)

    @classmethod
    def of(cls, known: _Array, day: _Array, month_only: _Array) -> Dates:
        """Dates from their columns (0 as the day where not known)."""
        dates = cls(())
        dates.known, dates.day, dates.month_only = known, day, month_only
        return dates


class Breathing:
    """One breathing test per person: the test named ("" when not), the % predicted (NaN)."""

    @classmethod
    def of(cls, given: _Array, test: _Array, percent: _Array) -> Breathing:
        """A breathing test from its columns ("" and NaN where not given)."""
        tests = cls(())
        tests.given, tests.test, tests.percent = given, test, percent
        return tests

    def __init__(self, tests: Sequence[Any]) -> None:
        self.given: _Array = np.array([t is not None for t in tests], dtype=bool)
        self.test: _Array = np.array(
            [(t.test or "") if t is not None else "" for t in tests], dtype=object
        )
        self.percent: _Array = np.array(
            [
                np.nan if t is None or t.percent_predicted is None else t.percent_predicted
                for t in tests
            ],
            dtype=float,
        )


COLUMN_NAMES: tuple[str, ...] = (
    "age", "as_of", "onset", "diagnosis", "rated", "alsfrs_given", "has_items", "items",
    "total", "breathing", "breathing_other",
)  # fmt: skip
"""The columns ``People`` gives, each a cached property of the same name."""


class People:
    """The columns of many profiles that the vectorised readers read, built when first read."""

    def __init__(
        self, profiles: Sequence[Profile], columns: Mapping[str, Any] | None = None
    ) -> None:
        """``columns`` (optional): every one of ``COLUMN_NAMES``, already built for these
        people (the candidate reader builds them from the file's columns, equal to what the
        profiles give, as a test holds); ``profiles`` may then build each one when read."""
        self.profiles = list(profiles) if columns is None else profiles
        self._size = len(profiles)
        if columns is not None:
            if set(columns) != set(COLUMN_NAMES):
                raise ValueError(f"People columns: expected {', '.join(COLUMN_NAMES)}")
            # The cached properties below keep their values in the instance's dict.
            self.__dict__.update(columns)

    def __len__(self) -> int:
        return self._size

    @cached_property
    def age(self) -> _Array:
        """Age in years (NaN: not given)."""
        return np.array(
            [np.nan if p.age_years is None else p.age_years for p in self.profiles], dtype=float
        )

    @cached_property
    def as_of(self) -> Dates:
        """The screening day (today when not given: ``Profile.as_of_date``); month-only as given."""
        dates = Dates([p.as_of_date for p in self.profiles])
        dates.month_only = np.array([month_only(p.as_of) for p in self.profiles], dtype=bool)
        return dates

    @cached_property
    def onset(self) -> Dates:
        return Dates([p.onset_date for p in self.profiles])

    @cached_property
    def diagnosis(self) -> Dates:
        return Dates([p.diagnosis_date for p in self.profiles])

    def dates(self, key: str) -> Dates:
        """The dates under a profile key (``onset_date`` or ``diagnosis_date``)."""
        return self.onset if key == "onset_date" else self.diagnosis

    @cached_property
    def rated(self) -> Dates:
        """The ALSFRS-R rating day (``Profile.alsfrs_date``); month-only as the slope reads it
        (the rating date when given, else the profile's own ``as_of``)."""
        dates = Dates([p.alsfrs_date for p in self.profiles])
        dates.month_only = np.array(
            [
                month_only(p.alsfrs_r.date if p.alsfrs_r and p.alsfrs_r.date else p.as_of)
                for p in self.profiles
            ],
            dtype=bool,
        )
        return dates

    @cached_property
    def alsfrs_given(self) -> _Array:
        return np.array([p.alsfrs_r is not None for p in self.profiles], dtype=bool)

    @cached_property
    def has_items(self) -> _Array:
        """Whether the 12 ALSFRS-R item scores were given (else the total only, or nothing)."""
        return np.array(
            [p.alsfrs_r is not None and p.alsfrs_r.items is not None for p in self.profiles],
            dtype=bool,
        )

    @cached_property
    def items(self) -> _Array:
        """The 12 item scores per person (zeros where not given: read ``has_items``)."""
        none = (0,) * 12
        rows = [
            p.alsfrs_r.items if p.alsfrs_r is not None and p.alsfrs_r.items is not None else none
            for p in self.profiles
        ]
        return np.array(rows, dtype=np.int64).reshape(len(rows), 12)

    @cached_property
    def total(self) -> _Array:
        """The ALSFRS-R total (``AlsfrsR.score``; 0 where not given: read ``alsfrs_given``)."""
        return np.array(
            [0 if p.alsfrs_r is None else p.alsfrs_r.score for p in self.profiles], dtype=np.int64
        )

    @cached_property
    def breathing(self) -> Breathing:
        return Breathing([p.vital_capacity for p in self.profiles])

    @cached_property
    def breathing_other(self) -> Breathing:
        return Breathing([p.vital_capacity_other for p in self.profiles])
