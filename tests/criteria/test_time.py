"""Months since symptom onset and since diagnosis: separate factors, units converted."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import pytest

from screener.criteria.model import Kind
from tests.criteria_cases import only, readings, real, reviewed

ONSET = "months_since_onset"
DIAGNOSIS = "months_since_diagnosis"

CASES = [
    (
        "NCT00047723",
        "Onset of weakness within 3 years prior to enrollment.",
        "inclusion",
        {(ONSET, "<=", 36)},
    ),
    (
        "NCT00069186",
        "Disease duration less than five years since symptom onset.",
        "inclusion",
        {(ONSET, "<", 60)},
    ),
    ("NCT00070993", "At least 5 years from onset of symptoms", "inclusion", {(ONSET, ">=", 60)}),
    ("NCT00353665", "Disease duration > 3 years", "exclusion", {(ONSET, ">", 36)}),
    (
        "NCT00403104",
        "Onset of muscle weakness within 14 months randomization",
        "inclusion",
        {(ONSET, "<=", 14)},
    ),
    (
        "NCT00876772",
        "Beginning of symptoms of paralysis at least 6 months prior",
        "inclusion",
        {(ONSET, ">=", 6)},
    ),
    ("NCT01650818", "Time since symptoms onset \\<= 18 months.", "inclusion", {(ONSET, "<=", 18)}),
    ("NCT02039401", "Onset of ALS < 2 years at Screening", "inclusion", {(ONSET, "<", 24)}),
    ("NCT02164253", "Evolution of more than 24 months", "exclusion", {(ONSET, ">", 24)}),
    (
        "NCT03548311",
        "ALS patients within 12 months after clinical onset at the entry",
        "inclusion",
        {(ONSET, "<=", 12)},
    ),
    (
        "NCT04297683",
        "4. Time since onset of weakness due to ALS ≤ 24 months at the time of the Master Protocol Screening Visit.",
        "inclusion",
        {(ONSET, "<=", 24)},
    ),
    (
        "NCT07287397",
        "A maximum of 18 months since first appearance of weakness (e.g., limb weakness, dysarthria, dysphagia, shortness of breath)",
        "inclusion",
        {(ONSET, "<=", 18)},
    ),
    (
        "NCT06598202",
        "Disease duration: ≥6 months and ≤2 years (counted from the onset of any ALS symptoms)",
        "inclusion",
        {(ONSET, ">=", 6), (ONSET, "<=", 24)},
    ),
    # "[inclusive]" makes both bounds inclusive.
    (
        "NCT00136110",
        "A disease duration at inclusion of more than 6 months and less than 36 months [inclusive] (disease onset is defined as the date of first symptoms excluding muscle cramps and fasciculations)",
        "inclusion",
        {(ONSET, ">=", 6), (ONSET, "<=", 36)},
    ),
    ("NCT07178067", "Disease duration of less than 1 year.", "inclusion", {(ONSET, "<", 12)}),
    (
        "NCT05039268",
        "Diagnosis of ALS less than 24 months before screening",
        "inclusion",
        {(DIAGNOSIS, "<", 24)},
    ),
    (
        "NCT07178067",
        "Patients diagnosed with amyotrophic lateral sclerosis (ALS) in the past 12 months.",
        "inclusion",
        {(DIAGNOSIS, "<=", 12)},
    ),
    (
        "NCT02238626",
        "Diagnosis of ALS with onset of less than or equal to 5 years from first clinical weakness",
        "inclusion",
        {(ONSET, "<=", 60)},
    ),
    (
        "NCT06513546",
        "First ALS symptoms occurred no more than two (2) years prior to screening visit ALS disease duration from diagnosis no longer than 12 months at the Screening visit.",
        "inclusion",
        {(ONSET, "<=", 24), (DIAGNOSIS, "<=", 12)},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "expected"), CASES)
def test_onset_and_diagnosis_windows_are_told_apart(
    nct: str, sentence: str, kind: Kind, expected: set[tuple[str, str, object]]
) -> None:
    """Each duration goes to onset or diagnosis by its anchor words, in months."""
    found = {
        (f, op, v) for f, _, op, v in readings(real(nct, sentence), kind) if f in {ONSET, DIAGNOSIS}
    }
    assert found == expected


def test_converted_duration_keeps_the_original_words() -> None:
    """NCT00047723: 3 years becomes 36 months and keeps "within 3 years" as evidence."""
    sentence = real("NCT00047723", "Onset of weakness within 3 years prior to enrollment.")
    criterion = only(sentence, "inclusion", ONSET)
    assert criterion.unit == "months"
    assert criterion.extra["original"] == "within 3 years"


def test_diagnosed_for_a_duration_is_a_diagnosis_window() -> None:
    """NCT00561366: "Diagnosed with ... for less than or equal to 36 months' duration"."""
    sentence = real(
        "NCT00561366",
        "Diagnosed with laboratory-supported probable, probable or definite ALS according to the World Federation of Neurology El Escorial criteria for less than or equal to 36 months' duration prior to the Screening Visit.",
    )
    assert (DIAGNOSIS, "inclusion", "<=", 36) in readings(sentence, "inclusion")


@pytest.mark.parametrize(
    ("nct", "sentence", "kind", "expected"),
    [
        # A breathing-test window, not the disease's age.
        (
            "NCT02238626",
            "Slow vital capacity ≥ 60% of predicted within 1 month prior to Treatment Day 1",
            "inclusion",
            set(),
        ),
        # Riluzole's stable period in a list that also names the symptom duration.
        (
            "NCT00409721",
            "Age 18 - 80 years, ALS symptoms for no more than 3 years, FVC greater than or equal to 60% predicted, Riluzole naïve or have been on a stable dose of Riluzole for at least 2 months",
            "inclusion",
            {(ONSET, "<=", 36)},
        ),
        # Survival, progression and spasticity durations.
        (
            "NCT07082192",
            "Less than or equal to 24 months since ALS symptom onset at Screening, and estimated survival time of ≥1 year as per the Investigator's judgement.",
            "inclusion",
            {(ONSET, "<=", 24)},
        ),
        ("NCT04293484", "Disease progression in the past 3 months", "inclusion", set()),
        (
            "NCT01776970",
            "Subject has spasticity due to MND of at least three months duration",
            "inclusion",
            set(),
        ),
        # "Diagnosed dementia" after a one-year evaluation window is not an ALS diagnosis.
        (
            "NCT06021938",
            "Neurological disorders according to a neurological evaluation dating from less than one year, in particular diagnosed dementia",
            "exclusion",
            set(),
        ),
    ],
)
def test_durations_that_belong_to_something_else_are_not_onset(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, str, object]]
) -> None:
    """Only durations anchored to onset/diagnosis count; trap durations add nothing."""
    found = readings(real(nct, sentence), kind)  # type: ignore[arg-type]
    assert {(f, op, v) for f, _, op, v in found if f in {ONSET, DIAGNOSIS}} == expected


def test_time_from_onset_to_diagnosis_is_reviewed() -> None:
    """NCT02152449: the interval between first symptoms and diagnosis is neither factor."""
    sentence = real("NCT02152449", "Time between first symptoms and diagnosis less than 18 months")
    assert readings(sentence, "inclusion") == set()
    assert ONSET in reviewed(sentence, "inclusion")


@pytest.mark.parametrize(
    ("nct", "sentence", "kind"),
    [
        # Non-ALS studies from the shared export: ages at onset and the onset of study treatment.
        (
            "NCT06841627",
            "age of PH onset was less than 50 years, currently taking medication for headaches.",
            "inclusion",
        ),
        (
            "NCT05064397",
            "The participant has a medical history of onset of cluster headache at ≤50 years of age.",
            "inclusion",
        ),
        (
            "NCT05324748",
            "On a stable regimen of cluster headache prophylactics for >4 weeks prior to onset of study treatment",
            "inclusion",
        ),
    ],
)
def test_age_at_onset_and_onset_of_treatment_are_not_limits(
    nct: str, sentence: str, kind: str
) -> None:
    """ "Age of onset < 50 years" is neither an age limit nor 600 months since onset."""
    found = readings(real(nct, sentence), kind)  # type: ignore[arg-type]
    assert {r for r in found if r[0] in {ONSET, DIAGNOSIS, "age_years"}} == set()
