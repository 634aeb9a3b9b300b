"""One candidate row, whose answers and ``Profile`` are made from the file's columns when asked.

A coordinator's list of 10,000 people is screened mostly over whole columns (the vectorised
readers, and one evaluation per distinct answer), which need a ``Profile`` for only a few
people. So a good row keeps where its cells are, and builds its answers mapping (contract §1)
and its validated ``Profile`` on first use, the profile once. Rows the whole-file check
doubts were validated while reading, so a good row's profile is one ``parse_profile``
accepts; a test reads every row's and compares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, overload

from screener.errors import ProfileError
from screener.person.profile import Profile, parse_profile
from screener.triage.candidate_answers import answers_of
from screener.triage.candidate_columns import column_for_key
from screener.triage.candidate_parse import ParsedColumns

__all__ = ["RowSource", "CandidateRow", "LazyProfiles"]


class RowSource:
    """A candidate file's parsed columns, from which one row's answers and profile are made."""

    def __init__(self, parsed: ParsedColumns, as_of: date | None) -> None:
        """``as_of``: the --as-of option, which replaces every row's own ``as_of``."""
        self.parsed = parsed
        self.as_of = as_of
        self._profiles: dict[int, Profile] = {}

    def answers(self, index: int) -> dict[str, Any]:
        """Row ``index``'s answers (a new mapping each time), as ``answers_of`` makes them."""
        values, codes = self.parsed.values, self.parsed.codes
        cells = {name: values[name][int(codes[name][index])] for name in values}
        return answers_of(cells)

    def validate(self, index: int, label: str) -> Profile:
        """Row ``index``'s profile, validated now (``ProfileError`` naming the row if bad)."""
        answers = self.answers(index)
        if self.as_of is not None:
            answers["as_of"] = self.as_of.isoformat()
        profile = parse_profile(answers, where=label)
        self._profiles[index] = profile
        return profile

    def profile(self, index: int, label: str) -> Profile:
        """Row ``index``'s profile, built on first use."""
        found = self._profiles.get(index)
        return found if found is not None else self.validate(index, label)


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """One person: their answers as a contract §1 mapping, or the problem that stops screening."""

    number: int
    id: str
    problem: str | None = None
    notes: tuple[str, ...] = ()
    source: RowSource | None = field(default=None, compare=False, repr=False)
    index: int = field(default=-1, compare=False, repr=False)

    @property
    def label(self) -> str:
        """How messages name the row: ``row 6 (id P006)``."""
        return f"row {self.number} (id {self.id})" if self.id else f"row {self.number}"

    @property
    def answers(self) -> dict[str, Any] | None:
        """The row's answers (contract §1), None for an error row."""
        if self.problem is not None or self.source is None:
            return None
        return self.source.answers(self.index)

    @property
    def profile(self) -> Profile | None:
        """The row's validated profile, None for an error row."""
        if self.problem is not None or self.source is None:
            return None
        return self.source.profile(self.index, self.label)

    def checked(self) -> CandidateRow:
        """This row validated now: itself, or an error row naming the column at fault."""
        if self.problem is not None or self.source is None:
            return self
        try:
            self.source.validate(self.index, self.label)
        except ProfileError as exc:
            # "row 6 (id P006): alsfrs_r.items[6] (item 7): must be 0–4": say which column.
            text = str(exc)
            key, _, rest = text.removeprefix(self.label + ": ").partition(": ")
            column = column_for_key(key)
            problem = f"{self.label}: column {column}: {rest}" if column and rest else text
            return CandidateRow(self.number, self.id, problem, self.notes)
        return self


class LazyProfiles(Sequence[Profile]):
    """The profiles of some good rows, each built when first read."""

    def __init__(self, rows: Sequence[CandidateRow]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Profile: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Profile]: ...
    def __getitem__(self, index: int | slice) -> Profile | Sequence[Profile]:
        if isinstance(index, slice):
            return LazyProfiles(self.rows[index])
        profile = self.rows[index].profile
        if profile is None:
            raise ValueError(f"{self.rows[index].label}: is an error row, it has no profile")
        return profile
