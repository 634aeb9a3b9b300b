"""Feeding tubes and the ability to swallow pills.

The ALSFRS-R item "swallowing" is a score, not this factor: only wording about swallowing
*medication* ("able to swallow tablets", "ability to take oral medication") or its
inability is read here.
"""

from __future__ import annotations

import re

from screener.criteria.context import PERMISSIVE, Found, Section, negated_at, review, state

__all__ = ["find_gastrostomy", "find_swallow"]

_GASTRO = re.compile(
    r"gastrostom\w*|gastronomy|\bpeg\b|\brig\b|feeding tube|tube feeding|nasogastric|"
    r"gastric tube|\bg-tube\b|percutaneous endoscopic"
)
_GASTRO_QUALIFIED = re.compile(
    r"exclusively|parenteral|artificial nutrition|enteral|planned|anticipat\w*|\bneed\b|"
    r"requir\w*|indication|placement is|expected|likely|to administer|cannot use"
)
_SWALLOW_ABLE = re.compile(
    r"(?:able|ability|capable) to (?:\w+ ){0,2}?swallow|swallow (?:whole )?(?:pills|tablets|"
    r"capsules|oral|study|medication|liquids)|(?:able|ability) to take oral medication"
)
_SWALLOW_UNABLE = re.compile(
    r"(?:unable|inability|not able|cannot|can't|difficulty|incapable) (?:to )?(?:\w+ ){0,2}?swallow"
)


def find_gastrostomy(clause: str, item: str, section: Section) -> list[Found]:
    """A feeding tube (gastrostomy, PEG, RIG…) as a state the study excludes or requires."""
    match = _GASTRO.search(clause)
    if match is None:
        return []
    if PERMISSIVE.search(item):
        # "Participants may have a feeding tube, but must be able to swallow" sets no limit.
        return []
    if _GASTRO_QUALIFIED.search(clause):
        return [review("gastrostomy", section)]
    return [state("gastrostomy", section, negated_at(clause, match.start()))]


def find_swallow(clause: str, item: str, section: Section) -> list[Found]:
    """Ability to swallow pills: required (inclusion) or its lack excluded."""
    unable = _SWALLOW_UNABLE.search(clause)
    if unable:
        if section == "exclusion":
            return [Found("swallow_pills", "exclusion", "==", False)]
        return [review("swallow_pills", section)]
    able = _SWALLOW_ABLE.search(clause)
    if able is None:
        return []
    if section == "exclusion" or negated_at(clause, able.start()):
        return [review("swallow_pills", section)]
    return [Found("swallow_pills", "inclusion", "==", True)]
