"""Rule files must do what their notes say: a note that sends a person to the study team
about something must not sit beside a rule that turns that person away.

Notes are free text for people, so only notes that promise "ask the study team" about a
thing the screener can name are checked, with a person who has exactly that thing: a note
about laboratory-supported probable ALS is checked with a person in that El Escorial
category, a note about NIV with a person on night-time NIV. ``rules check`` reports each
contradiction naming the file and the rule; a test runs it on every shipped rule file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from screener.criteria.model import Criterion
from screener.person.profile import parse_profile
from screener.rules.model import StudyRules
from screener.screening.evaluate import evaluate

__all__ = ["note_contradictions"]

_ASKS = re.compile(
    r"ask the study team|the study team decides|rather than be turned away|should ask", re.I
)
_SAYS_EXCLUDES = re.compile(r"\bexcludes?\b|\bexcluded\b", re.I)
_PROBES: tuple[tuple[re.Pattern[str], str, str, dict[str, Any]], ...] = (
    (
        re.compile(r"laboratory[- ]supported|lab[- ]supported", re.I),
        "diagnosis_category",
        "laboratory-supported probable ALS",
        {"diagnosis_category": "probable_laboratory_supported"},
    ),
    (
        re.compile(r"\bNIV\b|BiPAP|non-invasive ventilation", re.I),
        "niv",
        "night-time NIV",
        {"ventilation": "niv_night", "niv_hours_per_day": 8},
    ),
)
_AS_OF = "2026-01-01"


def note_contradictions(rules: StudyRules) -> list[str]:
    """One message per rule that excludes the very person its notes send to the study team."""
    problems: list[str] = []
    for note in rules.notes:
        problems.extend(_check(rules.name, note, rules.criteria))
    for criterion in rules.criteria:
        own = criterion.extra.get("note")
        if isinstance(own, str):
            problems.extend(_check(rules.name, own, (criterion,)))
    return list(dict.fromkeys(problems))


def _check(name: str, note: str, criteria: Iterable[Criterion]) -> list[str]:
    if not _ASKS.search(note) or _SAYS_EXCLUDES.search(note):
        return []
    problems: list[str] = []
    for words, factor, who, answers in _PROBES:
        if not words.search(note):
            continue
        person = parse_profile({"as_of": _AS_OF, **answers})
        for criterion in criteria:
            if criterion.factor != factor or not criterion.understood:
                continue
            if evaluate(person, criterion).status == "not_met":
                problems.append(
                    f"{name}: rule '{criterion.extra.get('rule')}': its notes send people with "
                    f"{who} to the study team, but the rule excludes them"
                )
    return problems
