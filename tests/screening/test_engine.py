"""Study verdicts, months left, open questions, ordering and the contract's result shape."""

from __future__ import annotations

from typing import Any

import pytest

from screener.criteria import Criterion
from screener.person.profile import Profile, parse_profile
from screener.registry.records import StudyRecord, normalise
from screener.screening.engine import StudyResult, questions_that_matter, screen, screen_study

TEXT = "Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n* Tracheostomy"


def record(
    nct: str = "NCT00000001",
    text: str | None = TEXT,
    complete: bool | None = True,
    sites: list[dict[str, Any]] | None = None,
) -> StudyRecord:
    eligibility = {"eligibilityCriteria": text} if text else {}
    raw: dict[str, Any] = {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": f"Study {nct}"},
            "statusModule": {"overallStatus": "RECRUITING"},
            "eligibilityModule": eligibility,
            "contactsLocationsModule": {"locations": sites or []},
        }
    }
    if complete is not True:
        raw["provenance"] = {"source": "test", "criteriaComplete": complete}
    return normalise(raw)


def crit(
    factor: str, op: str | None, value: Any, kind: str = "inclusion", **extra: Any
) -> Criterion:
    return Criterion(factor, kind, op, value, None, f"words: {factor} {op} {value}", extra)  # type: ignore[arg-type]


def person(**answers: Any) -> Profile:
    return parse_profile({"as_of": "2026-11-01", **answers})


AGE = crit("age_years", ">=", 18)
ONSET_24 = crit("months_since_onset", "<=", 24)
TRACH = crit("tracheostomy", "==", True, kind="exclusion")
UNREAD = crit("other", None, None)


def test_one_unmet_criterion_excludes_even_with_unknowns() -> None:
    """excluded: an understood criterion is not met, whatever else is unknown."""
    result = screen_study(person(age_years=16), record(), [AGE, ONSET_24, UNREAD])
    assert result.verdict == "excluded"
    assert [r.criterion for r in result.not_met()] == [AGE]


def test_all_met_with_whole_text_is_likely_and_unread_items_do_not_block() -> None:
    """likely: only met and needs_review, and the eligibility text is whole."""
    p = person(age_years=50, onset_date="2026-01-01", tracheostomy=False)
    result = screen_study(p, record(), [AGE, ONSET_24, TRACH, UNREAD])
    assert result.verdict == "likely"
    assert [r.status for r in result.criteria] == ["met", "met", "met", "needs_review"]
    assert any("could not be checked" in n for n in result.notes)


def test_unknown_answer_makes_possible() -> None:
    """possible: nothing unmet, but an answer is missing; the missing key is an open question."""
    result = screen_study(person(age_years=50), record(), [AGE, ONSET_24])
    assert result.verdict == "possible"
    assert result.open_questions == ("onset_date",)


@pytest.mark.parametrize(
    ("text", "complete", "says"),
    [
        (None, True, "has no eligibility criteria"),
        ("Inclusion Criteria:\n\n* Adults", False, "the exclusion criteria are missing"),
        (TEXT, False, "the end of the eligibility text is missing"),
        (TEXT, None, "could not confirm"),
    ],
)
def test_missing_or_cut_text_is_never_likely(
    text: str | None, complete: bool | None, says: str
) -> None:
    """Without whole text a study is at best possible, saying what is missing and where to read."""
    rec = record(text=text, complete=complete)
    result = screen_study(person(age_years=50), rec, [AGE])
    assert result.verdict == "possible"
    note = " ".join(result.notes)
    assert says in note
    assert rec.url in note


def test_cut_text_still_excludes_on_an_unmet_criterion() -> None:
    """What is known still counts: a cut text with an unmet criterion is excluded."""
    result = screen_study(person(age_years=16), record(complete=False), [AGE])
    assert result.verdict == "excluded"


def test_needs_review_alone_never_excludes() -> None:
    """Criteria the engine cannot read never make a study excluded (nor likely: nothing read)."""
    result = screen_study(person(), record(), [UNREAD, crit("zzz", ">=", 1)])
    assert result.verdict == "possible"
    assert {r.status for r in result.criteria} == {"needs_review"}
    assert any("could not read any" in note for note in result.notes)


def test_likely_needs_one_understood_criterion_of_the_study_itself() -> None:
    """Registry age alone plus unread items gives possible; a met core ALS factor gives likely."""
    registry_age = Criterion(
        "age_years", "inclusion", ">=", 18, "years", "Minimum age 18 Years", source="registry"
    )
    only_registry = screen_study(person(age_years=50), record(), [registry_age, UNREAD])
    assert only_registry.verdict == "possible"
    p = person(age_years=50, onset_date="2026-01-01")
    with_text = screen_study(p, record(), [registry_age, UNREAD, AGE, ONSET_24])
    assert with_text.verdict == "likely"


