"""Summary downloads: the printable HTML page, the results CSV and the answers JSON."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import date, timedelta
from html import escape
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]
import pytest

from screener.person.profile import Profile, load_profile, parse_profile
from screener.registry.source import StudySource, load_studies
from screener.reports.answers import answers_json, ask_words, question_words
from screener.reports.summary import (
    CSV_COLUMNS,
    DISCLAIMER,
    results_csv,
    summary_html,
)
from screener.reports.summary_studies import MAX_POSSIBLE, REVIEW_REASON, listing
from screener.rules.book import RuleBook, load_rulebook
from screener.screening.engine import StudyResult, screen, screen_study
from screener.screening.wording import NOT_READ

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "examples"
PROFILES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


@pytest.fixture(scope="module")
def source() -> StudySource:
    """The bundled offline snapshot."""
    return load_studies(offline=True)


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    """The project's rule book."""
    return load_rulebook()


@pytest.fixture(scope="module")
def sod1(source: StudySource, rulebook: RuleBook) -> tuple[Profile, list[StudyResult]]:
    """A real example profile screened against the whole snapshot."""
    profile = load_profile(EXAMPLES / "sod1-carrier.json")
    return profile, screen(profile, source.records, rulebook)


def test_examples_exist() -> None:
    """The shared example profiles are there to test against."""
    assert len(PROFILES) >= 5


def test_page_has_disclaimer_source_and_every_likely_and_possible_study(
    sod1: tuple[Profile, list[StudyResult]], source: StudySource
) -> None:
    """The disclaimer, the data date and limits, and every likely/possible study appear."""
    profile, results = sod1
    page = summary_html(profile, results, source, max_possible=None)
    assert page.count(escape(DISCLAIMER, quote=True)) == 2
    assert source.retrieved in page
    for limit in source.limits:
        assert escape(limit, quote=True) in page
    shown = [r for r in results if r.verdict in ("likely", "possible")]
    assert any(r.verdict == "likely" for r in shown)
    for result in shown:
        assert escape(result.title, quote=True) in page, result.nct_id
        assert f"href='https://clinicaltrials.gov/study/{result.nct_id}'" in page


def test_likely_studies_get_a_section_with_unread_criteria_listed_once(
    sod1: tuple[Profile, list[StudyResult]], source: StudySource
) -> None:
    """Each likely study: met, unmet, unknown in its own words; unread ones once, unexplained."""
    profile, results = sod1
    page = summary_html(profile, results, source, max_possible=None)
    likely = [r for r in results if r.verdict == "likely"]
    assert likely
    for result in likely:
        assert f"{result.coverage.words}" in page
        for c in result.criteria:
            assert escape(c.criterion.text, quote=True) in page
    assert NOT_READ not in page  # "could not read this criterion reliably": never repeated
    possible = next(r for r in results if r.verdict == "possible" and r.open_questions)
    assert ask_words(possible.open_questions[0]) in page


def test_pregnancy_does_not_apply_to_a_man_and_labels_are_neutral(source: StudySource) -> None:
    """A man's unanswered pregnancy reads "does not apply"; no "your" or "whether you take"."""
    profile = load_profile(EXAMPLES / "early-limb-onset.json")
    page = summary_html(profile, [], source)
    assert "<th scope='row'>Pregnant</th><td>does not apply (male)</td>" in page
    assert "Whether you take" not in page and "Your " not in page
    assert ask_words("genes.FUS") == "FUS gene test"
    assert ask_words("riluzole.stable_since") == "Riluzole: on the same dose since"
    assert ask_words("max_distance_km") == "Can travel (km)"


def test_excluded_studies_listed_with_unmet_criterion(
    sod1: tuple[Profile, list[StudyResult]], source: StudySource
) -> None:
    """Each excluded study is named with the text of the criterion it failed."""
    profile, results = sod1
    page = summary_html(profile, results, source)
    excluded = [r for r in results if r.verdict == "excluded"]
    assert excluded
    for result in excluded:
        assert result.nct_id in page
        for c in result.not_met():
            assert escape(c.criterion.text, quote=True) in page


def test_answers_and_derived_values_are_shown(
    sod1: tuple[Profile, list[StudyResult]], source: StudySource
) -> None:
    """The person's answers and the derived months, total and ΔFS are printed."""
    profile, results = sod1
    page = summary_html(profile, results, source)
    assert profile.months_since_onset is not None and profile.delta_fs is not None
    assert f"{round(profile.months_since_onset, 1):g}" in page
    assert f"{round(profile.delta_fs, 2):g}" in page
    assert f"<td>{profile.alsfrs_total}</td>" in page
    assert "SOD1: positive" in page
    assert "not answered" in page


def test_long_lists_are_cut_with_a_count(
    sod1: tuple[Profile, list[StudyResult]], source: StudySource
) -> None:
    """Possible studies are cut to a printable number with a count; likely ones never are."""
    profile, results = sod1
    possible = sum(r.verdict == "possible" for r in results)
    assert possible > 3
    page = summary_html(profile, results, source, max_possible=3)
    assert f"{possible - 3} more possible studies are not shown" in page
    assert "more likely studies" not in page
    for result in results:
        if result.verdict == "likely":
            assert f"study/{result.nct_id}'" in page


