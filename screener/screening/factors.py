"""What the person's answers say about one condition: true, false, or not known.

Each factor's reader turns (profile, criterion) into a ``Fact``: whether the condition
``factor op value`` holds for the person, a plain description of the person's answer, and,
when it cannot be told, which answers would settle it. Answers given only to the month are
treated as a range (±16 days), so a person right at a limit is "unknown", never excluded
on a rounding. Kind (inclusion/exclusion) and wording of the verdict live in evaluate.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from screener.criteria.model import Criterion
from screener.errors import Unreadable
from screener.person import alsfrs
from screener.person.profile import Profile, month_only

NUMERIC_OPS = (">=", ">", "<=", "<", "between", "==")
MONTH_SLACK_DAYS = 16
"""A date given as YYYY-MM stands for the 15th; the real day may be up to 16 days away."""


@dataclass(slots=True)  # not frozen: built for every criterion of every study, and short-lived
class Fact:
    """Whether the condition holds for this person, and what the person's answer is."""

    holds: bool | None
    person: str = ""
    """A noun phrase for numbers ("Your age (52 years)"), else a sentence ("You said …")."""
    numeric: bool = False
    missing: tuple[str, ...] = ()
    """Profile keys that would settle it when ``holds`` is None."""
    note: str = ""
    """Why an answer that was given still does not settle it."""


def unknown(*keys: str, note: str = "") -> Fact:
    return Fact(None, missing=keys, note=note)


def fmt(number: float, digits: int = 1) -> str:
    """A number for people: no trailing zeros."""
    return f"{round(number, digits):g}"


def compare(lo: float, hi: float, op: str | None, value: Any) -> bool | None:
    """Does every value in [lo, hi] satisfy ``op value`` (True), none (False), or some (None)?"""
    if op == "between":
        if not isinstance(value, Sequence) or len(value) != 2:
            raise Unreadable(f"'between' needs [low, high], got {value!r}")
        a, b = (_number(v) for v in value)
        if lo >= a and hi <= b:
            return True
        return False if hi < a or lo > b else None
    v = _number(value)
    if op == ">=":
        every, none = lo >= v, hi < v
    elif op == "<=":
        every, none = hi <= v, lo > v
    elif op == ">":
        every, none = lo > v, hi <= v
    elif op == "<":
        every, none = hi < v, lo >= v
    elif op == "==":
        every, none = lo == hi == v, v < lo or v > hi
    else:
        raise Unreadable(f"operator {op!r} is not a comparison")
    return True if every else False if none else None


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unreadable(f"expected a number, got {value!r}")
    return float(value)


def numeric(person: str, lo: float, hi: float, c: Criterion, *keys: str, near: str = "") -> Fact:
    """A numeric fact; when the answer's range straddles the limit, say so and ask for more."""
    holds = compare(lo, hi, c.op, c.value)
    if holds is None:
        return Fact(
            None, person, True, keys, near or f"{person} is too close to the limit to tell."
        )
    return Fact(holds, person, True)


def _slack(*dates: date | None) -> int:
    return MONTH_SLACK_DAYS * sum(1 for d in dates if month_only(d))


def _as_of_text(p: Profile) -> str:
    return p.as_of_date.isoformat()


# --- person ----------------------------------------------------------------------------


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


def sex(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, list | tuple) or not c.value:
        raise Unreadable(f"sex needs a list of sexes, got {c.value!r}")
    if p.sex is None:
        return unknown("sex")
    allowed = {str(v).lower() for v in c.value}
    return Fact(p.sex in allowed, f"You said your sex is {p.sex}.")


def months_since_reader(key: str, what: str) -> Callable[[Profile, Criterion], Fact]:
    def read(p: Profile, c: Criterion) -> Fact:
        start: date | None = getattr(p, key)
        if start is None:
            return unknown(key)
        months = p.months_since(start) or 0.0
        slack = _slack(start, p.as_of) / alsfrs.DAYS_PER_MONTH
        person = f"The time since your {what} ({fmt(months)} months at {_as_of_text(p)})"
        near = (
            f"{person} is within a few weeks of this study's limit, and the date was given "
            "only to the month; the exact day would settle it."
        )
        return numeric(person, max(0.0, months - slack), months + slack, c, key, near=near)

    return read


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


# --- yes/no answers ---------------------------------------------------------------------

FLAGS: dict[str, tuple[str, str, str]] = {
    # factor: (profile key, "You said you …" when true, … when false)
    "gold_coast": (
        "gold_coast",
        "meet the Gold Coast criteria",
        "do not meet the Gold Coast criteria",
    ),
    "familial": (
        "familial",
        "have a family history of ALS or FTD",
        "have no family history of ALS or FTD",
    ),
    "tracheostomy": ("tracheostomy", "have a tracheostomy", "do not have a tracheostomy"),
    "gastrostomy": ("gastrostomy", "have a feeding tube", "do not have a feeding tube"),
    "swallow_pills": ("can_swallow_pills", "can swallow pills", "cannot swallow pills"),
    "pregnancy": ("pregnant", "are pregnant", "are not pregnant"),
    "breastfeeding": ("breastfeeding", "are breastfeeding", "are not breastfeeding"),
    "dementia": ("dementia", "have dementia or FTD", "do not have dementia or FTD"),
    "other_neurological_disease": (
        "other_neurological_disease",
        "have another neurological disease",
        "do not have another neurological disease",
    ),
}


