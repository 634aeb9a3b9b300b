"""The questions, in steps, and the mapping from answers to the contract's profile dict.

Answers are a flat dict of simple values (what the widgets hold). A key that is absent was
not answered: it stays unknown in the profile, never "no". Pure functions, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from screener.factors import FACTOR_SPECS
from screener.factors.questions import QUESTIONS
from screener.factors.table import DRUGS
from screener.factors.vocabulary import MAIN_GENES
from screener.person.questionnaire_load import countries, country_code, from_profile
from screener.person.questionnaire_scores import (
    DAYS_PER_MONTH,
    alsfrs_domain_totals,
    alsfrs_items,
    alsfrs_total,
    delta_fs,
    mitos_stage,
    month_date,
)

GENES: tuple[str, ...] = (*MAIN_GENES, "other")
__all__ = [
    "DAYS_PER_MONTH",
    "FACTOR_STEP",
    "GENES",
    "MONTHS",
    "STEPS",
    "STEP_INDEX",
    "Step",
    "alsfrs_domain_totals",
    "alsfrs_items",
    "alsfrs_total",
    "answered",
    "countries",
    "country_code",
    "delta_fs",
    "from_profile",
    "mitos_stage",
    "month_date",
    "problems",
    "question_for",
    "to_profile",
    "KEY_QUESTION",
]

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Step:
    """One short step of the questions: a slug, a title and the answer keys it holds."""

    slug: str
    title: str
    keys: tuple[str, ...]


def _month_keys(prefix: str) -> tuple[str, str]:
    return (f"{prefix}_month", f"{prefix}_year")


STEPS: tuple[Step, ...] = (
    Step("about", "About you", ("age_years", "sex")),
    Step("dates", "When it started", (*_month_keys("onset"), *_month_keys("diagnosis"))),
    Step("diagnosis", "Diagnosis", ("diagnosis_category", "gold_coast", "familial")),
    Step("genes", "Genetic tests", tuple(f"gene_{g}" for g in GENES)),
    Step(
        "support",
        "Feeding tube and breathing support",
        ("gastrostomy", "can_swallow_pills", "ventilation", "niv_hours", "tracheostomy"),
    ),
    Step(
        "breathing",
        "Breathing test",
        ("vc_test", "vc_percent", *_month_keys("vc"), "vc2_percent", *_month_keys("vc2")),
    ),
    Step(
        "alsfrs",
        "ALSFRS-R (daily activities)",
        (
            "alsfrs_mode",
            *(f"alsfrs_{n}" for n in range(1, 13)),
            "alsfrs_total",
            *_month_keys("alsfrs"),
        ),
    ),
    Step(
        "medicines",
        "ALS medicines",
        (
            "riluzole_status",
            *_month_keys("riluzole_since"),
            "edaravone_status",
            "edaravone_form",
            *_month_keys("edaravone_since"),
            "edaravone_cycles",
            "tofersen_status",
            "phenylbutyrate_taurursodiol_status",
            *_month_keys("phenylbutyrate_taurursodiol_last"),
        ),
    ),
    Step(
        "health",
        "Other health questions",
        (
            "study_drug",
            *_month_keys("study_drug"),
            "pregnant",
            "breastfeeding",
            "dementia",
            "other_neurological_disease",
        ),
    ),
    Step(
        "location",
        "Where you live",
        ("location_mode", "postal_code", "city", "country", "max_distance_km"),
    ),
)
STEP_INDEX: dict[str, int] = {s.slug: i for i, s in enumerate(STEPS)}

FACTOR_STEP: dict[str, str] = {
    spec.name: spec.step for spec in FACTOR_SPECS if spec.step is not None
}
"""Which step asks about each screening factor (to send the person back to it)."""
KEY_QUESTION: dict[str, tuple[str, str]] = QUESTIONS
"""The question behind each profile key (engine open questions name profile keys)."""


def question_for(key: str) -> tuple[str, str] | None:
    """(plain question, step slug) for a profile key or factor; "genes.SOD1" → the genes step."""
    head = key.split(".", 1)[0]
    if head in KEY_QUESTION:
        return KEY_QUESTION[head]
    if head in FACTOR_STEP:
        slug = FACTOR_STEP[head]
        return (f"The {STEPS[STEP_INDEX[slug]].title.lower()} questions", slug)
    return None


def answered(answers: Mapping[str, Any], step: Step) -> int:
    """How many of a step's questions have an answer."""
    return sum(1 for key in step.keys if answers.get(key) is not None)


