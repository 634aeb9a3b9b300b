"""What every pattern family shares: clauses, negation, sides, and the shape of a finding.

A *finding* is a criterion before it gets its evidence text. Families read one clause of
normalised text (see :mod:`screener.criteria.numbers`) and say which side it belongs on;
the orchestrator (:mod:`screener.criteria.extract`) attaches the item's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from screener.criteria.model import Kind

__all__ = [
    "Section",
    "PERMISSIVE",
    "JUDGEMENT",
    "Found",
    "review",
    "clauses",
    "negated_at",
    "state",
    "threshold",
]

Section = Literal["inclusion", "exclusion", "unlabelled"]

# A clause ends at ";", at a sentence end, or at an inline list number ("... 2. onset").
_CLAUSE_SPLIT = re.compile(
    r";|(?<=[a-z)\]%])(?<!e\.g)(?<!i\.e)(?<!etc)(?<!\bvs)(?<!\bno)(?<!approx)\.\s+(?=[a-z(])|"
    r"(?<!\d)\.\s+(?=\d+[.)]\s)|\s(?=\d{1,2}[.)]\s+[a-z])|[①-⑩]"
)
# "non-invasive" and "noninvasive" are not negations.
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|neither|nor|absence of|free of|free from|lack of|"
    r"none|negative for|cannot|can't|unable|inability|must not|may not|should not|"
    r"naive|naïve)\b|\bnon(?=[- ]?(?:lactating|pregnant|breast))"
)
# Words that end the reach of a negation: "not pregnant, lactating or breastfeeding" negates
# the whole list, but "not pregnant and has a tracheostomy" must not negate the tracheostomy.
_NEGATION_STOP = re.compile(
    r"\b(?:but|however|except|unless|although|with|who|which|if|has|have)\b|[;:]"
)

PERMISSIVE = re.compile(
    r"whether or not|not (?:a )?requirement|not required|are eligible|is eligible|is allowed|"
    r"are allowed|permitted|may have|may be included|can be included|is acceptable|"
    r"are acceptable|not exclusionary|may (?:also )?be (?:enrolled|eligible|considered)|"
    r"can be enrolled"
)
JUDGEMENT = re.compile(
    r"\b(?:significant|significantly|severe|advanced|sufficient|precluding|preclude|prevent|"
    r"prevents|preventing|impair|impairs|impairing|would|that may|might|judged|judgment|"
    r"judgement|opinion|discretion|opinion of|as determined|determined by|limit|limits|"
    r"limiting|interfere|uncontrolled|unstable|excessive|confound|confounding|expected to|"
    r"rendering|hinder|hindering|in the opinion|impossible|making it|affect|affects|major)\b"
)


@dataclass(frozen=True, slots=True)
class Found:
    """A criterion found in a clause, without its evidence text yet."""

    factor: str
    kind: Kind
    op: str | None
    value: Any = None
    unit: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def review(factor: str, section: Section, **extra: Any) -> Found:
    """A mention of ``factor`` the family could not read fully: kept for review."""
    kind: Kind = "exclusion" if section == "exclusion" else "inclusion"
    return Found(factor, kind, None, None, None, dict(extra))


@lru_cache(maxsize=4096)
def clauses(text: str) -> tuple[str, ...]:
    """Normalised item text cut into clauses (sentences, ";" parts, inline numbered parts)."""
    parts = (part.strip(" ,.") for part in _CLAUSE_SPLIT.split(text))
    return tuple(part for part in parts if part)


def negated_at(clause: str, position: int, window: int = 70) -> bool:
    """Whether a negation governs the word at ``position`` (looking back ``window`` chars)."""
    start = max(0, position - window)
    before = clause[start:position]
    last = None
    for match in _NEGATION.finditer(before):
        last = match
    if last is None:
        return False
    between = before[last.end() :]
    return _NEGATION_STOP.search(between) is None


def state(
    factor: str,
    section: Section,
    negated: bool,
    *,
    value: Any = True,
    bad_state: bool = True,
    extra: dict[str, Any] | None = None,
) -> Found:
    """A yes/no state read with its side, or a review when the side makes no sense.

    ``bad_state`` factors (tracheostomy, pregnancy…) are things studies exclude: an
    inclusion that *requires* one is kept for review rather than trusted, because a
    mis-filed exclusion item would otherwise turn every patient away.
    """
    info = dict(extra or {})
    if section == "exclusion":
        if negated:
            return review(factor, section, **info)
        return Found(factor, "exclusion", "==", value, None, info)
    if negated:
        return Found(factor, "exclusion", "==", value, None, info)
    if bad_state or section == "unlabelled":
        return review(factor, section, **info)
    return Found(factor, "inclusion", "==", value, None, info)


_PLAUSIBLE_EXCLUSION_OPS: dict[str, set[str]] = {
    "age_years": {"<", "<=", ">", ">="},
    "vital_capacity": {"<", "<="},
    "alsfrs_r_total": {"<", "<="},
    "alsfrs_r_item": {"<", "<="},
    "alsfrs_r_subscore": {"<", "<="},
}
_PLAUSIBLE_UNLABELLED_OPS: dict[str, set[str]] = {
    "age_years": {">=", ">", "between"},
    "vital_capacity": {">=", ">", "between"},
    "alsfrs_r_total": {">=", ">", "between"},
    "alsfrs_r_item": {">=", ">", "between"},
    "alsfrs_r_subscore": {">=", ">", "between"},
    "months_since_onset": {"<=", "<", "between"},
    "months_since_diagnosis": {"<=", "<", "between"},
    "alsfrs_r_slope": {">=", ">", "between"},
    "niv": set(),
}


def threshold(
    factor: str,
    section: Section,
    op: str,
    value: Any,
    unit: str | None,
    extra: dict[str, Any] | None = None,
) -> Found:
    """A numeric limit on the section's side, or a review when its direction is implausible.

    An exclusion "between 18 and 80 years" or an unheaded "FVC < 50 %" is almost always an
    item filed under the wrong heading; reading it literally would exclude the very people
    the study wants.
    """
    info = dict(extra or {})
    if section == "exclusion":
        allowed = _PLAUSIBLE_EXCLUSION_OPS.get(factor)
        if allowed is not None and op not in allowed:
            return review(factor, section, **info)
        return Found(factor, "exclusion", op, value, unit, info)
    if section == "unlabelled":
        allowed = _PLAUSIBLE_UNLABELLED_OPS.get(factor)
        if allowed is not None and op not in allowed:
            return review(factor, section, **info)
    if factor == "vital_capacity" and op in {"<", "<="}:
        # An inclusion *maximum* breathing capacity is almost always a misfiled exclusion
        # or one alternative of several; read literally it would turn away most patients.
        return review(factor, section, **info)
    return Found(factor, "inclusion", op, value, unit, info)
