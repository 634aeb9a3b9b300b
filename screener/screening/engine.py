"""Person × study → verdict, with every criterion's status and reason.

Verdicts (the screening contract): ``excluded`` when an understood criterion is not met;
``likely`` when every understood criterion is met and the study's eligibility text is whole;
``possible`` otherwise. A missing answer or an unread criterion never excludes, and a study
whose text is missing or cut short is never ``likely``. The person's location is used only
in this process to measure distances; it is never logged or sent anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from types import ModuleType
from typing import Any, Literal, NamedTuple, Protocol

from screener.criteria.model import Criterion
from screener.person.profile import Profile
from screener.registry.records import StudyRecord
from screener.screening.coverage import Coverage, coverage
from screener.screening.data_notes import data_notes, read_study_text
from screener.screening.evaluate import CriterionResult, evaluate
from screener.screening.not_yet import NotYet, not_yet
from screener.screening.ranking import rank_key
from screener.screening.verdicts import Verdict
from screener.screening.windows import tightest_window

Point = tuple[float, float]
Distance = Literal["within", "beyond", "unknown"]

__all__ = [
    "CriterionResult",
    "StudyResult",
    "criteria_of",
    "evaluate",
    "questions_that_matter",
    "screen",
    "screen_study",
    "Point",
    "Distance",
    "CriteriaSource",
    "verdict_of",
    "locate",
]


class CriteriaSource(Protocol):
    """Anything that gives a study's criteria (the RuleBook does)."""

    def criteria_for(self, record: StudyRecord) -> list[Criterion]: ...


class StudyResult(NamedTuple):
    """One study's verdict for one person, with the reasons and what would settle it.

    Immutable; a NamedTuple rather than a frozen dataclass because a screen builds one per
    study and a frozen dataclass costs twice as much to build.
    """

    record: StudyRecord
    verdict: Verdict
    criteria: tuple[CriterionResult, ...]
    nearest_site_km: float | None = None
    months_left: float | None = None
    """Months until the person passes the study's onset/diagnosis window (None: no window)."""
    open_questions: tuple[str, ...] = ()
    """Profile keys behind this study's unknown criteria, in the order they appear."""
    max_distance_km: float | None = None
    """How far the person can travel (kept only to word the distance note)."""
    located: bool = False
    """Whether the person's location could be placed (distances are then meaningful)."""
    not_yet: NotYet | None = None
    """When every unmet criterion is a waiting time: the date from which all are met."""
    months_left_clock: str | None = None
    """The clock ``months_left`` counts on: "onset" or "diagnosis"."""

    @property
    def coverage(self) -> Coverage:
        """How many of the study's criteria the answers checked, and which core topics."""
        return coverage(self.criteria)

    @property
    def distance(self) -> Distance | None:
        """Nearest site within / beyond the person's distance, or unknown (None: no location)."""
        if not self.located:
            return None
        km, limit = self.nearest_site_km, self.max_distance_km
        if km is None:
            return "unknown"
        return "beyond" if limit is not None and km > limit else "within"

    @property
    def notes(self) -> tuple[str, ...]:
        """What limits this verdict, in words (built when shown, not on every screen)."""
        notes = data_notes(self.record, self.criteria)
        if self.distance == "beyond":
            notes += (
                f"The nearest site is about {self.nearest_site_km:g} km away, further than "
                f"the {self.max_distance_km:g} km you can travel.",
            )
        elif self.distance == "unknown":
            notes += ("Distance unknown: no site location of this study is in this data.",)
        return notes

    @property
    def nct_id(self) -> str:
        return self.record.nct_id

    @property
    def title(self) -> str:
        return self.record.title

    def not_met(self) -> tuple[CriterionResult, ...]:
        """The understood criteria this person does not meet."""
        return tuple(r for r in self.criteria if r.status == "not_met")

    def to_dict(self) -> dict[str, Any]:
        """The contract's result object, plus status, phases, url, months left, notes.

        Added beside the contract's keys: ``checked`` and ``stated`` (criteria the answers
        settled, of all the study states), ``eligible_from`` (a date when every unmet
        criterion is a waiting time), ``distance`` (within / beyond / unknown).
        """
        cover, later = self.coverage, self.not_yet
        return {
            "nct_id": self.nct_id,
            "title": self.title,
            "verdict": self.verdict,
            "criteria": [r.to_dict() for r in self.criteria],
            "nearest_site_km": self.nearest_site_km,
            "status": self.record.status,
            "phases": list(self.record.phases),
            "url": self.record.url,
            "months_left": self.months_left,
            "open_questions": list(self.open_questions),
            "notes": list(self.notes),
            "criteria_complete": self.record.criteria_complete,
            "provenance": list(self.record.provenance.notes),
            "checked": cover.checked,
            "stated": cover.stated,
            "eligible_from": None if later is None else later.eligible_from.isoformat(),
            "eligible_from_counts_to": None if later is None else later.counts_to,
            "months_left_clock": self.months_left_clock,
            "distance": self.distance,
        }


