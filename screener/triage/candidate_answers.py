"""Parsed cells → the contract §1 profile mapping (nested keys, ALSFRS-R, location).

Each profile key is made from its own columns only (``KEY_COLUMNS``), so the bulk reader
builds a key's answer once per distinct group of its cells (``key_answer``) and a row's
mapping is the union of its keys' answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.triage.candidate_values import COLUMNS

ITEM_COLUMNS: tuple[str, ...] = tuple(f"alsfrs_r_{n}" for n in range(1, 13))
KEY_COLUMNS: dict[str, tuple[str, ...]] = {}
"""Profile key → the CSV columns its answer is made from, in the columns' order."""
for _column in COLUMNS:
    if _column.path:
        KEY_COLUMNS[_column.path[0]] = (*KEY_COLUMNS.get(_column.path[0], ()), _column.name)
_PATHS: dict[str, tuple[str, ...]] = {c.name: c.path for c in COLUMNS}

KeyAnswer = tuple[Any, tuple[str, ...], tuple[str, ...]]
"""(the key's answer, None when unanswered; problems; notes)."""


def _alsfrs(cells: Mapping[str, Any]) -> KeyAnswer:
    items = [cells.get(c) for c in ITEM_COLUMNS]
    total = cells.get("alsfrs_r_total")
    given = [i for i in items if i is not None]
    problems: list[str] = []
    notes: list[str] = []
    alsfrs: dict[str, Any] = {}
    if len(given) == 12:
        if total is not None and total != sum(given):
            problems.append(
                f"column alsfrs_r_total: {total} is not the sum of alsfrs_r_1..alsfrs_r_12 "
                f"({sum(given)})"
            )
        alsfrs["items"] = given
    elif total is not None:
        alsfrs["total"] = total
    if given and len(given) < 12:
        notes.append(
            f"ALSFRS-R items: only {len(given)} of 12 given, so the items were not used"
            + ("; the total was" if total is not None else "")
        )
    if alsfrs and cells.get("alsfrs_r_date") is not None:
        alsfrs["date"] = cells["alsfrs_r_date"]
    return (alsfrs or None), tuple(problems), tuple(notes)


def key_answer(key: str, cells: Mapping[str, Any]) -> KeyAnswer:
    """One profile key's answer from its columns' parsed cells (None values are blanks)."""
    if key == "alsfrs_r":
        return _alsfrs(cells)
    if key == "location":
        location = {
            k: cells[k] for k in ("postal_code", "city", "country") if cells.get(k) is not None
        }
        # A country alone cannot place anyone, and the profile rejects it: leave it unknown.
        return (location if location.keys() - {"country"} else None), (), ()
    columns = KEY_COLUMNS[key]
    if len(columns) == 1 and len(_PATHS[columns[0]]) == 1:
        return cells.get(columns[0]), (), ()
    nested = {_PATHS[c][1]: cells[c] for c in columns if cells.get(c) is not None}
    return (nested or None), (), ()
