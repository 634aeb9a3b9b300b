"""Readers of who the person is and what was diagnosed: age, sex, dates, category, genes.

Every reader is registered under its factor (``reading.reads``); the shared ``Fact`` and
comparisons are ``reading.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from screener.criteria.model import Criterion
from screener.errors import Unreadable
from screener.factors.vocabulary import MAIN_GENES
from screener.person import alsfrs
from screener.person.profile import Profile
from screener.screening.reading import (
    Fact,
    Reader,
    as_of_text,
    fmt,
    numeric,
    reads,
    register,
    slack_days,
    unknown,
)

__all__ = [
    "age_years",
    "sex",
    "months_since_reader",
    "diagnosis_category",
    "silent_about",
    "AWAJI_LEVELS",
    "AWAJI_FLOOR",
    "gene",
    "healthy_volunteers",
]


@reads("age_years")
def age_years(p: Profile, c: Criterion) -> Fact:
    if p.age_years is None:
        return unknown("age_years")
    person = f"Your age ({fmt(p.age_years)} years)"
    if c.op == ">" and _is_number(c.value) and float(p.age_years) == float(c.value):
        # "Over 18" said of someone who is 18: in years and months they are over 18 on every
        # day but their birthday, and many texts mean "18 or older". The words do not decide.
        note = f"{person} is exactly the study's limit; 'over {fmt(c.value)}' may mean "
        return Fact(None, person, True, (), note + f"{fmt(c.value)} or older.")
    return numeric(person, p.age_years, p.age_years, c)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@reads("sex")
def sex(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, list | tuple) or not c.value:
        raise Unreadable(f"sex needs a list of sexes, got {c.value!r}")
    if p.sex is None:
        return unknown("sex")
    allowed = {str(v).lower() for v in c.value}
    return Fact(p.sex in allowed, f"You said your sex is {p.sex}.")


def months_since_reader(key: str, what: str) -> Reader:
    """The reader of months since the date under ``key`` (the first symptom, the diagnosis)."""

    def read(p: Profile, c: Criterion) -> Fact:
        start: date | None = getattr(p, key)
        if start is None:
            return unknown(key)
        months = p.months_since(start) or 0.0
        slack = slack_days(start, p.as_of) / alsfrs.DAYS_PER_MONTH
        person = f"The time since your {what} ({fmt(months)} months at {as_of_text(p)})"
        near = (
            f"{person} is within a few weeks of this study's limit, and the date was given "
            "only to the month; the exact day would settle it."
        )
        return numeric(person, max(0.0, months - slack), months + slack, c, key, near=near)

    return read


register("months_since_onset", months_since_reader("onset_date", "first symptoms"))
register("months_since_diagnosis", months_since_reader("diagnosis_date", "diagnosis"))


@reads("diagnosis_category")
def diagnosis_category(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, list | tuple):
        raise Unreadable(f"diagnosis_category needs a list, got {c.value!r}")
    if p.diagnosis_category in (None, "unknown"):
        return unknown("diagnosis_category")
    shown = p.diagnosis_category.replace("_", " ")
    person = f"Your recorded diagnosis category is {shown}."
    if c.extra.get("system") != "awaji":
        if silent_about(c, p.diagnosis_category):
            note = (
                f"{person} The study's words name {_named(c.value)} ALS but say nothing of "
                "laboratory-supported probable ALS, which may or may not be accepted."
            )
            return Fact(None, person, False, (), note)
        return Fact(p.diagnosis_category in c.value, person)
    # Awaji counts EMG findings as clinical signs, so a category recorded under El Escorial
    # can only be the same or higher under Awaji: decided only if every such level agrees.
    levels = AWAJI_LEVELS[AWAJI_FLOOR[p.diagnosis_category] :]
    inside = [level in c.value for level in levels]
    if all(inside) or not any(inside):
        return Fact(all(inside), person)
    note = (
        f"{person} This study uses the Awaji criteria, under which your category may be "
        "higher; your neurologist or the study team can say."
    )
    return Fact(None, person, False, (), note)


_LABORATORY = re.compile(r"laborator|\blab\b|lab-|electro|\bemg\b", re.I)


def silent_about(c: Criterion, category: str) -> bool:
    """Whether a category list neither names nor rules out the person's category.

    "Probable or definite ALS" names neither laboratory-supported probable (a category of
    its own in the revised El Escorial criteria) nor says it is not wanted: for a person in
    that category the words do not decide, so the answer is unknown, never "not met".
    """
    return (
        category == "probable_laboratory_supported"
        and category not in c.value
        and "probable" in c.value
        and not _LABORATORY.search(c.text)
    )


def _named(categories: Sequence[str]) -> str:
    words = [str(v).replace("_", " ") for v in categories]
    return " or ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " or " + words[-1]


AWAJI_LEVELS = ("possible", "probable", "definite")
AWAJI_FLOOR = {"possible": 0, "probable_laboratory_supported": 1, "probable": 1, "definite": 2}


@reads("gene")
def gene(p: Profile, c: Criterion) -> Fact:
    which = str(c.extra.get("gene", "any"))
    if c.value not in ("positive", "negative") or which not in (*MAIN_GENES, "other", "any"):
        raise Unreadable(f"gene needs positive/negative and a known gene, got {c.value!r} {which}")
    results = p.genes.model_dump() if p.genes is not None else {}
    if which != "any":
        result = results.get(which)
        if result not in ("positive", "negative"):
            return unknown("genes." + which)
        return Fact(result == c.value, f"Your {which} gene test is {result}.")
    positive = [g for g, r in results.items() if r == "positive"]
    all_negative = all(results.get(g) == "negative" for g in (*MAIN_GENES, "other"))
    if positive:
        carrier = True
        person = f"Your gene test is positive for {', '.join(positive)}."
    elif all_negative:
        carrier = False
        person = "You said all your ALS gene tests are negative."
    else:
        return unknown("genes")
    return Fact(carrier == (c.value == "positive"), person)


@reads("healthy_volunteers")
def healthy_volunteers(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, bool):
        raise Unreadable(f"healthy_volunteers needs true or false, got {c.value!r}")
    if p.onset_date or p.diagnosis_date or p.diagnosis_category not in (None, "unknown"):
        return Fact(not c.value, "You have ALS, so you are not a healthy volunteer.")
    return unknown("diagnosis_date")
