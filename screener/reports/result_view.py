"""Words and groupings the results page shows: verdicts, study kinds, stale records, filters.

Pure functions over study records and result dicts (no Streamlit), so they are tested alone.
Verdicts and statuses are always given in words, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from screener.registry.kinds import kind_is_guess as kind_is_guess
from screener.registry.kinds import study_kind as study_kind
from screener.registry.records import StudyRecord
from screener.reports.time_left import CLOCK_WORDS as CLOCK_WORDS
from screener.reports.time_left import months_left_words as months_left_words
from screener.reports.time_left import time_left_words as time_left_words
from screener.screening.not_yet import NotYet
from screener.screening.ranking import row_key
from screener.screening.verdicts import VERDICT_ORDER as VERDICT_ORDER
from screener.screening.verdicts import VERDICTS

__all__ = [
    "VERDICT_WORDS",
    "VERDICT_SHORT",
    "CRITERION_WORDS",
    "STATUS_WORDS",
    "KIND_WORDS",
    "STALE_AFTER_DAYS",
    "FEW_TREATMENT_STUDIES",
    "status_words",
    "phase_words",
    "stale_reasons",
    "CLOCK_WORDS",
    "months_left_words",
    "checked_words",
    "time_left_words",
    "not_yet_words",
    "distance_words",
    "verdict_line",
    "counts",
    "criteria_rows",
    "INTERVENTION_WORDS",
    "intervention_words",
    "Filters",
    "keep",
    "kept_for_unknown_distance",
    "Row",
    "OTHER_KINDS",
    "sort_rows",
    "checked",
    "treatment_fits",
    "other_options",
    "kind_is_guess_any",
]

VERDICT_WORDS: dict[str, str] = {v: words.heading for v, words in VERDICTS.items()}
VERDICT_SHORT: dict[str, str] = {v: words.short for v, words in VERDICTS.items()}
CRITERION_WORDS: dict[str, str] = {
    # Read beside "Must have" and "Must not have": "Met" next to "Must not have: tracheostomy"
    # read as "you have one", and an answered rule was shown as "not answered".
    "met": "OK for you",
    "not_met": "Rules you out",
    "unknown": "Not settled yet",
    "needs_review": "The study team checks",
}
STATUS_WORDS: dict[str, str] = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "AVAILABLE": "Expanded access available",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "COMPLETED": "Completed",
}
KIND_WORDS: dict[str, str] = {
    "treatment": "Treatment study",
    "other_intervention": "Device, therapy or care study",
    "observational": "Observational study (no study treatment)",
    "expanded_access": "Expanded access programme",
    "no_intervention_listed": "No treatment listed",
}
STALE_AFTER_DAYS = 365
FEW_TREATMENT_STUDIES = 5
"""Below this many fitting treatment studies, the results page points to other options."""


def status_words(status: str | None) -> str:
    """A registry status in words ("RECRUITING" → "Recruiting")."""
    if not status:
        return "Status not given"
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


def phase_words(record: StudyRecord) -> str:
    """ "Phase 2/3", "Not applicable" (device or care studies) or "Phase not given"."""
    phases = [p for p in record.phases if p != "NA"]
    if not phases:
        return "Not applicable" if record.phases else "Phase not given"
    numbers = [p.replace("EARLY_PHASE1", "early 1").replace("PHASE", "") for p in phases]
    return "Phase " + "/".join(numbers)


def stale_reasons(record: StudyRecord, today: date) -> list[str]:
    """Reasons to doubt the listing: an old last update, or recruiting past its end date."""
    reasons: list[str] = []
    updated = _to_date(record.last_update)
    if updated is not None and (today - updated).days > STALE_AFTER_DAYS:
        reasons.append(
            f"The record was last updated on {record.last_update}, over a year ago. "
            "Ask the study team if it is still open."
        )
    finished = _to_date(record.completion_date)
    if record.is_enrolling and finished is not None and finished < today:
        reasons.append(
            f"It says it is enrolling, but its completion date ({record.completion_date}) "
            "has passed."
        )
    return reasons


def _to_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        if len(text) == 7:
            return date.fromisoformat(text + "-15")
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def checked_words(result: Mapping[str, Any]) -> str:
    """ "3 of 12 criteria checked" (criteria the answers settled, of all the study states);
    a study with none in our copy says so, not "0 of 0"."""
    if not result.get("stated"):
        return "no criteria in our copy to check"
    return f"{result.get('checked', 0)} of {result.get('stated', 0)} criteria checked"


def not_yet_words(result: Mapping[str, Any]) -> str | None:
    """ "Not yet — eligible from DATE …" when every unmet criterion is a waiting time."""
    when = result.get("eligible_from")
    if not isinstance(when, str):
        return None
    later = NotYet(date.fromisoformat(when), result.get("eligible_from_counts_to"))
    return later.words()


def distance_words(result: Mapping[str, Any]) -> str | None:
    """The distance caveat a verdict must carry: beyond the person's limit, or unknown."""
    km = result.get("nearest_site_km")
    if result.get("distance") == "beyond" and isinstance(km, int | float):
        return f"but its nearest site is about {float(km):,.0f} km away, beyond your distance"
    if result.get("distance") == "unknown":
        return "distance unknown"
    return None