def flag_phrase(factor: str, value: bool) -> str:
    """ "have a tracheostomy" / "do not have a tracheostomy" for condition wording."""
    _, yes, no = FLAGS[factor]
    return yes if value else no


def flag_reader(factor: str) -> Callable[[Profile, Criterion], Fact]:
    key, yes, no = FLAGS[factor]

    def read(p: Profile, c: Criterion) -> Fact:
        if not isinstance(c.value, bool):
            raise Unreadable(f"{factor} needs true or false, got {c.value!r}")
        answer: bool | None = getattr(p, key)
        if answer is None and factor in ("pregnancy", "breastfeeding") and p.sex == "male":
            # Not a guess: the question does not apply to a man.
            return Fact(not c.value, "This does not apply: you said your sex is male.")
        if answer is None:
            return unknown(key)
        said = f"You said you {yes if answer else no}."
        scope = c.extra.get("scope")
        if scope and answer and c.value is True:
            # "Another neurodegenerative disease": a yes to the wider question does not settle it.
            note = f"{said} This study means only {scope} diseases; the study team can say."
            return Fact(None, said, False, (), note)
        return Fact(answer == c.value, said)

    return read


def invasive_ventilation(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, bool):
        raise Unreadable(f"invasive_ventilation needs true or false, got {c.value!r}")
    if p.ventilation is None:
        return unknown("ventilation")
    invasive = p.ventilation == "invasive"
    person = _ventilation_text(p.ventilation)
    return Fact(invasive == c.value, person)


def _ventilation_text(ventilation: str) -> str:
    return {
        "none": "You said you use no breathing machine.",
        "niv_night": "You said you use non-invasive ventilation (NIV) at night.",
        "niv_day_and_night": "You said you use non-invasive ventilation (NIV) day and night.",
        "invasive": "You said you are on invasive ventilation (through a tracheostomy or tube).",
    }[ventilation]


DAYTIME = "daytime"
"""``niv == "daytime"``: uses a breathing machine while awake, not only at night."""
_DAYTIME_HOURS = 12
"""More hours a day than a night's sleep: some of them are spent awake."""


def niv(p: Profile, c: Criterion) -> Fact:
    if c.value == DAYTIME:
        return _niv_daytime(p)
    if c.unit == "hours_per_day" or not isinstance(c.value, bool):
        return _niv_hours(p, c)
    if p.ventilation == "invasive":
        return unknown(
            note="You are on invasive ventilation; whether that counts here is for the study team."
        )
    if p.ventilation is not None:
        uses = p.ventilation in ("niv_night", "niv_day_and_night")
        return Fact(uses == c.value, _ventilation_text(p.ventilation))
    if p.niv_hours_per_day is not None:
        uses = p.niv_hours_per_day > 0
        return Fact(
            uses == c.value, f"You said you use NIV {fmt(p.niv_hours_per_day)} hours a day."
        )
    return unknown("ventilation")


def _niv_daytime(p: Profile) -> Fact:
    """Breathing support while awake: day-and-night NIV yes, night-time NIV no.

    Invasive ventilation can be used at night only, so it does not settle it.
    """
    if p.ventilation == "invasive":
        note = "You are on invasive ventilation; whether you use it while awake is for the team."
        return unknown(note=note)
    if p.ventilation is not None and p.ventilation != "niv_night":
        return Fact(p.ventilation != "none", _ventilation_text(p.ventilation))
    hours = p.niv_hours_per_day
    if hours is not None and (hours == 0 or hours > _DAYTIME_HOURS):
        return Fact(hours > 0, f"You said you use NIV {fmt(hours)} hours a day.")
    if p.ventilation == "niv_night":
        return Fact(False, _ventilation_text(p.ventilation))
    return unknown("ventilation")


def _niv_hours(p: Profile, c: Criterion) -> Fact:
    if p.niv_hours_per_day is not None:
        h = p.niv_hours_per_day
        return numeric(f"Your time on NIV ({fmt(h)} hours a day)", h, h, c)
    if p.ventilation == "none":
        return numeric("Your time on NIV (none)", 0.0, 0.0, c)
    return unknown("niv_hours_per_day")


# --- genes and diagnosis-related -----------------------------------------------------------

MAIN_GENES = ("SOD1", "C9orf72", "FUS", "TARDBP")


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


def healthy_volunteers(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, bool):
        raise Unreadable(f"healthy_volunteers needs true or false, got {c.value!r}")
    if p.onset_date or p.diagnosis_date or p.diagnosis_category not in (None, "unknown"):
        return Fact(not c.value, "You have ALS, so you are not a healthy volunteer.")
    return unknown("diagnosis_date")
