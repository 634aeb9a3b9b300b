"""A reading excludes only when it accounts for the whole item (issue 10), on real sentences.

Each class of false exclusion found on unseen text has tests here: cohorts read as
alternatives, lists and comparisons, text narrower than the answer, silent El Escorial
categories, conditional drug rules; then the recall the gate must keep, and metamorphic
tests (a qualifier added to an excluding sentence never keeps it excluding; reordering an
"or" list never changes the reading).
"""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from screener.criteria import Criterion, Kind, extract_criteria, extract_item
from screener.person.profile import Profile, parse_profile
from screener.registry.records import StudyRecord
from screener.registry.snapshot import SNAPSHOT_PATH
from screener.registry.source import from_snapshot
from screener.rules.book import RuleBook, load_rulebook
from screener.screening.engine import screen_study
from screener.screening.evaluate import evaluate
from tests.criteria_cases import real


def person(**answers: Any) -> Profile:
    return parse_profile({"as_of": "2026-11-01", **answers})


def statuses(text: str, kind: Kind, profile: Profile) -> dict[str, str]:
    """factor → status of every criterion read from one item, for one person."""
    return {c.factor: evaluate(profile, c).status for c in extract_item(text, kind)}


def firm(criteria: list[Criterion]) -> list[Criterion]:
    """Criteria that can exclude: understood and not tentative."""
    return [c for c in criteria if c.understood and not c.extra.get("tentative")]


@cache
def _records() -> dict[str, StudyRecord]:
    return {r.nct_id: r for r in from_snapshot(SNAPSHOT_PATH).records}


@cache
def _rulebook() -> RuleBook:
    return load_rulebook()


def screened(nct: str, profile: Profile) -> tuple[str, list[str]]:
    """(verdict, factors not met) for one real snapshot study, with the project's rule files."""
    record = _records()[nct]
    result = screen_study(profile, record, _rulebook().criteria_for(record))
    return result.verdict, [r.criterion.factor for r in result.not_met()]


# --- the shared-data cases the issue names ---------------------------------------------


def test_cough_assist_or_volume_ventilation_is_not_any_niv() -> None:
    """NCT05913882: someone on night-time NIV is not excluded by 'cough assist or … volume ventilation'."""
    verdict, unmet = screened(
        "NCT05913882", person(ventilation="niv_night", tracheostomy=False, niv_hours_per_day=8)
    )
    assert "niv" not in unmet
    text = real(
        "NCT05913882",
        "Use of prescription cough assist or non-invasive volume ventilation devices.",
    )
    assert statuses(text, "exclusion", person(ventilation="niv_night"))["niv"] == "unknown"
    assert statuses(text, "exclusion", person(ventilation="none"))["niv"] == "met"


def test_bedridden_and_tracheotomised_is_not_tracheostomy_alone() -> None:
    """NCT01776970: a person with a tracheostomy who is not said to be bedridden is not excluded."""
    _, unmet = screened("NCT01776970", person(tracheostomy=True))
    assert "tracheostomy" not in unmet
    text = real("NCT01776970", "Bedridden and tracheotomised patients")
    assert statuses(text, "exclusion", person(tracheostomy=True))["tracheostomy"] == "unknown"


def test_dementia_and_incompetence_to_consent_is_not_dementia_alone() -> None:
    """NCT00876772: 'Dementia and incompetence to grant informed consent' needs both."""
    text = real("NCT00876772", "Dementia and incompetence to grant informed consent")
    assert statuses(text, "exclusion", person(dementia=True))["dementia"] == "unknown"
    assert statuses(text, "exclusion", person(dementia=False))["dementia"] == "met"
    _, unmet = screened("NCT00876772", person(dementia=True))
    assert "dementia" not in unmet


def test_two_onset_windows_for_two_groups_are_alternatives() -> None:
    """NCT00677768: ALS ≤ 2 years and suspected ALS ≤ 4 years; 3 years is not excluded, 5 is."""
    three_years = person(onset_date="2023-11-01")
    _, unmet = screened("NCT00677768", three_years)
    assert "months_since_onset" not in unmet
    _, unmet = screened("NCT00677768", person(onset_date="2021-06-01"))
    assert "months_since_onset" in unmet


