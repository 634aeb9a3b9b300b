"""Evaluate one criterion for many people by evaluating it once per distinct relevant answer.

A criterion's result depends only on the few answers its factor reads (an age limit reads the
age; a window since onset reads the onset date and the screening day). People who gave the
same answers to those keys get the same ``CriterionResult`` from the engine's own
``evaluate``, so it is called once per distinct answer and the result is shared. This is
exact, not an approximation: no rule is re-implemented here, and a factor missing from
``DEPENDS`` is keyed on every answer (evaluated person by person). The equivalence with
``evaluate`` per person is pinned by tests over the real studies' criteria.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from screener.criteria import Criterion
from screener.factors import FACTOR_SPECS
from screener.person.profile import Profile
from screener.screening.evaluate import CriterionResult, evaluate

__all__ = ["DEPENDS", "ALL_KEYS", "keys_for", "equal_rows", "Groups"]

_FLAG_KEYS: dict[str, str] = {
    spec.name: spec.flag_key
    for spec in FACTOR_SPECS
    if spec.flag_key is not None and spec.reads == (spec.flag_key,)
}
"""Yes/no factors whose answer is one profile key alone (pregnancy reads sex too)."""
DEPENDS: dict[str, tuple[str, ...]] = {spec.name: spec.reads for spec in FACTOR_SPECS}
"""Profile keys each factor's reader may read (besides ``as_of``, which every key includes)."""
ALL_KEYS: tuple[str, ...] = tuple(Profile.model_fields)


def keys_for(criterion: Criterion) -> tuple[str, ...]:
    """Every profile key the criterion's result can depend on (all of them when not known)."""
    if not criterion.understood:
        return ()  # never read: always needs review, whoever the person is
    factors = [criterion.factor]
    condition = criterion.extra.get("condition")
    if isinstance(condition, Mapping):
        factors.append(str(condition.get("factor", "")))
    keys: set[str] = {"as_of"}
    for factor in factors:
        if factor not in DEPENDS:
            return ALL_KEYS
        keys.update(DEPENDS[factor])
    return tuple(sorted(keys))


def equal_rows(
    matrix: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(group code per row, index of the first row of each group) of equal rows of ``matrix``.

    Columns that are the same for everyone cannot split anyone, so they are dropped first;
    the rest of each row becomes one integer (pandas' groupby over several columns cost
    most of the batch's time).
    """
    n = len(matrix)
    varied = [j for j in range(matrix.shape[1]) if n and bool((matrix[:, j] != matrix[0, j]).any())]
    if not varied:
        return np.zeros(n, dtype=np.int64), np.zeros(min(n, 1), dtype=np.int64)
    columns = matrix[:, varied].astype(np.int64)
    if columns.min() < 0:
        rows = np.ascontiguousarray(columns)
        as_bytes = rows.view(np.dtype((np.void, rows.dtype.itemsize * len(varied)))).reshape(n)
        _, first, codes = np.unique(as_bytes, return_index=True, return_inverse=True)
        return codes.reshape(n).astype(np.int64), first
    # Small codes (statuses, yes/no): packed side by side into one integer per row, which
    # pandas numbers by hashing; renumbered whenever the next column would not fit.
    code = np.zeros(n, dtype=np.int64)
    used = 0
    for column in columns.T:
        width = max(1, int(column.max()).bit_length())
        if used + width > 62:
            code = pd.factorize(code)[0].astype(np.int64)
            used = max(1, n.bit_length())
        code = (code << width) | column
        used += width
    codes = pd.factorize(code)[0].astype(np.int64)
    # factorize numbers groups in order of first appearance, so a group's first row is
    # where the running highest code goes up (no second sort).
    running = np.maximum.accumulate(codes)
    first = np.flatnonzero(np.concatenate(([True], running[1:] > running[:-1])))
    return codes, first


class Groups:
    """Many profiles' answers as integer codes per key, so equal answers group in numpy."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        codes: Mapping[str, np.ndarray[Any, Any]] | None = None,
    ) -> None:
        """``codes`` (optional): per profile key, one integer per profile such that equal codes
        mean equal answers to that key, as the candidate reader gives them from the CSV's
        cells (equal cells, equal answers); unequal codes may still be equal answers, which
        only costs an evaluation. Without it the profiles' answers are compared directly."""
        # Kept as given: a lazy sequence builds only the profiles ``evaluate`` reads.
        self.profiles = profiles if codes is not None else list(profiles)
        self._codes: dict[str, np.ndarray[Any, Any]] = {}
        if codes is not None:
            for key in ALL_KEYS:
                given = np.asarray(codes[key], dtype=np.int64)
                if given.shape != (len(self.profiles),):
                    raise ValueError(f"codes for {key!r}: one per profile expected")
                # Renumbered 0..n-1 in order of first appearance, as factorize numbers them.
                self._codes[key] = pd.factorize(given)[0]
        else:
            dumped = [p.model_dump(mode="json") for p in self.profiles]
            # repr keeps "2025-03" (a month) apart from "2025-03-15" (a day): the readers
            # treat them differently, so they must never share a group.
            for key in ALL_KEYS:
                column = pd.Series([repr(d[key]) for d in dumped], dtype=object)
                self._codes[key] = pd.factorize(column)[0]
        self._combined: dict[
            tuple[str, ...], tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]
        ] = {}

    def __len__(self) -> int:
        return len(self.profiles)

    def codes(self, keys: tuple[str, ...]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        """(group code per profile, index of one profile per group) for these keys."""
        if keys not in self._combined:
            if not keys:
                codes = np.zeros(len(self.profiles), dtype=np.int64)
            elif len(keys) == 1:
                codes = self._codes[keys[0]]
            else:
                codes, first = equal_rows(np.stack([self._codes[k] for k in keys], axis=1))
                self._combined[keys] = (codes, first)
                return codes, first
            _, first = np.unique(codes, return_index=True)
            self._combined[keys] = (codes, first)
        return self._combined[keys]

    def evaluate(self, criterion: Criterion) -> tuple[np.ndarray[Any, Any], list[CriterionResult]]:
        """(group code per profile, the engine's result for each group)."""
        codes, first = self.codes(keys_for(criterion))
        results = [evaluate(self.profiles[int(i)], criterion) for i in first]
        return codes, results
