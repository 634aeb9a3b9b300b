"""The engine's readers for numeric factors, over numpy columns of everyone at once.

Age, months since onset or diagnosis, ALSFRS-R total, items, subscores and slope, and vital
capacity: answers nearly all distinct across people, so evaluating once per distinct answer
(``groups.py``) is still once per person. Each function here mirrors one reader of
``screener/screening/readers*.py`` step for step: the same unknowns and the keys they ask
for, the month-only date rule (a date given to the month is ±16 days, so a person right at
a limit is unknown), the engine's own ``compare`` for small integer scores. Each gives the
fact's ``holds`` and ``missing`` keys per person; ``vector_evaluate`` turns them into
statuses as ``evaluate`` does, and leaves to the per-distinct-answer way a criterion the
engine would not read as it stands. Property tests compare every reader here with
``evaluate`` criterion by criterion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from screener.criteria import Criterion
from screener.errors import Unreadable
from screener.person import alsfrs
from screener.screening.readers_function import items_of
from screener.screening.reading import MONTH_SLACK_DAYS, compare
from screener.triage.vector_people import Breathing, People

__all__ = ["TRUE", "FALSE", "NONE", "Read", "compare_all", "VECTOR_READERS"]

_Array = np.ndarray[Any, Any]
TRUE, FALSE, NONE = 1, 0, -1
"""A fact's ``holds`` per person: True, False, or None (cannot tell)."""
Read = tuple[_Array, _Array, list[tuple[str, ...]]]
"""(holds per person, index of the fact's ``missing`` keys per person, those key tuples)."""


def compare_all(lo: _Array, hi: _Array, op: str | None, value: Any) -> _Array:
    """``reading.compare`` for each person's [lo, hi] (``op`` and ``value`` already checked)."""
    if op == "between":
        a, b = float(value[0]), float(value[1])
        every, none = (lo >= a) & (hi <= b), (hi < a) | (lo > b)
    else:
        v = float(value)
        if op == ">=":
            every, none = lo >= v, hi < v
        elif op == "<=":
            every, none = hi <= v, lo > v
        elif op == ">":
            every, none = lo > v, hi <= v
        elif op == "<":
            every, none = hi < v, lo >= v
        else:  # "==": the only other operator compare accepts
            every, none = (lo == hi) & (hi == v), (v < lo) | (v > hi)
    out: _Array = np.where(every, TRUE, np.where(none, FALSE, NONE)).astype(np.int8)
    return out


def _read(holds: _Array, asked: Sequence[tuple[str, ...]], pick: _Array | None = None) -> Read:
    """Holds with its keys: ``asked[pick[i]]`` (``asked[0]`` for everyone without ``pick``)."""
    keys = list(asked)
    which = np.zeros(len(holds), dtype=np.int64) if pick is None else pick.astype(np.int64)
    return holds, which, keys


def _age(people: People, c: Criterion) -> Read:
    age = people.age
    holds = compare_all(age, age, c.op, c.value)
    if c.op == ">":
        # readers.age_years: "over 18" said of someone exactly 18 does not decide.
        holds[age == float(c.value)] = NONE
    unknown = np.isnan(age)
    holds[unknown] = NONE
    return _read(holds, [(), ("age_years",)], unknown)


def _months_since(key: str) -> Callable[[People, Criterion], Read]:
    def read(people: People, c: Criterion) -> Read:
        start, as_of = people.dates(key), people.as_of
        months = np.maximum(0.0, (as_of.day - start.day) / alsfrs.DAYS_PER_MONTH)
        count = start.month_only.astype(np.int64) + as_of.month_only.astype(np.int64)
        slack = (MONTH_SLACK_DAYS * count) / alsfrs.DAYS_PER_MONTH
        holds = compare_all(np.maximum(0.0, months - slack), months + slack, c.op, c.value)
        holds[~start.known] = NONE
        return _read(holds, [(), (key,)], holds == NONE)

    return read


def _table(values: Sequence[bool | None]) -> _Array:
    return np.array([NONE if v is None else int(v) for v in values], dtype=np.int8)


def _total(people: People, c: Criterion) -> Read:
    total = people.total.astype(float)
    holds = compare_all(total, total, c.op, c.value)
    unknown = ~people.alsfrs_given
    holds[unknown] = NONE
    return _read(holds, [(), ("alsfrs_r",)], unknown)


def _item_from_total(total: int, count: int, c: Criterion) -> bool | None:
    """readers_function._items_from_total's ``holds`` for one total (None: unknown)."""
    lo, hi = alsfrs.item_range_from_total(total, 1)
    per_item = compare(lo, hi, c.op, c.value)
    if per_item is True or (per_item is False and count == 1):
        return per_item
    if count > 1:
        allowed = [s for s in range(alsfrs.ITEM_MAX + 1) if compare(s, s, c.op, c.value)]
        others = alsfrs.ITEM_MAX * (alsfrs.ITEM_COUNT - count)
        if not allowed or not count * min(allowed) <= total <= count * max(allowed) + others:
            return False
    return None


