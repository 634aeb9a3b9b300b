"""The vectorised readers give exactly ``evaluate``'s status and open questions, per person.

Random profiles (month-only and exact dates, items or totals, either breathing test) against
random criteria of every vectorised factor, with limits drawn at and around the answers so
the month-only rule and the "exactly the limit" cases are hit, and tentative and broader
readings; plus every such criterion of the real snapshot studies.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.criteria import Criterion
from screener.errors import ProfileError
from screener.factors import SPECS
from screener.person import alsfrs
from screener.person.profile import Profile, parse_profile
from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.screening.evaluate import evaluate
from screener.screening.windows import months_left
from screener.triage.groups import equal_rows
from screener.triage.status_codes import STATUS_NAME
from screener.triage.vector_evaluate import months_left_all, vector_evaluate
from screener.triage.vector_people import People
from screener.triage.vector_readers import VECTOR_READERS

_OPS = (">=", "<=", ">", "<", "==", "between")
_LIMITS: dict[str, list[float]] = {
    "age_years": [17, 18, 18.5, 21, 65, 80, 85, 120],
    "months_since_onset": [0, 0.5, 1, 6, 12, 24, 24.5, 36, 60],
    "months_since_diagnosis": [0, 3, 6, 12, 18, 24],
    "alsfrs_r_total": [0, 12, 24, 30, 35, 36, 44, 48],
    "alsfrs_r_item": [0, 1, 2, 3, 4],
    "alsfrs_r_subscore": [0, 3, 6, 9, 10, 12],
    "alsfrs_r_slope": [0, 0.2, 0.35, 0.5, 0.8, 1.0, 1.5],
    "vital_capacity": [0, 50, 60, 65, 70, 80, 100, 200],
}
_UNITS = {factor: SPECS[factor].unit for factor in VECTOR_READERS}


def _day(draw: Any, before: date, most: int) -> str:
    """A date up to ``most`` days before ``before``, written to the day or to the month."""
    day = before - timedelta(days=draw(st.integers(0, most)))
    return day.isoformat()[:7] if draw(st.booleans()) else day.isoformat()


@st.composite
def _profile(draw: Any) -> Profile:
    as_of = date(2026, 11, 1) + timedelta(days=draw(st.integers(-400, 40)))
    answers: dict[str, Any] = {
        "as_of": as_of.isoformat()[:7] if draw(st.integers(0, 4)) == 0 else as_of.isoformat()
    }
    age = draw(st.one_of(st.none(), st.sampled_from(_LIMITS["age_years"]), st.integers(0, 120)))
    if age is not None:
        answers["age_years"] = age
    for key in ("onset_date", "diagnosis_date"):
        if draw(st.integers(0, 5)):
            # Near the windows' limits in days: 24 months is 730.56 days.
            answers[key] = _day(draw, as_of, draw(st.sampled_from([40, 200, 760, 3000])))
    shape = draw(st.sampled_from(["none", "items", "total"]))
    if shape != "none":
        rating: dict[str, Any] = (
            {"items": draw(st.lists(st.integers(0, 4), min_size=12, max_size=12))}
            if shape == "items"
            else {"total": draw(st.integers(0, 48))}
        )
        if draw(st.booleans()):
            rating["date"] = _day(draw, as_of, 200)
        answers["alsfrs_r"] = rating
    for key in ("vital_capacity", "vital_capacity_other"):
        if draw(st.integers(0, 3)):
            vc: dict[str, Any] = {"test": draw(st.sampled_from(["svc", "fvc", None]))}
            near = st.sampled_from(_LIMITS["vital_capacity"])
            vc["percent_predicted"] = draw(st.one_of(st.none(), near, st.integers(0, 200)))
            answers[key] = {k: v for k, v in vc.items() if v is not None}
    try:
        return parse_profile(answers)
    except ProfileError:  # a date after as_of: the reader never sees such a profile
        return parse_profile({"as_of": answers["as_of"]})


def _reading(draw: Any, factor: str) -> tuple[str, Any, dict[str, Any]]:
    """(op, value, the factor's own extras) of a random limit near the answers."""
    op = draw(st.sampled_from(_OPS))
    limits = st.sampled_from(_LIMITS[factor])
    value: Any = sorted([draw(limits), draw(limits)]) if op == "between" else draw(limits)
    extra: dict[str, Any] = {}
    if factor == "alsfrs_r_item":
        extra["item"] = draw(st.one_of(st.integers(1, 12), st.just("each")))
        if extra["item"] == "each" and draw(st.booleans()):
            extra["except"] = draw(st.lists(st.integers(1, 12), max_size=11, unique=True))
    if factor == "alsfrs_r_subscore":
        extra["domain"] = draw(st.sampled_from(sorted(alsfrs.DOMAINS)))
    if factor == "vital_capacity" and draw(st.booleans()):
        extra["test"] = draw(st.sampled_from(["svc", "fvc", "any", "SVC"]))
    return op, value, extra


@st.composite
def _criterion(draw: Any) -> Criterion:
    factor = draw(st.sampled_from(sorted(VECTOR_READERS)))
    op, value, extra = _reading(draw, factor)
    if draw(st.integers(0, 3)) == 0:
        extra["tentative"] = "the item says more"
    if draw(st.integers(0, 3)) == 0:
        extra["broader"] = "the words reach further"
    if draw(st.integers(0, 2)) == 0:
        # "Only for people 66 or older": a condition on another vectorised factor.
        when = draw(st.sampled_from(sorted(VECTOR_READERS)))
        sub_op, sub_value, sub_extra = _reading(draw, when)
        condition = {"factor": when, "op": sub_op, "value": sub_value, **sub_extra}
        condition["unit"] = draw(st.sampled_from([None, _UNITS[when]]))
        if draw(st.booleans()):
            condition["alternative"] = True
        extra["condition"] = condition
    kind = draw(st.sampled_from(["inclusion", "exclusion"]))
    unit = draw(st.sampled_from([None, _UNITS[factor]]))
    return Criterion(factor, kind, op, value, unit, f"{factor} {op} {value}", extra=extra)


def _assert_same(people: list[Profile], criterion: Criterion) -> None:
    found = vector_evaluate(People(people), criterion)
    assert found is not None, criterion
    status, asked, keys = found
    for i, profile in enumerate(people):
        engine = evaluate(profile, criterion)
        fast = (STATUS_NAME[int(status[i])], keys[int(asked[i])])
        assert fast == (engine.status, engine.open_questions), (criterion, profile, fast)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(_profile(), min_size=1, max_size=30), criterion=_criterion())
