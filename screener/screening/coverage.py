"""How much of a study the answers actually checked, and whether that is enough for "likely".

The contract calls a study ``likely`` when no understood criterion is unmet or unknown. A study
read on age alone passes that test without telling anyone anything about ALS, so "likely" also
needs the study's core ALS factors (diagnosis, disease duration, ALSFRS-R, breathing, genes)
to be among the checked criteria: every core factor the study states must be met, and at least
one must be checked. Everything here is about one study's criterion results; nothing about the
person is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from screener.screening.evaluate import CriterionResult

__all__ = ["CORE_FACTORS", "DEMOGRAPHIC", "Coverage", "core_topics_named", "coverage"]

CORE_FACTORS: dict[str, str] = {
    "diagnosis_category": "ALS diagnosis",
    "gold_coast": "ALS diagnosis",
    "months_since_onset": "time since first symptoms",
    "months_since_diagnosis": "time since diagnosis",
    "alsfrs_r_total": "ALSFRS-R",
    "alsfrs_r_item": "ALSFRS-R",
    "alsfrs_r_subscore": "ALSFRS-R",
    "alsfrs_r_slope": "ALSFRS-R",
    "vital_capacity": "breathing test",
    "gene": "gene test",
}
"""Core ALS factors, each with the topic it is worded as."""
DEMOGRAPHIC: dict[str, str] = {"age_years": "age", "sex": "sex"}
# Unread criteria still say which core topics the study states: a study whose "ALSFRS-R ≥ 30"
# could not be read has not been checked on ALSFRS-R, however well the rest went.
_CORE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ALSFRS-R", re.compile(r"ALS-?FRS|functional rating scale", re.I)),
    ("breathing test", re.compile(r"\b[FS]VC\b|vital capacity", re.I)),
    (
        "ALS diagnosis",
        re.compile(r"El Escorial|Awaji|Gold Coast|\b(?:definite|probable) ALS", re.I),
    ),
    (
        "time since first symptoms",
        re.compile(
            r"(?:symptom|disease|weakness) onset|onset of (?:\w+ )?(?:symptom|weakness)", re.I
        ),
    ),
    ("gene test", re.compile(r"\bSOD1\b|C9orf72|\bFUS\b|TARDBP", re.I)),
)


class Coverage(NamedTuple):
    """What one study's screen checked: counts, and the core topics it states and checked."""

    checked: int
    """Criteria the answers settled (met or not met)."""
    stated: int
    """Every criterion the study states (its text, its rules and the registry's fields)."""
    met: int
    stated_core: frozenset[str]
    checked_core: frozenset[str]
    checked_topics: tuple[str, ...]
    """Topics of the met criteria, in order (for "only age could be checked")."""

    @property
    def enough_for_likely(self) -> bool:
        """Whether the checked criteria include every core ALS topic the study states."""
        if self.stated_core:
            return self.stated_core <= self.checked_core
        # A study stating no core topic is "likely" only on more than age and sex.
        return any(t not in DEMOGRAPHIC.values() for t in self.checked_topics)

    @property
    def words(self) -> str:
        """ "3 of 12 criteria checked"."""
        return f"{self.checked} of {self.stated} criteria checked"

    def shortfall(self) -> str | None:
        """Why a study that passed the contract's test is still only "possible", in words."""
        if self.enough_for_likely:
            return None
        missing = sorted(self.stated_core - self.checked_core)
        if missing:
            return (
                f"The study's {_join(missing)} criteria could not be checked, so it can only be "
                "a 'possible' fit."
            )
        topics = _join(list(dict.fromkeys(self.checked_topics))) or "nothing"
        return f"Only {topics} could be checked, so this study can only be a 'possible' fit."


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _topic(result: CriterionResult) -> str:
    factor = result.criterion.factor
    return CORE_FACTORS.get(factor) or DEMOGRAPHIC.get(factor) or factor.replace("_", " ")


@cache
def core_topics_named(text: str) -> frozenset[str]:
    """Core ALS topics an unread criterion names (cached: texts repeat, people do not)."""
    return frozenset(t for t, pattern in _CORE_WORDS if pattern.search(text))


def coverage(results: Sequence[CriterionResult]) -> Coverage:
    """Count what was checked and which core ALS topics the study states and had checked."""
    stated_core: set[str] = set()
    checked_core: set[str] = set()
    topics: list[str] = []
    checked = met = 0
    for r in results:
        factor = r.criterion.factor
        if r.status in ("met", "not_met"):
            checked += 1
        if r.status == "met":
            met += 1
            topics.append(_topic(r))
        if factor in CORE_FACTORS:
            stated_core.add(CORE_FACTORS[factor])
            if r.status == "met":
                checked_core.add(CORE_FACTORS[factor])
        elif not r.criterion.understood:
            stated_core.update(core_topics_named(r.criterion.text))
    return Coverage(
        checked, len(results), met, frozenset(stated_core), frozenset(checked_core), tuple(topics)
    )