def test_checked_on_age_alone_is_only_possible_and_says_so() -> None:
    """ "possible — only age could be checked": the contract's test passes on age, nothing more."""
    result = screen_study(person(age_years=50), record(), [AGE, UNREAD])
    assert result.verdict == "possible"
    assert "Only age could be checked, so this study can only be a 'possible' fit." in result.notes
    assert (result.to_dict()["checked"], result.to_dict()["stated"]) == (1, 2)
    assert result.coverage.words == "1 of 2 criteria checked"


def test_an_unread_core_factor_keeps_a_study_possible() -> None:
    """A study whose ALSFRS-R rule could not be read was not checked on ALSFRS-R: not likely."""
    unread_frs = Criterion("other", "inclusion", None, None, None, "ALSFRS-R slope of -0.5 a month")
    p = person(age_years=50, onset_date="2026-01-01")
    result = screen_study(p, record(), [AGE, ONSET_24, unread_frs])
    assert result.verdict == "possible"
    assert any("study's ALSFRS-R criteria could not be checked" in n for n in result.notes)


def test_to_dict_has_the_contract_shape() -> None:
    """to_dict gives the contract's keys, each criterion with factor, kind, status, text, why."""
    result = screen_study(person(age_years=50), record(), [AGE, ONSET_24]).to_dict()
    contract = {"nct_id", "title", "verdict", "criteria", "nearest_site_km"}
    assert contract <= set(result)
    assert {"status", "phases", "url", "months_left", "open_questions", "notes"} <= set(result)
    for item in result["criteria"]:
        assert {"factor", "kind", "status", "text", "why"} <= set(item)
        assert item["text"].startswith("words:")
    assert result["verdict"] in ("likely", "possible", "excluded")


def test_months_left_before_the_onset_window_closes() -> None:
    """months_left is the tightest onset/diagnosis upper limit minus the months so far."""
    p = person(onset_date="2026-01-01", diagnosis_date="2026-06-01")
    onset_months = p.months_since_onset or 0.0
    diag_months = p.months_since_diagnosis or 0.0
    excl = crit("months_since_diagnosis", ">", 12, kind="exclusion")
    result = screen_study(p, record(), [ONSET_24, excl, AGE])
    assert result.months_left == round(min(24 - onset_months, 12 - diag_months), 1)
    between = crit("months_since_onset", "between", [0, 18])
    assert screen_study(p, record(), [between]).months_left == round(18 - onset_months, 1)


def test_months_left_absent_without_a_window_or_an_answer_or_once_passed() -> None:
    """No window, no onset date, or a window already passed: no months left shown."""
    assert screen_study(person(onset_date="2026-01"), record(), [AGE]).months_left is None
    assert screen_study(person(), record(), [ONSET_24]).months_left is None
    late = screen_study(person(onset_date="2020-01"), record(), [ONSET_24])
    assert late.months_left is None
    assert late.verdict == "excluded"


class Book:
    """A rulebook stand-in: the same criteria for every study."""

    def __init__(self, criteria: list[Criterion]) -> None:
        self.criteria = criteria

    def criteria_for(self, record: StudyRecord) -> list[Criterion]:
        return list(self.criteria)


def test_screen_orders_likely_possible_excluded_then_by_months_left() -> None:
    """Results come likely, possible, excluded; within a verdict, less time left first."""
    p = person(age_years=50, onset_date="2025-06-01")
    records = [record("NCT00000003"), record("NCT00000002", complete=False), record("NCT00000001")]
    by_nct = {
        "NCT00000001": [crit("months_since_onset", "<=", 36), AGE],
        "NCT00000002": [AGE],
        "NCT00000003": [crit("months_since_onset", "<=", 18), AGE],
    }

    class PerStudy:
        def criteria_for(self, rec: StudyRecord) -> list[Criterion]:
            return by_nct[rec.nct_id]

    results = screen(p, records, PerStudy())
    assert [r.nct_id for r in results] == ["NCT00000003", "NCT00000001", "NCT00000002"]
    assert [r.verdict for r in results] == ["likely", "likely", "possible"]
    young = screen(person(age_years=16), records, PerStudy())
    assert {r.verdict for r in young} == {"excluded"}


