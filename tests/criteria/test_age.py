"""Age limits from the text and from the registry fields (real sentences, NCT cited)."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import pytest

from screener.criteria import extract_criteria
from screener.registry.source import from_snapshot
from tests.criteria_cases import readings, real, reviewed

INCLUSION_AGES = [
    ("NCT00069186", "Males or females, 21 to 80 years of age.", {("between", (21, 80))}),
    ("NCT01363882", "Between ages of 18 and 80 yrs old", {("between", (18, 80))}),
    ("NCT00136110", "Ages 18 - 85 years (inclusive)", {("between", (18, 85))}),
    ("NCT04328675", "Age: 18-70 years", {("between", (18, 70))}),
    ("NCT07077668", "18 ≤ Age ≤ 75 years old, regardless of gender.", {("between", (18, 75))}),
    (
        "NCT02238626",
        "Male or female subjects ages ≥ 18 to 80 years, inclusive",
        {("between", (18, 80))},
    ),
    ("NCT02039401", "Age ≥ 21 years, but < or = 75 years", {(">=", 21), ("<=", 75)}),
    (
        "NCT02059759",
        "The patient is at least 18 years old and less than 75 years old",
        {(">=", 18), ("<", 75)},
    ),
    ("NCT04297683", "2. Age 18 years or older.", {(">=", 18)}),
    ("NCT01605006", "Age 21 or older.", {(">=", 21)}),
    ("NCT06810219", "18 years or older", {(">=", 18)}),
    ("NCT06656702", "Patients aged 18 years and older.", {(">=", 18)}),
    ("NCT06051123", "ALS participants: Aged 18 years old or greater.", {(">=", 18)}),
    ("NCT06583395", "Must be at 21 years of age or older", {(">=", 21)}),
    ("NCT03929068", "Age greater than 18 years", {(">", 18)}),
    ("NCT02759003", "aged > 18 years", {(">", 18)}),
    ("NCT00786032", "Subject will be an adult (age \\>18).", {(">", 18)}),
    ("NCT01699451", "\\> or = 18 years of age and willing to provide consent", {(">=", 18)}),
    ("NCT06608004", "Patient aged over 18", {(">", 18)}),
    (
        "NCT06889857",
        "Patients who are at least 20 years of age at the time of obtaining informed consent.",
        {(">=", 20)},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "limits"), INCLUSION_AGES)
def test_inclusion_age_limits_are_read_with_their_direction(
    nct: str, sentence: str, limits: set[tuple[str, object]]
) -> None:
    """Ranges, symbols, escapes and words ("or older", "at least") give the stated age limits."""
    found = readings(real(nct, sentence), "inclusion")
    assert found == {("age_years", "inclusion", op, value) for op, value in limits}


def test_exclusion_age_bounds_become_two_exclusions() -> None:
    """NCT03707795: "Under 20 years or over 80 years of age" excludes below 20 and above 80."""
    sentence = real("NCT03707795", "Under 20 years or over 80 years of age")
    assert readings(sentence, "exclusion") == {
        ("age_years", "exclusion", "<", 20),
        ("age_years", "exclusion", ">", 80),
    }


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        # Age at onset, not age today.
        ("NCT00677768", "Age 30-80 years at the time of disease onset"),
        # The caregiver's age, not the patient's.
        (
            "NCT03214224",
            "Have a caregiver available to participate in the study Caregivers: Be 18 years of age or older, of either gender.",
        ),
        # Two different minimum ages for residents of different places.
        (
            "NCT03840928",
            "The Registry is only intended at this time for residents of the United States and United States territories and Canada who are nineteen (19) years or older (for Puerto Rico residents, you must be 21 years or older to participate).",
        ),
    ],
)
def test_ages_that_are_not_todays_limit_for_the_person_are_reviewed(
    nct: str, sentence: str
) -> None:
    """Age at onset, a caregiver's age or place-dependent ages never become an age limit."""
    text = real(nct, sentence)
    assert not {r for r in readings(text, "inclusion") if r[0] == "age_years"}


def test_a_range_filed_under_exclusions_is_not_read_as_an_exclusion() -> None:
    """NCT06094205: "Between 18 and 80 years of age" under an exclusion heading is reviewed."""
    sentence = real("NCT06094205", "Between 18 and 80 years of age.")
    assert readings(sentence, "exclusion") == set()
    assert "age_years" in reviewed(sentence, "exclusion")


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        (
            "NCT00047723",
            "Women of childbearing age must be non-lactating and surgically sterile or using an effective method of birth control and have a negative pregnancy test",
        ),
        (
            "NCT02794857",
            "Forced vital capacity greater than or equal to 65% of that predicted for age and height",
        ),
        ("NCT06351735", "ALS patients with King's Stage 3-4"),
    ],
)
def test_childbearing_age_predicted_for_age_and_stage_are_not_ages(nct: str, sentence: str) -> None:
    """ "Childbearing age", "predicted for age and height" and "Stage 3-4" give no age criterion."""
    text = real(nct, sentence)
    assert "age_years" not in {r[0] for r in readings(text, "inclusion")}
    assert "age_years" not in reviewed(text, "inclusion")


def test_registry_fields_give_age_and_sex_with_registry_source() -> None:
    """Minimum/maximum age fields become inclusion limits marked source="registry"."""
    record = next(r for r in from_snapshot().records if r.nct_id == "NCT01650818")
    registry = [c for c in extract_criteria(record) if c.source == "registry"]
    assert {(c.factor, c.op, c.value) for c in registry} == {
        ("age_years", ">=", 18),
        ("age_years", "<=", 80),
    }
    assert all("(registry field)" in c.text for c in registry)


def test_registry_sex_all_gives_no_sex_criterion() -> None:
    """Studies open to all sexes set no sex criterion; none in the snapshot is single-sex."""
    for record in from_snapshot().records:
        sexes = [c for c in extract_criteria(record) if c.factor == "sex"]
        expected = (record.sex or "").upper() in {"FEMALE", "MALE"}
        assert bool(sexes) == expected, record.nct_id


@pytest.mark.parametrize(
    ("nct", "sentence", "kind", "expected"),
    [
        (
            "NCT05039268",
            "Male or female age 18 years and less than 75 years at time of ALS study",
            "inclusion",
            {(">=", 18), ("<", 75)},
        ),
        ("NCT06608004", "Minors", "exclusion", {("<", 18)}),
    ],
)
def test_implied_minimum_age_and_minors(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, int]]
) -> None:
    """ "Age 18 years and less than 75" keeps its minimum; an exclusion "Minors" is under 18."""
    found = readings(real(nct, sentence), kind)  # type: ignore[arg-type]
    assert found == {("age_years", kind, op, value) for op, value in expected}
