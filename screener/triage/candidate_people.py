"""The vectorised readers' columns (``People``) straight from a candidate file's parsed columns.

``People`` built from profiles reads each person's ``Profile``; for a file of thousands of
candidates the same columns come from the file's columns here, one numpy step per column,
so no ``Profile`` needs to be built for people whose answers are read only by the vectorised
readers. A test holds every column equal to the one the rows' profiles give.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from screener.person.profile import Profile
from screener.triage.candidate_facts import DateFacts, Facts
from screener.triage.vector_people import Breathing, Dates, People

__all__ = ["people_of"]

_Array = np.ndarray[Any, Any]


def _dates(found: DateFacts, rows: _Array) -> Dates:
    return Dates.of(found.known[rows], found.day[rows], found.month_only[rows])


def _rated(facts: Facts, rows: _Array) -> Dates:
    """``Profile.alsfrs_date`` (the rating day, else the screening day); month-only as the
    slope reads it: the rating date's when given, else ``Profile.as_of``'s."""
    rated, as_of = facts.rated, facts.as_of
    held = rated.known[rows]
    day = np.where(held, rated.day[rows], as_of.day[rows])
    month = np.where(held, rated.month_only[rows], as_of.month_only[rows])
    return Dates.of(np.ones(len(rows), dtype=bool), day, month)


def _breathing(facts: Facts, rows: _Array) -> Breathing:
    return Breathing.of(
        facts.breathing_given[rows], facts.text("vc_test")[rows], facts.number("vc_percent")[rows]
    )


def people_of(facts: Facts, rows: _Array, profiles: Sequence[Profile]) -> People:
    """The people of these rows (indices into the file's rows), whose profiles (built when
    read) are ``profiles``, with every column the vectorised readers read."""
    as_of = facts.as_of
    items, _ = facts.item_scores
    has_items = facts.has_items[rows]
    nobody = np.zeros(len(rows), dtype=bool)
    columns: dict[str, Any] = {
        "age": facts.number("age_years")[rows],
        "as_of": Dates.of(np.ones(len(rows), dtype=bool), as_of.day[rows], as_of.month_only[rows]),
        "onset": _dates(facts.date("onset_date"), rows),
        "diagnosis": _dates(facts.date("diagnosis_date"), rows),
        "rated": _rated(facts, rows),
        "alsfrs_given": facts.alsfrs_given[rows],
        "has_items": has_items,
        "items": np.where(has_items[:, None], items[rows], 0).astype(np.int64),
        "total": facts.alsfrs_total[rows],
        "breathing": _breathing(facts, rows),
        # The candidate file has columns for one breathing test only.
        "breathing_other": Breathing.of(
            nobody, np.full(len(rows), "", dtype=object), np.full(len(rows), np.nan)
        ),
    }
    return People(profiles, columns)
