"""Properties: no text crashes the extractor, and no factor is invented without its words."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from screener.criteria import FACTORS, UNCLASSIFIED, Criterion, extract_criteria, extract_item
from screener.criteria.numbers import normalise
from screener.registry.source import from_snapshot

# The words a text must contain for each factor: an independent oracle, not the patterns.
KEYWORDS: dict[str, str] = {
    "age_years": r"\bage|years? old|yrs? old|\d\s*years? (?:or|and) (?:older|over|above)|minor",
    "sex": r"\bsex\b|female|\bmale\b",
    "months_since_onset": r"onset|symptom|duration|weakness|evolution|first|history|present for|als for",
    "months_since_diagnosis": r"diagnos",
    "diagnosis_category": r"definit|defined|probabl|possible|laboratory|\blab\b",
    "gold_coast": r"gold coast",
    "alsfrs_r_total": r"alsfrs|als-frs|als frs|rating scale|δfs|\bdfs\b",
    "alsfrs_r_item": r"alsfrs|als-frs|als frs|rating scale",
    "alsfrs_r_subscore": r"alsfrs|als-frs|als frs|rating scale",
    "alsfrs_r_slope": r"alsfrs|als-frs|als frs|rating scale|δfs|\bdfs\b|slope",
    "vital_capacity": r"vital capacity|fvc|svc|\bvc\b|vc%",
    "tracheostomy": r"trache",
    "invasive_ventilation": r"invasive|mechanical|ventilat|intubat|\bpav\b|respirator",
    "niv": r"\bniv\b|nippv|nppv|bipap|bi-level|bilevel|cpap|non-?invasive|ventilat|airway|"
    r"respiratory dependen|breathing support",
    "gastrostomy": r"gastro|\bpeg\b|\brig\b|tube|nasogastric|enteral",
    "swallow_pills": r"swallow|oral medication",
    "gene": r"sod|c9|\bfus\b|tardbp|tdp|superoxide|sarcoma",
    "familial": r"familial|\bfals\b|\bsals\b|sporadic|family",
    "riluzole": r"riluzole|rilutek|\bril\b",
    "edaravone": r"edaravone|radicava|mci-?186|1186",
    "tofersen": r"tofersen|qalsody|biib067",
    "phenylbutyrate_taurursodiol": r"amx|relyvrio|albrioza|phenylbutyrate|taurursodiol|tudca|udca|urso",
    "investigational_drug": r"investigational|trial|stud(?:y|ies)|protocol|research|experimental",
    "pregnancy": r"pregnan",
    "breastfeeding": r"lactat|breast|nursing",
    "dementia": r"dementia|demented|frontotemporal|ftd|cognit|mental|mmse|moca",
    "other_neurological_disease": r"neurolog|neurodegenerative|neuromuscular",
    "healthy_volunteers": r"healthy",
}

FRAGMENTS = [
    "Age ≥ 18 years",
    "between 18 and 80",
    "\\> or = 21 years of age",
    "FVC < 60%",
    "SVC ≥ 50% predicted",
    "onset of weakness within 24 months",
    "diagnosed less than 1 year",
    "disease duration ≤ 2 years",
    "possible, probable, laboratory-supported probable or definite ALS",
    "Awaji",
    "Gold Coast",
    "ALSFRS-R ≥ 30",
    "≥ 2 on each item",
    "item 12 ≥ 2",
    "swallowing ≥ 3",
    "0.35-1.5 points per month",
    "(48 - score)/months",
    "tracheostomy",
    "no tracheostomy",
    "non-invasive ventilation > 22 hours/day",
    "gastrostomy",
    "able to swallow pills",
    "SOD1 mutation",
    "C9orf72",
    "familial or sporadic",
    "if taking riluzole, stable for 30 days",
    "at least one completed cycle of edaravone",
    "AMX0035",
    "within 3 months",
    "5 half-lives or 30 days whichever longer",
    "investigational drug",
    "pregnant",
    "breastfeeding",
    "dementia",
    "other neurological disease",
    "not",
    "unless",
    "if",
    ";",
    ".",
    ",",
    "healthy control",
    "Caregivers:",
    "Cohort A",
    "years",
    "months",
    "≤",
    "≥",
    "=>",
    "\\<",
    "(",
    ")",
]


def _check_words(criterion: Criterion) -> None:
    if criterion.factor == UNCLASSIFIED or criterion.source == "registry":
        return
    text = normalise(criterion.text)
    assert re.search(KEYWORDS[criterion.factor], text), (criterion.factor, criterion.text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["inclusion", "exclusion"]))
def test_no_text_crashes_the_extractor(text: str, kind: str) -> None:
    """Any string gives at least one criterion, each with the item's exact text."""
    found = extract_item(text, kind)  # type: ignore[arg-type]
    assert found
    assert all(c.text == text for c in found)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=12
    ).map(" ".join),
    st.sampled_from(["inclusion", "exclusion"]),
)
def test_no_factor_is_invented(text: str, kind: str) -> None:
    """Every extracted factor has one of its own words in the text it came from."""
    for criterion in extract_item(text, kind):  # type: ignore[arg-type]
        assert criterion.factor in FACTORS or criterion.factor == UNCLASSIFIED
        _check_words(criterion)


def test_every_snapshot_study_extracts_within_the_conventions() -> None:
    """All snapshot items: known factors, own words, a reading per item, ops from model.py."""
    ops = {
        None,
        ">=",
        ">",
        "<=",
        "<",
        "between",
        "in",
        "==",
        "stable_or_none",
        "current",
        "within",
        "ever",
        "cycles_or_none",
    }
    items = 0
    for record in from_snapshot().records:
        criteria = extract_criteria(record)
        texts = {c.text for c in criteria}
        for item in (*record.inclusion, *record.exclusion, *record.unlabelled):
            items += 1
            assert item in texts, (record.nct_id, item)
        for criterion in criteria:
            assert criterion.factor in FACTORS or criterion.factor == UNCLASSIFIED
            assert criterion.op in ops, criterion
            _check_words(criterion)
    assert items > 900
