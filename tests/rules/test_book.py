"""Rule files on the real snapshot: curated files, general registry rules, precedence, dedupe."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import screener.rules.book as rules_module
from screener.criteria import UNCLASSIFIED, Criterion
from screener.registry.records import StudyRecord, normalise
from screener.registry.source import from_snapshot
from screener.rules.book import (
    RULES_DIR,
    RuleBook,
    load_rule_file,
    load_rulebook,
    normalise_text,
)

ENROLLING_CURATED_AT_LEAST = 20


@pytest.fixture(scope="module")
def records() -> dict[str, StudyRecord]:
    return {r.nct_id: r for r in from_snapshot().records}


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _fake_extractor(monkeypatch: pytest.MonkeyPatch, found: list[Criterion]) -> None:
    monkeypatch.setattr(rules_module, "extract_criteria", lambda record: list(found))


def test_every_rule_file_loads_without_errors(book: RuleBook) -> None:
    """Every shipped rule file (general and per study) loads with no error messages."""
    assert book.errors == ()
    assert book.general is not None
    files = sorted(p.stem for p in (RULES_DIR / "studies").glob("*.yaml"))
    assert sorted(book.studies) == files
    assert len(files) >= 8


def test_every_quote_occurs_in_its_snapshot_record(
    book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """Each rule's source_text is found, whitespace-normalised, in its record's eligibility text."""
    missing = []
    for nct_id, study in book.studies.items():
        record = records[nct_id]
        assert record.eligibility_text, f"{nct_id} has no eligibility text to quote"
        text = normalise_text(record.eligibility_text)
        for criterion in study.criteria:
            if normalise_text(criterion.text) not in text:
                missing.append((nct_id, criterion.extra.get("rule")))
            condition = criterion.extra.get("condition")
            if condition and normalise_text(condition.get("text", "")) not in text:
                missing.append((nct_id, f"{criterion.extra.get('rule')} condition"))
    assert missing == []


def test_well_known_and_enrolling_studies_are_curated(
    book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """HEALEY, ATLAS, AB10015 and FUSION have files, as do the enrolling studies with text."""
    for nct_id in ("NCT04297683", "NCT04856982", "NCT02588677", "NCT04768972"):
        assert nct_id in book.studies
    enrolling = [n for n in book.studies if records[n].is_enrolling]
    assert len(enrolling) >= ENROLLING_CURATED_AT_LEAST


def test_cut_short_texts_say_so_in_notes(book: RuleBook, records: dict[str, StudyRecord]) -> None:
    """A file curated from a text known to be cut short says so in its notes."""
    for nct_id, study in book.studies.items():
        if records[nct_id].criteria_complete is False:
            assert any("cut short" in note for note in study.notes), nct_id


def test_covers_lists_every_factor_a_rule_uses(book: RuleBook) -> None:
    """A rule that states a condition always belongs to a factor its file covers."""
    for study in book.studies.values():
        for criterion in study.criteria:
            if criterion.understood:
                assert criterion.factor in study.covers, (study.name, criterion.factor)


def test_example_file_means_the_same_as_its_study_file() -> None:
    """The annotated example gives exactly the rules of rules/studies/NCT07071935.yaml."""
    example = load_rule_file(RULES_DIR / "example-coordinator.yaml")
    study = load_rule_file(RULES_DIR / "studies" / "NCT07071935.yaml")

    def meaning(c: Criterion) -> tuple[object, ...]:
        return (c.factor, c.kind, c.op, c.value, c.unit, c.text, dict(c.extra))

    assert example.nct_id == study.nct_id
    assert [meaning(c) for c in example.criteria] == [meaning(c) for c in study.criteria]


def test_healey_rules_are_what_the_text_says(book: RuleBook) -> None:
    """HEALEY: onset ≤ 24 months, VC ≥ 50 % (test not named), ages 18+, four El Escorial groups."""
    by_rule = {c.extra["rule"]: c for c in book.studies["NCT04297683"].criteria}
    onset = by_rule["onset-max"]
    assert (onset.factor, onset.kind, onset.op, onset.value) == (
        "months_since_onset",
        "inclusion",
        "<=",
        24,
    )
    vc = by_rule["vc-min"]
    assert (vc.op, vc.value, vc.unit, vc.extra["test"]) == (">=", 50, "percent", "any")
    assert set(by_rule["diagnosis"].value) == {
        "definite",
        "probable",
        "probable_laboratory_supported",
        "possible",
    }
    assert vc.source == "rule:rules/studies/NCT04297683.yaml"


def test_weeks_are_converted_to_days_keeping_the_original(book: RuleBook) -> None:
    """A riluzole window written as 4 weeks becomes 28 days, with "4 weeks" kept in extra."""
    rule = next(c for c in book.studies["NCT06351592"].criteria if c.factor == "riluzole")
    assert (rule.op, rule.value, rule.unit, rule.extra["original"]) == (
        "stable_or_none",
        28,
        "days",
        "4 weeks",
    )


def test_covered_factor_drops_extractor_criteria_others_kept(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """For HEALEY the extractor's VC criterion gives way to the rule; its dementia one stays."""
    extracted_vc = Criterion("vital_capacity", "inclusion", ">=", 60, "percent", "VC ≥ 60 %")
    extracted_dementia = Criterion("dementia", "exclusion", "==", True, None, "Dementia")
    _fake_extractor(monkeypatch, [extracted_vc, extracted_dementia])
    found = book.criteria_for(records["NCT04297683"])
    assert extracted_vc not in found
    assert extracted_dementia in found
    vc = [c for c in found if c.factor == "vital_capacity"]
    assert [c.value for c in vc] == [50]
    assert vc[0].source.startswith("rule:")


