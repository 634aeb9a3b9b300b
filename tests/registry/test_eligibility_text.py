"""Eligibility text splitting, pinned on the real texts of 104 ALS studies and by properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.registry import eligibility_text as et
from screener.registry.eligibility_text import EligibilityItems, split_eligibility, unescape
from screener.registry.records import normalise
from screener.registry.snapshot import load_snapshot
from tests.registry.real_texts import rows, split, words


def test_all_real_texts_split_without_losing_words(shared_data: Path) -> None:
    """Every word of all 104 real texts survives in an item, except heading words."""
    assert len(rows()) == 104
    for nct, row in rows().items():
        parts = split_eligibility(row["criteria"])
        clean = et._MORE.sub(" ", unescape(row["criteria"]))
        body = et._HEADING.sub(" ", clean)
        kept = " ".join(parts.inclusion + parts.exclusion + parts.unlabelled + parts.groups)
        assert words(body) <= words(kept), nct
        for item in parts.inclusion + parts.exclusion + parts.unlabelled:
            assert item == item.strip() and item, nct
            assert not re.search(r"(?i)\b(?:inclusion|exclusion) criteria\s*:", item), nct


def test_key_inclusion_criteria_is_a_heading() -> None:
    """ "Key Inclusion Criteria:" and "Key Exclusion Criteria:" open the two sides."""
    parts = split("NCT02794857")
    assert parts.exclusion[0].startswith("Life expectancy of less than 6")
    assert len(parts.inclusion) == 6 and not parts.unlabelled


def test_headings_without_colon_on_their_own_line() -> None:
    """ "Inclusion Criteria" alone on a line is a heading, not an item."""
    parts = split("NCT00070993")
    assert parts.inclusion[0].startswith("Diagnosis of probable or definit")
    assert parts.exclusion[0].startswith("Requires tracheostomy ventilatio")
    assert not parts.unlabelled


def test_text_without_headings_is_unlabelled() -> None:
    """Bullets with no heading are kept apart as unlabelled: never treated as exclusions."""
    parts = split("NCT00069186")
    assert not parts.inclusion and not parts.exclusion
    assert len(parts.unlabelled) == 7
    assert parts.unlabelled[1] == "Males or females, 21 to 80 years of age."


def test_escaped_comparisons_are_unescaped() -> None:
    """Mirrors' "\\<" and "\\>" read as "<" and ">"."""
    assert "MIP < 40 cmH20" in split("NCT04224961").exclusion
    assert "> 18 years of age" in split("NCT05474235").inclusion


def test_heading_with_a_qualifier() -> None:
    """ "Exclusion Criteria ALS: *" opens the exclusion side and names the group."""
    parts = split("NCT06069934")
    assert parts.exclusion[0] == (
        "Confirmed prolonged Fridericia-corrected QT (QTcF) interval "
        "(>450 ms for men; >470 ms for women)."
    )
    assert parts.inclusion[0] == "Sporadic or familial ALS."
    assert "ALS" in parts.groups


def test_inclusion_and_exclusion_heading_is_unlabelled() -> None:
    """ "Inclusion and Exclusion Criteria" names no side, so its items are unlabelled."""
    parts = split("NCT00786032")
    assert not parts.inclusion and not parts.exclusion
    assert parts.unlabelled[2] == "Subject will be an adult (age >18)."


def test_passing_mentions_are_not_headings() -> None:
    """ "if volunteer meets the inclusion criteria" inside an item does not open a side."""
    parts = split("NCT06266403")
    assert parts.exclusion == (
        "None - if volunteer meets the inclusion criteria, then they will be enrolled",
    )


def test_additional_criteria_note_marks_the_text_incomplete() -> None:
    """ "(There are additional exclusion criteria)" is no item and makes the record incomplete."""
    parts = split("NCT06094205")
    assert parts.more_not_shown
    assert not any("additional" in item for item in parts.inclusion + parts.unlabelled)
    raw = next(
        s
        for s in load_snapshot().studies
        if s["protocolSection"]["identificationModule"]["nctId"] == "NCT06094205"
    )
    assert raw["provenance"]["criteriaComplete"] is True
    record = normalise(raw)
    assert record.criteria_complete is False
    assert any("further criteria" in note for note in record.provenance.notes)