def test_vectorised_readers_equal_evaluate(people: list[Profile], criterion: Criterion) -> None:
    _assert_same(people, criterion)


@settings(max_examples=60, deadline=None)
@given(people=st.lists(_profile(), min_size=1, max_size=10))
def test_every_snapshot_criterion_of_these_factors_equals_evaluate(people: list[Profile]) -> None:
    for criterion in _snapshot_criteria():
        if vector_evaluate(People(people), criterion) is not None:
            _assert_same(people, criterion)


def test_the_snapshot_criteria_are_mostly_taken() -> None:
    """The check above means something only if the real criteria go the vectorised way."""
    criteria = _snapshot_criteria()
    taken = [c for c in criteria if vector_evaluate(People([parse_profile({})]), c) is not None]
    assert len(criteria) > 100 and len(taken) > 0.9 * len(criteria)


def test_what_the_engine_would_not_read_is_left_to_it() -> None:
    """A unit the engine refuses, a condition on a factor read per distinct answer, a bad
    limit: not taken here (None)."""
    people = People([parse_profile({"age_years": 40})])
    base = Criterion("age_years", "inclusion", ">=", 18, "years", "18 or older")
    for odd in (
        Criterion("age_years", "inclusion", ">=", 18, "kg", "18 kg"),
        Criterion("age_years", "inclusion", ">=", "18", None, "18"),
        Criterion("age_years", "inclusion", "in", [18], None, "18"),
        Criterion("alsfrs_r_item", "inclusion", ">=", 2, None, "item", extra={"item": 13}),
        Criterion(
            "age_years",
            "inclusion",
            ">=",
            18,
            None,
            "if",
            extra={"condition": {"factor": "invasive_ventilation", "op": "==", "value": True}},
        ),  # fmt: skip
    ):
        assert vector_evaluate(people, odd) is None, odd
    assert vector_evaluate(people, base) is not None


_CACHE: list[list[Criterion]] = []


def _snapshot_criteria() -> list[Criterion]:
    if not _CACHE:
        source, rulebook = load_studies(offline=True), load_rulebook()
        found = [c for r in source.records for c in rulebook.criteria_for(r)]
        _CACHE.append([c for c in found if c.factor in VECTOR_READERS and c.understood])
    return _CACHE[0]


@pytest.mark.parametrize("onset", ["2024-11", "2024-11-15", "2024-11-14", "2024-11-16"])
def test_month_only_onset_right_at_the_limit(onset: str) -> None:
    """24 months before 2026-11-01: to the month it is unknown; to the day, it decides."""
    person = parse_profile({"as_of": "2026-11-01", "onset_date": onset})
    for op in ("<=", "<", ">=", ">"):
        _assert_same([person], Criterion("months_since_onset", "inclusion", op, 24, None, "24"))


@st.composite
def _window(draw: Any) -> Criterion:
    factor = draw(st.sampled_from(["months_since_onset", "months_since_diagnosis"]))
    kind, op = draw(
        st.sampled_from(
            [
                ("inclusion", "<="),
                ("inclusion", "<"),
                ("inclusion", "between"),
                ("exclusion", ">"),
                ("exclusion", ">="),
                ("inclusion", ">="),
            ]
        )
    )
    limits = st.sampled_from(_LIMITS[factor])
    value: Any = sorted([draw(limits), draw(limits)]) if op == "between" else draw(limits)
    extra = (
        {"condition": {"factor": "age_years", "op": ">", "value": 1}}
        if draw(st.integers(0, 5)) == 0
        else {}
    )
    return Criterion(factor, kind, op, value, None, f"{factor} {op} {value}", extra=extra)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(_profile(), min_size=1, max_size=20), windows=st.lists(_window(), max_size=3)
)
def test_months_left_equals_the_engine(people: list[Profile], windows: list[Criterion]) -> None:
    found = months_left_all(People(people), windows).tolist()
    engine = [months_left(p, windows) for p in people]
    assert [None if m != m else m for m in found] == engine


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(-1, 2**40), min_size=width, max_size=width)
            | st.lists(st.integers(0, 3), min_size=width, max_size=width),
            min_size=1,
            max_size=30,
        )
    )
)
def test_equal_rows_groups_exactly_the_equal_rows(rows: list[list[int]]) -> None:
    """Same code if and only if the same row, with ``first`` a row of each group."""
    codes, first = equal_rows(np.array(rows, dtype=np.int64))
    for i, a in enumerate(rows):
        for j, b in enumerate(rows):
            assert (codes[i] == codes[j]) == (a == b)
    assert sorted(codes[first].tolist()) == sorted(set(codes.tolist()))
    assert all(rows.index(rows[i]) == i for i in first.tolist())  # each group's first row
