"""Questionnaire: question wording, answers → contract profile, and back (no Streamlit)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screener.person import questionnaire as q
from screener.person.profile import parse_profile
from screener.person.question_text import ALSFRS_ITEMS, ITEM_5B, item

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
TODAY = date(2026, 11, 1)


def example(name: str) -> dict[str, object]:
    """One of the contract's example profiles."""
    data: dict[str, object] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def test_twelve_items_each_with_five_answers_from_4_to_0() -> None:
    """The ALSFRS-R has 12 items in standard order, each with five distinct answers."""
    assert [i.number for i in ALSFRS_ITEMS] == list(range(1, 13))
    for scale in (*ALSFRS_ITEMS, ITEM_5B):
        assert len(set(scale.answers)) == 5
    assert ALSFRS_ITEMS[0].wording(4) == "Normal speech processes"
    assert ALSFRS_ITEMS[11].wording(0).startswith("Invasive mechanical ventilation")


def test_item_5_switches_to_5b_only_with_a_feeding_tube() -> None:
    """Item 5 is 5a without (or not knowing about) a gastrostomy, 5b with one."""
    assert item(5, True).code == "5b"
    assert item(5, False).code == "5a"
    assert item(5, None).code == "5a"
    assert item(6, True).code == "6"


def test_no_answers_give_an_empty_profile() -> None:
    """Nothing answered means nothing in the profile: unknown, never 'no'."""
    assert q.to_profile({}) == {}
    assert parse_profile(q.to_profile({}, as_of=TODAY)).answered_keys() == frozenset()


def test_a_skipped_month_leaves_the_date_unknown() -> None:
    """A year without its month gives no onset date, and the step says to pick the month."""
    answers = {"onset_year": 2025}
    assert "onset_date" not in q.to_profile(answers)
    assert "month" in q.problems(answers, TODAY)["dates"]


def test_answers_make_a_valid_contract_profile() -> None:
    """A full set of answers becomes a profile the contract parser accepts, value for value."""
    answers = {
        "age_years": 52,
        "sex": "male",
        "onset_month": 1,
        "onset_year": 2026,
        "diagnosis_month": 6,
        "diagnosis_year": 2026,
        "diagnosis_category": "probable",
        "gene_SOD1": "negative",
        "alsfrs_mode": "items",
        **{f"alsfrs_{n}": 4 for n in range(1, 13)},
        "alsfrs_4": 3,
        "vc_test": "svc",
        "vc_percent": 88,
        "ventilation": "niv_night",
        "niv_hours": 8,
        "riluzole_status": "current",
        "riluzole_since_month": 7,
        "riluzole_since_year": 2026,
        "study_drug": "never",
        "location_mode": "postal_code",
        "postal_code": " 02114 ",
        "country": "US",
        "max_distance_km": 200,
    }
    profile = parse_profile(q.to_profile(answers, as_of=TODAY))
    assert profile.onset_date is not None and profile.onset_date.isoformat() == "2026-01-15"
    assert profile.alsfrs_total == 47
    assert profile.genes is not None and profile.genes.SOD1 == "negative"
    assert profile.riluzole is not None and profile.riluzole.stable_since is not None
    assert profile.niv_hours_per_day == 8
    assert profile.investigational_drug_last_dose == "never"
    assert profile.location is not None and profile.location.postal_code == "02114"


def test_partial_alsfrs_items_give_no_score() -> None:
    """Eleven of twelve items is not a total: no alsfrs_r in the profile, no total shown."""
    answers = {"alsfrs_mode": "items", **{f"alsfrs_{n}": 4 for n in range(1, 12)}}
    assert q.alsfrs_total(answers) is None
    assert "alsfrs_r" not in q.to_profile(answers)


