"""Pregnancy, breastfeeding, dementia, other neurological disease, cohorts and unheaded items."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import re

import pytest

from screener.criteria import UNCLASSIFIED, extract_criteria, extract_item
from screener.registry.source import from_snapshot
from tests.criteria_cases import readings, real, reviewed

REPRODUCTION = [
    (
        "NCT00355576",
        "Pregnancy or lactation",
        "exclusion",
        {("pregnancy", "exclusion", "==", True), ("breastfeeding", "exclusion", "==", True)},
    ),
    (
        "NCT00876772",
        "Pregnant or nursing women",
        "exclusion",
        {("pregnancy", "exclusion", "==", True), ("breastfeeding", "exclusion", "==", True)},
    ),
    (
        "NCT06889857",
        "Pregnant women or patients who may be pregnant",
        "exclusion",
        {("pregnancy", "exclusion", "==", True)},
    ),
    # Must not be pregnant (inclusion wording) is an exclusion of pregnancy.
    (
        "NCT05395624",
        "Female subjects may not be pregnant, lactating, or breastfeeding.",
        "inclusion",
        {("pregnancy", "exclusion", "==", True), ("breastfeeding", "exclusion", "==", True)},
    ),
    (
        "NCT00047723",
        "Women of childbearing age must be non-lactating and surgically sterile or using an effective method of birth control and have a negative pregnancy test",
        "inclusion",
        {("pregnancy", "exclusion", "==", True), ("breastfeeding", "exclusion", "==", True)},
    ),
    # Contraception alone is a promise, not an exclusion of anyone.
    (
        "NCT00982150",
        "Women must be postmenopausal, surgically sterile, or using adequate birth control methods.",
        "inclusion",
        set(),
    ),
    (
        "NCT07093268",
        "Women must not be able to become pregnant (eg, post menopausal, surgically sterile, or using adequate birth control methods) for the duration of the study and 3 months after study completion.",
        "inclusion",
        set(),
    ),
    (
        "NCT02936635",
        "Have no intention to become pregnant during participation in the study AND",
        "inclusion",
        set(),
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "expected"), REPRODUCTION)
def test_pregnancy_and_breastfeeding_exclusions(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, str, str, bool]]
) -> None:
    """Pregnant/lactating people are excluded; contraception or plans add no exclusion."""
    assert readings(real(nct, sentence), kind) == expected  # type: ignore[arg-type]


NEURO = [
    ("NCT05983211", "Known diagnosis of dementia", {("dementia", "exclusion", "==", True)}),
    (
        "NCT07543367",
        "Diagnosis of ALS-FTD or another dementia.",
        {("dementia", "exclusion", "==", True)},
    ),
    (
        "NCT00409721",
        "Presence of significant sensory abnormalities, dementia, other neurologic diseases, uncompensated medical illness and psychiatric illness",
        {
            ("dementia", "exclusion", "==", True),
            ("other_neurological_disease", "exclusion", "==", True),
        },
    ),
    (
        "NCT04302870",
        "Diagnosis of frontotemporal dementia (FTD-MND) or any other significant psychiatric disorder that prevents informed consent being given.",
        {("dementia", "exclusion", "==", True)},
    ),
    (
        "NCT01650818",
        "Coexisting neurological disease.",
        {("other_neurological_disease", "exclusion", "==", True)},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "expected"), NEURO)
def test_plain_dementia_and_other_neurological_disease_exclusions(
    nct: str, sentence: str, expected: set[tuple[str, str, str, bool]]
) -> None:
    """Dementia/FTD and other neurological disease named plainly are exclusions."""
    assert readings(real(nct, sentence), "exclusion") == expected


@pytest.mark.parametrize(
    ("nct", "sentence", "factor"),
    [
        (
            "NCT01363882",
            "Dementia sufficient to impair ability to use NIV, perform respiratory muscle pressure testing (PFTs), or complete Health-related Quality of Life (HRQOL) instruments",
            "dementia",
        ),
        (
            "NCT03090932",
            "Clinically significant dementia, as judged by the site investigator.",
            "dementia",
        ),
        (
            "NCT00125203",
            "Patient has any uncontrolled significant medical, psychiatric or neurological disease (other than ALS) over the past 30 days",
            "other_neurological_disease",
        ),
        # A narrower class than the person's "another neurological disease".
        (
            "NCT00047723",
            "Diagnosis of other neurodegenerative diseases (Parkinson's disease, Alzheimer's disease, etc).",
            "other_neurological_disease",
        ),
        (
            "NCT06819358",
            "Patients with a life expectancy of less than one year due to reasons other than neurodegenerative diseases",
            None,
        ),
        (
            "NCT01650818",
            "Coexisting extra-neurological disease significantly affecting exercise capacity.",
            None,
        ),
    ],
)
def test_judgement_calls_are_reviewed_not_excluded(
    nct: str, sentence: str, factor: str | None
) -> None:
    """ "Sufficient to impair", "as judged": review, never an exclusion."""
    text = real(nct, sentence)
    assert {
        r for r in readings(text, "exclusion") if r[0] in {"dementia", "other_neurological_disease"}
    } == set()
    if factor is not None:
        assert factor in reviewed(text, "exclusion")


def test_item_understood_by_nothing_is_one_review() -> None:
    """NCT00047723: an item no pattern reads is exactly one "other" criterion with its text."""
    sentence = real(
        "NCT00047723",
        "Willing and able to give signed informed consent that has been approved by your Institutional Review Board (IRB).",
    )
    found = extract_item(sentence, "inclusion")
    assert [(c.factor, c.op, c.text) for c in found] == [(UNCLASSIFIED, None, sentence)]


def test_several_criteria_of_one_item_share_its_text() -> None:
    """NCT00409721: one item gives age, VC and riluzole criteria, each with the whole item text."""
    record = next(r for r in from_snapshot().records if r.nct_id == "NCT00409721")
    item = next(i for i in record.inclusion if i.startswith("Age 18 - 80"))
    found = [c for c in extract_item(item, "inclusion") if c.understood]
    assert {c.factor for c in found} == {
        "age_years",
        "months_since_onset",
        "vital_capacity",
        "riluzole",
    }
    assert {c.text for c in found} == {item}


def test_other_cohorts_items_are_reviewed() -> None:
    """NCT06266403: the interlocutors' "between the ages of 18 and 40" never limits the patient."""
    record = next(r for r in from_snapshot().records if r.nct_id == "NCT06266403")
    ages = [c for c in extract_criteria(record) if c.factor == "age_years" and c.understood]
    assert {c.source for c in ages} == {"registry"}


