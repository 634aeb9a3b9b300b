"""The person's profile: contract §1 shapes, one-line errors naming the key, derived values."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screener.errors import ProfileError
from screener.person.profile import Profile, load_profile, month_only, parse_profile

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def error_of(data: object) -> str:
    with pytest.raises(ProfileError) as info:
        parse_profile(data)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_shared_example_profile_loads(path: Path) -> None:
    """The contract's example profiles are valid and keep every answered key."""
    profile = load_profile(path)
    answered = set(json.loads(path.read_text())) - {"as_of"}
    assert profile.answered_keys() == answered


def test_empty_profile_is_valid_and_unanswered() -> None:
    """Every key is optional; nothing answered means nothing derived."""
    profile = parse_profile({})
    assert profile.answered_keys() == frozenset()
    assert profile.as_of_date == date.today()
    assert profile.months_since_onset is None
    assert profile.alsfrs_total is None
    assert profile.delta_fs is None
    assert profile.mitos_stage is None


def test_month_only_date_counts_as_the_15th() -> None:
    """ "2024-09" is 15 September 2024 and remembers it was given to the month."""
    profile = parse_profile({"onset_date": "2024-09", "diagnosis_date": "2025-01-03"})
    assert profile.onset_date == date(2024, 9, 15)
    assert month_only(profile.onset_date)
    assert not month_only(profile.diagnosis_date)


def test_derived_values_of_the_bulbar_example() -> None:
    """Months since onset/diagnosis, ALSFRS-R total from items, ΔFS to the rating date, MiToS."""
    profile = load_profile(EXAMPLES / "bulbar-onset-peg.json")
    onset, rated, as_of = date(2024, 9, 15), date(2026, 10, 1), date(2026, 11, 1)
    assert profile.months_since_onset == pytest.approx((as_of - onset).days / 30.44)
    assert profile.months_since_diagnosis == pytest.approx((as_of - date(2025, 3, 15)).days / 30.44)
    assert profile.alsfrs_total == 30
    assert profile.delta_fs == pytest.approx(18 / ((rated - onset).days / 30.44))
    assert profile.mitos_stage == 1  # swallowing item 3 = 1


def test_delta_fs_uses_as_of_when_the_rating_has_no_date() -> None:
    """Without an ALSFRS-R date, ΔFS is counted to as_of."""
    profile = parse_profile(
        {"as_of": "2026-07-01", "onset_date": "2026-01-01", "alsfrs_r": {"total": 30}}
    )
    assert profile.delta_fs == pytest.approx(18 / (181 / 30.44))


