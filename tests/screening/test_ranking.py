"""Order within each verdict, "N of M checked", the core-factor rule and eligible_from, on the
real snapshot with the shared example profiles."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from screener.person.profile import parse_profile
from screener.registry.kinds import als_specific, treatment_rank
from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.screening.engine import StudyResult, screen
from screener.screening.ranking import rank_key

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
PROFILES = sorted(EXAMPLES.glob("*.json"))


@cache
def _studies() -> tuple[Any, Any]:
    source = load_studies(offline=True)
    return source.enrolling().records, load_rulebook()


def run(answers: dict[str, Any]) -> list[StudyResult]:
    records, book = _studies()
    return screen(parse_profile(answers), records, book)


def example(name: str, **changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text())
    answers.update(changes)
    return answers


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_no_non_als_study_above_an_als_treatment_study_of_the_same_verdict(path: Path) -> None:
    """Within each verdict, ALS-specific studies come first, and among them treatments first."""
    results = run(json.loads(path.read_text()))
    assert [rank_key(r) for r in results] == sorted(rank_key(r) for r in results)
    for verdict in ("likely", "possible", "excluded"):
        group = [r.record for r in results if r.verdict == verdict]
        specific = [als_specific(r) for r in group]
        assert specific == sorted(specific, reverse=True), verdict
        als = [treatment_rank(r) for r in group if als_specific(r)]
        assert als == sorted(als), verdict


def test_registries_of_many_conditions_are_not_als_specific() -> None:
    """ArthritisPower and the meditation study list ALS among dozens of conditions."""
    records = {r.nct_id: r for r in _studies()[0]}
    assert not als_specific(records["NCT03840928"])
    assert not als_specific(records["NCT06583395"])
    assert als_specific(records["NCT05966038"])  # ALS, PLS, PMA, PBP: the ALS family


def test_age_alone_never_makes_a_likely_fit() -> None:
    """dont-know (age only): nothing is likely; studies say "only age could be checked"."""
    results = run(example("dont-know"))
    assert not [r.nct_id for r in results if r.verdict == "likely"]
    said = [r for r in results if any(n.startswith("Only age could be checked") for n in r.notes)]
    assert said, "the age-only studies say why they are only possible"


def test_every_result_counts_what_was_checked() -> None:
    """checked = met + not met, stated = every criterion, in the JSON of every result."""
    for result in run(example("early-limb-onset")):
        data = result.to_dict()
        statuses = [c["status"] for c in data["criteria"]]
        assert data["checked"] == sum(s in ("met", "not_met") for s in statuses)
        assert data["stated"] == len(statuses)
        if data["verdict"] == "likely":
            assert result.coverage.enough_for_likely


def test_sites_beyond_the_distance_say_so_and_unknown_sites_say_unknown() -> None:
    """From Boston with 300 km: BrainGate2 (a Boston site) is within; no site means unknown."""
    results = {r.nct_id: r for r in run(example("early-limb-onset"))}
    assert results["NCT00912041"].distance == "within"
    far = run(example("early-limb-onset", location={"city": "Toulouse", "country": "France"}))
    braingate = next(r for r in far if r.nct_id == "NCT00912041")
    assert braingate.distance == "beyond"
    assert any("further than the 300 km" in n for n in braingate.notes)
    no_site = next(r for r in far if not r.record.sites)
    assert no_site.distance == "unknown" and no_site.to_dict()["distance"] == "unknown"


def test_riluzole_started_recently_gives_eligible_from_counted_to_day_1() -> None:
    """Stable on riluzole since 20 Oct: NCT06513546 (4 weeks to Day 1) is not yet, from 17 Nov."""
    answers = example(
        "early-limb-onset", riluzole={"status": "current", "stable_since": "2026-10-20"}
    )
    result = next(r for r in run(answers) if r.nct_id == "NCT06513546")
    assert result.verdict == "excluded"
    assert result.not_yet is not None
    assert result.not_yet.eligible_from == date(2026, 11, 17)
    assert result.to_dict()["eligible_from"] == "2026-11-17"
    assert result.not_yet.counts_to == "Day 1"
    assert "the team counts from there" in result.not_yet.words()


def test_month_only_dates_count_from_the_latest_day_and_lasting_exclusions_have_no_date() -> None:
    """stable since 2026-10 counts from 31 Oct; a tracheostomy exclusion is never "not yet"."""
    answers = example("early-limb-onset", riluzole={"status": "current", "stable_since": "2026-10"})
    result = next(r for r in run(answers) if r.nct_id == "NCT05983211")  # 12 weeks to baseline
    assert result.not_yet is not None
    assert result.not_yet.eligible_from == date(2026, 10, 31) + timedelta(days=84)
    assert result.not_yet.counts_to == "baseline"
    lasting = run(example("long-duration-niv"))
    for r in lasting:
        unmet = {c.criterion.factor for c in r.not_met()}
        if unmet & {"tracheostomy", "months_since_onset", "vital_capacity", "niv"}:
            assert r.not_yet is None, r.nct_id


def test_a_study_drug_washout_gives_eligible_from() -> None:
    """Last study-drug dose 15 Oct against "within 30 days": eligible from the 31st day after."""
    answers = example("early-limb-onset", investigational_drug_last_dose="2026-10-15")
    washouts = [
        r
        for r in screen(parse_profile(answers), load_studies(offline=True).records, _studies()[1])
        if r.verdict == "excluded"
        and {c.criterion.factor for c in r.not_met()} == {"investigational_drug"}
    ]
    assert len(washouts) >= 3, "past studies with a study-drug washout (none enrolling has one)"
    for r in washouts:
        days = max(int(c.criterion.value) for c in r.not_met())
        assert r.not_yet is not None
        assert (r.not_yet.eligible_from - date(2026, 10, 15)).days == days + 1


def test_months_left_names_its_clock() -> None:
    """A diagnosis window is counted on the diagnosis date, an onset window on onset."""
    for r in run(example("early-limb-onset")):
        if r.months_left is None:
            continue
        assert r.months_left_clock in ("onset", "diagnosis")
