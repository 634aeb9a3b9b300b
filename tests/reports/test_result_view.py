"""Result words and groupings: verdicts, study kinds, stale records, filters (real snapshot)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from screener.registry.records import StudyRecord
from screener.registry.source import load_studies
from screener.reports import result_view as rv
from screener.reports import site_words
from screener.ui.study_card import md_escape

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def records() -> dict[str, StudyRecord]:
    """Every study in the bundled snapshot, by NCT id."""
    return {r.nct_id: r for r in load_studies(offline=True).records}


def test_old_record_recruiting_past_its_end_gets_both_warnings(
    records: dict[str, StudyRecord],
) -> None:
    """NCT03840928 (updated 2023, completion 2025, 'recruiting') is flagged twice."""
    reasons = rv.stale_reasons(records["NCT03840928"], TODAY)
    assert len(reasons) == 2
    assert "over a year ago" in reasons[0]
    assert "completion date (2025-03-01) has passed" in reasons[1]


def test_a_fresh_record_is_not_flagged(records: dict[str, StudyRecord]) -> None:
    """A study updated last month with a future completion date gets no warning."""
    fresh = dataclasses.replace(
        records["NCT03840928"], last_update="2026-10-01", completion_date="2028-01"
    )
    assert rv.stale_reasons(fresh, TODAY) == []


def test_study_kinds_from_type_status_and_interventions(records: dict[str, StudyRecord]) -> None:
    """Registry type wins; AVAILABLE is expanded access; otherwise kind is guessed, and says so."""
    assert rv.study_kind(records["NCT03840928"]) == "observational"
    assert not rv.kind_is_guess(records["NCT03840928"])
    assert rv.study_kind(records["NCT07088159"]) == "expanded_access"
    drug_studies = [
        r
        for r in records.values()
        if not r.study_type and any(i.type == "DRUG" for i in r.interventions)
    ]
    assert drug_studies
    assert {rv.study_kind(r) for r in drug_studies} <= {"treatment", "expanded_access"}
    assert all(rv.kind_is_guess(r) for r in drug_studies if r.status != "AVAILABLE")
    bare = [
        r for r in records.values() if not r.study_type and not r.interventions and not r.phases
    ]
    assert bare and {rv.study_kind(r) for r in bare} <= {
        "no_intervention_listed",
        "expanded_access",
    }


def test_phase_words(records: dict[str, StudyRecord]) -> None:
    """Phases read as people say them; NA is 'not applicable'; none is 'not given'."""
    sample = next(iter(records.values()))
    assert rv.phase_words(dataclasses.replace(sample, phases=("PHASE2", "PHASE3"))) == "Phase 2/3"
    assert rv.phase_words(dataclasses.replace(sample, phases=("NA",))) == "Not applicable"
    assert rv.phase_words(dataclasses.replace(sample, phases=())) == "Phase not given"


def test_unknown_distance_is_never_filtered_out(records: dict[str, StudyRecord]) -> None:
    """A distance filter hides far studies but keeps those whose distance is unknown."""
    record = records["NCT03840928"]
    near_only = rv.Filters(max_km=100)
    assert rv.keep(record, {"verdict": "possible", "nearest_site_km": None}, near_only)
    assert rv.keep(record, {"verdict": "possible", "nearest_site_km": 40.0}, near_only)
    assert not rv.keep(record, {"verdict": "possible", "nearest_site_km": 400.0}, near_only)
    assert not rv.keep(record, {"verdict": "excluded"}, rv.Filters(verdicts=frozenset({"likely"})))


def test_criteria_rows_put_unmet_rules_first_in_words() -> None:
    """The criteria table lists 'Not met' first and never shows a raw status code."""
    result = {
        "criteria": [
            {"status": "met", "kind": "inclusion", "text": "Age 18 or over", "why": "58"},
            {"status": "not_met", "kind": "exclusion", "text": "Tracheostomy", "why": "yes"},
            {"status": "unknown", "kind": "inclusion", "text": "FVC ≥ 60%", "why": "?"},
        ]
    }
    rows = rv.criteria_rows(result)
    assert [r["Result"] for r in rows] == ["Rules you out", "Not settled yet", "OK for you"]
    assert rows[0]["Rule type"] == "Must not have"


def test_counts_include_every_verdict() -> None:
    """Counts always name all three verdicts, zero included."""
    assert rv.counts([{"verdict": "possible"}]) == {"likely": 0, "possible": 1, "excluded": 0}


def test_months_left_words() -> None:
    """The onset window reads in whole months; a closed window says so."""
    assert rv.months_left_words(None) is None
    under_a_month = rv.months_left_words(0.5)
    assert under_a_month is not None and "Less than a month" in under_a_month
    assert rv.months_left_words(7.9) == (
        "About 7 months left before the time-since-first-symptom limit."
    )


def test_registry_text_cannot_inject_markdown_or_html() -> None:
    """Links, emphasis, maths, emoji codes and tags in registry text are made inert."""
    text = "[click](http://x) *bold* $x$ :material/home: <b>tag</b>"
    escaped = md_escape(text)
    specials = [i for i, ch in enumerate(escaped) if ch in "[]()*$:<>"]
    assert specials
    assert all(escaped[i - 1] == "\\" for i in specials)
    assert escaped.replace("\\", "") == text


def test_nearest_site_is_named_with_its_distance(records: dict[str, StudyRecord]) -> None:
    """A study with a placed site names that site and the distance in km and miles."""
    from screener.places.geocode import locate
    from screener.registry.sites import nearest_site_km

    record = records["NCT03840928"]  # one site, Upper Nyack, New York
    point = locate({"postal_code": "10001", "country": "US"})
    km = nearest_site_km(point, record.sites)
    assert km is not None and 20 < km < 60
    words = site_words.nearest_site_words(record, point, km)
    assert words is not None
    assert words.startswith("Nearest study site: Global Healthy Living Foundation, Upper Nyack")
    assert f"about {km:.0f} km" in words
    assert site_words.nearest_site_words(record, None, None) is None


def test_site_rows_list_placed_sites_nearest_first(records: dict[str, StudyRecord]) -> None:
    """The site table (and map) holds only sites with coordinates, nearest first."""
    from screener.places.geocode import locate

    rows: list[tuple[StudyRecord, dict[str, Any]]] = [
        (records["NCT06583395"], {}),
        (records["NCT03840928"], {}),
    ]
    point = locate({"postal_code": "10001", "country": "US"})
    sites = site_words.site_rows(rows, point)
    assert [s["Study"] for s in sites] == ["NCT03840928", "NCT06583395"]
    assert sites[0]["Distance (km)"] < sites[1]["Distance (km)"]
    assert next(iter(sites[0])) == "Distance (km)"  # first, so a narrow screen shows it


def test_intervention_filter_uses_words(records: dict[str, StudyRecord]) -> None:
    """Filtering by 'Drug' keeps drug studies and drops studies listing no intervention."""
    drug = next(r for r in records.values() if any(i.type == "DRUG" for i in r.interventions))
    bare = next(r for r in records.values() if not r.interventions)
    only_drugs = rv.Filters(interventions=frozenset({"Drug"}))
    assert rv.keep(drug, {"verdict": "possible"}, only_drugs)
    assert not rv.keep(bare, {"verdict": "possible"}, only_drugs)
    assert rv.intervention_words(bare) == frozenset({"None listed"})


def test_checked_words_say_when_there_is_nothing_to_check() -> None:
    """ "0 of 0 criteria checked" read as a failure to check; a study with no criteria in
    our copy says that instead."""
    assert rv.checked_words({"checked": 3, "stated": 12}) == "3 of 12 criteria checked"
    assert rv.checked_words({"checked": 0, "stated": 0}) == "no criteria in our copy to check"
    assert "0 of 0" not in rv.verdict_line({"verdict": "possible", "checked": 0, "stated": 0})


def test_time_left_is_said_only_where_the_study_may_fit() -> None:
    """An excluded card does not say "About 13 months left"; a possible one does."""
    result = {"verdict": "possible", "months_left": 13.2, "months_left_clock": "onset"}
    assert rv.time_left_words(result) == rv.months_left_words(13.2, "onset")
    assert rv.time_left_words({**result, "verdict": "excluded"}) is None
