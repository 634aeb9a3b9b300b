"""``evaluate`` of one criterion for everyone at once, from the vectorised readers.

The status rule is ``screener.screening.evaluate``'s, step for step: inclusion or exclusion,
a condition ("only for people 66 or older") read as the engine reads it, then tentative and
broader readings that never decide against the person. A criterion the engine would not
read as it stands (a unit or limit it refuses, a factor without a vectorised reader) gives
``None`` and is evaluated once per distinct answer instead (``groups.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from screener.criteria import Criterion
from screener.criteria.model import condition_criterion
from screener.errors import Unreadable
from screener.person import alsfrs
from screener.screening.evaluate import ALLOWED_UNITS
from screener.screening.reading import compare
from screener.screening.windows import upper_limit
from screener.triage.status_codes import MET, NOT_MET, UNKNOWN
from screener.triage.vector_people import People
from screener.triage.vector_readers import FALSE, NONE, TRUE, VECTOR_READERS, Read

__all__ = ["Vector", "vector_evaluate", "months_left_all"]

_Array = np.ndarray[Any, Any]
Vector = tuple[_Array, _Array, list[tuple[str, ...]]]
"""(status code per person, index into the list of asked keys per person, that list)."""


def _readable(c: Criterion) -> bool:
    """Whether the engine's ``_read`` reaches this factor's reader and it can compare."""
    if c.op is None or c.factor not in VECTOR_READERS:
        return False
    allowed = ALLOWED_UNITS.get(c.factor)
    if allowed is not None and c.unit not in allowed:
        return False
    try:
        compare(0.0, 0.0, c.op, c.value)  # the operator and limit the engine accepts
    except Unreadable:
        return False
    return True


def _takes(c: Criterion) -> bool:
    """Whether ``evaluate`` would read this criterion (and any condition) as it is."""
    if not c.understood or not _readable(c):
        return False
    condition = c.extra.get("condition")
    if condition is None:
        return True
    return isinstance(condition, Mapping) and _readable(condition_criterion(condition))


def _main(kind: str, holds: _Array) -> _Array:
    status = (
        np.where(holds == TRUE, MET, NOT_MET)
        if kind == "inclusion"
        else np.where(holds == TRUE, NOT_MET, MET)
    )
    out: _Array = np.where(holds == NONE, UNKNOWN, status).astype(np.int8)
    return out


def _conditional(c: Criterion, main: Read, when: Read) -> Vector:
    """evaluate._conditional: met when the main fact is; else the condition decides."""
    holds, pick, keys = main
    when_holds, when_pick, when_keys = when
    status = _main(c.kind, holds)
    # Asked when the condition cannot be told: its keys, then the main fact's, once each.
    pairs = [tuple(dict.fromkeys(a + b)) for a in when_keys for b in keys]
    every = [*keys, *pairs, ()]
    asked = np.where(status == UNKNOWN, pick, len(every) - 1).astype(np.int64)
    open_case = status != MET
    cleared = open_case & (when_holds == FALSE)
    status[cleared], asked[cleared] = MET, len(every) - 1
    untold = open_case & (when_holds == NONE)
    status[untold] = UNKNOWN
    asked[untold] = (len(keys) + when_pick * len(keys) + pick)[untold]
    return status, asked, every


def vector_evaluate(people: People, c: Criterion) -> Vector | None:
    """``evaluate`` of one criterion for everyone, as status codes; None: not taken here."""
    if not _takes(c):
        return None
    condition = c.extra.get("condition")
    try:
        main = VECTOR_READERS[c.factor](people, c)
        if condition is not None:
            sub = condition_criterion(condition)
            status, asked, keys = _conditional(c, main, VECTOR_READERS[sub.factor](people, sub))
        else:
            holds, pick, found = main
            status = _main(c.kind, holds)
            keys = [*found, ()]
            asked = np.where(status == UNKNOWN, pick, len(keys) - 1).astype(np.int64)
    except Unreadable:
        return None
    # evaluate._partial: a tentative reading never excludes; a broader one never clears.
    if c.extra.get("tentative"):
        asked[status == NOT_MET] = len(keys) - 1
        status[status == NOT_MET] = UNKNOWN
    if c.extra.get("broader") and c.kind == "exclusion":
        asked[status == MET] = len(keys) - 1
        status[status == MET] = UNKNOWN
    return status, asked, keys


_CLOCK_KEYS = {"months_since_onset": "onset_date", "months_since_diagnosis": "diagnosis_date"}


def months_left_all(people: People, windows: Sequence[Criterion]) -> _Array:
    """``windows.months_left`` for everyone (NaN: no window), each window on its own clock."""
    left = np.full(len(people), np.nan)
    for c in windows:
        limit = upper_limit(c)
        if limit is None or c.factor not in _CLOCK_KEYS:
            continue
        start, as_of = people.dates(_CLOCK_KEYS[c.factor]), people.as_of
        months = np.maximum(0.0, (as_of.day - start.day) / alsfrs.DAYS_PER_MONTH)
        left = np.fmin(left, np.where(start.known, limit - months, np.nan))
    left[left < 0] = np.nan
    # Python's round (correctly rounded), once per distinct value: numpy's may differ.
    found, where = np.unique(left, return_inverse=True)
    rounded = np.array([m if m != m else round(m, 1) for m in found.tolist()], dtype=float)
    result: _Array = rounded[where.reshape(-1)]
    return result