def test_live_scores_total_delta_fs_and_mitos() -> None:
    """Total, ΔFS and MiToS stage follow the answers as they are filled in."""
    items = [1, 1, 1, 4, 3, 3, 3, 3, 2, 3, 3, 3]
    answers = {
        "alsfrs_mode": "items",
        **{f"alsfrs_{n}": s for n, s in enumerate(items, start=1)},
        "onset_month": 9,
        "onset_year": 2024,
        "alsfrs_month": 9,
        "alsfrs_year": 2026,
    }
    assert q.alsfrs_total(answers) == 30
    slope = q.delta_fs(answers, TODAY)
    assert slope is not None and slope == pytest.approx(18 / (730 / 30.44), abs=0.01)
    assert q.mitos_stage(q.alsfrs_items(answers)) == 1  # swallowing lost (item 3 ≤ 1)
    assert q.alsfrs_domain_totals(q.alsfrs_items(answers)) == {
        "bulbar": 3,
        "fine_motor": 10,
        "gross_motor": 8,
        "respiratory": 9,
    }


def test_total_only_mode_uses_the_typed_total() -> None:
    """'I only know the total' gives {total, date} in the profile."""
    answers = {"alsfrs_mode": "total", "alsfrs_total": 24, "alsfrs_month": 9, "alsfrs_year": 2026}
    assert q.to_profile(answers)["alsfrs_r"] == {"total": 24, "date": "2026-09"}


def test_future_and_reversed_dates_are_flagged() -> None:
    """A diagnosis before the first symptom, or a date in the future, is pointed out."""
    reversed_dates = {"onset_month": 5, "onset_year": 2026, "diagnosis_month": 1}
    reversed_dates["diagnosis_year"] = 2025
    assert "before the first symptom" in q.problems(reversed_dates, TODAY)["dates"]
    future = {"vc_month": 12, "vc_year": 2026}
    assert "future" in q.problems(future, TODAY)["breathing"]


@pytest.mark.parametrize(
    "name",
    [
        "bulbar-onset-peg.json",
        "early-limb-onset.json",
        "long-duration-niv.json",
        "sod1-carrier.json",
        "dont-know.json",
    ],
)
def test_example_profiles_survive_a_round_trip(name: str) -> None:
    """Reloading a saved profile gives the same answers back (dates kept to the month)."""
    original = parse_profile(example(name))
    again = parse_profile(q.to_profile(q.from_profile(example(name)), as_of=original.as_of))
    assert again.answered_keys() == original.answered_keys()
    assert again.alsfrs_total == original.alsfrs_total
    assert again.vital_capacity == original.vital_capacity or (
        original.vital_capacity is not None
        and again.vital_capacity is not None
        and again.vital_capacity.percent_predicted == original.vital_capacity.percent_predicted
    )
    assert again.location == original.location
    onset = original.onset_date
    assert (again.onset_date is None) == (onset is None)


def test_country_names_and_codes_both_resolve() -> None:
    """A saved file may name the country or give its code; both give the ISO code."""
    assert q.country_code("United States") == "US"
    assert q.country_code("us") == "US"
    assert q.country_code("Atlantis") is None


def test_every_step_key_is_unique_and_every_factor_points_to_a_step() -> None:
    """Each answer key belongs to one step, and 'go to the question' always finds a step."""
    keys = [k for s in q.STEPS for k in s.keys]
    assert len(keys) == len(set(keys))
    assert set(q.FACTOR_STEP.values()) <= set(q.STEP_INDEX)


def test_hidden_follow_up_answers_do_not_count() -> None:
    """Answers hidden by a later change (sex → male, edaravone → never) leave the profile."""
    answers = {
        "sex": "male",
        "pregnant": True,
        "edaravone_status": "never",
        "edaravone_cycles": 6,
        "edaravone_form": "iv",
        "ventilation": "none",
        "niv_hours": 12,
        "study_drug": "never",
        "study_drug_month": 1,
        "study_drug_year": 2026,
    }
    profile = q.to_profile(answers)
    assert "pregnant" not in profile
    assert profile["edaravone"] == {"status": "never"}
    assert "niv_hours_per_day" not in profile
    assert profile["investigational_drug_last_dose"] == "never"
