"""Parse every column of a candidate file's cells, each distinct cell once (contract §4).

Columns read by the same parser (the twelve ALSFRS-R items, the dates, yes/no answers...)
are parsed together in one call on their distinct cells joined: every parser reads each cell
on its own, so a cell's value and problem do not depend on its neighbours, and pandas' fixed
cost per step, most of a small column's parsing time, is paid once per parser, not per column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from screener.triage.candidate_columns import BY_NAME
from screener.triage.candidate_values import Parsed

__all__ = ["ParsedColumns", "parse_columns"]


@dataclass(frozen=True, slots=True)
class ParsedColumns:
    """Per column: the parsed value and problem ("" when fine) of each distinct cell, and
    each row's code into them; ``flagged`` marks the rows with at least one bad cell."""

    values: dict[str, list[Any]]
    problems: dict[str, list[str]]
    codes: dict[str, np.ndarray[Any, Any]]
    flagged: np.ndarray[Any, Any]


def parse_columns(cells: pd.DataFrame) -> ParsedColumns:
    """Parse each column of stripped text cells (known column names) by its column's parser."""
    codes: dict[str, np.ndarray[Any, Any]] = {}
    distinct: dict[str, list[Any]] = {}
    by_parser: dict[Callable[[pd.Series], Parsed], list[str]] = {}
    values: dict[str, list[Any]] = {}
    problems: dict[str, list[str]] = {}
    for name in cells.columns:
        # A column holds few distinct values (dates by month, yes/no...): parse each once.
        codes[name], uniques = pd.factorize(cells[name])
        values[name], problems[name] = [None], [""]
        if not (len(uniques) == 1 and uniques[0] == ""):
            # A column left blank throughout needs no parsing: every parser reads a blank
            # cell as unknown (None, no problem; a test holds each to it).
            distinct[name] = list(uniques)
            by_parser.setdefault(BY_NAME[name].parse, []).append(name)
    for parse, names in by_parser.items():
        # Plain object strings: the parsers run many small steps, each cheaper so than on
        # pandas' own string type (about a quarter of the parsing time, measured).
        joined = pd.Series([cell for name in names for cell in distinct[name]], dtype=object)
        parsed, trouble = parse(joined)
        start = 0
        for name in names:
            end = start + len(distinct[name])
            values[name], problems[name] = parsed[start:end], trouble[start:end]
            start = end
    flagged = np.zeros(len(cells), dtype=bool)
    for name in cells.columns:
        # Which rows have a bad cell, found per column at once (the words only for those).
        flagged |= np.array([bool(t) for t in problems[name]], dtype=bool)[codes[name]]
    return ParsedColumns(values, problems, codes, flagged)