def _alsfrs(people: People, holds: _Array, asked: tuple[str, ...]) -> Read:
    """Item or subscore holds, with the total-only unknowns asking ``asked``."""
    pick = np.where(~people.alsfrs_given, 1, np.where(holds == NONE, 2, 0))
    holds[~people.alsfrs_given] = NONE
    return _read(holds, [(), ("alsfrs_r",), asked], pick)


def _item(people: People, c: Criterion) -> Read:
    numbers = items_of(c)
    ok = _table([compare(s, s, c.op, c.value) for s in range(alsfrs.ITEM_MAX + 1)])
    columns = [n - 1 for n in numbers]
    by_items = np.all(ok[people.items[:, columns]] == TRUE, axis=1).astype(np.int8)
    by_total = _table([_item_from_total(t, len(numbers), c) for t in range(alsfrs.TOTAL_MAX + 1)])
    holds = np.where(people.has_items, by_items, by_total[people.total]).astype(np.int8)
    return _alsfrs(people, holds, ("alsfrs_r.items",))


def _subscore(people: People, c: Criterion) -> Read:
    domain = c.extra.get("domain")
    if domain not in alsfrs.DOMAINS:
        raise Unreadable(f"alsfrs_r_subscore needs a domain, got {domain!r}")
    columns = [n - 1 for n in alsfrs.DOMAINS[str(domain)]]
    score = people.items[:, columns].sum(axis=1)
    by_items = _table([compare(s, s, c.op, c.value) for s in range(3 * alsfrs.ITEM_MAX + 1)])
    ranges = [alsfrs.item_range_from_total(t, 3) for t in range(alsfrs.TOTAL_MAX + 1)]
    by_total = _table([compare(lo, hi, c.op, c.value) for lo, hi in ranges])
    holds = np.where(people.has_items, by_items[score], by_total[people.total]).astype(np.int8)
    return _alsfrs(people, holds, ("alsfrs_r.items",))


def _slope(people: People, c: Criterion) -> Read:
    onset, rated, given = people.onset, people.rated, people.alsfrs_given
    months = (rated.day - onset.day) / alsfrs.DAYS_PER_MONTH
    count = onset.month_only.astype(np.int64) + rated.month_only.astype(np.int64)
    slack_months = (MONTH_SLACK_DAYS * count) / alsfrs.DAYS_PER_MONTH
    lost = alsfrs.TOTAL_MAX - people.total
    with np.errstate(divide="ignore", invalid="ignore"):
        lo, hi = lost / (months + slack_months), lost / (months - slack_months)
    holds = compare_all(lo, hi, c.op, c.value)
    too_soon = months - slack_months <= 0
    # Missing answers first, in the reader's order (onset, then the ALSFRS-R); with both
    # given, the slope is unknown only when rated too soon or too close: onset settles it.
    holds[too_soon] = NONE
    both = onset.known & given
    pick = np.where(
        both, np.where(holds == NONE, 1, 0), np.where(given, 1, np.where(onset.known, 2, 3))
    )
    holds[~both] = NONE
    return _read(holds, [(), ("onset_date",), ("alsfrs_r",), ("onset_date", "alsfrs_r")], pick)


def _chosen(wanted: str, first: Breathing, other: Breathing) -> tuple[_Array, _Array, _Array]:
    """``Profile.vital_capacity_for``: (given, test, percent) of the test each person gave."""
    if wanted == "any":
        return first.given, first.test, first.percent
    use_other = ~(first.given & (first.test == wanted)) & other.given & (other.test == wanted)
    return (
        np.where(use_other, other.given, first.given),
        np.where(use_other, other.test, first.test),
        np.where(use_other, other.percent, first.percent),
    )


def _breathing(people: People, c: Criterion) -> Read:
    wanted = str(c.extra.get("test", "any")).lower()
    if wanted not in ("svc", "fvc", "any"):
        raise Unreadable(f"vital_capacity test must be svc, fvc or any, got {wanted!r}")
    given, test, percent = _chosen(wanted, people.breathing, people.breathing_other)
    holds = compare_all(percent, percent, c.op, c.value)
    unknown = ~given | np.isnan(percent)
    other_test = ~unknown & (test != wanted) if wanted != "any" else np.zeros_like(unknown)
    holds[unknown | other_test] = NONE
    # A different test named: ask for the other test; no test named: ask for the test.
    pick = np.where(unknown, 1, np.where(other_test, np.where(test != "", 2, 1), 0))
    return _read(holds, [(), ("vital_capacity",), ("vital_capacity_other",)], pick)


VECTOR_READERS: dict[str, Callable[[People, Criterion], Read]] = {
    "age_years": _age,
    "months_since_onset": _months_since("onset_date"),
    "months_since_diagnosis": _months_since("diagnosis_date"),
    "alsfrs_r_total": _total,
    "alsfrs_r_item": _item,
    "alsfrs_r_subscore": _subscore,
    "alsfrs_r_slope": _slope,
    "vital_capacity": _breathing,
}
"""The factors read over everyone at once, each mirroring its engine reader."""