def verdict_of(results: Sequence[CriterionResult], complete: bool | None) -> Verdict:
    """The contract's verdict from one study's criterion results (triage uses it too)."""
    statuses = [r.status for r in results]
    if "not_met" in statuses:
        return "excluded"
    if "unknown" in statuses or complete is not True or not read_study_text(results):
        return "possible"
    # Checked on age alone, or with its ALSFRS-R rule unread: the contract's test passes, but
    # nothing says the study fits this person's ALS (docs/screening-engine.md).
    if not coverage(results).enough_for_likely:
        return "possible"
    return "likely"


@cache
def _geo() -> ModuleType | None:
    try:
        from screener.places import geocode as geo
    except ImportError:  # distances are optional; screening never depends on them
        return None
    return geo


def locate(profile: Profile) -> Point | None:
    """Where the person is, for distances only (None when not given or not placeable)."""
    geo = _geo()
    if profile.location is None or geo is None:
        return None
    point: Point | None = geo.locate(profile.location.model_dump(exclude_none=True))
    return point


def _nearest(point: Point | None, record: StudyRecord) -> float | None:
    if point is None or not record.sites:
        return None
    from screener.registry.sites import nearest_site_km

    return nearest_site_km(point, record.sites)


def screen_study(
    profile: Profile,
    record: StudyRecord,
    criteria: Sequence[Criterion],
    *,
    point: Point | None = None,
) -> StudyResult:
    """Evaluate every criterion of one study for this person and give the verdict."""
    if not criteria:  # most registry records: no text, no rules; nothing to evaluate
        return StudyResult(
            record,
            "possible",
            (),
            _nearest(point, record),
            max_distance_km=profile.max_distance_km,
            located=point is not None,
        )
    results = tuple([evaluate(profile, c) for c in criteria])
    statuses = [r.status for r in results]
    verdict = verdict_of(results, record.criteria_complete)
    asked: tuple[str, ...] = ()
    if "unknown" in statuses:
        asked = tuple(
            dict.fromkeys(k for r in results if r.status == "unknown" for k in r.open_questions)
        )
    window = tightest_window(profile, criteria)
    return StudyResult(
        record=record,
        verdict=verdict,
        criteria=results,
        nearest_site_km=_nearest(point, record),
        months_left=None if window is None else window[0],
        open_questions=asked,
        max_distance_km=profile.max_distance_km,
        located=point is not None,
        not_yet=not_yet(profile, results) if verdict == "excluded" else None,
        months_left_clock=None if window is None else window[1],
    )


_MEMO: dict[tuple[int, int], tuple[CriteriaSource, StudyRecord, tuple[Criterion, ...]]] = {}
_MEMO_LIMIT = 20_000


def criteria_of(rulebook: CriteriaSource, record: StudyRecord) -> tuple[Criterion, ...]:
    """A study's criteria, read once per (rulebook, record).

    They depend only on the study, never on the person, and reading them costs more than
    screening, so re-screening after each answer (the app) reuses them. The memo holds the
    objects themselves, so an id is never reused while its entry lives; it holds no answers.
    """
    key = (id(rulebook), id(record))
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is rulebook and hit[1] is record:
        return hit[2]
    criteria = tuple(rulebook.criteria_for(record))
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = (rulebook, record, criteria)
    return criteria


def screen(
    profile: Profile, records: Iterable[StudyRecord], rulebook: CriteriaSource
) -> list[StudyResult]:
    """Screen every study, in the order of ``ranking.rank_key`` (docs/screening-engine.md)."""
    point = locate(profile)
    results = [
        screen_study(profile, record, criteria_of(rulebook, record), point=point)
        for record in records
    ]
    return sorted(results, key=rank_key)


def questions_that_matter(results: Iterable[StudyResult]) -> list[tuple[str, int]]:
    """Unanswered profile keys ranked by how many 'possible' studies they bear on.

    Ties go to the key that is the only open question for more studies (answering it alone
    would settle them), then alphabetically so the order is stable.
    """
    bearing: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for result in results:
        if result.verdict != "possible":
            continue
        bearing.update(set(result.open_questions))
        if len(result.open_questions) == 1:
            alone[result.open_questions[0]] += 1
    ranked = sorted(bearing, key=lambda k: (-bearing[k], -alone[k], k))
    return [(key, bearing[key]) for key in ranked]
