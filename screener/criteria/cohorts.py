"""Studies with several groups (patients, healthy controls, caregivers, relatives…).

Some texts list the criteria of each group one after another under small headings
("Healthy Control", "Caregivers:", "Age-matched Speakers"). After such a heading the items
describe someone else, so their limits must not be applied to the patient: they are kept
for review. A heading that names the patients again ("ALS participants") ends that.
"Cohort A ... Cohort B" descriptions inside one item are reviewed as a whole.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Cohort", "cohort_change", "mentions_cohorts"]

Cohort = Literal["patient", "other", "subgroup"]
"""Whom items describe: the patients, someone else (reviewed), or one patient group of
several ("Cohort A", "Part 2", "For ALS-FTD:"): readings under such a heading are tentative,
since the person may belong to another group with other limits. A heading that names people
with ALS in general ("ALS participants:", "For ALS:") is the group our users belong to: its
items apply to them as written."""

_OTHER_HEAD = (
    r"(?:healthy|age-matched|unfamiliar|able-bodied|sci|control|controls)\s+(?:controls?|speakers|"
    r"interlocutors|participants|volunteers|subjects|individuals|population)|healthy controls?|"
    r"controls?|caregivers?|respiratory therapists?|blood relatives? of als patients?|"
    r"all participants|for healthy controls?"
)
_PATIENT_HEAD = (
    r"(?:als|pals|mnd)\s+(?:participants|patients?|subjects|volunteers)|for the disease population"
)

_AT_END = re.compile(rf"(?:^|[.)]\s+|\s)(?P<head>{_OTHER_HEAD}|{_PATIENT_HEAD})\s*:?\s*$")
_AT_START = re.compile(
    rf"^(?:for\s+)?(?:the\s+)?(?P<head>{_OTHER_HEAD}|{_PATIENT_HEAD}|"
    r"(?:subjects?|participants?|individuals?) with (?:a )?family history|"
    r"patients with a peripheral \w+ disease)\b"
)
_INSIDE = re.compile(
    rf"(?P<head>caregivers?\s*:|for healthy controls?|\b{_PATIENT_HEAD}\s*:|"
    r"(?:subjects?|participants?|individuals?|persons?) with (?:a )?family history)"
)
_SUBGROUP_HEAD = re.compile(
    r"^(?:participants? in:?\s*|for\s+)?(?:the\s+)?(?:(?:cohorts?|groups?|parts?|arms?|panels?|"
    r"stages?)\s+(?:[a-e]|[1-5]|i{1,3}|iv)\b|(?:fals|sals|als-ftd|ftd|pls|pma|"
    r"sod1|c9orf72|fus|tardbp|suspected als|presymptomatic|asymptomatic)[\w/ -]{0,30}?"
    r"(?:groups?|cohorts?|arms?|volunteers|carriers|participants|patients|subjects)?\s*:)"
)
_HEADING_WORDS = 12
_COHORT_WORD = re.compile(r"\bcohort [a-z0-9]\b|\bcohorts\b")


def _kind(head: str) -> Cohort:
    return "patient" if re.search(_PATIENT_HEAD, head) else "other"


def cohort_change(item: str) -> tuple[Cohort | None, Cohort | None]:
    """(group the item itself is about, group of the items after it); None means unchanged.

    ``item`` is normalised text. An item that switches to another group part-way through
    is itself about "other" (mixed), so it is reviewed.
    """
    text = item.strip()
    if len(text.split()) <= _HEADING_WORDS and _SUBGROUP_HEAD.search(text):
        # A heading for one patient group: the items after it are that group's.
        return "subgroup", "subgroup"
    end = _AT_END.search(text)
    if end:
        mixed = _INSIDE.search(text[: end.start()])
        return ("other" if mixed else None), _kind(end.group("head"))
    start = _AT_START.search(text)
    if start and (
        len(text.split()) <= _HEADING_WORDS or text[start.end() :].lstrip().startswith(":")
    ):
        group = _kind(start.group("head"))
        return group, group
    inside = _INSIDE.search(text)
    if inside:
        group = _kind(inside.group("head"))
        return ("other" if group == "other" else None), group
    return None, None


def mentions_cohorts(item: str) -> bool:
    """Whether one item describes several alternative cohorts ("Cohort A must be…")."""
    return bool(_COHORT_WORD.search(item))
