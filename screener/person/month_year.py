"""Month-and-year answers typed as text: "03 2025", "3/2025", "2025-03" or "March 2025".

Typing six or seven characters is far fewer key presses than two drop-downs, and needs no
date picker. Only a month and a year are asked: studies count months, and a best guess of the
month is what people remember.
"""

from __future__ import annotations

import re

__all__ = ["MONTH_NAMES", "EXAMPLE", "HINT", "parse", "show"]

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
EXAMPLE = "03 2025"
HINT = f"Month and year, for example {EXAMPLE} or March 2025"

_NUMERIC = re.compile(r"^(\d{1,2})\s*[\s/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})\s*[\-/.]\s*(\d{1,2})$")
_NAMED = re.compile(r"^([a-z]{3,9})\.?\s*[\s,/\-]?\s*(\d{4})$")


def parse(text: str, *, first_year: int = 1900, last_year: int = 2100) -> tuple[int, int] | None:
    """(year, month) from typed text, or None when it is not a month and a year."""
    cleaned = " ".join(text.strip().lower().split())
    month: int | None = None
    year: int | None = None
    if match := _NUMERIC.match(cleaned):
        month, year = int(match[1]), int(match[2])
    elif match := _ISO.match(cleaned):
        year, month = int(match[1]), int(match[2])
    elif match := _NAMED.match(cleaned):
        names = [n for n in MONTH_NAMES if n.startswith(match[1])]
        if len(names) == 1 and (len(match[1]) >= 3):
            month, year = MONTH_NAMES.index(names[0]) + 1, int(match[2])
    if month is None or year is None or not 1 <= month <= 12:
        return None
    if not first_year <= year <= last_year:
        return None
    return year, month


def show(year: int, month: int) -> str:
    """The text form an answer is shown in again ("03 2025")."""
    return f"{month:02d} {year:04d}"
