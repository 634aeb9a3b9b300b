"""Typed month-and-year answers: what is read as a date, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.person.month_year import parse, show


@pytest.mark.parametrize(
    "text",
    [
        "03 2025",
        "3 2025",
        "03/2025",
        "3-2025",
        "03.2025",
        " 03  2025 ",
        "2025-03",
        "2025/3",
        "March 2025",
        "march 2025",
        "Mar 2025",
        "mar. 2025",
        "MARCH, 2025",
    ],
)
def test_the_ways_people_write_a_month_and_year_all_read_as_march_2025(text: str) -> None:
    """Digits with any separator, ISO order, and month names (3+ letters) are all accepted."""
    assert parse(text) == (2025, 3)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "spring",
        "13 2025",
        "00 2025",
        "2025",
        "03 25",
        "ma 2025",
        "03 2025 04",
        "32025",
        "Marsh 2025",
    ],
)
def test_text_that_is_not_a_month_and_a_year_is_refused(text: str) -> None:
    """No guessing: a month out of range, a two-digit year or a lone year give None."""
    assert parse(text) is None


def test_years_outside_the_allowed_range_are_refused() -> None:
    """A year before ``first_year`` or after ``last_year`` is not taken."""
    assert parse("03 1979", first_year=1980) is None
    assert parse("03 2028", last_year=2027) is None
    assert parse("03 2027", last_year=2027) == (2027, 3)


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_what_is_shown_reads_back_as_the_same_date(year: int, month: int) -> None:
    """show() and parse() round-trip: the box shows an answer in a form it accepts."""
    assert parse(show(year, month)) == (year, month)
    assert show(2025, 3) == "03 2025"