def test_malicious_registry_and_person_text_is_escaped(
    source: StudySource, rulebook: RuleBook
) -> None:
    """A title, criterion or answer containing markup is shown as text, never run."""
    evil = "<script>alert('x')</script>"
    record = next(r for r in source.records if r.inclusion)
    record = dataclasses.replace(record, brief_title=evil, inclusion=(f"Age {evil}",))
    profile = parse_profile(
        {
            "as_of": "2026-11-01",
            "location": {"city": "<img src=x onerror=alert(1)>", "country": "US"},
        }
    )
    criteria = rulebook.criteria_for(record)
    result = screen_study(profile, record, criteria)
    page = summary_html(profile, [result], source)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert escape(evil, quote=True) in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_page_loads_nothing_from_outside(
    sod1: tuple[Profile, list[StudyResult]], source: StudySource
) -> None:
    """No scripts, stylesheets, fonts or images; the only links are study records."""
    profile, results = sod1
    page = summary_html(profile, results, source, max_possible=None)
    lowered = page.lower()
    for banned in ("<script", "<link", "<img", "<iframe", "@import", "url(", " src="):
        assert banned not in lowered, banned
    hrefs = re.findall(r"href='([^']*)'", page)
    assert hrefs
    assert all(re.fullmatch(r"https://clinicaltrials\.gov/study/NCT\d{8}", h) for h in hrefs)
    assert "@media print" in page


def test_csv_round_trips_through_pandas(sod1: tuple[Profile, list[StudyResult]]) -> None:
    """One row per study with the contract's columns; values survive a pandas read."""
    _, results = sod1
    frame = pd.read_csv(io.BytesIO(results_csv(results)), encoding="utf-8-sig", dtype=str)
    assert tuple(frame.columns) == CSV_COLUMNS
    assert len(frame) == len(results)
    assert list(frame["nct_id"]) == [r.nct_id for r in results]
    assert list(frame["verdict"]) == [r.verdict for r in results]
    assert list(frame["title"]) == [r.title for r in results]
    for row, result in zip(frame.itertuples(), results, strict=True):
        unmet = " | ".join(c.criterion.text for c in result.not_met())
        assert (row.not_met if isinstance(row.not_met, str) else "") == unmet
        km = row.nearest_site_km
        assert (float(km) if isinstance(km, str) else None) == result.nearest_site_km
        assert row.url == result.record.url


def test_csv_open_questions_are_plain_questions(sod1: tuple[Profile, list[StudyResult]]) -> None:
    """Open questions are written as questions a person understands, not profile keys."""
    _, results = sod1
    frame = pd.read_csv(io.BytesIO(results_csv(results)), encoding="utf-8-sig", dtype=str)
    asked = " | ".join(q for q in frame["open_questions"] if isinstance(q, str))
    assert asked and "_" not in asked


@pytest.mark.parametrize("name", PROFILES)
def test_answers_json_round_trips(name: str) -> None:
    """The answers download re-loads with parse_profile into the same profile."""
    profile = load_profile(EXAMPLES / f"{name}.json")
    data = json.loads(answers_json(profile))
    assert parse_profile(data) == profile
    original = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    assert set(data) == {k for k, v in original.items() if v is not None}
    for key in ("onset_date", "diagnosis_date"):
        if key in original:
            assert data[key] == original[key]


def test_empty_screen_still_makes_a_page_and_a_csv(source: StudySource) -> None:
    """No answers and no studies: the page says so plainly and the CSV has only its header."""
    page = summary_html(parse_profile({"as_of": "2026-11-01"}), [], source)
    assert "0 likely, 0 possible, 0 not a fit" in page
    assert "<p>No likely or possible studies.</p>" in page
    assert "not known (needs the 12 item scores)" in page
    frame = pd.read_csv(io.BytesIO(results_csv([])), encoding="utf-8-sig")
    assert tuple(frame.columns) == CSV_COLUMNS and len(frame) == 0


def test_question_words_turns_keys_into_questions_and_leaves_text_alone() -> None:
    """Profile keys become questions; anything that is not a key is shown as given."""
    assert question_words("onset_date") == "when your first symptoms began"
    assert "riluzole" in question_words("riluzole.stable_since")
    sentence = "Ask the study team about prior gene therapy."
    assert question_words(sentence) == sentence


def test_page_gives_the_data_age_on_the_screening_day(source: StudySource) -> None:
    """The data's age is counted to the profile's screening day, not to the wall clock."""
    answers = json.loads((EXAMPLES / "early-limb-onset.json").read_text(encoding="utf-8"))
    retrieved = date.fromisoformat(source.retrieved[:10])
    for as_of in (date.fromisoformat(answers["as_of"]), retrieved + timedelta(days=103)):
        profile = parse_profile({**answers, "as_of": as_of.isoformat()})
        page = summary_html(profile, [], source)
        days = (as_of - retrieved).days
        assert f"<strong>{days} days old on the screening day</strong>" in page
    same_day = parse_profile({"as_of": retrieved.isoformat()})
    assert "from the screening day" in summary_html(same_day, [], source)


def test_each_listed_possible_study_quotes_its_open_criteria_with_why(
    source: StudySource, rulebook: RuleBook
) -> None:
    """Every possible study in the file lists its unknown and needs-review criteria, quoted."""
    profile = load_profile(EXAMPLES / "early-limb-onset.json")
    results = screen(profile, source.to_screen().records, rulebook)
    page = summary_html(profile, results, source.to_screen())
    listed = listing(results)
    assert len(listed.possible) == MAX_POSSIBLE
    part = page[page.index("the criteria still open") :]
    sections = part.split("<div class='open-study'>")[1:]
    for result in listed.possible:
        section = next(s for s in sections if f"study/{result.nct_id}'" in s)
        for c in result.criteria:
            if c.status in ("unknown", "needs_review"):
                assert f"“{escape(c.criterion.text, quote=True)}”" in section, result.nct_id
    fus = next(r for r in listed.possible if r.nct_id == "NCT06849609")
    assert fus.open_questions and "genes.FUS" in fus.open_questions
    assert "— not answered: FUS gene test</em>" in part
    assert f"<em>{REVIEW_REASON.capitalize()}:</em>" in part
    assert "a different measurement" in part  # an SVC given for an FVC limit says so