def test_rule_file_probable_or_definite_asks_about_laboratory_supported() -> None:
    """NCT07118319: the rule file's note says to ask about lab-supported probable; the rule does."""
    _, unmet = screened("NCT07118319", person(diagnosis_category="probable_laboratory_supported"))
    assert "diagnosis_category" not in unmet
    _, unmet = screened("NCT07118319", person(diagnosis_category="possible"))
    assert "diagnosis_category" in unmet


# --- 1. cohorts and groups are alternatives ------------------------------------------


def test_age_range_for_the_als_group_beside_another_disease_group_does_not_exclude() -> None:
    """NCT01565395: 'For ALS: … ages 20-80' is one group's range: 85 is for the team to say."""
    _, unmet = screened("NCT01565395", person(age_years=85))
    assert "age_years" not in unmet
    _, unmet = screened("NCT01565395", person(age_years=50))
    assert "age_years" not in unmet


@pytest.mark.parametrize("age", [10, 70])
def test_cohort_a_and_cohort_b_ages_are_read_but_never_exclude(age: int) -> None:
    """NCT04768972: Cohort A 12–65 years, Cohort B > 30 years: the person may be in the other."""
    for sentence in (
        "Participants in: Cohort A must be, at the time of informed consent, 12 - 65 years of age, inclusive,",
        "Cohort B must be, at the time of informed consent, > 30 years of age",
    ):
        text = real("NCT04768972", sentence)
        assert statuses(text, "inclusion", person(age_years=age)).get("age_years") != "not_met"
    a = extract_item(
        real(
            "NCT04768972",
            "Participants in: Cohort A must be, at the time of informed consent, 12 - 65 years of age, inclusive,",
        ),
        "inclusion",
    )
    assert statuses(a[0].text, "inclusion", person(age_years=40))["age_years"] == "met"


def test_items_under_a_group_heading_are_that_groups() -> None:
    """A gene requirement listed under 'Cohort 1 (SOD1):' does not apply to everyone."""
    record = _record_with(
        ["Age 18 years or older", "Cohort 1 (SOD1 carriers):", "Confirmed SOD1 mutation"],
        ["Tracheostomy"],
    )
    criteria = extract_criteria(record)
    gene = [c for c in criteria if c.factor == "gene"]
    assert gene and all(c.extra.get("tentative") for c in gene)
    age = [c for c in criteria if c.factor == "age_years" and c.source == "text"]
    assert age and not age[0].extra.get("tentative")
    trach = [c for c in criteria if c.factor == "tracheostomy"]
    assert trach and not trach[0].extra.get("tentative")  # a new section ends the group


def test_part_one_patients_diagnosis_list_is_tentative() -> None:
    """NCT03214224: 'Part 1 Patients: …' ties the El Escorial list to one part of the study."""
    text = real(
        "NCT03214224",
        "Part 1 Patients: Possess a diagnosis of definite, probable, probable laboratory-supported, or possible ALS by revised El Escorial research criteria",
    )
    assert not firm(extract_item(text, "inclusion"))


# --- 2. lists and comparisons --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Diagnosis of possible, laboratory-supported probable, probable, or definite ALS according to the El Escorial criteria",
        "El Escorial possible laboratory supported probable probable or definite ALS",
        "Possible, probable laboratory-supported, probable or definite ALS (El Escorial)",
        "Diagnosis of ALS (definite, probable, probable laboratory supported or possible) per El Escorial",
    ],
)
def test_an_el_escorial_list_of_all_four_keeps_all_four(sentence: str) -> None:
    """Written in the shape of the shared texts: no category named in the list is lost."""
    for category in ("possible", "probable_laboratory_supported", "probable", "definite"):
        got = statuses(sentence, "inclusion", person(diagnosis_category=category))
        assert got["diagnosis_category"] == "met", (sentence, category)


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("Age equal or over 18 years", {"age_years": 18}),
        ("Age equal to or over 18 years", {"age_years": 18}),
        (
            "FVC equal or over 60% of predicted",
            {"vital_capacity": {"test": "fvc", "percent_predicted": 60}},
        ),
        (
            "SVC equal or above 50% predicted",
            {"vital_capacity": {"test": "svc", "percent_predicted": 50}},
        ),
        ("ALSFRS-R total score equal or greater than 30", {"alsfrs_r": {"total": 30}}),
    ],
)
def test_equal_or_over_includes_the_limit(sentence: str, answers: dict[str, Any]) -> None:
    """'Equal or over' (and its word orders) is ≥: the person at the limit meets it."""
    assert set(statuses(sentence, "inclusion", person(**answers)).values()) == {"met"}


