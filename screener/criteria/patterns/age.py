"""Age limits written in the eligibility text ("between 18 and 80", "aged 18 years or older")."""

from __future__ import annotations

import re

from screener.criteria.context import Found, Section, review, threshold
from screener.criteria.numbers import NUMBER, Threshold, find_ranges, find_thresholds, to_number

__all__ = ["AGE_WORDS", "find_age"]

AGE_WORDS = re.compile(
    r"\bage[sd]?\b(?!\s+group)|years? of age|years? old|yrs? old|\bminors?\b|"
    r"\d\s*years? (?:or|and) (?:older|over|above)"
)
# Ages that belong to someone else, or to another moment than today.
_NOT_THE_PERSON_NOW = re.compile(
    r"caregiver|care giver|partner|significant other|relative|spouse|informant|operator|"
    r"interlocutor|\bcontrols?\b|age[- ]matched|matched|at (?:the )?time of (?:disease |symptom )?"
    r"onset|at onset|age (?:at|of) (?:\w+ )?onset|onset age|at diagnosis|residents?"
)
_NOT_AN_AGE = re.compile(
    r"child ?-?bearing age|reproductive age|fertile age|age group|stage|for age\b|"
    r"\bage\b(?=\s*(?:,|and)\s*(?:height|gender|sex|ethnicity|weight))|"
    r"(?:height|gender|sex|weight|ethnicity),?\s*(?:and\s+)?age\b"
)
_ONSET_WORDS = re.compile(r"onset|first symptoms?")
_MINORS = re.compile(r"^(?:persons? who are |patients? who are )?minors?$")
_IMPLIED_MINIMUM = re.compile(
    rf"\bage[sd]?\s*:?\s*(?P<lo>{NUMBER})\s*(?:years?|yrs?)?\s+and\s+(?:less than|under|below|"
    r"younger than|<|<=)"
)
_SANDWICH = re.compile(
    rf"(?P<lo>{NUMBER})\s*(?P<op1><=|<)\s*age\s*(?P<op2><=|<)\s*(?P<hi>{NUMBER})"
)
_YEARS_AFTER = re.compile(r"\s*(?:years?|yrs?|y/o|yo)\b")
_AGE_BEFORE = re.compile(r"(?:\bage[sd]?|ages of|age of)\s*:?\s*(?:is\s+|of\s+|between\s+)?$")
_LEADING_LIST_NUMBER = re.compile(r"^\d{1,2}\.(?=\d)")
_CARRY = re.compile(r"^(?:but|and)\s")


def find_age(clause: str, item: str, section: Section) -> list[Found]:
    """Age limits in one clause; an age mention that cannot be read is kept for review."""
    clause = _NOT_AN_AGE.sub(" ", clause)
    if not AGE_WORDS.search(clause):
        return []
    if _NOT_THE_PERSON_NOW.search(clause):
        return [review("age_years", section)]
    if section == "exclusion" and _MINORS.match(clause.strip(" .")):
        # "Minors" alone: under the age of majority, 18 in nearly every trial country.
        return [Found("age_years", "exclusion", "<", 18, "years", {"original": "minors"})]
    clause = _LEADING_LIST_NUMBER.sub("", clause)
    limits = _limits(clause)
    implied = _IMPLIED_MINIMUM.search(clause)
    if implied and not any(t.op in {">=", ">", "between"} for t in limits):
        # "age 18 years and less than 75 years": the bare first number is the minimum.
        number = to_number(implied.group("lo"))
        limits.append(Threshold(">=", number, "years", 0, 0, implied.group(0)))
    if not limits:
        return [review("age_years", section)]
    lower = {(t.op, _key(t.value)) for t in limits if t.op in {">=", ">"}}
    upper = {(t.op, _key(t.value)) for t in limits if t.op in {"<=", "<"}}
    ranges = {_key(t.value) for t in limits if t.op == "between"}
    if len(lower) > 1 or len(upper) > 1 or len(ranges) > 1:
        # Two different minimum ages in one clause ("19 or older; 21 in Puerto Rico").
        return [review("age_years", section)]
    return [
        threshold("age_years", section, t.op, t.value, "years", {"original": t.original.strip()})
        for t in _dedupe(limits)
    ]


def _limits(clause: str) -> list[Threshold]:
    sandwich = _SANDWICH.search(clause)
    if sandwich:
        lo, hi = to_number(sandwich.group("lo")), to_number(sandwich.group("hi"))
        if sandwich.group("op1") == "<=" and sandwich.group("op2") == "<=":
            return [Threshold("between", [lo, hi], "years", 0, 0, sandwich.group(0))]
        return [
            Threshold(">=" if sandwich.group("op1") == "<=" else ">", lo, "years", 0, 0, ""),
            Threshold(sandwich.group("op2"), hi, "years", 0, 0, sandwich.group(0)),
        ]
    found: list[Threshold] = []
    segments = clause.split(",")
    in_age = False
    for segment in segments:
        in_age = bool(AGE_WORDS.search(segment)) or (in_age and bool(_CARRY.match(segment.strip())))
        if in_age:
            found.extend(_segment_limits(segment))
    return found


def _segment_limits(segment: str) -> list[Threshold]:
    found: list[Threshold] = []
    for limit in find_ranges(segment):
        if _is_age_number(segment, limit):
            found.append(limit)
    for limit in find_thresholds(segment):
        if any(r.start <= limit.start < r.end or limit.start <= r.start < limit.end for r in found):
            continue
        if _is_age_number(segment, limit):
            found.append(limit)
    return found


def _is_age_number(segment: str, limit: Threshold) -> bool:
    """A number is an age when "years" follows it or "age" comes just before it.

    An age after the onset is named ("onset of … at ≤ 50 years of age") is the age at
    onset, not today's age.
    """
    after = segment[limit.end :]
    before = segment[: limit.start]
    if _ONSET_WORDS.search(before):
        return False
    if _YEARS_AFTER.match(after) or re.search(r"years?|yrs?|\bages?\b", limit.original):
        return True
    return bool(_AGE_BEFORE.search(before))


def _key(value: object) -> str:
    return repr(value)


def _dedupe(limits: list[Threshold]) -> list[Threshold]:
    seen: set[tuple[str, str]] = set()
    out: list[Threshold] = []
    for limit in limits:
        key = (limit.op, _key(limit.value))
        if key not in seen:
            seen.add(key)
            out.append(limit)
    return out
