"""The words of the screen: limits, conditions, questions and reasons, for people.

Kept apart from the status logic (evaluate.py) so the wording can be read and improved in one
place; nothing here decides a status.
"""

from __future__ import annotations

from typing import Any

from screener.criteria.model import Criterion
from screener.factors import FACTOR_SPECS
from screener.factors.questions import PHRASES
from screener.screening import readers_drugs, readers_yes_no
from screener.screening.reading import Fact

__all__ = [
    "UNITS",
    "QUESTIONS",
    "LABELS",
    "NOT_READ",
    "question",
    "limit_text",
    "clause",
    "explain",
    "condition_words",
]

UNITS: dict[str, str] = {
    "percent": " %",
    "years": " years",
    "months": " months",
    "points": " points",
    "points_per_month": " points a month",
    "hours_per_day": " hours a day",
    "days": " days",
}
QUESTIONS: dict[str, str] = PHRASES
"""The plain question behind each profile key, as a phrase ("your age")."""
LABELS: dict[str, str] = {spec.name: spec.label for spec in FACTOR_SPECS if spec.label is not None}
"""A numeric factor's name inside a sentence ("time since diagnosis")."""
NOT_READ = (
    "The screener could not read this criterion reliably; the study team will check it "
    "with you (read the study's words)."
)


def question(key: str) -> str:
    """The plain question behind a profile key ("when your first symptoms began")."""
    if key in QUESTIONS:
        return QUESTIONS[key]
    if key.startswith("genes."):
        return f"your {key[6:]} gene test result"
    drug, _, part = key.partition(".")
    name = readers_drugs.DRUG_NAMES.get(drug, drug.replace("_", " "))
    words = {
        "": f"whether you take {name}",
        "stable_since": f"since when you take the same dose of {name}",
        "last_dose": f"when you last took {name}",
        "cycles_completed": f"how many {name} cycles you have completed",
    }
    return words.get(part, key.replace("_", " "))


def limit_text(op: str | None, value: Any, unit: str | None) -> str:
    """ "at least 50 %", "between 0.35 and 1.5 points a month"."""
    u = UNITS.get(unit or "", f" {unit}" if unit else "")
    if op == "between" and isinstance(value, list | tuple) and len(value) == 2:
        return f"between {value[0]:g} and {value[1]:g}{u}"
    words = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "==": "exactly"}
    shown = f"{value:g}" if isinstance(value, int | float) else str(value)
    return f"{words.get(op or '', op or '')} {shown}{u}"


def clause(c: Criterion) -> str:
    """The condition as "people who …" wording (for non-numeric factors)."""
    f, v = c.factor, c.value
    if f in readers_yes_no.FLAGS:
        return readers_yes_no.flag_phrase(f, bool(v))
    if f == "sex":
        return "are " + " or ".join(str(x).lower() for x in v)
    if f == "diagnosis_category":
        names = [str(x).replace("_", " ") for x in v]
        listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)
        return f"have a diagnosis category of {listed}"
    if f == "gene":
        which = c.extra.get("gene", "any")
        if which == "any":
            return (
                "carry a known ALS gene variant"
                if v == "positive"
                else "carry no known ALS gene variant"
            )
        return f"have a {v} {which} gene test"
    if f == "invasive_ventilation":
        return "are on invasive ventilation" if v else "are not on invasive ventilation"
    if f == "niv":
        if v == readers_yes_no.DAYTIME:
            return "use a breathing machine while awake (in the daytime)"
        return "use non-invasive ventilation (NIV)" if v else "do not use non-invasive ventilation"
    if f == "healthy_volunteers":
        return "are healthy volunteers" if v else "are not healthy volunteers"
    return readers_drugs.drug_condition(f, c.op, v, c.extra)


def explain(c: Criterion, fact: Fact, status: str) -> str:
    """The plain reason for a status: the person's answer, the study's limit, the outcome."""
    if status == "unknown":
        if fact.note:
            return f"{fact.note} The study team can check this."
        asked = "; ".join(question(k) for k in fact.missing) or "this"
        return f"Not answered yet: {asked}. The study team can check this."
    if not fact.numeric:
        people = clause(c)
        if c.kind == "inclusion":
            if status == "met":
                return f"{fact.person} This study is for people who {people} — that fits."
            return f"{fact.person} This study is only for people who {people}."
        if status == "not_met":
            return f"{fact.person} This study does not take people who {people}."
        return (
            f"{fact.person} This study does not take people who {people}, "
            "so this does not rule you out."
        )
    limit = limit_text(c.op, c.value, c.unit)
    if c.kind == "exclusion":
        if status == "not_met":
            return f"{fact.person} is {limit}, which rules people out of this study."
        return f"{fact.person} is not {limit}, so this does not rule you out."
    if status == "met":
        return f"{fact.person} meets this study's requirement of {limit}."
    bound = limit_text("", c.value, c.unit).strip()
    return {
        ">=": f"{fact.person} is below this study's minimum of {bound}.",
        ">": f"{fact.person} is not above this study's minimum of {bound}.",
        "<=": f"{fact.person} is above this study's maximum of {bound}.",
        "<": f"{fact.person} is not below this study's limit of {bound}.",
    }.get(c.op or "", f"{fact.person} is not {limit}, as this study requires.")


def condition_words(condition: Criterion, fact: Fact) -> str:
    """When a conditional criterion applies: the study's words, else "age at least 66 years"."""
    if condition.text:
        return condition.text
    if fact.numeric:
        label = LABELS.get(condition.factor, condition.factor)
        return f"{label} {limit_text(condition.op, condition.value, condition.unit)}"
    return f"people who {clause(condition)}"