def test_as_of_override_replaces_the_files_own(tmp_path: Path) -> None:
    """load_profile(as_of=…) (the --as-of option) wins over the profile's as_of."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"as_of": "2026-01-01", "onset_date": "2025-01-01"}))
    assert load_profile(path).as_of_date == date(2026, 1, 1)
    later = load_profile(path, as_of=date(2027, 1, 1))
    assert later.as_of_date == date(2027, 1, 1)
    assert later.months_since_onset == pytest.approx(730 / 30.44)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"alsfrs_r": {"items": [4, 4, 4, 4, 4, 4, 7, 4, 4, 4, 4, 4]}},
            "profile: alsfrs_r.items[6] (item 7): must be 0–4, got 7",
        ),
        ({"onset_dat": "2024-01"}, "profile: unknown key 'onset_dat' (did you mean 'onset_date'?)"),
        ({"age_years": 300}, "profile: age_years: must be 0–120 years, got 300"),
        ({"age_years": "52"}, "profile: age_years: must be a number, got '52'"),
        ({"age_years": True}, "profile: age_years: must be a number, got True"),
        (
            {"vital_capacity": {"test": "fvc", "percent_predicted": -5}},
            "profile: vital_capacity.percent_predicted: must be 0–200 %, got -5",
        ),
        (
            {"as_of": "2026-01-01", "onset_date": "2026-03"},
            "profile: onset_date: 2026-03 is after the screening date 2026-01-01",
        ),
        (
            {"as_of": "2026-01-01", "diagnosis_date": "2026-01-02"},
            "profile: diagnosis_date: 2026-01-02 is after the screening date 2026-01-01",
        ),
        ({"sex": "F"}, "profile: sex: must be 'female' or 'male', got 'F'"),
        (
            {"alsfrs_r": {"items": [4] * 11}},
            "profile: alsfrs_r.items: needs 12 item scores in the standard order, got 11",
        ),
        (
            {"alsfrs_r": {"total": 40, "items": [4] * 12}},
            "profile: alsfrs_r: give either items or total, not both",
        ),
        ({"alsfrs_r": {"total": 49}}, "profile: alsfrs_r.total: must be 0–48, got 49"),
        ({"niv_hours_per_day": 25}, "profile: niv_hours_per_day: must be 0–24 hours, got 25"),
        ({"max_distance_km": -1}, "profile: max_distance_km: must be 0 km or more, got -1"),
        (
            {"genes": {"SOD2": "positive"}},
            "profile: unknown key 'SOD2' in genes (did you mean 'SOD1'?)",
        ),
        ({"gastrostomy": "yes"}, "profile: gastrostomy: must be true or false, got 'yes'"),
        (
            {"onset_date": "2024/01"},
            "profile: onset_date: must be a date YYYY-MM-DD or YYYY-MM, got '2024/01'",
        ),
        (
            {"investigational_drug_last_dose": "no"},
            "profile: investigational_drug_last_dose: must be a date YYYY-MM-DD or YYYY-MM, "
            "or \"never\", got 'no'",
        ),
        ({"location": {"lat": 42.0}}, "profile: location: give both lat and lon"),
        ({"zzz": 1}, "profile: unknown key 'zzz'"),
        (
            {"max_distance_km": float("inf")},
            "profile: max_distance_km: must be a finite number, got inf",
        ),
        ({"age_years": float("nan")}, "profile: age_years: must be a finite number, got nan"),
        ([1, 2], "profile: must be a JSON object of answers"),
    ],
)
def test_bad_values_are_named_in_one_line(data: object, expected: str) -> None:
    """Each wrong type, range, or key is rejected with one line naming the key path."""
    assert error_of(data) == expected


def test_month_only_onset_in_the_as_of_month_is_allowed() -> None:
    """ "2026-11" with as_of 2026-11-01 is not "after as_of": the month has begun."""
    profile = parse_profile({"as_of": "2026-11-01", "onset_date": "2026-11"})
    assert profile.months_since_onset == 0.0


def test_several_problems_are_counted_not_listed() -> None:
    """More than one problem: the first is named and the rest counted, still one line."""
    message = error_of({"sex": "x", "age_years": -1})
    assert message.startswith("profile: age_years: must be 0–120 years, got -1")
    assert message.endswith("(and 1 more)")


def test_profile_is_frozen() -> None:
    """A validated profile cannot be changed behind the engine's back."""
    profile = parse_profile({"age_years": 50})
    with pytest.raises(ValueError):
        profile.age_years = 60  # type: ignore[misc]
    assert isinstance(profile, Profile)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot be read"),
        ("{not json", "line 1: not valid JSON"),
        ('{"age_years": 500}', "age_years: must be 0–120 years"),
    ],
)
def test_file_errors_name_the_file(tmp_path: Path, content: str | None, expected: str) -> None:
    """A missing, broken or invalid profile file gives a ProfileError naming the file."""
    path = tmp_path / "person.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_dump_round_trips_month_dates() -> None:
    """Dumping to JSON keeps "YYYY-MM" dates as given, so saved answers reload the same."""
    data = {"onset_date": "2024-09", "investigational_drug_last_dose": "never", "age_years": 50}
    profile = parse_profile(data)
    dumped = profile.model_dump(mode="json", exclude_none=True)
    assert dumped == data
    assert parse_profile(dumped) == profile
