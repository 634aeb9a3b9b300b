"""Screen many profiles against one study, giving the few facts a triage row needs.

``screen_one`` is the reference: the engine's ``screen_study`` for one person. ``Batch``
gives the same answers for thousands of people at once. Each criterion is evaluated once per
distinct relevant answer (``triage_groups``) and once per distinct meaning across studies
(criteria saying the same thing in different words share their statuses); the per-person
combination (the contract's verdict rule, the unmet criteria, the open questions) is then
done with numpy over status codes, and months left with the engine's own ``months_left``
once per distinct onset/diagnosis date. Tests pin ``Batch`` to ``screen_one`` on the real
studies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from screener.criteria import Criterion
from screener.engine import months_left, screen_study
from screener.profile import Profile
from screener.studies import StudyRecord
from screener.triage_groups import Groups

MET, REVIEW, UNKNOWN, NOT_MET = 0, 1, 2, 3
STATUS_CODE: dict[str, int] = {
    "met": MET,
    "needs_review": REVIEW,
    "unknown": UNKNOWN,
    "not_met": NOT_MET,
}
VERDICTS: tuple[str, ...] = ("likely", "possible", "excluded")
_WINDOW_KEYS = ("as_of", "diagnosis_date", "onset_date")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What triage shows of one person's screen against one study."""

    verdict: str
    not_met: tuple[str, ...]
    open_questions: tuple[str, ...]
    """Profile keys whose answers would settle the unknown criteria, in criteria order."""
    months_left: float | None


def screen_one(profile: Profile, record: StudyRecord, criteria: Sequence[Criterion]) -> Outcome:
    """The engine's answer for one person, cut down to the triage columns."""
    result = screen_study(profile, record, list(criteria))
    return Outcome(
        verdict=result.verdict,
        not_met=tuple(dict.fromkeys(r.criterion.text for r in result.not_met())),
        open_questions=result.open_questions,
        months_left=result.months_left,
    )


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def meaning(criterion: Criterion) -> tuple[Any, ...]:
    """What decides a criterion's status and open questions: everything but its wording."""
    c = criterion
    return (c.factor, c.kind, c.op, _freeze(c.value), c.unit, _freeze(c.extra), c.understood)


@dataclass(frozen=True, slots=True)
class _Column:
    """One criterion for everyone: group code per person, and per group its status and keys."""

    codes: np.ndarray[Any, Any]
    status: np.ndarray[Any, Any]
    asked: list[tuple[str, ...]]

    def per_person(self) -> np.ndarray[Any, Any]:
        statuses: np.ndarray[Any, Any] = self.status[self.codes]
        return statuses


class Batch:
    """Many people, screened study after study; per-criterion work is shared across studies."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.groups = Groups(profiles)
        self._columns: dict[tuple[Any, ...], _Column] = {}

    def _column(self, criterion: Criterion) -> _Column:
        key = meaning(criterion)
        if key not in self._columns:
            codes, results = self.groups.evaluate(criterion)
            status = np.array([STATUS_CODE[r.status] for r in results], dtype=np.int8)
            asked = [r.open_questions if r.status == "unknown" else () for r in results]
            self._columns[key] = _Column(codes, status, asked)
        return self._columns[key]

    def screen(self, record: StudyRecord, criteria: Sequence[Criterion]) -> list[Outcome]:
        """One outcome per person, in the order the profiles were given."""
        n = len(self.groups)
        columns = [self._column(c) for c in criteria]
        status = (
            np.stack([c.per_person() for c in columns], axis=1)
            if columns
            else np.zeros((n, 0), dtype=np.int8)
        )
        # The contract's verdict rule (engine._verdict), over every person at once.
        excluded = (status == NOT_MET).any(axis=1)
        unsure = (status == UNKNOWN).any(axis=1) | (record.criteria_complete is not True)
        verdict = np.where(excluded, 2, np.where(unsure, 1, 0))
        not_met = self._not_met(status, criteria)
        questions = self._questions(columns)
        months = self._months(criteria)
        return [
            Outcome(VERDICTS[int(verdict[i])], not_met[i], questions[i], months[i])
            for i in range(n)
        ]

    def _not_met(
        self, status: np.ndarray[Any, Any], criteria: Sequence[Criterion]
    ) -> list[tuple[str, ...]]:
        mask = status == NOT_MET
        if mask.shape[1] == 0:
            return [()] * len(status)
        unique, inverse = np.unique(mask, axis=0, return_inverse=True)
        texts = [
            tuple(dict.fromkeys(c.text for c, hit in zip(criteria, row, strict=True) if hit))
            for row in unique
        ]
        return [texts[int(i)] for i in inverse.ravel()]

    def _questions(self, columns: Sequence[_Column]) -> list[tuple[str, ...]]:
        n = len(self.groups)
        if not columns:
            return [()] * n
        interned: dict[tuple[str, ...], int] = {(): 0}
        ids = np.zeros((n, len(columns)), dtype=np.int64)
        for j, column in enumerate(columns):
            per_group = np.array([interned.setdefault(a, len(interned)) for a in column.asked])
            ids[:, j] = per_group[column.codes]
        tuples = list(interned)
        unique, inverse = np.unique(ids, axis=0, return_inverse=True)
        merged = [tuple(dict.fromkeys(k for q in row for k in tuples[int(q)])) for row in unique]
        return [merged[int(i)] for i in inverse.ravel()]

    def _months(self, criteria: Sequence[Criterion]) -> list[float | None]:
        codes, first = self.groups.codes(_WINDOW_KEYS)
        per_group = [months_left(self.groups.profiles[int(i)], criteria) for i in first]
        return [per_group[int(c)] for c in codes]


def screen_batch(
    profiles: Sequence[Profile | None], record: StudyRecord, criteria: Sequence[Criterion]
) -> list[Outcome | None]:
    """One outcome per profile (None stays None: a row that could not be read)."""
    return [None if p is None else screen_one(p, record, criteria) for p in profiles]
