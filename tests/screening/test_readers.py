"""Every factor's evaluation on both sides of its threshold, equality included, both kinds."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from screener.criteria import Criterion
from screener.person.profile import parse_profile
from screener.screening.engine import evaluate

AS_OF = date(2026, 11, 1)
FLIP = {"met": "not_met", "not_met": "met", "unknown": "unknown", "needs_review": "needs_review"}


def crit(
    factor: str,
    op: str | None,
    value: Any,
    kind: str = "inclusion",
    unit: str | None = None,
    **extra: Any,
) -> Criterion:
    return Criterion(factor, kind, op, value, unit, f"study words for {factor}", extra)  # type: ignore[arg-type]


def status(answers: dict[str, Any], criterion: Criterion) -> str:
    profile = parse_profile({"as_of": AS_OF.isoformat(), **answers})
    return evaluate(profile, criterion).status


def days_ago(n: int) -> str:
    return (AS_OF - timedelta(days=n)).isoformat()


def vc(test: str | None, percent: float) -> dict[str, Any]:
    return {"vital_capacity": {"percent_predicted": percent, **({"test": test} if test else {})}}


def check_both_kinds(answers: dict[str, Any], criterion: Criterion, inclusion: str) -> None:
    """The inclusion form gives ``inclusion``; the same condition as an exclusion flips it."""
    assert status(answers, criterion) == inclusion
    as_exclusion = Criterion(
        criterion.factor, "exclusion", criterion.op, criterion.value, criterion.unit,
        criterion.text, criterion.extra,
    )  # fmt: skip
    assert status(answers, as_exclusion) == FLIP[inclusion]


ONSET_2Y = {"onset_date": "2024-11-01"}  # exact day: 730 days = 23.98 months before AS_OF
M2Y = 730 / 30.44

NUMERIC_CASES = [
    # age
    ({"age_years": 18}, crit("age_years", ">=", 18, unit="years"), "met"),
    ({"age_years": 17.9}, crit("age_years", ">=", 18, unit="years"), "not_met"),
    # "over 18" for someone who is 18 (in whole years): the words do not decide
    ({"age_years": 18}, crit("age_years", ">", 18, unit="years"), "unknown"),
    ({"age_years": 17}, crit("age_years", ">", 18, unit="years"), "not_met"),
    ({"age_years": 17}, crit("age_years", ">=", 18, unit="years"), "not_met"),
    ({"age_years": 75}, crit("age_years", "<=", 75, unit="years"), "met"),
    ({"age_years": 75}, crit("age_years", "<", 75, unit="years"), "not_met"),
    ({"age_years": 75}, crit("age_years", "between", [18, 75], unit="years"), "met"),
    ({"age_years": 75.5}, crit("age_years", "between", [18, 75], unit="years"), "not_met"),
    ({}, crit("age_years", ">=", 18, unit="years"), "unknown"),
    # months since onset / diagnosis, exact days
    (ONSET_2Y, crit("months_since_onset", "<=", M2Y, unit="months"), "met"),
    (ONSET_2Y, crit("months_since_onset", "<", M2Y, unit="months"), "not_met"),
    (ONSET_2Y, crit("months_since_onset", "<=", 23, unit="months"), "not_met"),
    (ONSET_2Y, crit("months_since_onset", ">=", M2Y, unit="months"), "met"),
    ({"onset_date": "2022-01"}, crit("months_since_onset", "<=", 36, unit="months"), "not_met"),
    ({}, crit("months_since_onset", "<=", 24, unit="months"), "unknown"),
    ({"diagnosis_date": "2024-11-01"}, crit("months_since_diagnosis", "<=", M2Y), "met"),
    ({"diagnosis_date": "2024-10-31"}, crit("months_since_diagnosis", "<=", M2Y), "not_met"),
    # month-only dates within a few weeks of the limit cannot settle it
    ({"onset_date": "2024-11"}, crit("months_since_onset", "<=", 24, unit="months"), "unknown"),
    ({"onset_date": "2024-12"}, crit("months_since_onset", "<=", 24, unit="months"), "met"),
    # ALSFRS-R total
    ({"alsfrs_r": {"total": 30}}, crit("alsfrs_r_total", ">=", 30, unit="points"), "met"),
    ({"alsfrs_r": {"total": 30}}, crit("alsfrs_r_total", ">", 30, unit="points"), "not_met"),
    ({"alsfrs_r": {"items": [2] * 12}}, crit("alsfrs_r_total", "<=", 24), "met"),
    ({}, crit("alsfrs_r_total", ">=", 30), "unknown"),
    # vital capacity
    (vc("fvc", 50), crit("vital_capacity", ">=", 50, test="fvc"), "met"),
    (vc("fvc", 50), crit("vital_capacity", ">", 50, test="fvc"), "not_met"),
    (vc("fvc", 49.5), crit("vital_capacity", ">=", 50, test="any"), "not_met"),
    (vc("svc", 60), crit("vital_capacity", ">=", 50, test="any"), "met"),
    (vc("fvc", 90), crit("vital_capacity", ">=", 50, test="svc"), "unknown"),
    (vc(None, 90), crit("vital_capacity", ">=", 50, test="fvc"), "unknown"),
    (vc(None, 90), crit("vital_capacity", ">=", 50), "met"),
    ({"vital_capacity": {"test": "svc"}}, crit("vital_capacity", ">=", 50), "unknown"),
    # NIV hours
    ({"niv_hours_per_day": 22}, crit("niv", ">=", 22, unit="hours_per_day"), "met"),
    ({"niv_hours_per_day": 22}, crit("niv", ">", 22, unit="hours_per_day"), "not_met"),
    ({"ventilation": "none"}, crit("niv", ">", 0, unit="hours_per_day"), "not_met"),
    ({"ventilation": "niv_night"}, crit("niv", ">", 20, unit="hours_per_day"), "unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "criterion", "expected"), NUMERIC_CASES)
def test_numeric_thresholds(answers: dict[str, Any], criterion: Criterion, expected: str) -> None:
    """Numeric limits hold at equality for ≥/≤, fail for >/<, and flip as exclusions."""
    check_both_kinds(answers, criterion, expected)


ITEMS = [4, 4, 2, 4, 3, 3, 4, 3, 3, 4, 4, 4]  # item 3 (swallowing) = 2
LOW_ITEM = [4, 4, 1, 4, 3, 3, 4, 3, 3, 4, 4, 4]
WITH_ITEMS = {"alsfrs_r": {"items": ITEMS}}
TOTAL_40 = {"alsfrs_r": {"total": 40}}
_BUT_3: dict[str, Any] = {"except": [3]}  # "except" is a Python keyword: no except=[3]
EACH_BUT_3 = crit("alsfrs_r_item", ">=", 2, item="each", **_BUT_3)

ALSFRS_CASES = [
    ({"alsfrs_r": {"items": ITEMS}}, crit("alsfrs_r_item", ">=", 2, item=3), "met"),
    ({"alsfrs_r": {"items": ITEMS}}, crit("alsfrs_r_item", ">=", 3, item=3), "not_met"),
    ({"alsfrs_r": {"items": ITEMS}}, crit("alsfrs_r_item", ">=", 2, item="each"), "met"),
    ({"alsfrs_r": {"items": LOW_ITEM}}, crit("alsfrs_r_item", ">=", 2, item="each"), "not_met"),
    ({"alsfrs_r": {"items": LOW_ITEM}}, EACH_BUT_3, "met"),
    # only a total: decided only when the total makes it certain
    ({"alsfrs_r": {"total": 48}}, crit("alsfrs_r_item", ">=", 2, item="each"), "met"),
    ({"alsfrs_r": {"total": 10}}, crit("alsfrs_r_item", ">=", 2, item="each"), "not_met"),
    ({"alsfrs_r": {"total": 24}}, crit("alsfrs_r_item", ">=", 2, item="each"), "unknown"),
    ({"alsfrs_r": {"total": 40}}, crit("alsfrs_r_item", ">=", 2, item="each"), "unknown"),
    ({"alsfrs_r": {"total": 46}}, crit("alsfrs_r_item", ">=", 2, item=3), "met"),
    ({"alsfrs_r": {"total": 45}}, crit("alsfrs_r_item", ">=", 2, item=3), "unknown"),
    ({"alsfrs_r": {"total": 1}}, crit("alsfrs_r_item", ">=", 2, item=3), "not_met"),
    ({}, crit("alsfrs_r_item", ">=", 2, item="each"), "unknown"),
    # subscores
    (WITH_ITEMS, crit("alsfrs_r_subscore", ">=", 10, domain="bulbar"), "met"),
    (WITH_ITEMS, crit("alsfrs_r_subscore", ">", 10, domain="bulbar"), "not_met"),
    ({"alsfrs_r": {"total": 48}}, crit("alsfrs_r_subscore", ">=", 12, domain="respiratory"), "met"),
    (TOTAL_40, crit("alsfrs_r_subscore", ">=", 10, domain="respiratory"), "unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "criterion", "expected"), ALSFRS_CASES)
def test_alsfrs_items_and_subscores(
    answers: dict[str, Any], criterion: Criterion, expected: str
) -> None:
    """Item and domain limits; a total alone decides only when it makes the answer certain."""
    check_both_kinds(answers, criterion, expected)


def test_delta_fs_threshold_at_equality() -> None:
    """ΔFS limits compare the computed (48 − total)/months, equality included."""
    answers = {"onset_date": "2026-01-01", "alsfrs_r": {"total": 36, "date": "2026-07-01"}}
    slope = 12 / (181 / 30.44)
    check_both_kinds(answers, crit("alsfrs_r_slope", ">=", slope), "met")
    check_both_kinds(answers, crit("alsfrs_r_slope", ">", slope), "not_met")
    check_both_kinds(answers, crit("alsfrs_r_slope", "between", [0.3, 1.1]), "not_met")
    check_both_kinds({"alsfrs_r": {"total": 36}}, crit("alsfrs_r_slope", ">=", 0.3), "unknown")


def test_delta_fs_near_the_limit_with_month_only_onset_is_unknown() -> None:
    """A month-only onset makes ΔFS a range; a limit inside that range is not settled."""
    answers = {"onset_date": "2026-01", "alsfrs_r": {"total": 36, "date": "2026-07-15"}}
    slope = 12 / (181 / 30.44)
    assert status(answers, crit("alsfrs_r_slope", ">=", slope)) == "unknown"
    assert status(answers, crit("alsfrs_r_slope", ">=", 1.0)) == "met"


FLAG_FACTORS = [
    ("tracheostomy", "tracheostomy"),
    ("gastrostomy", "gastrostomy"),
    ("gold_coast", "gold_coast"),
    ("pregnancy", "pregnant"),
    ("breastfeeding", "breastfeeding"),
    ("dementia", "dementia"),
    ("other_neurological_disease", "other_neurological_disease"),
]


@pytest.mark.parametrize(("factor", "key"), FLAG_FACTORS)
def test_yes_no_factors(factor: str, key: str) -> None:
    """ "== True" is met by yes, not by no, unknown when unanswered; exclusions flip."""
    check_both_kinds({key: True}, crit(factor, "==", True), "met")
    check_both_kinds({key: False}, crit(factor, "==", True), "not_met")
    check_both_kinds({key: False}, crit(factor, "==", False), "met")
    check_both_kinds({}, crit(factor, "==", True), "unknown")


def test_family_history_yes_never_settles_an_als_only_rule() -> None:
    """The question is "ALS *or FTD* in the family": a yes may be FTD only, so it neither
    fails a "sporadic ALS" requirement nor meets or fails a "familial ALS" rule; a no
    (neither ALS nor FTD) settles every one of them."""
    sporadic = crit("familial", "==", False)
    familial = crit("familial", "==", True)
    for rule in (sporadic, familial):
        check_both_kinds({"familial": True}, rule, "unknown")
    check_both_kinds({"familial": False}, sporadic, "met")
    check_both_kinds({"familial": False}, familial, "not_met")
    check_both_kinds({}, sporadic, "unknown")
    result = evaluate(parse_profile({"familial": True}), sporadic)
    assert "FTD only, the study team decides" in result.why


def test_a_no_to_tablets_and_liquids_never_settles_a_swallowing_rule() -> None:
    """The question is "tablets *and* liquids": a no may mean thin liquids only, so it does
    not fail "able to swallow tablets" nor meet "unable to swallow"; a yes settles both."""
    able = crit("swallow_pills", "==", True)
    check_both_kinds({"can_swallow_pills": False}, able, "unknown")
    check_both_kinds({"can_swallow_pills": True}, able, "met")
    check_both_kinds({"can_swallow_pills": True}, crit("swallow_pills", "==", False), "not_met")
    check_both_kinds({}, able, "unknown")
    result = evaluate(parse_profile({"can_swallow_pills": False}), able)
    assert "the study team decides" in result.why


@pytest.mark.parametrize("factor", ["pregnancy", "breastfeeding"])
def test_pregnancy_does_not_apply_to_men(factor: str) -> None:
    """A man is not excluded by pregnancy or breastfeeding; a woman not answering is unknown."""
    man = parse_profile({"sex": "male"})
    result = evaluate(man, crit(factor, "==", True, kind="exclusion"))
    assert result.status == "met"
    assert "male" in result.why
    assert status({"sex": "female"}, crit(factor, "==", True, kind="exclusion")) == "unknown"


def test_ventilation_answers() -> None:
    """Invasive ventilation and NIV come from the ventilation answer; a trach is not assumed."""
    check_both_kinds({"ventilation": "invasive"}, crit("invasive_ventilation", "==", True), "met")
    check_both_kinds(
        {"ventilation": "niv_night"}, crit("invasive_ventilation", "==", True), "not_met"
    )
    check_both_kinds({}, crit("invasive_ventilation", "==", True), "unknown")
    check_both_kinds({"ventilation": "niv_night"}, crit("niv", "==", True), "met")
    check_both_kinds({"ventilation": "niv_day_and_night"}, crit("niv", "==", True), "met")
    check_both_kinds({"ventilation": "none"}, crit("niv", "==", True), "not_met")
    check_both_kinds({"ventilation": "invasive"}, crit("niv", "==", True), "unknown")
    check_both_kinds({"niv_hours_per_day": 0}, crit("niv", "==", True), "not_met")
    check_both_kinds({"ventilation": "invasive"}, crit("tracheostomy", "==", True), "unknown")


def test_sex_and_diagnosis_category() -> None:
    """Lists of allowed values: in → met, out → not met; "unknown" category is unknown."""
    check_both_kinds({"sex": "female"}, crit("sex", "in", ["female"]), "met")
    check_both_kinds({"sex": "male"}, crit("sex", "in", ["female"]), "not_met")
    check_both_kinds({}, crit("sex", "in", ["female"]), "unknown")
    allowed = ["definite", "probable"]
    check_both_kinds(
        {"diagnosis_category": "probable"}, crit("diagnosis_category", "in", allowed), "met"
    )
    check_both_kinds(
        {"diagnosis_category": "possible"}, crit("diagnosis_category", "in", allowed), "not_met"
    )
    check_both_kinds(
        {"diagnosis_category": "unknown"}, crit("diagnosis_category", "in", allowed), "unknown"
    )


def test_genes() -> None:
    """A named gene needs that test; "any" needs a positive, or every test negative."""
    sod1 = crit("gene", "==", "positive", gene="SOD1")
    check_both_kinds({"genes": {"SOD1": "positive"}}, sod1, "met")
    check_both_kinds({"genes": {"SOD1": "negative"}}, sod1, "not_met")
    check_both_kinds({"genes": {"SOD1": "not_tested"}}, sod1, "unknown")
    check_both_kinds({"genes": {"C9orf72": "positive"}}, sod1, "unknown")
    any_gene = crit("gene", "==", "positive", gene="any")
    check_both_kinds({"genes": {"C9orf72": "positive"}}, any_gene, "met")
    negative = dict.fromkeys(["SOD1", "C9orf72", "FUS", "TARDBP", "other"], "negative")
    check_both_kinds({"genes": negative}, any_gene, "not_met")
    check_both_kinds({"genes": {"SOD1": "negative"}}, any_gene, "unknown")


def test_healthy_volunteers() -> None:
    """Someone with an ALS onset or diagnosis is not a healthy volunteer; otherwise unknown."""
    check_both_kinds({"onset_date": "2025-01"}, crit("healthy_volunteers", "==", True), "not_met")
    check_both_kinds({}, crit("healthy_volunteers", "==", True), "unknown")


def test_riluzole_stable_or_none() -> None:
    """Not taking, or a stable dose for at least N days (equality met); no date → unknown."""
    rule = crit("riluzole", "stable_or_none", 30)
    check_both_kinds({"riluzole": {"status": "never"}}, rule, "met")
    check_both_kinds({"riluzole": {"status": "past"}}, rule, "met")
    check_both_kinds({"riluzole": {"status": "current", "stable_since": days_ago(30)}}, rule, "met")
    check_both_kinds(
        {"riluzole": {"status": "current", "stable_since": days_ago(29)}}, rule, "not_met"
    )
    check_both_kinds({"riluzole": {"status": "current"}}, rule, "unknown")
    check_both_kinds({}, rule, "unknown")
    check_both_kinds(
        {"riluzole": {"status": "current", "stable_since": "2026-10"}}, rule, "unknown"
    )


def test_drug_current_within_ever() -> None:
    """current / within / ever follow the status, and last_dose for a past drug."""
    check_both_kinds({"riluzole": {"status": "current", "stable_since": days_ago(40)}},
                     crit("riluzole", "current", True, stable_days=30), "met")  # fmt: skip
    check_both_kinds(
        {"riluzole": {"status": "never"}}, crit("riluzole", "current", True), "not_met"
    )
    check_both_kinds({"riluzole": {"status": "never"}}, crit("riluzole", "current", False), "met")
    within = crit("phenylbutyrate_taurursodiol", "within", 30)
    check_both_kinds({"phenylbutyrate_taurursodiol": {"status": "current"}}, within, "met")
    check_both_kinds({"phenylbutyrate_taurursodiol": {"status": "never"}}, within, "not_met")
    past = {"status": "past", "last_dose": days_ago(30)}
    check_both_kinds({"phenylbutyrate_taurursodiol": past}, within, "met")
    past = {"status": "past", "last_dose": days_ago(31)}
    check_both_kinds({"phenylbutyrate_taurursodiol": past}, within, "not_met")
    check_both_kinds({"phenylbutyrate_taurursodiol": {"status": "past"}}, within, "unknown")
    check_both_kinds({"tofersen": {"status": "past"}}, crit("tofersen", "within", 90), "unknown")
    check_both_kinds({"tofersen": {"status": "past"}}, crit("tofersen", "ever", True), "met")
    check_both_kinds({"tofersen": {"status": "never"}}, crit("tofersen", "ever", True), "not_met")


def test_edaravone_cycles_or_none() -> None:
    """Never taken, or at least N cycles; a stopped short course is left to the study team."""
    rule = crit("edaravone", "cycles_or_none", 2)
    check_both_kinds({"edaravone": {"status": "never"}}, rule, "met")
    check_both_kinds({"edaravone": {"status": "current", "cycles_completed": 2}}, rule, "met")
    check_both_kinds({"edaravone": {"status": "current", "cycles_completed": 1}}, rule, "not_met")
    check_both_kinds({"edaravone": {"status": "past", "cycles_completed": 1}}, rule, "unknown")
    check_both_kinds({"edaravone": {"status": "current"}}, rule, "unknown")


def test_investigational_drug() -> None:
    """A study drug within N days (equality counts); "never" is never within."""
    rule = crit("investigational_drug", "within", 30, unit="days")
    check_both_kinds({"investigational_drug_last_dose": "never"}, rule, "not_met")
    check_both_kinds({"investigational_drug_last_dose": days_ago(30)}, rule, "met")
    check_both_kinds({"investigational_drug_last_dose": days_ago(31)}, rule, "not_met")
    check_both_kinds({}, rule, "unknown")
    ever = crit("investigational_drug", "ever", True)
    check_both_kinds({"investigational_drug_last_dose": "never"}, ever, "not_met")
    check_both_kinds({"investigational_drug_last_dose": days_ago(400)}, ever, "met")


def test_conditional_criterion() -> None:
    """A criterion with a condition applies only when the condition holds; unknown stays unknown."""
    condition = {"factor": "age_years", "op": ">=", "value": 30, "text": "if aged 30 or over"}
    rule = crit("vital_capacity", ">=", 50, condition=condition)
    low = {"vital_capacity": {"test": "fvc", "percent_predicted": 40}}
    assert status({**low, "age_years": 25}, rule) == "met"
    assert status({**low, "age_years": 35}, rule) == "not_met"
    assert status(low, rule) == "unknown"
    high = {"vital_capacity": {"test": "fvc", "percent_predicted": 60}}
    assert status(high, rule) == "met"
    bad = crit("vital_capacity", ">=", 50, condition={"factor": "zzz", "op": None})
    assert status(low, bad) == "needs_review"


@pytest.mark.parametrize(
    "criterion",
    [
        crit("vital_capacity", None, None),
        crit("other", "==", True),
        crit("not_a_factor", ">=", 3),
        crit("age_years", ">=", "eighteen"),
        crit("age_years", "~", 18),
        crit("riluzole", "sometimes", 30),
        crit("alsfrs_r_item", ">=", 2, item=13),
        crit("vital_capacity", ">=", 50, test="peak_flow"),
        crit("months_since_onset", "<=", 2, unit="years"),
        crit("vital_capacity", ">=", 2.5, unit="litres"),
        crit("riluzole", "stable_or_none", 4, unit="weeks"),
    ],
)
def test_unread_criteria_need_review(criterion: Criterion) -> None:
    """No operator, an unknown factor or an unreadable value → needs_review, never a verdict."""
    answers = {"age_years": 50, "riluzole": {"status": "never"}, **TOTAL_40, **vc("fvc", 80)}
    full = parse_profile(answers)
    result = evaluate(full, criterion)
    assert result.status == "needs_review"
    assert result.why


def test_why_names_the_value_and_the_limit() -> None:
    """The plain reason quotes the person's value and the study's limit."""
    profile = parse_profile({"vital_capacity": {"test": "fvc", "percent_predicted": 45}})
    rule = crit("vital_capacity", ">=", 50, unit="percent", test="fvc")
    assert evaluate(profile, rule).why == (
        "Your breathing test (FVC 45 %) is below this study's minimum of 50 %."
    )
    excl = crit("vital_capacity", "<", 50, kind="exclusion", unit="percent", test="any")
    assert evaluate(profile, excl).why == (
        "Your breathing test (FVC 45 %) is less than 50 %, which rules people out of this study."
    )
    svc = evaluate(profile, crit("vital_capacity", ">=", 50, test="svc"))
    assert "SVC" in svc.why and "FVC" in svc.why
    assert svc.open_questions == ("vital_capacity_other",)  # ask for the SVC as well


def test_unknown_names_the_missing_answer() -> None:
    """An unknown says which answer is missing and lists its profile key."""
    result = evaluate(parse_profile({}), crit("months_since_onset", "<=", 24))
    assert result.status == "unknown"
    assert result.open_questions == ("onset_date",)
    assert "first symptoms" in result.why


def test_awaji_category_is_settled_only_when_every_possible_level_agrees() -> None:
    """Under Awaji a category can only rise: a lower El Escorial answer is not an exclusion."""
    rule = crit("diagnosis_category", "in", ["probable", "definite"], system="awaji")
    check_both_kinds({"diagnosis_category": "probable"}, rule, "met")
    check_both_kinds({"diagnosis_category": "probable_laboratory_supported"}, rule, "met")
    check_both_kinds({"diagnosis_category": "possible"}, rule, "unknown")
    only_possible = crit("diagnosis_category", "in", ["possible"], system="awaji")
    check_both_kinds({"diagnosis_category": "definite"}, only_possible, "not_met")


def test_scoped_disease_question_is_not_settled_by_a_wider_yes() -> None:
    """ "Another neurodegenerative disease": a yes to "another neurological disease" is unknown."""
    rule = crit("other_neurological_disease", "==", True, scope="neurodegenerative")
    check_both_kinds({"other_neurological_disease": True}, rule, "unknown")
    check_both_kinds({"other_neurological_disease": False}, rule, "not_met")


def test_reviewers_note_travels_with_the_reason() -> None:
    """A rule file's note is shown with the reason, whatever the status."""
    note = "The study team decides whether a given SOD1 variant qualifies."
    rule = crit("gene", "==", "positive", gene="SOD1", note=note)
    met = evaluate(parse_profile({"genes": {"SOD1": "positive"}}), rule)
    assert met.status == "met" and met.why.endswith(note)
    unread = evaluate(parse_profile({}), crit("other", None, None, note=note))
    assert unread.status == "needs_review" and note in unread.why