# --- 3. text narrower than the answer --------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "answers", "factor"),
    [
        ("Use of non-invasive ventilation when awake", {"ventilation": "niv_night"}, "niv"),
        ("Dependence on daytime non-invasive ventilation", {"ventilation": "niv_night"}, "niv"),
        ("Dementia with behavioural disturbance", {"dementia": True}, "dementia"),
        (
            "Tracheostomy when the patient is ventilator dependent",
            {"tracheostomy": True},
            "tracheostomy",
        ),
    ],
)
def test_a_narrower_thing_never_excludes_on_the_wider_answer(
    sentence: str, answers: dict[str, Any], factor: str
) -> None:
    """Written in the shape of the shared texts: the answer does not say whether the narrower thing holds."""
    assert statuses(sentence, "exclusion", person(**answers)).get(factor) != "not_met"


def test_tracheotomy_and_mechanical_ventilation_needs_both() -> None:
    """NCT00355576: 'Tracheotomy and mechanical ventilation' excludes the ventilated, asks about the rest."""
    text = real("NCT00355576", "Tracheotomy and mechanical ventilation")
    ventilated = person(tracheostomy=True, ventilation="invasive")
    assert "not_met" in statuses(text, "exclusion", ventilated).values()
    breathing = person(tracheostomy=True, ventilation="none")
    assert "not_met" not in statuses(text, "exclusion", breathing).values()


# --- 4. silent categories -------------------------------------------------------------


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        ("NCT00070993", "Diagnosis of probable or definite ALS"),
        (
            "NCT00125203",
            "Diagnosis of probable or definite ALS based on current World Federation of Neurology criteria",
        ),
        ("NCT00353665", "Definite or probable disease - revise El Escorial criteria"),
        (
            "NCT07178067",
            "Fulfillment of the El Escorial diagnostic criteria (1996) for clinically probable or clinically definite ALS.",
        ),
    ],
)
def test_probable_or_definite_is_silent_about_laboratory_supported(nct: str, sentence: str) -> None:
    """Lab-supported probable is not named: unknown, not excluded; 'possible' is still excluded."""
    text = real(nct, sentence)
    lab = statuses(text, "inclusion", person(diagnosis_category="probable_laboratory_supported"))
    assert lab["diagnosis_category"] == "unknown"
    possible = statuses(text, "inclusion", person(diagnosis_category="possible"))
    assert possible["diagnosis_category"] == "not_met"


def test_a_list_that_names_laboratory_support_decides_it() -> None:
    """NCT00069186 names lab-supported probable: that category is read, not left silent."""
    text = real(
        "NCT00069186",
        "A clinical diagnosis of probable or definite lab-supported ALS, either SALS or FALS, according to modified El Escorial criteria.",
    )
    got = statuses(text, "inclusion", person(diagnosis_category="probable_laboratory_supported"))
    assert got["diagnosis_category"] == "met"


def test_rule_file_notes_match_what_the_rules_do() -> None:
    """Every rule file whose notes say to ask about a category gives 'unknown' for it (rules check)."""
    from screener.review.notes import note_contradictions

    book = _rulebook()
    assert book.studies
    problems = [p for rules in book.studies.values() for p in note_contradictions(rules)]
    assert problems == []


# --- 5. conditional drug rules --------------------------------------------------------


def test_a_rule_for_people_not_on_riluzole_does_not_require_riluzole() -> None:
    """Written in the shape of the shared texts: 'if not on it, willing not to start' takes people who never took it."""
    for sentence in (
        "Receiving riluzole 50 mg twice daily; patients not on riluzole must be willing not to start it during the study",
        "Treated with riluzole (if not on riluzole, willing not to start during the study)",
        "Stable dose of riluzole for 30 days, or if not on riluzole, willing not to start",
    ):
        got = statuses(sentence, "inclusion", person(riluzole={"status": "never"}))
        assert got.get("riluzole") != "not_met", sentence


def test_plain_riluzole_requirement_still_excludes_people_not_taking_it() -> None:
    """NCT00403104: 'Concomitant standard Riluzole therapy' still requires riluzole."""
    text = real("NCT00403104", "Concomitant standard Riluzole therapy (50mg twice daily)")
    assert (
        statuses(text, "inclusion", person(riluzole={"status": "never"}))["riluzole"] == "not_met"
    )


