"""What every output says about itself: that it is a pre-screen, and where its studies came from.

The CLI's table, the printable summary and the app each say both; the words live here so the
three never drift apart. Each has a short and a long form because a terminal line, a page
printed for a clinic and the app's banner have different room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "DISCLAIMER_LINE",
    "DISCLAIMER_PAGE",
    "DISCLAIMER_BANNER",
    "SourceWords",
    "SOURCE_WORDS",
    "source_name",
    "day_words",
    "age_words",
]

DISCLAIMER_LINE = (
    "This is a pre-screen, not medical advice: only the study team can confirm whether "
    "you can take part."
)
"""The CLI table's second line."""

DISCLAIMER_PAGE = (
    "This is a pre-screen, not medical advice. It compares the answers below with each "
    "study's published eligibility criteria. Only the study team can decide who may take part."
)
"""The printable summary's boxed notice, repeated at its foot."""

DISCLAIMER_BANNER = "A pre-screen, not medical advice. The study team decides."
"""The app's banner, after where its studies came from."""


@dataclass(frozen=True, slots=True)
class SourceWords:
    """One data source named for a person: in a terminal line and on a printed page."""

    short: str
    long: str


SOURCE_WORDS: dict[str, SourceWords] = {
    "snapshot": SourceWords(
        short="offline snapshot of ClinicalTrials.gov",
        long="the bundled offline snapshot of ClinicalTrials.gov",
    ),
    "live": SourceWords(short="ClinicalTrials.gov (live)", long="ClinicalTrials.gov (live)"),
    "file": SourceWords(short="studies file", long="a study file given to the screener"),
}
"""``StudySource.source`` → its name; an unknown source is shown as it is."""


def source_name(source: str, *, long: bool = False) -> str:
    """The words for one ``StudySource.source`` value, short (terminal) or long (page)."""
    words = SOURCE_WORDS.get(source)
    if words is None:
        return source
    return words.long if long else words.short


def day_words(iso: str) -> str:
    """ "2026-08-21" → "21 August 2026" (unchanged when it is not an ISO date)."""
    try:
        return f"{date.fromisoformat(iso[:10]):%-d %B %Y}"
    except ValueError:
        return iso


def age_words(iso: str, today: date) -> str:
    """How old data from ``iso`` is: "today", "1 day old", "103 days old" ("" if unknown)."""
    try:
        days = (today - date.fromisoformat(iso[:10])).days
    except ValueError:
        return ""
    if days <= 0:
        return "today"
    return "1 day old" if days == 1 else f"{days} days old"