def test_misplaced_exclusion_heading_moves_requirements_to_unlabelled() -> None:
    """An "Exclusion" heading over "Between 18 and 80 years of age" would exclude everyone."""
    parts = split("NCT05724173")
    assert parts.doubtful_sides
    assert not parts.exclusion
    assert "Between 18 and 80 years of age." in parts.unlabelled
    record = next(
        normalise(s)
        for s in load_snapshot().studies
        if s["protocolSection"]["identificationModule"]["nctId"] == "NCT05724173"
    )
    assert record.exclusion == ()
    assert any("unlabelled" in note for note in record.provenance.notes)


def test_real_exclusions_are_not_taken_for_requirements() -> None:
    """Only the two mis-ordered trials.co copies trip the misplaced-heading guard."""
    doubtful = sorted(n for n in rows() if split(n).doubtful_sides)
    assert doubtful == ["NCT05724173", "NCT06094205"]


def test_one_able_to_item_is_still_an_exclusion() -> None:
    """A single "Able to become pregnant..." exclusion does not cast doubt on the section."""
    parts = split_eligibility(
        "Inclusion Criteria:\n- Age 18 years or older\nExclusion Criteria:\n"
        "- Able to become pregnant and not using contraception\n- History of seizures"
    )
    assert not parts.doubtful_sides
    assert parts.exclusion == (
        "Able to become pregnant and not using contraception",
        "History of seizures",
    )


def test_participant_groups_are_named() -> None:
    """Group labels left at the end of an item become their own item and are listed."""
    parts = split("NCT05474235")
    assert {"Blood Relative of ALS Patient", "Healthy Control"} <= set(parts.groups)
    assert "Healthy Control" in parts.inclusion
    assert any(i.endswith("Institutional Review Board (IRB).") for i in parts.inclusion)
    assert split("NCT03851302").groups == (
        "Able-bodied participants",
        "SCI participants",
        "ALS participants",
    )
    assert split("NCT00069186").groups == ()


def test_cut_last_item_is_kept_as_it_is() -> None:
    """A text cut mid-word keeps its last fragment as an item, never as a group label."""
    parts = split("NCT06819358")
    assert parts.exclusion[-1] == "Patient"
    assert parts.groups == ()


VOCAB = [
    *("age", "years", "diagnosis", "of", "als", "fvc", "riluzole", "stable", "dose", "weeks"),
    *("pregnant", "history", "disease", "onset", "months", "tracheostomy", "consent", "60"),
    *("informed", "signed", "ventilation", "percent", "predicted", "18", "with", "within"),
]
ITEM = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=12).map(" ".join)
ITEMS = st.lists(ITEM, min_size=1, max_size=8)
STYLES = ["* ", "- ", "• ", "number", "flat"]
INCLUSION = ["Inclusion Criteria:", "Key Inclusion Criteria:", "Inclusion Criteria", "INCLUSION:"]
EXCLUSION = ["Exclusion Criteria:", "Key Exclusion Criteria:", "Exclusion Criteria", "EXCLUSION:"]


def render(heading: str, items: list[str], style: str) -> str:
    """One section as a registry or mirror would write it."""
    if style == "flat":
        return heading + " " + " ".join(f"* {item}" for item in items)
    if style == "number":
        return heading + "\n" + "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    return heading + "\n" + "\n".join(f"{style}{item}" for item in items)


@given(st.text())
def test_any_text_splits_without_raising(text: str) -> None:
    """Any string at all gives items, each non-empty and stripped."""
    parts = split_eligibility(text)
    for item in parts.inclusion + parts.exclusion + parts.unlabelled:
        assert item and item == item.strip()