def site(lat: float, lon: float) -> dict[str, Any]:
    return {"facility": "X", "status": "RECRUITING", "city": "C", "country": "US",
            "geoPoint": {"lat": lat, "lon": lon}}  # fmt: skip


def test_nearer_sites_come_first_when_a_location_is_given() -> None:
    """With a location, studies of the same verdict are ordered by their nearest site."""
    boston = {"lat": 42.36, "lon": -71.06}
    far = record("NCT00000001", sites=[site(34.05, -118.24)])  # Los Angeles
    near = record("NCT00000002", sites=[site(42.34, -71.10)])  # Boston
    results = screen(person(location=boston, max_distance_km=300), [far, near], Book([AGE]))
    assert [r.nct_id for r in results] == ["NCT00000002", "NCT00000001"]
    assert results[0].nearest_site_km is not None and results[0].nearest_site_km < 10
    assert results[1].nearest_site_km is not None and results[1].nearest_site_km > 4000
    assert any("further than the 300 km" in n for n in results[1].notes)
    assert not any("further" in n for n in results[0].notes)


def test_without_a_location_there_is_no_distance() -> None:
    """No location given: nearest_site_km stays None."""
    results = screen(person(), [record(sites=[site(42.3, -71.1)])], Book([AGE]))
    assert results[0].nearest_site_km is None


def result_with(questions: tuple[str, ...], verdict: str = "possible") -> StudyResult:
    return StudyResult(record(), verdict, (), open_questions=questions)  # type: ignore[arg-type]


def test_questions_that_matter_rank_by_possible_studies() -> None:
    """Keys are ranked by how many possible studies they bear on; excluded studies do not count."""
    results = [
        result_with(("vital_capacity", "onset_date")),
        result_with(("onset_date",)),
        result_with(("alsfrs_r",)),
        result_with(("onset_date", "alsfrs_r")),
        result_with(("vital_capacity",), verdict="excluded"),
    ]
    assert questions_that_matter(results) == [
        ("onset_date", 3),
        ("alsfrs_r", 2),
        ("vital_capacity", 1),
    ]


def test_open_questions_come_from_unknown_criteria_only() -> None:
    """Open questions name the keys behind unknown criteria, once each, in order."""
    rule = crit("alsfrs_r_slope", ">=", 0.3)
    result = screen_study(person(age_years=50), record(), [AGE, ONSET_24, rule])
    assert result.open_questions == ("onset_date", "alsfrs_r")


def test_a_study_not_listed_for_als_says_so() -> None:
    """A study whose conditions do not mention ALS gets a note; an ALS study does not."""
    rec = record()
    for conditions, flagged in ((["Breast Cancer"], True), (["Motor Neurone Disease"], False)):
        raw_conditions = {"conditionsModule": {"conditions": conditions}}
        raw = {"protocolSection": {"identificationModule": {"nctId": rec.nct_id}, **raw_conditions}}
        result = screen_study(person(), normalise(raw), [AGE])
        assert any("not ALS" in n for n in result.notes) is flagged


def test_a_family_history_yes_excludes_from_no_snapshot_study() -> None:
    """On every snapshot study, with its rule file or its text: the yes to "ALS or FTD in
    the family" turns nobody away (it may be FTD only; NCT07100119, "sporadic ALS", used to
    exclude on it), while a no still settles the family-history rules."""
    import json

    from screener.registry.source import load_studies
    from screener.rules.compiled import CompiledCriteria
    from tests.conftest import SHARED

    base = json.loads((SHARED / "spec" / "examples" / "early-limb-onset.json").read_text())
    records = load_studies(offline=True).records
    book = CompiledCriteria().prepare(records)
    decided = 0
    for answer in (True, False):
        profile = parse_profile({**base, "familial": answer})
        for result in screen(profile, records, book):
            family = [c for c in result.criteria if c.criterion.factor == "familial"]
            if answer:
                assert all(c.status != "not_met" for c in family), result.record.nct_id
                assert all(c.status in ("unknown", "needs_review") for c in family)
            decided += sum(c.status in ("met", "not_met") for c in family)
    assert decided > 0  # some snapshot studies have a family-history rule the no settles
    sporadic = next(r for r in records if r.nct_id == "NCT07100119")
    result = screen(parse_profile({**base, "familial": True}), [sporadic], book)[0]
    assert result.verdict != "excluded" or all(
        c.criterion.factor != "familial" for c in result.criteria if c.status == "not_met"
    )
    assert any(c.criterion.factor == "familial" for c in result.criteria)
