"""Recent investigational drugs and other trials ("within 30 days", "5 half-lives or 30 days").

"Within 30 days or 5 half-lives, whichever is longer" is read as within 30 days with a note:
30 days is the *least* the study asks, so a person inside it is surely excluded, and one
outside it may still be (the note sends that to the study team). Taking part in another
trial within a window is read the same way, with a note that it is about trial participation.
"""

from __future__ import annotations

import re

from screener.criteria.context import Found, Section, negated_at, review
from screener.criteria.numbers import COMPARATOR, NUMBER, comparator_op, to_days

__all__ = ["find_investigational"]

_INVESTIGATIONAL = re.compile(
    r"(?<!other than )investigational|experimental (?:drug|therap\w*|treatment|agent|medication)|"
    r"(?:other|another) study drug"
)
_TRIAL = re.compile(
    r"(?:other|another|concurrent|concomitant|additional)\s+(?!than\b)(?:\w+\s+){0,2}?(?:trials?|"
    r"stud(?:y|ies)|protocol|research|investigation)\b|"
    r"(?:participat\w*|enrol\w*) in (?:an?\s+|any\s+)?"
    r"(?:\w+\s+)?(?:clinical|interventional|drug)\s+(?:\w+\s+)?(?:trials?|stud(?:y|ies))"
)
_WITHIN = re.compile(
    rf"{COMPARATOR}\s*(?:the\s+)?(?:(?:past|last|previous|preceding|prior)\s+)?"
    rf"(?P<num>{NUMBER})\s*(?P<unit>years?|months?|weeks?|days?)\b"
)
_USE = re.compile(
    r"\b(?:use|used|using|received|receiving|taken|taking|exposure|treated|participat\w*|enrol\w*|"
    r"concurrent|current|currently|on)\b"
)
_PLAIN_DAYS = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>days?|weeks?|months?)\b")
_HALF_LIVES = re.compile(r"half-?li(?:fe|ves)")
_NOT_DRUG = re.compile(r"device only|observational|non-interventional")


def find_investigational(clause: str, item: str, section: Section) -> list[Found]:
    """A recent investigational drug (or another trial) as an exclusion window in days."""
    drug = _INVESTIGATIONAL.search(clause)
    trial = _TRIAL.search(clause)
    anchor = drug or trial
    if anchor is None:
        return []
    negated = negated_at(clause, anchor.start())
    if section != "exclusion" and not negated:
        return []  # taking part in this study, or its requirements: no limit on the person
    if section == "unlabelled":
        return [review("investigational_drug", section)]
    if section == "exclusion" and negated:
        return [review("investigational_drug", section)]
    days = _window(clause)
    if days is None and not _USE.search(clause):
        return []  # "administration of the investigational product": not about the person
    if days is None or _NOT_DRUG.search(clause):
        return [review("investigational_drug", section)]
    extra: dict[str, object] = {}
    if _HALF_LIVES.search(clause):
        extra["note"] = "or 5 half-lives if longer: the window may be longer than this"
    if drug is None:
        extra["about"] = "taking part in another trial"
    return [Found("investigational_drug", "exclusion", "within", days, "days", extra)]


def _window(clause: str) -> int | None:
    for match in _WITHIN.finditer(clause):
        op = comparator_op(match.group("cmp"))
        if op in {"<=", "<"}:
            return to_days(float(match.group("num")), match.group("unit"))
    if "within" in clause and _HALF_LIVES.search(clause):
        # "within 5 half-lives or 30 days": the days are the stated (minimum) window.
        days = _PLAIN_DAYS.search(clause)
        if days:
            return to_days(float(days.group("num")), days.group("unit"))
    return None