def test_items_quoted_by_rules_are_not_listed_again_for_review(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """An unread extractor item the rules quote is dropped; an unquoted one stays for review."""
    record = records["NCT04297683"]
    quoted = Criterion(UNCLASSIFIED, "inclusion", None, None, None, record.inclusion[3])
    unquoted = Criterion(UNCLASSIFIED, "inclusion", None, None, None, record.inclusion[2])
    _fake_extractor(monkeypatch, [quoted, unquoted])
    found = book.criteria_for(record)
    assert quoted not in found
    assert unquoted in found


def test_study_without_a_file_keeps_every_extractor_criterion(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """A study no file covers screens on the extractor's criteria (plus registry ones)."""
    record = next(
        r
        for r in records.values()
        if r.eligibility_text
        and r.nct_id not in book.studies
        and r.min_age_years is None
        and r.max_age_years is None
        and r.sex not in ("FEMALE", "MALE")
        and not r.healthy_volunteers
    )
    extracted = [Criterion("vital_capacity", "inclusion", ">=", 50, "percent", "FVC ≥ 50 %")]
    _fake_extractor(monkeypatch, extracted)
    assert book.criteria_for(record) == extracted


def test_registry_age_criteria_name_the_structured_field(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """Registry ages 20–80 give age ≥ 20 and ≤ 80, worded after the registry field."""
    _fake_extractor(monkeypatch, [])
    record = records["NCT06351735"]
    registry = [c for c in book.criteria_for(record) if c.source == "registry"]
    assert [(c.factor, c.op, c.value, c.text) for c in registry] == [
        (
            "age_years",
            ">=",
            record.min_age_years,
            "Minimum age 20 Years (ClinicalTrials.gov structured field)",
        ),
        (
            "age_years",
            "<=",
            record.max_age_years,
            "Maximum age 80 Years (ClinicalTrials.gov structured field)",
        ),
    ]


def _shared_record(nct_id: str) -> StudyRecord:
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "ctgov"
    raws = json.loads(
        (path / "examples-non-als" / "ctg-studies.unl-stat351-2025-10-07.json").read_text()
    )
    return next(r for r in map(normalise, raws) if r.nct_id == nct_id)


def test_registry_single_sex_study_gives_a_sex_criterion(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook
) -> None:
    """A male-only registry record gives sex in [male], worded after the registry field."""
    _fake_extractor(monkeypatch, [])
    record = _shared_record("NCT05084469")
    sex = [c for c in book.criteria_for(record) if c.factor == "sex"]
    assert [(c.op, c.value, c.source, c.text) for c in sex] == [
        ("in", ["male"], "registry", "Sex: Male only (ClinicalTrials.gov structured field)")
    ]


def test_healthy_volunteer_study_asks_the_team_never_excludes(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """A study that takes healthy volunteers gets a review item (no op), not an exclusion."""
    _fake_extractor(monkeypatch, [])
    record = records["NCT06566651"]
    assert record.healthy_volunteers is True
    volunteers = [c for c in book.criteria_for(record) if c.factor == "healthy_volunteers"]
    assert len(volunteers) == 1
    assert not volunteers[0].understood
    assert volunteers[0].to_dict()["needs_review"] is True


def test_duplicates_keep_the_registry_one(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """The text's "age ≥ 20" and the extractor's own registry copy give way to the registry rule."""
    record = records["NCT07257302"]
    assert record.nct_id in book.studies
    from_text = Criterion("age_years", "inclusion", ">=", 20, "years", "Age 20 years or older")
    from_registry = Criterion(
        "age_years", "inclusion", ">=", 20.0, "years", "Minimum age: 20 Years", source="registry"
    )
    _fake_extractor(monkeypatch, [from_text, from_registry])
    ages = [c for c in book.criteria_for(record) if c.factor == "age_years"]
    assert [(c.source, c.text) for c in ages] == [
        ("registry", "Minimum age 20 Years (ClinicalTrials.gov structured field)")
    ]


def test_same_meaning_from_text_is_kept_once_for_uncurated_study(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """Without a study file, the text's "18 or older" duplicate of the registry minimum goes."""
    record = records["NCT06021938"]
    duplicate = Criterion("age_years", "inclusion", ">=", 18, "years", "≥ 18 years old")
    different = Criterion("age_years", "inclusion", "<=", 75, "years", "75 or younger")
    _fake_extractor(monkeypatch, [duplicate, different])
    book_without = RuleBook(general=book.general)
    found = book_without.criteria_for(record)
    assert duplicate not in found
    assert different in found


def test_stale_rule_gives_its_factor_back_to_the_extractor(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """When a whole current text no longer holds a rule's quote, the extractor's reading is used."""
    record = records["NCT07071935"]
    assert record.criteria_complete is True
    assert record.eligibility_text is not None
    changed = replace(
        record, eligibility_text=record.eligibility_text.replace("Current tracheostomy", "")
    )
    extracted = Criterion("tracheostomy", "exclusion", "==", True, None, "tracheostomy (new)")
    _fake_extractor(monkeypatch, [extracted])
    assert [c.extra["rule"] for c in book.stale_rules(changed)] == ["no-tracheostomy"]
    found = book.criteria_for(changed)
    assert [c for c in found if c.factor == "tracheostomy"] == [extracted]
    assert any(c.factor == "niv" and c.source.startswith("rule:") for c in found)


def test_cut_short_text_keeps_rules_whose_quote_is_not_found(
    book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """A quote may come from the part of a cut text we lack: the rule is kept."""
    record = records["NCT04297683"]
    assert record.criteria_complete is False
    shorter = replace(record, eligibility_text="Inclusion Criteria: something else")
    assert book.stale_rules(shorter) == []
    assert any(c.extra.get("rule") == "vc-min" for c in book.criteria_for(shorter))


def test_with_study_replaces_that_study_only(
    book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """A coordinator's file (triage --rules) replaces the shipped file for its study only."""
    text = (RULES_DIR / "studies" / "NCT04297683.yaml").read_text(encoding="utf-8")
    mine = load_rule_file(text.replace("value: 50\n", "value: 55\n"), name="mine.yaml")
    updated = book.with_study(mine)
    vc = [c for c in updated.criteria_for(records["NCT04297683"]) if c.factor == "vital_capacity"]
    assert [(c.value, c.source) for c in vc] == [(55, "rule:mine.yaml")]
    assert updated.studies["NCT07071935"] is book.studies["NCT07071935"]


def test_fusion_slope_rule_applies_only_from_age_66(book: RuleBook) -> None:
    """FUSION's slope < 0.4 carries the condition age ≥ 66 (cohort B only), with its unit."""
    rule = next(c for c in book.studies["NCT04768972"].criteria if c.factor == "alsfrs_r_slope")
    assert (rule.op, rule.value) == ("<", 0.4)
    assert rule.extra["condition"] == {
        "factor": "age_years",
        "op": ">=",
        "value": 66,
        "unit": "years",
    }


def test_readme_table_lists_every_factor_with_its_operators() -> None:
    """rules/README.md documents every factor the rule files accept, with each operator."""
    from screener.factors import SPECS

    readme = (RULES_DIR / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in readme.splitlines()
        if line.startswith("| `")
    }
    drug_ops = {"stable_or_none", "current", "within", "ever"}
    for factor, spec in SPECS.items():
        row = rows[factor]
        listed = {op for op in spec.ops if f"`{op}`" in row}
        if "as riluzole" in row:
            listed |= drug_ops
        assert listed == set(spec.ops), factor


def test_healthy_volunteer_criteria_from_text_never_exclude(
    monkeypatch: pytest.MonkeyPatch, book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """The extractor's "healthy volunteers only" reading becomes a review item with its text."""
    record = records["NCT06583395"]
    assert record.nct_id not in book.studies
    read = Criterion("healthy_volunteers", "inclusion", "==", True, None, "Healthy controls")
    _fake_extractor(monkeypatch, [read])
    [kept] = [c for c in book.criteria_for(record) if c.text == "Healthy controls"]
    assert (kept.factor, kept.kind, kept.understood) == ("healthy_volunteers", "inclusion", False)
    assert RuleBook().criteria_for(record) == [read]


def test_a_study_with_a_rule_file_says_who_wrote_its_rules(
    book: RuleBook, records: dict[str, StudyRecord]
) -> None:
    """The results say who wrote a rule file's rules (its curated_by, word for word), so
    nobody takes an AI-assisted, unreviewed reading for a clinician's; a study read from its
    text alone says nothing of the kind."""
    from screener.person.profile import parse_profile
    from screener.screening.engine import screen_study

    person = parse_profile({"age_years": 52})
    curated = screen_study(
        person, records["NCT07100119"], book.criteria_for(records["NCT07100119"])
    )
    said = [n for n in curated.notes if "rule file" in n]
    curator = book.studies["NCT07100119"].curated_by
    assert said == [
        "Some rules for this study come from a rule file written from the study's words by "
        f"{curator}."
    ]
    assert "not yet reviewed by a clinician" in curator
    text_only = next(r for n, r in records.items() if n not in book.studies and r.eligibility_text)
    plain = screen_study(person, text_only, book.criteria_for(text_only))
    assert not [n for n in plain.notes if "rule file" in n]
