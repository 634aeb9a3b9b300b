"""A problem with the app's answers, said in the person's words, with the step to fix it."""

from __future__ import annotations

import pytest

from screener.errors import ProfileError
from screener.person.profile import parse_profile
from screener.ui.views.answer_problem import answer_problem


def _problem(answers: dict[str, object]) -> str:
    with pytest.raises(ProfileError) as caught:
        parse_profile({"as_of": "2026-12-02", **answers}, where="your answers")
    return str(caught.value)


def test_a_date_after_today_names_the_question_and_its_step() -> None:
    said, step = answer_problem(_problem({"onset_date": "2027-01"}))
    assert said == (
        "First symptom: the date given (2027-01) is after today (2026-12-02); please check it."
    )
    assert step == "dates"


def test_a_nested_key_is_named_by_its_question() -> None:
    """ALSFRS-R items and other nested answers are named by the question, not the key path."""
    said, step = answer_problem(_problem({"alsfrs_r": {"items": [4] * 6 + [7] + [4] * 5}}))
    assert said == "ALSFRS-R (self-reported), item 7: must be 0–4, got 7."
    assert step == "alsfrs"


def test_an_unknown_shape_is_left_as_it_was() -> None:
    """A message it cannot take apart is shown whole, with no step (never a wrong one)."""
    message = "your answers: must be a JSON object of answers"
    assert answer_problem(message) == (message, None)
    assert answer_problem("your answers: nosuchkey: is wrong") == (
        "your answers: nosuchkey: is wrong",
        None,
    )
