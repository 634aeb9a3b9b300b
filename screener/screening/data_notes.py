"""What limits a study's verdict, in words: text missing or cut short, conditions that are not
ALS, criteria left for the study team, too little checked for "likely".

The engine's verdict and these notes read the same facts (``read_study_text``), so a study
never shows "possible" without saying why.
"""

from __future__ import annotations

from collections.abc import Sequence

from screener.registry.kinds import ALS
from screener.registry.records import StudyRecord
from screener.screening.coverage import coverage
from screener.screening.evaluate import CriterionResult

__all__ = ["read_study_text", "data_notes"]


def read_study_text(results: Sequence[CriterionResult]) -> bool:
    """Whether at least one criterion from the study's own text or rules was understood.

    A study of which we understood nothing but the registry's age and sex fields cannot
    honestly be called a likely fit, however whole its text is.
    """
    return any(r.status == "met" and r.criterion.source != "registry" for r in results)


def data_notes(record: StudyRecord, results: Sequence[CriterionResult]) -> tuple[str, ...]:
    """What limits this verdict: missing or cut text, criteria left for the study team."""
    notes: list[str] = []
    where = f"read the whole record at {record.url}"
    if not record.eligibility_text:
        notes.append(
            "Our copy of this study has no eligibility criteria, so it can at best be a "
            f"'possible' fit; {where}."
        )
    elif record.criteria_complete is False:
        part = (
            "the exclusion criteria are missing"
            if record.inclusion and not record.exclusion
            else "the end of the eligibility text is missing"
        )
        notes.append(
            f"Our copy of the eligibility text is cut short ({part}), so this study can at "
            f"best be a 'possible' fit; {where}."
        )
    elif record.criteria_complete is None:
        notes.append(
            "We could not confirm that our copy of the eligibility text is whole, so this "
            f"study can at best be a 'possible' fit; {where}."
        )
    if record.conditions and not any(ALS.search(c) for c in record.conditions):
        listed = "; ".join(record.conditions[:3])
        notes.append(
            f"This study lists its conditions as {listed}, not ALS: check that it is meant "
            "for people with ALS before contacting it."
        )
    statuses = {r.status for r in results}
    if record.eligibility_text and results and not read_study_text(results):
        notes.append(
            "We could not read any of this study's own criteria, so it can at best be a "
            f"'possible' fit; {where}."
        )
    elif record.criteria_complete and not statuses & {"unknown", "not_met"}:
        shortfall = coverage(results).shortfall()
        if shortfall:
            notes.append(shortfall)
    curators = {
        str(r.criterion.extra["curated_by"])
        for r in results
        if r.criterion.source.startswith("rule:") and r.criterion.extra.get("curated_by")
    }
    for who in sorted(curators):
        notes.append(
            f"Some rules for this study come from a rule file written from the study's words "
            f"by {who}."
        )
    review = sum(1 for r in results if r.status == "needs_review")
    if review:
        notes.append(
            f"{review} of {len(results)} criteria could not be checked automatically; "
            "the study team will go through them with you."
        )
    return tuple(notes)
