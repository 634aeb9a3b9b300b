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
from screener.registry.kinds import ALS
from screener.registry.records import StudyRecord
from screener.screening.coverage import Coverage, coverage
from screener.screening.evaluate import CriterionResult, evaluate
from screener.screening.not_yet import NotYet, not_yet
from screener.screening.ranking import rank_key
from screener.screening.verdicts import Verdict

Point = tuple[float, float]
_WINDOW_FACTORS = {
    "months_since_onset": "months_since_onset",
    "months_since_diagnosis": "months_since_diagnosis",
}
CLOCKS: dict[str, str] = {"months_since_onset": "onset", "months_since_diagnosis": "diagnosis"}
"""Which clock a window counts on: first symptom ("onset") or diagnosis."""
Distance = Literal["within", "beyond", "unknown"]

__all__ = [
    "CriterionResult",
    "StudyResult",
    "criteria_of",
    "evaluate",
    "questions_that_matter",
    "screen",
    "screen_study",
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
    if "unknown" in statuses or complete is not True or not _read_study_text(results):
        return "possible"
    # Checked on age alone, or with its ALSFRS-R rule unread: the contract's test passes, but
    # nothing says the study fits this person's ALS (docs/screening-engine.md).
    if not coverage(results).enough_for_likely:
        return "possible"
    return "likely"


def _read_study_text(results: Sequence[CriterionResult]) -> bool:
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
            "Our copy of this study has no eligibility criteria, so it can only be a "
            f"'possible' fit; {where}."
        )
    elif record.criteria_complete is False:
        part = (
            "the exclusion criteria are missing"
            if record.inclusion and not record.exclusion
            else "the end of the eligibility text is missing"
        )
        notes.append(
            f"Our copy of the eligibility text is cut short ({part}), so this study can only "
            f"be a 'possible' fit; {where}."
        )
    elif record.criteria_complete is None:
        notes.append(
            "We could not confirm that our copy of the eligibility text is whole, so this "
            f"study can only be a 'possible' fit; {where}."
        )
    if record.conditions and not any(ALS.search(c) for c in record.conditions):
        listed = "; ".join(record.conditions[:3])
        notes.append(
            f"This study lists its conditions as {listed}, not ALS: check that it is meant "
            "for people with ALS before contacting it."
        )
    statuses = {r.status for r in results}
    if record.eligibility_text and results and not _read_study_text(results):
        notes.append(
            "We could not read any of this study's own criteria, so it can only be a "
            f"'possible' fit; {where}."
        )
    elif record.criteria_complete and not statuses & {"unknown", "not_met"}:
        shortfall = coverage(results).shortfall()
        if shortfall:
            notes.append(shortfall)
    review = sum(1 for r in results if r.status == "needs_review")
    if review:
        notes.append(
            f"{review} of {len(results)} criteria could not be checked automatically; "
            "the study team will go through them with you."
        )
    return tuple(notes)


def _upper_limit(c: Criterion) -> float | None:
    """The most months since onset/diagnosis a criterion allows, if it sets one."""
    if c.factor not in _WINDOW_FACTORS or not c.understood or c.extra.get("condition"):
        return None
    value = c.value
    if c.kind == "inclusion":
        if c.op in ("<=", "<"):
            return _num(value)
        if c.op == "between" and isinstance(value, list | tuple) and len(value) == 2:
            return _num(value[1])
    elif c.op in (">", ">="):
        return _num(value)
    return None


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def months_left(profile: Profile, criteria: Iterable[Criterion]) -> float | None:
    """Months before the person passes the study's tightest onset/diagnosis window."""
    window = tightest_window(profile, criteria)
    return None if window is None else window[0]


def tightest_window(profile: Profile, criteria: Iterable[Criterion]) -> tuple[float, str] | None:
    """(months left, clock) of the tightest onset/diagnosis window, each on its own clock.

    "6 months since diagnosis" is counted from the diagnosis date, "24 months since first
    symptom" from onset; the clock is kept so the words say which one closes.
    """
    if profile.onset_date is None and profile.diagnosis_date is None:
        return None
    left: list[tuple[float, str]] = []
    for c in criteria:
        limit = _upper_limit(c)
        months = getattr(profile, _WINDOW_FACTORS.get(c.factor, "as_of"), None)
        if limit is not None and isinstance(months, float):
            left.append((limit - months, CLOCKS[c.factor]))
    if not left:
        return None
    months, clock = min(left)
    if months < 0:
        return None
    return round(months, 1), clock


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