def test_patient_cohort_heading_restores_reading() -> None:
    """NCT03851302: after "ALS participants" the ALS group's age range (21-75) is read."""
    record = next(r for r in from_snapshot().records if r.nct_id == "NCT03851302")
    ages = {
        (c.op, tuple(c.value))
        for c in extract_criteria(record)
        if c.factor == "age_years" and c.understood
    }
    assert ages == {("between", (21, 75))}


def test_unheaded_items_give_only_stated_requirements() -> None:
    """Unheaded items give positive limits, or a state only when the item says "must"/"should"."""
    checked = 0
    for record in from_snapshot().records:
        unheaded = set(record.unlabelled) - set(record.exclusion)
        for criterion in extract_criteria(record):
            if criterion.text in unheaded and criterion.understood:
                checked += 1
                if criterion.kind == "exclusion":
                    assert criterion.op == "==", (record.nct_id, criterion)
                    assert re.search(r"\b(?:must|should)\b", criterion.text.lower()), criterion
    assert checked > 10


def test_conditional_sentence_keeps_its_condition() -> None:
    """ "If SVC < 50 %, age 10-30 and onset within 12 months": both limits carry the condition.

    The shared texts have no such non-drug conditional; the wording follows the newer FUSION
    version quoted in shared/research/als-domain.md §1.3.
    """
    found = [
        c
        for c in extract_item(
            "If SVC < 50%, age 10-30 years and onset within 12 months", "inclusion"
        )
        if c.understood
    ]
    assert {(c.factor, c.op) for c in found} == {
        ("age_years", "between"),
        ("months_since_onset", "<="),
    }
    for criterion in found:
        condition = criterion.extra["condition"]
        assert (condition["factor"], condition["op"], condition["value"]) == (
            "vital_capacity",
            "<",
            50,
        )


def test_unreadable_condition_sends_its_criteria_to_review() -> None:
    """A condition nobody can check ("if documented") never lets its limit through as is."""
    found = extract_item("If clinically indicated, FVC ≥ 60% of predicted", "inclusion")
    assert [(c.factor, c.op) for c in found] == [("vital_capacity", None)]


def test_possibility_of_pregnancy_excludes_pregnancy() -> None:
    """NCT03548311: "the possibility of pregnancy" excludes pregnancy under either reading."""
    sentence = real("NCT03548311", "Those who have the possibility of pregnancy")
    assert readings(sentence, "exclusion") == {("pregnancy", "exclusion", "==", True)}


def test_unheaded_must_be_non_lactating_is_a_breastfeeding_exclusion() -> None:
    """NCT00069186 (no headings): "must be non-lactating" states a requirement: exclusion."""
    record = next(r for r in from_snapshot().records if r.nct_id == "NCT00069186")
    item = next(i for i in record.unlabelled if "non-lactating" in i)
    found = {
        (c.factor, c.kind, c.op, c.value)
        for c in extract_criteria(record)
        if c.text == item and c.understood
    }
    assert ("breastfeeding", "exclusion", "==", True) in found


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        # Non-ALS study from the shared export: the investigator's opinion governs the list.
        (
            "NCT02168764",
            "In the opinion of the Investigator, the subject currently meets criteria as defined by the Diagnostic and Statistical Manual of Mental Disorders (DSM-IV-TR) for an active major depressive episode or for active significant psychiatric disorders, including dementia, uncontrolled general anxiety disorder, psychotic disorders or uncontrolled bipolar disorder.",
        ),
        (
            "NCT07071935",
            "Presence of cognitive dysfunction that would impair ability to complete study procedures, as determined by neurology attending physician",
        ),
    ],
)
def test_dementia_under_an_investigators_judgement_is_reviewed(nct: str, sentence: str) -> None:
    """An opinion or "significant … including dementia" governs the entry: review only."""
    text = real(nct, sentence)
    assert not {r for r in readings(text, "exclusion") if r[0] == "dementia"}
    assert "dementia" in reviewed(text, "exclusion")
