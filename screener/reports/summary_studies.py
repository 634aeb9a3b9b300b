"""Which studies the printable summary lists, and how many it leaves out.

The Summary page and the summary file both count from :func:`listing`, so the page never
promises more studies than the file holds. With offline data about a hundred studies are
'possible'; the file lists every likely one and the first ``MAX_POSSIBLE`` possible ones (in
the engine's order), and the rest are only counted (all are in the results CSV).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screener.screening.engine import StudyResult

__all__ = [
    "MAX_POSSIBLE",
    "Listing",
    "listing",
]

MAX_POSSIBLE = 15
"""Possible studies the summary file lists; the rest are counted and all are in the CSV.

The page must stay one a neurologist reads in a few minutes (at most 4 A4 pages for the example
profiles).
"""


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
