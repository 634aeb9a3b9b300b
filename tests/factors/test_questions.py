"""Each profile key's question is worded in one table; the screen's tables are read from it."""

from __future__ import annotations

from screener.factors.questions import KEY_QUESTIONS, LABELS, PHRASES, QUESTIONS
from screener.person import questionnaire
from screener.person.profile import Profile
from screener.screening import wording


def test_every_key_is_worded_once() -> None:
    """No profile key has two entries."""
    keys = [q.key for q in KEY_QUESTIONS]
    assert len(keys) == len(set(keys))


def test_every_profile_answer_has_a_label_in_profile_order() -> None:
    """The summary lists every answer of the profile, in the profile's order."""
    assert list(LABELS) == list(Profile.model_fields)


def test_every_question_names_a_key_and_a_step() -> None:
    """A question belongs to a real profile key (or a part of one) and to a real step."""
    fields = set(Profile.model_fields)
    for q in KEY_QUESTIONS:
        assert q.key.split(".", 1)[0] in fields, q.key
        assert (q.question is None) == (q.step is None), q.key
        assert q.step is None or q.step in questionnaire.STEP_INDEX, q.key


def test_the_screen_reads_its_question_tables_from_here() -> None:
    """Reasons and 'answer it now' are the one table's wording (the summary imports LABELS)."""
    assert wording.QUESTIONS == PHRASES
    assert questionnaire.KEY_QUESTION == QUESTIONS


def test_question_wording_reaches_the_person() -> None:
    """The phrase of a key is what a reason asks, and a medicine's part is named."""
    assert wording.question("onset_date") == "when your first symptoms began"
    assert wording.question("riluzole.last_dose") == "when you last took riluzole"
    assert questionnaire.question_for("genes.SOD1") == ("What did genetic testing show?", "genes")
