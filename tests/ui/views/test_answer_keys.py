"""One-key answers and where focus goes next (screener.ui.views.answer_keys)."""

from __future__ import annotations

from screener.ui.views.answer_keys import GO_ON, SKIP_KEY, focus_after, keyed, option_keys

SKIP = "skip"


def test_yes_no_questions_answer_with_y_and_n_and_skip_with_s() -> None:
    """Y and N for yes/no; S for "I don't know / skip"."""
    assert option_keys([True, False, SKIP], SKIP) == ["y", "n", SKIP_KEY]


def test_alsfrs_scores_are_answered_with_their_own_digit() -> None:
    """A score answer (0-4) takes its own digit, whatever order it is listed in."""
    assert option_keys([4, 3, 2, 1, 0, SKIP], SKIP) == ["4", "3", "2", "1", "0", "s"]


def test_other_choices_take_1_to_9_in_order_and_later_ones_no_key() -> None:
    """Words are numbered from 1; a tenth answer gets no key rather than a clash."""
    assert option_keys(["female", "male", SKIP], SKIP) == ["1", "2", "s"]
    many = [f"o{n}" for n in range(11)]
    assert option_keys([*many, SKIP], SKIP)[8:] == ["9", "", "", "s"]


def test_keys_are_unique_within_a_question() -> None:
    """No two answers of one question share a key (one press, one answer)."""
    for values in ([True, False, SKIP], [4, 3, 2, 1, 0, SKIP], ["a", "b", "c", "d", SKIP]):
        keys = [k for k in option_keys(values, SKIP) if k]
        assert len(keys) == len(set(keys))


def test_a_label_shows_its_key_once() -> None:
    """'Y – Yes'; an ALSFRS-R label that already starts with its score is left alone."""
    assert keyed("y", "Yes") == "Y – Yes"
    assert keyed("4", "4 – Normal speech processes") == "4 – Normal speech processes"
    assert keyed("", "Eleventh") == "Eleventh"


def test_focus_goes_first_then_next_then_to_the_button_that_goes_on() -> None:
    """After a step change: first question; after an answer: the next; after the last: GO_ON."""
    order = ["q_age_years", "q_sex"]
    assert focus_after(order, None) == "q_age_years"
    assert focus_after(order, "q_age_years") == "q_sex"
    assert focus_after(order, "q_sex") == GO_ON
    assert focus_after([], None) == GO_ON


def test_an_answer_that_hid_its_own_question_sends_focus_to_the_first() -> None:
    """If the answered question is no longer drawn, focus starts again at the top."""
    assert focus_after(["q_a", "q_b"], "q_gone") == "q_a"