def _put(profile: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        profile[key] = value


def _drug(answers: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    status = answers.get(f"{name}_status")
    if status not in ("never", "current", "past"):
        return None
    drug: dict[str, Any] = {"status": status}
    if name in ("riluzole", "edaravone") and status == "current":
        _put(drug, "stable_since", month_date(answers, f"{name}_since"))
    if name == "edaravone" and status != "never":
        _put(drug, "form", answers.get("edaravone_form"))
        _put(drug, "cycles_completed", answers.get("edaravone_cycles"))
    if name == "phenylbutyrate_taurursodiol" and status == "past":
        _put(drug, "last_dose", month_date(answers, f"{name}_last"))
    return drug


def _location(answers: Mapping[str, Any]) -> dict[str, str] | None:
    country = answers.get("country")
    mode = answers.get("location_mode")
    if not isinstance(country, str) or not country:
        return None
    place = answers.get(mode) if mode in ("postal_code", "city") else None
    if not isinstance(place, str) or not place.strip():
        return None
    return {str(mode): place.strip(), "country": country}


def to_profile(answers: Mapping[str, Any], as_of: date | None = None) -> dict[str, Any]:
    """The contract's profile dict from the answers; unanswered questions are left out."""
    profile: dict[str, Any] = {}
    if as_of is not None:
        profile["as_of"] = as_of.isoformat()
    for key in ("age_years", "sex", "diagnosis_category", "gold_coast", "familial"):
        _put(profile, key, answers.get(key))
    _put(profile, "onset_date", month_date(answers, "onset"))
    _put(profile, "diagnosis_date", month_date(answers, "diagnosis"))
    genes = {g: answers[f"gene_{g}"] for g in GENES if answers.get(f"gene_{g}") is not None}
    if genes:
        profile["genes"] = genes
    total = alsfrs_total(answers)
    if total is not None:
        scores: dict[str, Any] = (
            {"items": alsfrs_items(answers)}
            if answers.get("alsfrs_mode") == "items"
            else {"total": total}
        )
        _put(scores, "date", month_date(answers, "alsfrs"))
        profile["alsfrs_r"] = scores
    percent = answers.get("vc_percent")
    if isinstance(percent, int | float) and answers.get("vc_test") in ("svc", "fvc"):
        capacity: dict[str, Any] = {"test": answers["vc_test"], "percent_predicted": percent}
        _put(capacity, "date", month_date(answers, "vc"))
        profile["vital_capacity"] = capacity
        other = answers.get("vc2_percent")
        if isinstance(other, int | float):
            second: dict[str, Any] = {
                "test": "fvc" if answers["vc_test"] == "svc" else "svc",
                "percent_predicted": other,
            }
            _put(second, "date", month_date(answers, "vc2"))
            profile["vital_capacity_other"] = second
    _put(profile, "ventilation", answers.get("ventilation"))
    if answers.get("ventilation") in ("niv_night", "niv_day_and_night"):
        _put(profile, "niv_hours_per_day", answers.get("niv_hours"))
    for key in ("tracheostomy", "gastrostomy", "can_swallow_pills"):
        _put(profile, key, answers.get(key))
    for name in DRUGS:
        _put(profile, name, _drug(answers, name))
    if answers.get("study_drug") == "never":
        profile["investigational_drug_last_dose"] = "never"
    elif answers.get("study_drug") == "yes":
        _put(profile, "investigational_drug_last_dose", month_date(answers, "study_drug"))
    # Follow-up answers left behind by a changed answer are hidden, so they must not count.
    asked: tuple[str, ...] = ("dementia", "other_neurological_disease")
    if answers.get("sex") != "male":
        asked = ("pregnant", "breastfeeding", *asked)
    for key in asked:
        _put(profile, key, answers.get(key))
    _put(profile, "location", _location(answers))
    _put(profile, "max_distance_km", answers.get("max_distance_km"))
    return profile


def problems(answers: Mapping[str, Any], today: date) -> dict[str, str]:
    """Answers that cannot be right, by step slug, in plain words (shown next to the step)."""
    found: dict[str, str] = {}
    onset, diagnosis = month_date(answers, "onset"), month_date(answers, "diagnosis")
    this_month = f"{today.year:04d}-{today.month:02d}"
    for prefix, slug in (("onset", "dates"), ("diagnosis", "dates"), ("vc", "breathing")):
        when = month_date(answers, prefix)
        if when and when > this_month:
            found[slug] = "A date is in the future. Please check the month and year."
    if onset and diagnosis and diagnosis < onset:
        found["dates"] = "The diagnosis is before the first symptom. Please check both dates."
    for prefix, key in (("onset", "onset"), ("diagnosis", "diagnosis")):
        if (answers.get(f"{prefix}_year") is None) != (answers.get(f"{prefix}_month") is None):
            found.setdefault(
                "dates", f"Pick both the month and the year of the {key} (a best guess is fine)."
            )
    return found
