"""One criterion × one person → met / not_met / unknown / needs_review, with a plain reason.

Three-valued on purpose: a missing answer is ``unknown`` and a criterion the screener could
not read is ``needs_review``; neither can ever exclude anyone. ``inclusion``: the person must
meet the condition. ``exclusion``: meeting the condition rules the person out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from screener.criteria.model import UNCLASSIFIED, Criterion, condition_criterion
from screener.errors import Unreadable
from screener.factors import FACTOR_SPECS
from screener.person.profile import Profile
from screener.screening import readers, readers_drugs, readers_function, readers_yes_no
from screener.screening.reading import READERS, Fact
from screener.screening.wording import NOT_READ, condition_words, explain, question

Status = Literal["met", "not_met", "unknown", "needs_review"]

_REGISTERED = (readers, readers_drugs, readers_function, readers_yes_no)
"""The reader modules: importing them registers each factor's one reader in ``READERS``."""
ALLOWED_UNITS: dict[str, frozenset[str | None]] = {
    spec.name: spec.criterion_units() for spec in FACTOR_SPECS if spec.unit is not None
}
"""Units each factor's limits may carry (the factor table); anything else is left for review."""


class CriterionResult(NamedTuple):
    """A criterion, its status for this person, and why in plain words (immutable)."""

    criterion: Criterion
    status: Status
    reason: str | Fact
    """The plain reason, or the fact it is worded from when asked (``why``)."""
    open_questions: tuple[str, ...] = ()
    """Profile keys whose answers would settle an ``unknown``."""

    @property
    def why(self) -> str:
        """Why this status, in plain words quoting the person's answer and the study's limit."""
        reason = self.reason
        # Worded on demand: a screen ranks hundreds of studies, a person reads a few.
        text = reason if isinstance(reason, str) else explain(self.criterion, reason, self.status)
        note = self.criterion.extra.get("note")
        return f"{text} Note on this rule: {note}" if note else text

    def to_dict(self) -> dict[str, Any]:
        """The contract's criterion result: factor, kind, status, text, why (plus source)."""
        c = self.criterion
        data: dict[str, Any] = {
            "factor": c.factor,
            "kind": c.kind,
            "status": self.status,
            "text": c.text,
            "why": self.why,
            "source": c.source,
        }
        if self.open_questions:
            data["open_questions"] = list(self.open_questions)
        return data


def _status(kind: str, holds: bool | None) -> Status:
    if holds is None:
        return "unknown"
    return (
        ("met" if holds else "not_met") if kind == "inclusion" else ("not_met" if holds else "met")
    )


def _read(profile: Profile, c: Criterion) -> Fact | str:
    """The fact, or the reason it could not be read."""
    reader = READERS.get(c.factor)
    if reader is None or c.op is None:
        # Most items of a study are not understood: this path must stay cheap.
        if c.op is None or c.factor == UNCLASSIFIED:
            return NOT_READ
        return f"The screener does not check '{c.factor}' yet; the study team will."
    allowed = ALLOWED_UNITS.get(c.factor)
    if allowed is not None and c.unit not in allowed:
        return NOT_READ  # a limit in units we do not expect is never compared as if it were
    try:
        return reader(profile, c)
    except Unreadable:
        return NOT_READ


_UNREAD: dict[int, tuple[Criterion, CriterionResult]] = {}
_UNREAD_LIMIT = 50_000


def _unread(criterion: Criterion, why: str) -> CriterionResult:
    """The same needs_review result for everyone, built once per criterion (no answers kept)."""
    hit = _UNREAD.get(id(criterion))
    if hit is not None and hit[0] is criterion:
        return hit[1]
    result = CriterionResult(criterion, "needs_review", why)
    if len(_UNREAD) >= _UNREAD_LIMIT:
        _UNREAD.clear()
    _UNREAD[id(criterion)] = (criterion, result)
    return result


def evaluate(profile: Profile, criterion: Criterion) -> CriterionResult:
    """The status of one criterion for this person, with why in plain words."""
    if criterion.op is None:  # most items of most studies: keep this path cheap
        return _unread(criterion, NOT_READ)
    fact = _read(profile, criterion)
    if isinstance(fact, str):
        return _unread(criterion, fact)
    condition = criterion.extra.get("condition") if criterion.extra else None
    if condition is not None and isinstance(condition, Mapping):
        return _partial(_conditional(profile, criterion, fact, condition))
    status = _status(criterion.kind, fact.holds)
    asked = fact.missing if status == "unknown" else ()
    return _partial(CriterionResult(criterion, status, fact, asked))


def _partial(result: CriterionResult) -> CriterionResult:
    """A reading that does not account for the whole item never decides against the person.

    ``tentative`` (the item says more than was read: a cohort label, "only", "and
    bedridden"…): a ``not_met`` becomes ``unknown``. ``broader`` (the item's words reach
    further than the answer: "cognitive impairment" against a dementia diagnosis): an
    exclusion the answer does not meet is ``unknown`` rather than ``met``.
    """
    c = result.criterion
    if not c.extra:
        return result
    tentative = c.extra.get("tentative")
    if tentative and result.status == "not_met":
        return CriterionResult(c, "unknown", tentative_why(c, result, str(tentative)))
    broader = c.extra.get("broader")
    if broader and c.kind == "exclusion" and result.status == "met":
        return CriterionResult(c, "unknown", tentative_why(c, result, str(broader)))
    return result


def tentative_why(c: Criterion, result: CriterionResult, reason: str) -> str:
    """ "We read this as …; the study team decides", naming what the reading leaves out."""
    read = result.why
    return f"We read this as: {read} But {reason}, so the study team decides."


def _conditional(
    profile: Profile, c: Criterion, fact: Fact, condition: Mapping[str, Any]
) -> CriterionResult:
    """A criterion that applies only when another condition holds ("if SVC < 50 %, …")."""
    main_status = _status(c.kind, fact.holds)
    if main_status == "met":  # satisfied whether or not the condition applies
        return CriterionResult(c, "met", fact)
    sub = condition_criterion(condition)
    when = _read(profile, sub)
    if isinstance(when, str):
        return CriterionResult(c, "needs_review", NOT_READ)
    applies = condition_words(sub, when)
    other_way = bool(condition.get("alternative"))
    if when.holds is False:
        why = (
            f"The study's words give another way to qualify ({applies}), and you meet it."
            if other_way
            else f"This applies only in some cases ({applies}); yours is not one of them."
        )
        return CriterionResult(c, "met", why)
    if when.holds is None:
        asked = tuple(dict.fromkeys(when.missing + fact.missing))
        detail = explain(sub, when, "unknown")
        why = (
            f"The study's words give another way to qualify ({applies}); we cannot tell yet "
            f"whether you meet it. {detail}"
            if other_way
            else f"This applies only in some cases ({applies}), and we cannot tell yet. {detail}"
        )
        return CriterionResult(c, "unknown", why, asked)
    asked = fact.missing if main_status == "unknown" else ()
    return CriterionResult(c, main_status, fact, asked)


__all__ = [
    "READERS",
    "CriterionResult",
    "Status",
    "evaluate",
    "question",
    "ALLOWED_UNITS",
    "tentative_why",
]
