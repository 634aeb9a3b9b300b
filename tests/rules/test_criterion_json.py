"""A criterion as JSON and back (screener.rules.criterion_json): same values, same types."""

from __future__ import annotations

import pytest

from screener.criteria.model import Criterion
from screener.rules.criterion_json import decode_criterion, encode_criterion


def test_encoding_keeps_types() -> None:
    """Tuples stay tuples, ints stay ints, floats floats, bools bools, nested extras intact."""
    c = Criterion(
        "alsfrs_r_item", "inclusion", ">=", (3, 4.0, True), "points", "text",
        {"item": "each", "except": [1, (2, 3)], "condition": {"factor": "sex", "value": ["f"]}},
        "rule:x.yaml",
    )  # fmt: skip
    back = decode_criterion(encode_criterion(c))
    assert back == c
    assert type(back.value) is tuple and [type(v) for v in back.value] == [int, float, bool]
    assert type(back.extra["except"][1]) is tuple


def test_values_json_cannot_keep_are_refused() -> None:
    """A NaN or a set would not come back equal from JSON: encoding refuses (never cached)."""
    with pytest.raises(ValueError):
        encode_criterion(Criterion("age_years", "inclusion", ">=", float("nan"), None, "t"))
    with pytest.raises(ValueError):
        encode_criterion(Criterion("sex", "inclusion", "in", {"female"}, None, "t"))
