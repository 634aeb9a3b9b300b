"""Screen many profiles against one study, giving the few facts a triage row needs.

``screen_one`` is the reference: the engine's ``screen_study`` for one person. ``Batch``
gives the same answers for thousands of people at once, as columns. A criterion on a
numeric factor (age, onset/diagnosis windows, ALSFRS-R, vital capacity) is evaluated over
numpy columns of everyone (``vector_evaluate``); any other once per distinct relevant
answer (``groups``); each once per distinct meaning across studies (criteria saying the
same thing in different words share their statuses). The per-person combination is then
done over numpy status codes: the engine's own verdict rule once per distinct row of
statuses, the unmet criteria and open questions once per distinct pattern, and months left
over the date columns (``months_left_all``). Tests pin ``Batch`` to ``screen_one`` on the
real studies, and the vectorised readers to ``evaluate``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from screener.criteria import Criterion
from screener.criteria.meaning import frozen
from screener.person.profile import Profile
from screener.registry.records import StudyRecord
from screener.screening.engine import screen_study
from screener.screening.engine import verdict_of as engine_verdict
from screener.screening.evaluate import CriterionResult
from screener.triage.groups import Groups, equal_rows
from screener.triage.status_codes import NOT_MET, STATUS_CODE, STATUS_NAME
from screener.triage.vector_evaluate import months_left_all, vector_evaluate
from screener.triage.vector_people import People

__all__ = [
    "STATUS_CODE",
    "VERDICTS",
    "Outcome",
    "row_groups",
    "screen_one",
    "meaning",
    "StudyOutcomes",
    "Batch",
]

# The verdict comes from engine.verdict_of (not a copy), so it can never drift from the
# engine's, as a copy once did when the engine learnt a new rule.
VERDICTS: tuple[str, ...] = ("likely", "possible", "excluded")
_WINDOWS = {"months_since_onset": "onset_date", "months_since_diagnosis": "diagnosis_date"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What triage shows of one person's screen against one study."""

    verdict: str
    not_met: tuple[str, ...]
    open_questions: tuple[str, ...]
    """Profile keys whose answers would settle the unknown criteria, in criteria order."""
    months_left: float | None


