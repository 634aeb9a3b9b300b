"""Items of one section: every bullet style, inline list numbers, run-on text (real texts)."""

from __future__ import annotations

from screener.registry.eligibility_items import section_items
from tests.registry.real_texts import split


def test_flattened_star_bullets_become_items() -> None:
    """ignite-sd's " * " bullets on one line give one item per bullet."""
    parts = split("NCT03090932")
    assert parts.inclusion[0] == "Age 18 years or older."
    assert len(parts.inclusion) == 7 and len(parts.exclusion) == 7
    assert all(" * " not in item for item in parts.inclusion + parts.exclusion)


def test_round_bullets_split_items() -> None:
    """ "•" bullets, one per line, give one item each."""
    parts = split("NCT06249412")
    assert parts.unlabelled[0] == "Male or female patient aged over 18 years"
    assert len(parts.unlabelled) == 6


def test_inline_numbered_list_splits_on_counting_numbers() -> None:
    """ "1. Age 21 or older. 2. Participant..." on one line splits at each list number."""
    parts = split("NCT01605006")
    assert parts.inclusion[0] == "Age 21 or older."
    assert parts.exclusion[0].startswith("Underlying cardiac or pulmonary")


def test_numbers_that_do_not_count_up_are_text() -> None:
    """ "criteria (1) to (6)" is a range in a sentence, not a list marker."""
    parts = split("NCT06889857")
    assert parts.inclusion[0] == (
        "Patients who meet the following inclusion criteria (1) to (6) at the time of "
        "Informed consent"
    )


def test_circled_numbers_are_bullets_even_with_a_gap() -> None:
    """ "① ② ③ ④ 5) ⑦" give one item each although ⑥ is missing in the copy."""
    parts = split("NCT06351735")
    assert parts.inclusion[1] == "aged between 20 and 80 years old (inclusive)"
    assert parts.inclusion[-1].startswith("Subjects' FVC≥60% predicted value")
    assert parts.exclusion[:2] == ("Refusal to participate", "Unable to complete MRI scan")


def test_run_on_text_splits_at_new_criteria() -> None:
    """trials.co text with no separators splits where a new capitalised criterion starts."""
    parts = split("NCT00125203")
    assert parts.inclusion == (
        "Diagnosis of probable or definite ALS based on current World Federation of "
        "Neurology criteria",
        "Between the ages of 21-85, inclusive",
        "Sialorrhea refractory to treatment with at least two anticholinergic medications OR "
        "has been intolerant of anticholinergic medications due to side effects",
        "Capable of giving informed consent",
        "Must be able to attend all study visits",
    )
    assert "Currently being treated with coumadin" in parts.exclusion


def test_run_on_text_with_semicolons_keeps_names_inside_items() -> None:
    """Criteria joined by "; " split there only, so "If undergoing Edaravone..." stays whole."""
    parts = split("NCT05983211")
    assert "Age ≥ 18 years" in parts.inclusion
    assert any(i.startswith("If undergoing Edaravone treatment, must be") for i in parts.inclusion)


def test_a_lead_in_joins_the_items_that_finish_its_sentence() -> None:
    """ "Diagnosed with one of:" takes "ALS," and "PLS"; the next criterion stands alone."""
    body = "* Diagnosed with one of:\n* ALS,\n* PLS\n* Age 18 or older"
    assert section_items(body) == ["Diagnosed with one of: ALS, PLS", "Age 18 or older"]


def test_wrapped_lines_join_and_a_blank_line_ends_an_item() -> None:
    """A line without a bullet continues the item above it, until a blank line."""
    assert section_items("Age 18\n  or older\n\n- FVC 60%") == ["Age 18 or older", "FVC 60%"]