# --- recall: complete readings still exclude -------------------------------------------


def test_cognitive_impairment_excludes_a_diagnosed_dementia_and_asks_otherwise() -> None:
    """NCT01650818: 'Cognitive impairment.' excludes FTD/dementia; no diagnosis is unknown, not 'met'."""
    text = real("NCT01650818", "Cognitive impairment.")
    assert statuses(text, "exclusion", person(dementia=True))["dementia"] == "not_met"
    assert statuses(text, "exclusion", person(dementia=False))["dementia"] == "unknown"


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        (
            "NCT00047723",
            "Women of childbearing age must be non-lactating and surgically sterile or using an effective method of birth control and have a negative pregnancy test (adequate birth control includes use of intra-uterine device or oral contraceptives plus a barrier method, e.g. condom, diaphragm).",
        ),
        (
            "NCT00355576",
            "A woman of childbearing age, must be nonlactating and surgically sterile or using an effective method of birth control (barrier method) and have a negative pregnancy test",
        ),
        (
            "NCT00925847",
            "women of childbearing age be non-lactating and surgically sterile or using a highly effective method of birth control and have a negative pregnancy test",
        ),
    ],
)
def test_the_pregnancy_boilerplate_reads_the_same_everywhere(nct: str, sentence: str) -> None:
    """'Must be non-lactating … and have a negative pregnancy test' excludes pregnancy and breastfeeding."""
    text = real(nct, sentence)
    got = {c.factor for c in firm(extract_item(text, "inclusion"))}
    assert {"pregnancy", "breastfeeding"} <= got
    assert statuses(text, "inclusion", person(pregnant=True))["pregnancy"] == "not_met"


def test_a_listed_and_still_excludes_each_entry() -> None:
    """NCT00409721: 'sensory abnormalities, dementia, other neurologic diseases, … and psychiatric illness' is a list."""
    text = real(
        "NCT00409721",
        "Presence of significant sensory abnormalities, dementia, other neurologic diseases, uncompensated medical illness and psychiatric illness",
    )
    assert statuses(text, "exclusion", person(dementia=True))["dementia"] == "not_met"


# --- metamorphic: qualifiers never keep an exclusion; reordering changes nothing ---------

EXCLUDING = [
    ("NCT00070993", "Requires tracheostomy ventilation", "exclusion"),
    ("NCT04224961", "Presence of a tracheostomy", "exclusion"),
    ("NCT02794857", "Gastrostomy", "exclusion"),
    ("NCT02164253", "Demented subject", "exclusion"),
    ("NCT05983211", "Known diagnosis of dementia", "exclusion"),
    ("NCT03707795", "Pregnant", "exclusion"),
    ("NCT04293484", "Pregnancy", "exclusion"),
    ("NCT00409721", "Female patients who are breastfeeding", "exclusion"),
    ("NCT01650818", "Coexisting neurological disease.", "exclusion"),
    ("NCT06719947", "Subjects using invasive mechanical ventilation", "exclusion"),
    ("NCT05039268", "Forced vital capacity (FVC) at screening of <50% of predicted", "exclusion"),
    ("NCT00353665", "ALS-FRS < 25", "exclusion"),
    ("NCT03840928", "Under 19 years old", "exclusion"),
    ("NCT02039401", "Forced Vital Capacity (FVC) ≥ 60% of predicted", "inclusion"),
    ("NCT06849609", "Aged ≥18 years, male or female", "inclusion"),
    ("NCT00070993", "At least 5 years from onset of symptoms", "inclusion"),
    ("NCT03707795", "Diagnosis of familial ALS (fALS)", "inclusion"),
]
WORST = person(
    age_years=15,
    sex="female",
    onset_date="2026-06-01",
    alsfrs_r={"total": 10},
    vital_capacity={"test": "fvc", "percent_predicted": 30},
    tracheostomy=True,
    ventilation="invasive",
    gastrostomy=True,
    pregnant=True,
    breastfeeding=True,
    dementia=True,
    other_neurological_disease=True,
    familial=False,
)
"""Someone every one of the sentences above turns away."""

