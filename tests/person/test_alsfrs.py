"""ALSFRS-R arithmetic: totals, domain subscores, ΔFS, MiToS staging, ranges from a total."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.person import alsfrs

FULL = [4] * 12
items_st = st.lists(st.integers(0, 4), min_size=12, max_size=12)


def test_total_and_subscores_of_a_known_rating() -> None:
    """Subscores split items 1–3, 4–6, 7–9, 10–12 and add up to the total."""
    items = [1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4]
    assert alsfrs.total(items) == 26
    assert alsfrs.subscore(items, "bulbar") == 6
    assert alsfrs.subscore(items, "fine_motor") == 9
    assert alsfrs.subscore(items, "gross_motor") == 2
    assert alsfrs.subscore(items, "respiratory") == 9


@pytest.mark.parametrize(
    "items",
    [[4] * 11, [4] * 13, [4] * 11 + [5], [4] * 11 + [-1], [4] * 11 + [True], [4] * 11 + [2.5]],
)
def test_bad_items_are_rejected(items: list[object]) -> None:
    """Anything but 12 whole scores 0–4 raises ValueError."""
    with pytest.raises(ValueError):
        alsfrs.check_items(items)  # type: ignore[arg-type]


def test_delta_fs_formula_and_zero_months() -> None:
    """ΔFS = (48 − total) / months; no value when the rating is at or before onset."""
    assert alsfrs.delta_fs(36, 12.0) == pytest.approx(1.0)
    assert alsfrs.delta_fs(48, 5.0) == 0.0
    assert alsfrs.delta_fs(40, 0.0) is None
    assert alsfrs.delta_fs(40, -1.0) is None


def test_months_between_uses_30_44_day_months() -> None:
    """Months are days / 30.44, signed."""
    assert alsfrs.months_between(date(2026, 1, 1), date(2026, 1, 31)) == pytest.approx(30 / 30.44)
    assert alsfrs.months_between(date(2026, 1, 31), date(2026, 1, 1)) < 0


@pytest.mark.parametrize(
    ("changes", "stage"),
    [
        ({}, 0),
        ({8: 1}, 1),  # walking lost
        ({6: 1}, 1),  # self-care lost (same domain as walking)
        ({8: 1, 6: 0}, 1),
        ({3: 1}, 1),  # swallowing
        ({1: 1}, 0),  # speech alone does not lose communicating
        ({1: 1, 4: 1}, 1),  # speech and handwriting: communicating lost
        ({12: 2}, 1),  # breathing via respiratory insufficiency ≤ 2
        ({12: 3}, 0),
        ({10: 1}, 1),  # breathing via dyspnoea ≤ 1
        ({8: 1, 3: 1, 1: 0, 4: 0, 12: 0}, 4),
    ],
)
def test_mitos_stage_per_domain_rule(changes: dict[int, int], stage: int) -> None:
    """MiToS counts the domains lost with the thresholds of Chiò et al. 2015."""
    items = list(FULL)
    for number, score in changes.items():
        items[number - 1] = score
    assert alsfrs.mitos_stage(items) == stage


@given(items_st)
def test_ranges_from_total_contain_the_true_values(items: list[int]) -> None:
    """Knowing only the total, every item and every domain sum lies in the computed range."""
    total = alsfrs.total(items)
    lo, hi = alsfrs.item_range_from_total(total, 1)
    assert all(lo <= s <= hi for s in items)
    lo3, hi3 = alsfrs.item_range_from_total(total, 3)
    for domain in alsfrs.DOMAINS:
        assert lo3 <= alsfrs.subscore(items, domain) <= hi3


def test_total_48_pins_every_item_to_4() -> None:
    """A perfect total leaves no doubt about any item; a total of 0 neither."""
    assert alsfrs.item_range_from_total(48) == (4, 4)
    assert alsfrs.item_range_from_total(0) == (0, 0)
    assert alsfrs.item_range_from_total(40) == (0, 4)
