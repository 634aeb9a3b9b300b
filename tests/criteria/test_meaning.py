"""When two criteria mean the same thing (criteria/meaning.py)."""

from __future__ import annotations

from screener.criteria.meaning import frozen, meaning_key
from screener.criteria.model import Criterion


def test_frozen_reads_numbers_as_a_reader_does_but_keeps_yes_no_apart() -> None:
    """18 and 18.0 are one age; True is not the number 1; lists and mappings become hashable."""
    assert frozen(18) == frozen(18.0)
    assert frozen(True) != frozen(1)
    assert frozen({"b": [1, 2], "a": None}) == frozen({"a": None, "b": (1, 2)})
    assert hash(frozen({"x": {1, 2}, "y": [{"z": 1}]})) is not None


def test_meaning_key_ignores_wording_and_provenance_but_not_the_limit() -> None:
    """Two sources saying "age ≥ 18" share a key; a rule id or note does not change it."""
    text = Criterion("age_years", "inclusion", ">=", 18, "years", "Aged 18 or over")
    registry = Criterion(
        "age_years", "inclusion", ">=", 18.0, "years", "Minimum age 18 Years", {"rule": "min"},
        "registry",
    )  # fmt: skip
    older = Criterion("age_years", "inclusion", ">=", 21, "years", "Aged 18 or over")
    assert meaning_key(text) == meaning_key(registry)
    assert meaning_key(text) != meaning_key(older)


def test_unread_criteria_mean_their_words() -> None:
    """Items kept for review are the same only when their words are."""
    one = Criterion("unclassified", "exclusion", None, None, None, "Any other condition")
    two = Criterion("unclassified", "exclusion", None, None, None, "Another condition")
    assert meaning_key(one) != meaning_key(two)
    assert meaning_key(one) == meaning_key(one)
