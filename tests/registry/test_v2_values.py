"""Lenient v2 value readers: ages as the registry writes them, odd shapes read as unknown."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.registry import records
from screener.registry.v2_values import (
    date_of,
    flag_of,
    list_of,
    mapping_of,
    number_within,
    parse_age_years,
    text_of,
    texts_of,
)


def test_records_still_offers_the_age_reader() -> None:
    """``screener.registry.records.parse_age_years`` is the same reader (a fixed interface)."""
    assert records.parse_age_years is parse_age_years


@given(st.text())
def test_age_parsing_never_raises(text: str) -> None:
    """Any text gives a non-negative finite number of years or None, never an exception."""
    value = parse_age_years(text)
    assert value is None or (math.isfinite(value) and value >= 0)


@given(st.integers(min_value=0, max_value=150))
def test_years_round_trip(years: int) -> None:
    """ "N Years" and "N Year" and a bare "N" parse to N."""
    assert parse_age_years(f"{years} Years") == years
    assert parse_age_years(f"{years} year") == years
    assert parse_age_years(str(years)) == years


@given(st.integers(min_value=0, max_value=1200))
def test_months_are_twelfths_of_a_year(months: int) -> None:
    """ "N Months" is N/12 years."""
    value = parse_age_years(f"{months} Months")
    assert value is not None
    assert value == pytest.approx(months / 12, abs=1e-4)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("18 Years", 18.0),
        ("6 Months", 0.5),
        ("N/A", None),
        ("", None),
        (None, None),
        ("Over 18 Years", 18.0),
        ("≥ 21 years", 21.0),
        ("2 Weeks", round(14 / 365.25, 4)),
        (True, None),
        (-3, None),
        ("eighteen", None),
        ("9" * 400 + " Years", None),
        (math.inf, None),
        (math.nan, None),
    ],
)
def test_age_strings_seen_in_registry_text(text: object, years: float | None) -> None:
    """Registry and mirror forms of ages parse as the registry means them."""
    assert parse_age_years(text) == years


def test_wrong_shapes_read_as_unknown() -> None:
    """A list for an object, a number for text, "yes" for a flag: each reads as unknown."""
    assert mapping_of([1, 2]) == {}
    assert list_of({"a": 1}) == []
    assert text_of(42) is None
    assert text_of("   ") is None
    assert text_of("  Boston ") == "Boston"
    assert flag_of("yes") is None
    assert flag_of(False) is False
    assert texts_of(["a", " ", 3, "b "]) == ("a", "b")
    assert date_of({"date": "2026-03"}) == "2026-03"
    assert date_of("2026-03-01") == "2026-03-01"
    assert date_of(["2026"]) is None


@pytest.mark.parametrize("value", [math.nan, math.inf, 90.5, True, "45"])
def test_a_latitude_that_cannot_be_is_unknown(value: object) -> None:
    """NaN, infinity, beyond the pole, a boolean or text is no latitude."""
    assert number_within(value, 90.0) is None


def test_a_real_latitude_is_kept() -> None:
    """A finite number within the limit is kept as a float."""
    assert number_within(-90, 90.0) == -90.0
