"""Which studies the printable summary lists, and what is still open for each possible one.

The Summary page and the summary file both count from :func:`listing`, so the page never
promises more studies than the file holds. With offline data about a hundred studies are
'possible'; the file lists every likely one and the first ``MAX_POSSIBLE`` possible ones (in
the engine's order), and the rest are only counted (all are in the results CSV).

Every string from the registry or the person is escaped here, as in ``summary.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from screener.reports.answers import ask_words
from screener.screening.engine import StudyResult
from screener.screening.evaluate import CriterionResult
from screener.screening.reading import Fact

__all__ = [
    "MAX_POSSIBLE",
    "OPEN_STATUSES",
    "REVIEW_REASON",
    "Listing",
    "listing",
    "open_reason",
    "open_criteria_html",
]

MAX_POSSIBLE = 15
"""Possible studies the summary file lists; the rest are counted and all are in the CSV.

The page must stay one a neurologist reads in a few minutes (a few A4 pages for the example
profiles, the open criteria of every listed study included).
"""

OPEN_STATUSES: tuple[str, ...] = ("unknown", "needs_review")
REVIEW_REASON = "the study team decides"
"""Why a criterion the screener could not read is still open, in a printed list's few words."""


@dataclass(frozen=True, slots=True)
class Listing:
    """The studies the summary file lists, and how many possible ones it leaves out."""

    likely: tuple[StudyResult, ...]
    possible: tuple[StudyResult, ...]
    """The possible studies listed (at most ``MAX_POSSIBLE`` unless told otherwise)."""
    left_out: int
    """Possible studies not in the file (they are in the results CSV and on the Results page)."""

    @property
    def shown(self) -> tuple[StudyResult, ...]:
        """Every study the file lists in its table: the likely ones first, then the possible."""
        return self.likely + self.possible

    def beyond(self, on_page: int) -> str:
        """What a page listing the first ``on_page`` of them says about the rest ("" if none)."""
        more = []
        if len(self.shown) > on_page:
            more.append(f"…and {len(self.shown) - on_page} more in the summary file")
        if self.left_out:
            more.append(
                f"{self.left_out} more possible studies are only in the results table (CSV) "
                "and on the Results page"
            )
        return "; ".join(more) + "." if more else ""


def listing(results: Sequence[StudyResult], max_possible: int | None = MAX_POSSIBLE) -> Listing:
    """The likely and possible studies the summary file lists, in the engine's order."""
    likely = tuple(r for r in results if r.verdict == "likely")
    possible = tuple(r for r in results if r.verdict == "possible")
    kept = possible if max_possible is None else possible[:max_possible]
    return Listing(likely, kept, len(possible) - len(kept))


def open_reason(result: CriterionResult) -> str:
    """Why an unknown or needs-review criterion is still open, in a few words.

    "not answered: FUS gene test" when an answer would settle it; the reader's own note when
    an answer was given but does not settle it (an SVC for an FVC limit); else the full why.
    """
    if result.status == "needs_review":
        return REVIEW_REASON
    reason = result.reason
    if isinstance(reason, Fact) and reason.note:
        return reason.note
    if result.open_questions:
        return "not answered: " + "; ".join(ask_words(k) for k in result.open_questions)
    return result.why


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _quoted(c: CriterionResult) -> str:
    return f"“{_e(c.criterion.text)}”"


def _study_open(result: StudyResult) -> str:
    """Unknown criteria one a line with their reason; needs-review ones run together, once."""
    unknown = [c for c in result.criteria if c.status == "unknown"]
    review = [c for c in result.criteria if c.status == "needs_review"]
    items = [f"<li>{_quoted(c)} <em>— {_e(open_reason(c))}</em></li>" for c in unknown]
    if review:
        quoted = " · ".join(_quoted(c) for c in review)
        items.append(f"<li class='review'><em>{_e(REVIEW_REASON.capitalize())}:</em> {quoted}</li>")
    title = (
        f"<p class='open-title'><strong>{_e(result.title)}</strong> "
        f"(<a href='{_e(result.record.url)}'>{_e(result.nct_id)}</a>) · "
        f"{_e(result.coverage.words)}</p>"
    )
    if not items:
        return f"{title}<p class='small'>Nothing left open.</p>"
    return f"{title}<ul class='small open'>{''.join(items)}</ul>"


def open_criteria_html(results: Sequence[StudyResult]) -> str:
    """For each study, its unknown and needs-review criteria in its own words, with why."""
    return "".join(f"<div class='open-study'>{_study_open(r)}</div>" for r in results)