QUALIFIERS = [
    lambda s: f"Cohort B: {s}",
    lambda s: f"{s} (Part A only)",
    lambda s: f"For the SOD1 group: {s}",
    lambda s: f"{s}, only when awake",
    lambda s: f"{s} unless approved by the medical monitor",
    lambda s: f"If enrolled in Part 2, {s[0].lower()}{s[1:]}",
    lambda s: f"{s} except in Group 1",
]


def _not_met(text: str, kind: Kind) -> list[str]:
    return [c.factor for c in extract_item(text, kind) if evaluate(WORST, c).status == "not_met"]


@pytest.mark.parametrize(("nct", "sentence", "kind"), EXCLUDING)
def test_every_sentence_excludes_the_worst_case_person(nct: str, sentence: str, kind: Kind) -> None:
    """The starting point of the metamorphic tests: as written, each sentence turns WORST away."""
    assert _not_met(real(nct, sentence), kind)


@pytest.mark.parametrize("qualify", range(len(QUALIFIERS)))
@pytest.mark.parametrize(("nct", "sentence", "kind"), EXCLUDING)
def test_a_qualifier_never_keeps_an_exclusion(
    nct: str, sentence: str, kind: Kind, qualify: int
) -> None:
    """A cohort label, 'only', 'unless', 'if …', 'except' added: the sentence no longer excludes."""
    text = QUALIFIERS[qualify](real(nct, sentence))
    assert _not_met(text, kind) == [], text


_NUMBER_LIMITS = {"vital_capacity", "alsfrs_r_total", "months_since_onset", "age_years"}
SINGLE_STATES = [
    row
    for row in EXCLUDING
    if row[2] == "exclusion"
    and len(_not_met(row[1], "exclusion")) == 1
    # "FVC < 50 % and …" adds a requirement to a number limit: not a narrower state
    and _not_met(row[1], "exclusion")[0] not in _NUMBER_LIMITS
]


@pytest.mark.parametrize(("nct", "sentence", "kind"), SINGLE_STATES)
@pytest.mark.parametrize("second", ["and bedridden", "with a life expectancy under 6 months"])
def test_a_second_condition_joined_by_and_never_keeps_an_exclusion(
    nct: str, sentence: str, kind: Kind, second: str
) -> None:
    """'X and bedridden' is narrower than X: the person with X alone is not turned away."""
    base = real(nct, sentence).rstrip(".")
    assert _not_met(f"{base} {second}", kind) == [], base


@pytest.mark.parametrize(
    ("nct", "sentence", "kind"),
    [
        ("NCT00355576", "Pregnancy or lactation", "exclusion"),
        ("NCT02588677", "Patient who underwent tracheostomy and/or gastrostomy", "exclusion"),
        (
            "NCT00403104",
            "Presence of a tracheotomy, mechanical ventilation or non-invasive ventilation",
            "exclusion",
        ),
        ("NCT04226144", "without tracheostomy or invasive mechanical ventilation", "inclusion"),
        ("NCT03929068", "Pregnant and/or breastfeeding", "exclusion"),
    ],
)
def test_reordering_an_or_list_keeps_the_reading(nct: str, sentence: str, kind: Kind) -> None:
    """'A or B' and 'B or A' are read the same."""
    text = real(nct, sentence)
    head, _, tail = text.rpartition(" or ") if " or " in text else text.rpartition(" and/or ")
    joiner = " or " if " or " in text else " and/or "
    words = head.split(", ")
    prefix, first = (
        words[0].rsplit(" ", 1) if len(words) == 1 and " " in words[0] else ("", words[0])
    )
    others = words[1:]
    swapped = (
        f"{prefix} {tail}, {', '.join(others)}{joiner}{first}"
        if others
        else f"{prefix} {tail}{joiner}{first}"
    ).strip()

    def reading(t: str) -> set[tuple[str, str, Any]]:
        return {(c.factor, c.kind, c.op) for c in firm(extract_item(t, kind))}

    assert reading(text)
    assert reading(swapped) == reading(text), swapped


def _record_with(inclusion: list[str], exclusion: list[str]) -> StudyRecord:
    from screener.registry.records import normalise

    text = "Inclusion Criteria:\n\n" + "\n".join(f"* {i}" for i in inclusion)
    text += "\n\nExclusion Criteria:\n\n" + "\n".join(f"* {e}" for e in exclusion)
    return normalise(
        {
            "protocolSection": {
                "identificationModule": {"nctId": "NCT09999999", "briefTitle": "Test"},
                "eligibilityModule": {"eligibilityCriteria": text},
            }
        }
    )


