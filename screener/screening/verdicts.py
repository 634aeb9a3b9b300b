"""The three verdicts and every word and mark they are shown with: one table, used everywhere.

The engine decides a verdict (``screener.screening.engine.verdict_of``); this module says what
each one is called in each place a person reads it, so a new verdict or a reworded one is one
row here. Verdicts are always given in words; the app's icon only repeats them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Verdict", "VerdictWords", "VERDICTS", "VERDICT_ORDER", "VERDICT_RANK"]

Verdict = Literal["likely", "possible", "excluded"]


@dataclass(frozen=True, slots=True)
class VerdictWords:
    """How one verdict is shown: on the results page, in short, in the CLI table, on paper."""

    heading: str
    """The results page's filter and each study card: the verdict with its reason."""
    short: str
    """The results page's counts and the app's summary page."""
    table: str
    """The CLI's ``screen --format table`` (padded to 13 characters there)."""
    summary: str
    """The printable summary's table and counts."""
    icon: str
    """The app's Material icon before a study card's verdict line."""


VERDICTS: dict[Verdict, VerdictWords] = {
    "likely": VerdictWords(
        heading="Likely to fit",
        short="Likely to fit",
        table="Likely fit",
        summary="Likely",
        icon=":material/check_circle:",
    ),
    "possible": VerdictWords(
        heading="Possible fit: not everything could be checked",
        short="Possible fit",
        table="Possible fit",
        summary="Possible",
        icon=":material/help:",
    ),
    "excluded": VerdictWords(
        heading="Not a fit on one or more of the study's rules",
        short="Not a fit",
        table="Not a fit",
        summary="Not a fit",
        icon=":material/block:",
    ),
}
"""Every verdict, best first: the order of counts, filters and groups."""

VERDICT_ORDER: tuple[str, ...] = tuple(VERDICTS)
VERDICT_RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICT_ORDER)}
"""Sort position of each verdict (likely first)."""
