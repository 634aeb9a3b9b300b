"""Readers register under the factor they read, one reader per factor."""

from __future__ import annotations

import pytest

from screener.factors import FACTORS
from screener.screening import evaluate, reading


def test_every_factor_has_exactly_one_reader() -> None:
    """The registry holds one reader per factor of the table and nothing else."""
    assert set(evaluate.READERS) == set(FACTORS)
    assert evaluate.READERS is reading.READERS


def test_a_second_reader_for_a_factor_is_refused() -> None:
    """Registering another reader for a factor that has one fails, naming the factor."""
    with pytest.raises(ValueError, match="age_years"):
        reading.register("age_years", evaluate.READERS["sex"])
    assert evaluate.READERS["age_years"] is not evaluate.READERS["sex"]