# --- recall: breathing support and ALSFRS-R items read completely ------------------------


@pytest.mark.parametrize(
    ("ventilation", "expected"),
    [
        ("niv_day_and_night", "not_met"),
        ("niv_night", "met"),
        ("none", "met"),
        ("invasive", "unknown"),
    ],
)
def test_ventilation_when_awake_is_read_by_its_timing(ventilation: str, expected: str) -> None:
    """NCT04224961: 'ventilation when awake' excludes day-and-night NIV, not night-time NIV."""
    text = real("NCT04224961", "Use of non-invasive or invasive ventilation when awake")
    readings = firm(extract_item(text, "exclusion"))
    assert [evaluate(person(ventilation=ventilation), c).status for c in readings] == [expected]


@pytest.mark.parametrize(
    ("ventilation", "expected"),
    [
        ("invasive", "not_met"),
        ("niv_day_and_night", "unknown"),
        ("niv_night", "unknown"),
        ("none", "met"),
    ],
)
def test_respiratory_dependence_excludes_invasive_ventilation_and_asks_about_niv(
    ventilation: str, expected: str
) -> None:
    """'Respiratory dependent' (in the shape of the shared texts): invasive excludes, NIV is for the team."""
    profile = person(ventilation=ventilation)
    got = {
        evaluate(profile, c).status
        for c in extract_item("Subject is respiratory dependent", "exclusion")
    }
    worst = "not_met" if "not_met" in got else "unknown" if "unknown" in got else "met"
    assert worst == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A score of 0 on ALSFRS-R item 1 or item 4",
        "ALSFRS-R item 1 (speech) or item 4 (handwriting) score of 0",
        "Score of 0 on ALSFRS-R items 1, 3 or 4",
    ],
)
def test_an_alsfrs_item_score_of_zero_on_either_item_excludes(sentence: str) -> None:
    """Written in the shape of the shared texts: 'item 1 or item 4 score of 0': either one excludes."""
    items = [4] * 12
    items[3] = 0  # handwriting
    zero = person(alsfrs_r={"items": items})
    got = [evaluate(zero, c).status for c in extract_item(sentence, "exclusion")]
    assert "not_met" in got
    items[3] = 1
    one = person(alsfrs_r={"items": items})
    assert [evaluate(one, c).status for c in extract_item(sentence, "exclusion")] == ["met"] * len(
        got
    )
    as_requirement = extract_item(sentence.replace("core of 0", "core of 3 or more"), "inclusion")
    assert not firm(as_requirement)  # "item 1 or item 4 ≥ 3" as an inclusion is an alternative


# --- inclusion alternatives: "A or B" requires either, not both --------------------------


@pytest.mark.parametrize(
    ("sentence", "either", "neither"),
    [
        (
            "Time since onset of symptoms ≤ 24 months or time since diagnosis ≤ 12 months",
            {"onset_date": "2024-01-01", "diagnosis_date": "2026-06-01"},
            {"onset_date": "2024-01-01", "diagnosis_date": "2025-01-01"},
        ),
        (
            "SOD1 or FUS mutation carrier",
            {"genes": {"SOD1": "negative", "FUS": "positive"}},
            {"genes": {"SOD1": "negative", "FUS": "negative"}},
        ),
        (
            "ALSFRS-R total score ≥ 30 or FVC ≥ 60% of predicted",
            {"alsfrs_r": {"total": 25}, "vital_capacity": {"test": "fvc", "percent_predicted": 70}},
            {"alsfrs_r": {"total": 25}, "vital_capacity": {"test": "fvc", "percent_predicted": 50}},
        ),
    ],
)
def test_an_inclusion_or_is_met_by_either_and_failed_only_by_neither(
    sentence: str, either: dict[str, Any], neither: dict[str, Any]
) -> None:
    """Written in the shape of the shared texts: meeting one alternative is enough."""
    criteria = extract_item(sentence, "inclusion")
    assert [evaluate(person(**either), c).status for c in criteria] == ["met"]
    assert "not_met" in [evaluate(person(**neither), c).status for c in criteria]


