"""Which rows of a candidate file the profile could refuse, found for the whole file at once.

The column parsers already hold every cell to its type (a choice is one of its words, an
item score a whole number from 0 to 4, a date a real date). What a profile checks beyond
that is few things: the ranges of age, % predicted, ventilation hours and distance, and no
date after the screening day. ``doubtful`` marks every row where any of these could fail,
and every row with a date the profile's own ``parse_day`` refuses; those rows are validated
by ``parse_profile`` one by one, which gives the message. A row it does not mark passes
``parse_profile`` (a property test holds the two together), so the reader builds its
``Profile`` only when someone needs it.

The ALSFRS-R checks across cells (a total that is not the items' sum; fewer than 12 items)
are found here too, for the whole file at once, and worded for the rows that have them;
this is the only place they live (``answers_of`` builds the answers only).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from screener.triage.candidate_facts import Facts

__all__ = ["DATE_COLUMNS", "doubtful", "score_flags", "score_problem", "score_note"]

_Array = np.ndarray[Any, Any]

DATE_COLUMNS: tuple[str, ...] = (
    "as_of", "onset_date", "diagnosis_date", "alsfrs_r_date", "vc_date",
    "riluzole_stable_since", "riluzole_last_dose", "edaravone_stable_since",
    "edaravone_last_dose", "phenylbutyrate_taurursodiol_last_dose",
    "investigational_drug_last_dose",
)  # fmt: skip
"""Every column read as a profile date (``Day``, or ``LastDose`` for the last one)."""

_RANGES: dict[str, tuple[float, float]] = {
    "age_years": (0, 120),
    "vc_percent": (0, 200),
    "niv_hours_per_day": (0, 24),
    "max_distance_km": (0, np.inf),
}
"""The profile's bounds on numbers the column parsers read as any finite number."""


def doubtful(facts: Facts) -> _Array:
    """Per row: True where the profile might refuse the row's answers (see the docstring)."""
    doubt = np.zeros(facts.size, dtype=bool)
    for name, (low, high) in _RANGES.items():
        number = facts.number(name)
        doubt |= facts.given(name) & ~((number >= low) & (number <= high))
    for name in DATE_COLUMNS:
        doubt |= facts.date(name).bad
    doubt |= facts.as_of.bad
    # Profile._dates_not_after_as_of: no date the profile holds after the screening day.
    as_of = facts.as_of.day
    for dates in (facts.date("onset_date"), facts.date("diagnosis_date"), facts.rated):
        doubt |= dates.known & (dates.first_day > as_of)
    breathing = facts.date("vc_date")
    doubt |= breathing.known & facts.breathing_given & (breathing.first_day > as_of)
    return doubt


def score_problem(facts: Facts, row: int) -> str:
    """The problem of a row ``score_flags`` found with a total not its items' sum."""
    total = int(facts.number("alsfrs_r_total")[row])
    items = int(facts.item_scores[0][row].sum())
    return f"column alsfrs_r_total: {total} is not the sum of alsfrs_r_1..alsfrs_r_12 ({items})"


def score_note(facts: Facts, row: int) -> str:
    """The note of a row ``score_flags`` found with some but not all of the 12 items."""
    count = int(facts.item_scores[1][row])
    with_total = "; the total was" if facts.given("alsfrs_r_total")[row] else ""
    return f"ALSFRS-R items: only {count} of 12 given, so the items were not used" + with_total


def score_flags(facts: Facts) -> tuple[_Array, _Array]:
    """(rows whose total is not their items' sum, rows with some but not all 12 items)."""
    items, count = facts.item_scores
    total = facts.number("alsfrs_r_total")
    wrong_sum = facts.has_items & ~np.isnan(total) & (np.nan_to_num(total) != items.sum(axis=1))
    return wrong_sum, (count > 0) & (count < 12)
