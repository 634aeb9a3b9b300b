"""The person's answers in words: for the printed summary, the app and the CSV.

Each profile key has one label (``LABELS``, from the factor table's questions); a key named
in an open question ("genes.SOD1", "riluzole.last_dose") is worded from it for the clinician.
The answers download is the contract's §1 profile, so ``parse_profile`` reads it back
unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any

from screener.factors.questions import LABELS
from screener.person.profile import Profile
from screener.screening.evaluate import question

"""Neutral labels (no "your"): the page is read by the neurologist, not only the person."""

__all__ = [
    "months_words",
    "question_words",
    "ask_words",
    "answer_rows",
    "derived_rows",
    "answers_dict",
    "answers_json",
]

_PART_WORDS: dict[str, str] = {
    "stable_since": "on the same dose since",
    "last_dose": "last dose",
    "cycles_completed": "cycles completed",
    "items": "the 12 item scores",
    "status": "taken or not",
}
_KEY = re.compile(r"^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?$")


_VALUE_WORDS: dict[str, str] = {
    # The profile's codes as a reader says them (the summary is read by a neurologist and by
    # the person: "test: svc", "status: current" were codes, not words).
    "svc": "SVC (slow vital capacity)",
    "fvc": "FVC (forced vital capacity)",
    "current": "taking it now",
    "past": "took it before, not now",
    "never": "never taken",
    "not_tested": "not tested",
    "probable_laboratory_supported": "probable, laboratory-supported",
    "niv_night": "NIV (breathing machine) at night",
    "niv_day_and_night": "NIV (breathing machine) day and night",
    "invasive": "invasive ventilation (tracheostomy or tube)",
    "none": "none",
    "iv": "IV (by drip)",
    "oral": "by mouth",
}
_FIELD_WORDS: dict[str, str] = {
    "percent_predicted": "% of predicted",
    "stable_since": "same dose since",
    "last_dose": "last dose",
    "cycles_completed": "cycles completed",
    "postal_code": "postal code",
}


def _fmt(value: object) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return " ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_FIELD_WORDS.get(str(k), str(k).replace('_', ' '))}: {_fmt(v)}"
            for k, v in value.items()
        )
    text = str(value)
    return _VALUE_WORDS.get(text, text.replace("_", " "))


def months_words(value: float | None) -> str:
    """Months to one decimal everywhere (the app shows the same figure as the page)."""
    return "not known" if value is None else f"{round(value, 1):g}"


def _number(value: float | None, digits: int, unit: str = "") -> str:
    return "not known" if value is None else f"{round(value, digits):g}{unit}"


def question_words(key: str) -> str:
    """A profile key as the plain question it stands for; other text is returned as is."""
    return question(key) if _KEY.match(key) else key


def ask_words(key: str) -> str:
    """A profile key in neutral words for the clinician ("SOD1 gene test", "Riluzole: last
    dose"); other text is returned as is."""
    if not _KEY.match(key):
        return key
    top, _, part = key.partition(".")
    if top == "genes" and part:
        return f"{part} gene test"
    label = LABELS.get(top, top.replace("_", " "))
    return f"{label}: {_PART_WORDS.get(part, part.replace('_', ' '))}" if part else label


def answer_rows(profile: Profile) -> list[tuple[str, str]]:
    """Every question with its answer; pregnancy and breastfeeding do not apply to a man."""
    answers = answers_dict(profile)
    rows = []
    for key, label in LABELS.items():
        value = answers.get(key)
        if value is None and key in ("pregnant", "breastfeeding") and profile.sex == "male":
            rows.append((label, "does not apply (male)"))
        else:
            rows.append((label, _fmt(value)))
    return rows


def derived_rows(profile: Profile) -> list[tuple[str, str]]:
    """The values worked out from the answers, as the page and the app both show them."""
    mitos = profile.mitos_stage
    return [
        ("Months since first symptom", months_words(profile.months_since_onset)),
        ("Months since diagnosis", months_words(profile.months_since_diagnosis)),
        ("ALSFRS-R total (0–48)", _number(profile.alsfrs_total, 0)),
        ("ΔFS (points lost a month since onset)", _number(profile.delta_fs, 2)),
        (
            "MiToS stage (0–4)",
            "not known (needs the 12 item scores)" if mitos is None else str(mitos),
        ),
    ]


def answers_dict(profile: Profile) -> dict[str, Any]:
    """The answers in the contract §1 shape (unanswered keys left out)."""
    data: dict[str, Any] = profile.model_dump(mode="json", exclude_none=True)
    return data


def answers_json(profile: Profile) -> bytes:
    """The answers as JSON the app and ``parse_profile`` load back unchanged."""
    return json.dumps(answers_dict(profile), indent=2, ensure_ascii=False).encode("utf-8")
