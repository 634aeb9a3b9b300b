"""The candidate CSV's vectorised cell parsers: one column of text cells at a time.

Each parser takes a column of stripped strings (blank = unknown) and returns the parsed values
(``None`` where blank) and, for every cell it could not read, the problem in plain words.
Reading sees each distinct cell once: numbers and dates, which need real parsing, are read
a whole column at a time with pandas; free text, yes/no and the closed vocabularies (a
handful of distinct cells each) cell by cell, where plain Python beats pandas' fixed cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from screener.inputs.untrusted import quote

__all__ = [
    "Parsed",
    "parse_text",
    "parse_number",
    "parse_percent",
    "parse_count",
    "parse_alsfrs_item",
    "parse_alsfrs_total",
    "parse_bool",
    "parse_date",
    "parse_date_or_never",
    "choice",
]

Parsed = tuple[list[Any], list[str]]
"""(values with None where blank, problem text or "" where the cell is fine), one per row."""

_DATE_HELP = "is not a date (write YYYY-MM-DD, YYYY-MM or MM/YYYY)"
_TRUE = ("yes", "y", "true", "t", "1")
_FALSE = ("no", "n", "false", "f", "0")


def _quoted(cells: pd.Series) -> pd.Series:
    """Cells as messages quote them: at most 200 characters, control characters escaped."""
    return cells.map(quote)


def _result(values: pd.Series, problems: pd.Series) -> Parsed:
    return values.astype(object).where(values.notna(), None).tolist(), problems.tolist()


def _no_problems(cells: pd.Series) -> pd.Series:
    return pd.Series("", index=cells.index, dtype=object)


def parse_text(cells: pd.Series) -> Parsed:
    """Free text (ids, postal codes, cities): kept as written."""
    return [cell or None for cell in cells.tolist()], [""] * len(cells)


def _numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    # A lone decimal comma ("52,5") is how many European spreadsheets write a decimal point;
    # three digits after it ("1,000") may be a thousands separator, so that stays unread.
    text = cells.str.replace(r"^(-?\d+),(\d{1,2})$", r"\1.\2", regex=True)
    numbers = pd.to_numeric(text.where(text != "", None), errors="coerce")
    bad = (cells != "") & (numbers.isna() | ~np.isfinite(numbers.astype(float).fillna(0.0)))
    return numbers.astype(float), bad


def parse_number(cells: pd.Series) -> Parsed:
    """A number such as ``52`` or ``52.5``."""
    numbers, bad = _numbers(cells)
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " is not a number")
    return _result(numbers.where(~bad), problems)


def parse_percent(cells: pd.Series) -> Parsed:
    """A percentage written ``58%`` or ``58``."""
    numbers, bad = _numbers(cells.str.replace(r"\s*%$", "", regex=True))
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " is not a percentage")
    return _result(numbers.where(~bad), problems)


def _integers(cells: pd.Series, low: int, high: int, what: str) -> Parsed:
    numbers, bad = _numbers(cells)
    whole = numbers.notna() & (numbers == numbers.round())
    out = (cells != "") & ~bad & (~whole | (numbers < low) | (numbers > high))
    problems = _no_problems(cells).mask(bad | out, _quoted(cells) + f" is not {what}")
    floats, listed = _result(numbers.where(~bad & ~out), problems)
    return [None if v is None else int(v) for v in floats], listed


def parse_count(cells: pd.Series) -> Parsed:
    """A whole number of zero or more (treatment cycles)."""
    return _integers(cells, 0, 10_000, "a whole number of 0 or more")


def parse_alsfrs_item(cells: pd.Series) -> Parsed:
    """One ALSFRS-R item: a whole number of points from 0 to 4 (the scale's own range)."""
    return _integers(cells, 0, 4, "an ALSFRS-R item score (a whole number from 0 to 4)")


def parse_alsfrs_total(cells: pd.Series) -> Parsed:
    """An ALSFRS-R total: a whole number of points from 0 to 48 (twelve items of 0-4)."""
    return _integers(cells, 0, 48, "an ALSFRS-R total (a whole number from 0 to 48)")


def parse_bool(cells: pd.Series) -> Parsed:
    """yes/no, true/false, 1/0 (any case)."""
    values: list[Any] = []
    problems: list[str] = []
    # Cell by cell: parsing sees each distinct cell once, a handful per column, for which
    # plain Python beats pandas' fixed cost per step.
    for cell in cells.tolist():
        lower = cell.lower()
        value = True if lower in _TRUE else False if lower in _FALSE else None
        values.append(value)
        bad = bool(cell) and value is None
        problems.append(f"{quote(cell)} is not yes/no/true/false/1/0" if bad else "")
    return values, problems


def parse_date(cells: pd.Series) -> Parsed:
    """A date: ``2025-03-14``, ``2025-03`` or ``03/2025``; a month stays a month (YYYY-MM)."""
    text = cells.str.replace(
        r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$", r"\1", regex=True
    )
    parts = text.str.extract(
        r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})(?:-(?P<d1>\d{1,2}))?|(?P<m2>\d{1,2})/(?P<y2>\d{4}))$"
    )
    year = parts["y1"].fillna(parts["y2"])
    month = parts["m1"].fillna(parts["m2"])
    day = parts["d1"]
    iso = year.str.cat(month.str.zfill(2), sep="-")
    full = iso.str.cat(day.str.zfill(2), sep="-")
    checked = pd.to_datetime(full.fillna(iso + "-01"), format="%Y-%m-%d", errors="coerce")
    values = full.where(day.notna(), iso).where(checked.notna())
    bad = (cells != "") & values.isna()
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " " + _DATE_HELP)
    return _result(values, problems)


def parse_date_or_never(cells: pd.Series) -> Parsed:
    """A date, or ``never``."""
    never = (cells.str.lower() == "never").tolist()
    values, problems = parse_date(cells.mask(cells.str.lower() == "never", ""))
    values = ["never" if n else v for v, n in zip(values, never, strict=True)]
    problems = [p.replace(_DATE_HELP[:-1], _DATE_HELP[:-1] + " or never") for p in problems]
    return values, problems


_SEPARATORS = re.compile(r"[\s\-]+")


def choice(*allowed: str, aliases: dict[str, str] | None = None) -> Callable[[pd.Series], Parsed]:
    """A parser for one of ``allowed`` (any case; spaces and hyphens read as underscores)."""
    table = {a: a for a in allowed} | (aliases or {})
    wanted = "/".join(allowed)

    def parse(cells: pd.Series) -> Parsed:
        # Cell by cell, as parse_bool: a choice column has a handful of distinct cells.
        values = [table.get(_SEPARATORS.sub("_", cell.lower())) for cell in cells.tolist()]
        problems = [
            f"{quote(cell)} is not one of {wanted}" if cell and value is None else ""
            for cell, value in zip(cells.tolist(), values, strict=True)
        ]
        return values, problems

    return parse