@given(ITEMS, ITEMS, st.sampled_from(STYLES), st.sampled_from(range(4)))
def test_headings_are_recognised_in_every_style(
    inclusion: list[str], exclusion: list[str], style: str, heading: int
) -> None:
    """Bulleted, numbered or flattened items land, whole and in order, on their side."""
    text = (
        render(INCLUSION[heading], inclusion, style)
        + ("\n" if style != "flat" else " ")
        + render(EXCLUSION[heading], exclusion, style)
    )
    parts = split_eligibility(text)
    assert parts.inclusion == tuple(inclusion)
    assert parts.exclusion == tuple(exclusion)
    assert parts.unlabelled == ()


@given(st.lists(st.text(min_size=1), min_size=1, max_size=6), st.sampled_from(STYLES))
def test_every_bullet_items_words_survive(items: list[str], style: str) -> None:
    """Whatever the bullets hold, each of their words is found in some item."""
    items = [" ".join(i.split()) for i in items if i.strip()]
    parts = split_eligibility(render("", items, style))
    kept = " ".join(parts.inclusion + parts.exclusion + parts.unlabelled + parts.groups)
    body = et._MORE.sub(" ", unescape("\n".join(items)))
    assert words(et._HEADING.sub(" ", body)) <= words(kept)


@pytest.mark.parametrize("text", [None, "", "   \n\t"])
def test_empty_text_gives_no_items(text: str | None) -> None:
    """No text means no items, not an error."""
    assert split_eligibility(text) == EligibilityItems((), (), ())


@pytest.mark.parametrize("mark", list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"))
def test_every_ascii_punctuation_escape_is_undone(mark: str) -> None:
    """ClinicalTrials.gov markdown escapes any ASCII punctuation (``\\&``): shown plainly."""
    assert unescape(f"Riluzole \\{mark} edaravone") == f"Riluzole {mark} edaravone"


def test_an_escaped_ampersand_reads_plainly_in_an_item() -> None:
    """The registry's ``\\&`` reaches the criterion as ``&``."""
    items = split_eligibility("Inclusion Criteria:\n\n* Riluzole \\& edaravone allowed")
    assert items.inclusion == ("Riluzole & edaravone allowed",)


def test_a_backslash_before_a_letter_is_kept() -> None:
    """Only punctuation escapes are undone: ``\\d`` is two characters of the study's words."""
    assert unescape("C:\\data \\& more") == "C:\\data & more"


_PLAIN_HEADING = re.compile(et._HEADING_BODY, re.IGNORECASE)
_HEADING_PIECES = sorted(set(re.findall(r"[a-z]{2,}", et._HEADING_BODY)))


def _heading_spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group("side")) for m in pattern.finditer(text)]


def test_first_letter_look_ahead_changes_no_heading_in_real_texts() -> None:
    """The heading scan's first-letter look-ahead finds exactly the plain pattern's
    headings in all 104 real texts (it is there only for speed)."""
    for nct, row in rows().items():
        text = unescape(row["criteria"])
        assert _heading_spans(et._HEADING, text) == _heading_spans(_PLAIN_HEADING, text), nct


_CASES = st.sampled_from([str, str.upper, str.title])
_HEADING_LIKE = st.builds(
    lambda lead, case, prefix, part, side, crit, end: (
        lead + case("".join(w + " " for w in prefix) + part + side + crit + end)
    ),
    st.sampled_from(["", "\n", "x. ", "* ", "x "]),
    _CASES,
    st.lists(st.sampled_from(_HEADING_PIECES), max_size=2),
    st.sampled_from(["", "part 1 ", "part b "]),
    st.sampled_from(_HEADING_PIECES),
    st.sampled_from(["", " criteria", " criterion"]),
    st.sampled_from([":", "\n", " * x", " 1. x", " for part a:", ""]),
)


@given(st.lists(_HEADING_LIKE | st.sampled_from([" ", "\n", "x", "é", "K"]), max_size=6))
def test_first_letter_look_ahead_changes_no_heading(pieces: list[str]) -> None:
    """Property: on heading-shaped text made of the heading pattern's own words (so a word
    added to it that starts with a new letter shows here), both scans find the same ones."""
    text = "".join(pieces)
    assert _heading_spans(et._HEADING, text) == _heading_spans(_PLAIN_HEADING, text)