def test_an_unread_alternative_makes_the_reading_tentative() -> None:
    """'within 24 months, or within 36 months for slow progressors': 30 months is for the team."""
    sentence = "Onset of weakness within 24 months, or within 36 months for participants with a slow progression rate"
    got = [
        evaluate(person(onset_date="2024-05-01"), c).status
        for c in extract_item(sentence, "inclusion")
    ]
    assert "not_met" not in got


@pytest.mark.parametrize(
    ("nct", "sentence"),
    [
        (
            "NCT06849609",
            "A diagnosis of ALS according to the World Federation of Neurology El Escorial criteria (revised according to the Airlie House Conference 1998 [Brooks 2000]), and confirmed through genetic diagnosis to exclude pathogenic mutations in the superoxide dismutase 1 (SOD1) and/or FUS genes",
        ),
        (
            "NCT00409721",
            "Age 18 - 80 years, ALS symptoms for no more than 3 years, FVC greater than or equal to 60% predicted, Riluzole naïve or have been on a stable dose of Riluzole for at least 2 months, Patients must have the ability to attend monthly study visits in Edmonton or Calgary, Alberta",
        ),
    ],
)
def test_an_or_that_offers_no_alternative_requirement_changes_nothing(
    nct: str, sentence: str
) -> None:
    """'No SOD1 and/or FUS mutation' wants neither; 'Edmonton or Calgary' is a place: readings stay firm."""
    criteria = extract_item(real(nct, sentence), "inclusion")
    understood = [c for c in criteria if c.understood]
    assert understood and all(
        not c.extra.get("tentative") and "condition" not in c.extra for c in understood
    )


# --- written in the shape of registry text: qualifiers the gate must see ----------------

QUALIFIED = [
    ("exclusion", "History of tracheostomy is not exclusionary"),
    ("inclusion", "Time since onset ≤ 36 months (≤ 48 months for SOD1 carriers)"),
    ("inclusion", "ALS diagnosis per Gold Coast criteria or El Escorial probable or definite"),
    ("exclusion", "Gastrostomy placed within 30 days of screening"),
    ("exclusion", "Tracheostomy planned within 6 months"),
    ("exclusion", "Participants who are expected to need a tracheostomy during the study"),
    (
        "inclusion",
        "Disease duration from symptom onset ≤ 24 months (≤ 36 months for participants with bulbar onset)",
    ),
    (
        "inclusion",
        "Ages 18 to 80 (inclusive); participants older than 80 may be enrolled with sponsor approval",
    ),
    ("inclusion", "Participants must not require NIV more than 8 hours per day"),
    ("exclusion", "Presence of a feeding tube only if placed for reasons other than ALS"),
    ("exclusion", "Participants with a tracheostomy may be enrolled if approved by the sponsor"),
]
EDGE = person(
    age_years=82,
    onset_date="2023-01-01",
    tracheostomy=True,
    ventilation="niv_night",
    niv_hours_per_day=8,
    gastrostomy=True,
    genes={"SOD1": "positive"},
    gold_coast=True,
    diagnosis_category="possible",
)
"""Someone each sentence's qualifier may let in (SOD1 carrier, 47 months from onset, 82…)."""


@pytest.mark.parametrize(("kind", "sentence"), QUALIFIED)
def test_a_qualified_sentence_never_excludes_the_person_it_may_take(
    kind: Kind, sentence: str
) -> None:
    """Permissive words, 'for SOD1 carriers', 'planned', 'within 30 days', a negated limit."""
    got = [evaluate(EDGE, c).status for c in extract_item(sentence, kind)]
    assert "not_met" not in got, (sentence, got)


def test_a_heading_for_people_with_als_in_general_keeps_its_items_firm() -> None:
    """'ALS participants:' names the group our users belong to; 'Healthy controls:' does not."""
    record = _record_with(
        [
            "ALS participants:",
            "Aged 18 years old or greater.",
            "Healthy controls:",
            "Aged 40 to 80 years",
        ],
        ["Tracheostomy"],
    )
    criteria = [c for c in extract_criteria(record) if c.source == "text"]
    ages = [c for c in criteria if c.factor == "age_years"]
    assert [c.op for c in ages if c.understood] == [">="]
    assert not ages[0].extra.get("tentative")
    assert statuses(
        "ALS participants: Aged 18 years old or greater.", "inclusion", person(age_years=16)
    ) == {"age_years": "not_met"}
