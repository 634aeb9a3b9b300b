"""Lenient readers of ClinicalTrials.gov v2 values: a wrong shape reads as unknown.

Registry objects, mirrors and uploaded files put lists where objects belong, numbers where
text belongs, NaN and a latitude of 500 in coordinates. Each reader here takes whatever JSON
holds and gives the value ``normalise`` expects or None (or an empty container): never an
exception, so one odd study cannot stop a whole list from loading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "parse_age_years",
    "mapping_of",
    "list_of",
    "text_of",
    "number_within",
    "date_of",
    "flag_of",
    "texts_of",
]

_AGE = re.compile(
    r"^\s*(?:over\s+|>=?\s*|≥\s*)?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>years?|yrs?|months?|weeks?|days?|hours?|minutes?)?\s*(?:old)?\s*$",
    re.IGNORECASE,
)
_UNIT_YEARS = {
    "y": 1.0,
    "m": 1 / 12,
    "w": 7 / 365.25,
    "d": 1 / 365.25,
    "h": 1 / 8766,
    "mi": 1 / 525960,
}


def parse_age_years(text: object) -> float | None:
    """Return an age limit in years from "18 Years", "6 Months", "18", or None for "N/A"/absent.

    Unparseable text gives None (no limit known), never an exception.
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int | float):
        number = float(text)
        return number if math.isfinite(number) and number >= 0 else None
    if not isinstance(text, str):
        return None
    match = _AGE.match(text)
    if not match:
        return None
    unit = (match.group("unit") or "years").lower()
    key = "mi" if unit.startswith("mi") else unit[0]
    years = round(float(match.group("num")) * _UNIT_YEARS[key], 4)
    # A 400-digit "age" overflows to infinity, which is no limit anyone wrote.
    return years if math.isfinite(years) else None


def mapping_of(value: object) -> Mapping[str, Any]:
    """The value if it is an object, else an empty one (a missing module reads as unknown)."""
    return value if isinstance(value, Mapping) else {}


def list_of(value: object) -> list[Any]:
    """The value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def text_of(value: object) -> str | None:
    """Non-blank text, stripped; anything else is unknown."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def number_within(value: object, limit: float) -> float | None:
    """A finite number no further than ``limit`` from zero (a coordinate), else unknown."""
    # Python's json reads NaN and Infinity; neither is a coordinate, nor is lat 500.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) <= limit else None


def date_of(struct: object) -> str | None:
    """The date of a v2 ``...DateStruct`` (or a bare date text)."""
    if isinstance(struct, str):
        return text_of(struct)
    return text_of(mapping_of(struct).get("date"))


def flag_of(value: object) -> bool | None:
    """A JSON true or false; anything else (a "yes", a 1) is unknown."""
    return value if isinstance(value, bool) else None


def texts_of(value: object) -> tuple[str, ...]:
    """The non-blank texts of a list, in order."""
    return tuple(s for s in (text_of(v) for v in list_of(value)) if s)