def verdict_line(result: Mapping[str, Any]) -> str:
    """The verdict in words with how much was checked and any distance caveat."""
    verdict = str(result.get("verdict"))
    parts = [VERDICT_WORDS.get(verdict, verdict), checked_words(result)]
    if (far := distance_words(result)) is not None:
        parts.append(far)
    return " · ".join(parts)


def counts(results: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """How many studies have each verdict (every verdict present, zero included)."""
    found = dict.fromkeys(VERDICT_ORDER, 0)
    for result in results:
        found[str(result["verdict"])] = found.get(str(result["verdict"]), 0) + 1
    return found


def criteria_rows(result: Mapping[str, Any]) -> list[dict[str, str]]:
    """One row per criterion: the status in words, inclusion/exclusion, the text, the reason."""
    order = {"not_met": 0, "unknown": 1, "needs_review": 2, "met": 3}
    items = sorted(result.get("criteria", []), key=lambda c: order.get(c.get("status", ""), 4))
    return [
        {
            "Result": CRITERION_WORDS.get(str(c.get("status")), str(c.get("status"))),
            "Rule type": "Must have" if c.get("kind") == "inclusion" else "Must not have",
            "The study's words": str(c.get("text") or ""),
            "Why": str(c.get("why") or ""),
        }
        for c in items
    ]


INTERVENTION_WORDS: dict[str, str] = {
    "DRUG": "Drug",
    "BIOLOGICAL": "Biological (for example antibodies, cells)",
    "GENETIC": "Gene therapy or genetic",
    "DEVICE": "Device",
    "PROCEDURE": "Procedure",
    "BEHAVIORAL": "Behavioural (exercise, counselling)",
    "DIETARY_SUPPLEMENT": "Dietary supplement",
    "DIAGNOSTIC_TEST": "Diagnostic test",
    "RADIATION": "Radiation",
    "COMBINATION_PRODUCT": "Combination product",
    "OTHER": "Other",
}


def intervention_words(record: StudyRecord) -> frozenset[str]:
    """The study's intervention types in words ("None listed" when it lists none)."""
    types = {i.type or "OTHER" for i in record.interventions}
    if not types:
        return frozenset({"None listed"})
    return frozenset(INTERVENTION_WORDS.get(t, t.replace("_", " ").capitalize()) for t in types)


@dataclass(frozen=True, slots=True)
class Filters:
    """What the person chose to see; an empty choice means no filter."""

    verdicts: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    phases: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    max_km: float | None = None
    interventions: frozenset[str] = frozenset()


def keep(record: StudyRecord, result: Mapping[str, Any], filters: Filters) -> bool:
    """Whether a study passes the filters (an unknown distance is never filtered out)."""
    if filters.verdicts and result.get("verdict") not in filters.verdicts:
        return False
    if filters.statuses and status_words(record.status) not in filters.statuses:
        return False
    if filters.phases and phase_words(record) not in filters.phases:
        return False
    if filters.kinds and study_kind(record) not in filters.kinds:
        return False
    if filters.interventions and not intervention_words(record) & filters.interventions:
        return False
    km = result.get("nearest_site_km")
    return filters.max_km is None or km is None or float(km) <= filters.max_km


def kept_for_unknown_distance(rows: Iterable[Row], filters: Filters) -> int:
    """How many studies the distance filter keeps only because their distance is unknown."""
    if filters.max_km is None:
        return 0
    return sum(1 for r, d in rows if d.get("nearest_site_km") is None and keep(r, d, filters))


Row = tuple[StudyRecord, Mapping[str, Any]]
OTHER_KINDS = frozenset({"observational", "expanded_access", "no_intervention_listed"})


def sort_rows(rows: Iterable[Row], *, observational_first: bool = False) -> list[Row]:
    """Likely, possible, not a fit; within each, the order of ``screener.screening.ranking``."""
    return sorted(
        rows, key=lambda row: row_key(row[0], row[1], observational_first=observational_first)
    )


def checked(result: Mapping[str, Any]) -> bool:
    """Whether any of the study's rules could be checked against the answers."""
    return any(c.get("status") != "needs_review" for c in result.get("criteria", []))


def treatment_fits(rows: Iterable[Row]) -> list[Row]:
    """Treatment studies that fit: likely, or possible with at least one rule checked."""
    return [
        (r, d)
        for r, d in rows
        if study_kind(r) == "treatment"
        and (d.get("verdict") == "likely" or (d.get("verdict") == "possible" and checked(d)))
    ]


def other_options(rows: Iterable[Row]) -> list[Row]:
    """Observational studies and expanded-access programmes that do not rule the person out."""
    return sort_rows(
        (r, d) for r, d in rows if d.get("verdict") != "excluded" and study_kind(r) in OTHER_KINDS
    )


def kind_is_guess_any(records: Iterable[StudyRecord]) -> bool:
    """True when any of these studies' kinds is inferred rather than read from the registry."""
    return any(kind_is_guess(r) for r in records)