def row_groups(
    matrix: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(group code per row, index of the first row of each group) of equal rows of ``matrix``
    (``groups.equal_rows``)."""
    return equal_rows(matrix)


def screen_one(profile: Profile, record: StudyRecord, criteria: Sequence[Criterion]) -> Outcome:
    """The engine's answer for one person, cut down to the triage columns."""
    result = screen_study(profile, record, list(criteria))
    return Outcome(
        verdict=result.verdict,
        not_met=tuple(dict.fromkeys(r.criterion.text for r in result.not_met())),
        open_questions=result.open_questions,
        months_left=result.months_left,
    )


def meaning(criterion: Criterion) -> tuple[Any, ...]:
    """What decides a criterion's status, open questions and part in the verdict: everything
    but its wording (the verdict also reads where it came from, and an unread criterion's
    words, which may name a core ALS factor the study states: screener.screening.coverage)."""
    c = criterion
    return (
        c.factor, c.kind, c.op, frozen(c.value), c.unit, frozen(c.extra), c.understood, c.source,
        None if c.understood else c.text,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Column:
    """One criterion for everyone: group code per person, and per group its status and keys."""

    codes: np.ndarray[Any, Any]
    status: np.ndarray[Any, Any]
    asked: list[tuple[str, ...]]
    results: list[CriterionResult]

    def per_person(self) -> np.ndarray[Any, Any]:
        statuses: np.ndarray[Any, Any] = self.status[self.codes]
        return statuses


def _vector_column(
    criterion: Criterion,
    status: np.ndarray[Any, Any],
    asked: np.ndarray[Any, Any],
    keys: Sequence[tuple[str, ...]],
) -> _Column:
    """A column from the vectorised readers: one group per distinct (status, asked keys).

    The verdict rule reads only each result's status and criterion, so a group's result
    carries no reason (triage never shows one).
    """
    combined = status.astype(np.int64) * len(keys) + asked
    found, codes = np.unique(combined, return_inverse=True)
    per_status = (found // len(keys)).astype(np.int8)
    per_keys = [keys[int(k)] for k in (found % len(keys)).tolist()]
    results = [
        CriterionResult(criterion, STATUS_NAME[int(s)], "", k)  # type: ignore[arg-type]
        for s, k in zip(per_status.tolist(), per_keys, strict=True)
    ]
    return _Column(codes.reshape(-1).astype(np.int64), per_status, per_keys, results)


@dataclass(frozen=True, slots=True)
class StudyOutcomes:
    """Everyone's outcome against one study, as columns (the texts once per distinct value)."""

    verdict: np.ndarray[Any, Any]
    """Index into ``VERDICTS`` per person."""
    not_met_code: np.ndarray[Any, Any]
    not_met: list[tuple[str, ...]]
    question_code: np.ndarray[Any, Any]
    questions: list[tuple[str, ...]]
    months_left: np.ndarray[Any, Any]
    """Months left per person; NaN where there is no window (the engine's None)."""

    def outcome(self, i: int) -> Outcome:
        """Person ``i``'s outcome as one object."""
        months = float(self.months_left[i])
        return Outcome(
            VERDICTS[int(self.verdict[i])],
            self.not_met[int(self.not_met_code[i])],
            self.questions[int(self.question_code[i])],
            None if np.isnan(months) else months,
        )


class Batch:
    """Many people, screened study after study; per-criterion work is shared across studies."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        codes: Mapping[str, np.ndarray[Any, Any]] | None = None,
        people: People | None = None,
    ) -> None:
        """``codes``: the candidate reader's answer codes per profile key (see ``Groups``);
        ``people``: the same people's columns when already built (the candidate reader's)."""
        self.groups = Groups(profiles, codes)
        self.people = People(self.groups.profiles) if people is None else people
        self._columns: dict[tuple[Any, ...], _Column] = {}
        self._months_cache: dict[tuple[Any, ...], np.ndarray[Any, Any]] = {}

    def _column(self, criterion: Criterion) -> _Column:
        key = meaning(criterion)
        if key not in self._columns:
            vector = vector_evaluate(self.people, criterion)
            if vector is not None:
                self._columns[key] = _vector_column(criterion, *vector)
                return self._columns[key]
            codes, results = self.groups.evaluate(criterion)
            status = np.array([STATUS_CODE[r.status] for r in results], dtype=np.int8)
            asked = [r.open_questions if r.status == "unknown" else () for r in results]
            self._columns[key] = _Column(codes, status, asked, results)
        return self._columns[key]

    def screen(self, record: StudyRecord, criteria: Sequence[Criterion]) -> StudyOutcomes:
        """Everyone's outcome against one study, in the order the profiles were given."""
        n = len(self.groups)
        columns = [self._column(c) for c in criteria]
        status = (
            np.stack([c.per_person() for c in columns], axis=1)
            if columns
            else np.zeros((n, 0), dtype=np.int8)
        )
        verdict = self._verdicts(status, columns, record)
        not_met_code, not_met = self._not_met(status, criteria)
        question_code, questions = self._questions(columns)
        months = self._months(criteria)
        return StudyOutcomes(verdict, not_met_code, not_met, question_code, questions, months)

    def outcomes(self, record: StudyRecord, criteria: Sequence[Criterion]) -> list[Outcome]:
        """Everyone's outcome against one study as objects (for checks and small lists)."""
        found = self.screen(record, criteria)
        return [found.outcome(i) for i in range(len(self.groups))]

    def _verdicts(
        self, status: np.ndarray[Any, Any], columns: Sequence[_Column], record: StudyRecord
    ) -> np.ndarray[Any, Any]:
        # The engine's own verdict rule, once per distinct row of statuses: the rule reads only
        # the statuses and the criteria, so everyone in a row group shares one verdict.
        codes, first = row_groups(status)
        per_group = [
            VERDICTS.index(
                engine_verdict(
                    [c.results[int(c.codes[i])] for c in columns], record.criteria_complete
                )
            )
            for i in first.tolist()
        ]
        verdicts: np.ndarray[Any, Any] = np.array(per_group, dtype=np.int64)[codes]
        return verdicts

    def _not_met(
        self, status: np.ndarray[Any, Any], criteria: Sequence[Criterion]
    ) -> tuple[np.ndarray[Any, Any], list[tuple[str, ...]]]:
        mask = status == NOT_MET
        codes, first = row_groups(mask)
        texts = [
            tuple(dict.fromkeys(c.text for c, hit in zip(criteria, mask[i], strict=True) if hit))
            for i in first
        ]
        return codes, texts

    def _questions(
        self, columns: Sequence[_Column]
    ) -> tuple[np.ndarray[Any, Any], list[tuple[str, ...]]]:
        n = len(self.groups)
        interned: dict[tuple[str, ...], int] = {(): 0}
        ids = np.zeros((n, len(columns)), dtype=np.int64)
        for j, column in enumerate(columns):
            per_group = np.array([interned.setdefault(a, len(interned)) for a in column.asked])
            ids[:, j] = per_group[column.codes]
        tuples = list(interned)
        codes, first = row_groups(ids)
        merged = [tuple(dict.fromkeys(k for q in ids[i] for k in tuples[int(q)])) for i in first]
        return codes, merged

    def _months(self, criteria: Sequence[Criterion]) -> np.ndarray[Any, Any]:
        # months_left reads only the window criteria (the others set no window), and only the
        # onset/diagnosis dates and as_of; studies with the same windows share the work.
        windows = [c for c in criteria if c.factor in _WINDOWS]
        if not windows:
            return np.full(len(self.groups), np.nan)
        cache_key = tuple(meaning(c) for c in windows)
        if cache_key not in self._months_cache:
            self._months_cache[cache_key] = months_left_all(self.people, windows)
        return self._months_cache[cache_key]
