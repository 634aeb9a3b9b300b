"""One row's parsed cells → the contract §1 profile mapping (nested keys, ALSFRS-R, location).

Built when a row's answers or profile are first read (``candidate_rows``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.triage.candidate_columns import BY_NAME

__all__ = ["ITEM_COLUMNS", "add_scores_and_place", "answers_of"]

ITEM_COLUMNS: tuple[str, ...] = tuple(f"alsfrs_r_{n}" for n in range(1, 13))


def _set(answers: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = answers
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


_PLACE_COLUMNS = ("postal_code", "city", "country")


def answers_of(cells: Mapping[str, Any]) -> tuple[dict[str, Any], list[str], list[str]]:
    """(contract §1 profile mapping, problems, notes) of one row's parsed cells."""
    answers: dict[str, Any] = {}
    for name, value in cells.items():
        if value is None or name == "id":
            continue
        path = BY_NAME[name].path
        if path[0] in ("alsfrs_r", "location"):
            continue
        if len(path) == 1:
            answers[path[0]] = value
        else:
            _set(answers, path, value)
    problems, notes = add_scores_and_place(answers, cells)
    return answers, problems, notes


def add_scores_and_place(
    answers: dict[str, Any], cells: Mapping[str, Any]
) -> tuple[list[str], list[str]]:
    """Add the ALSFRS-R and location answers of a row's cells; (problems, notes) found."""
    problems: list[str] = []
    notes: list[str] = []
    items = [cells.get(c) for c in ITEM_COLUMNS]
    total = cells.get("alsfrs_r_total")
    given = [i for i in items if i is not None]
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
    if alsfrs:
        if cells.get("alsfrs_r_date") is not None:
            alsfrs["date"] = cells["alsfrs_r_date"]
        answers["alsfrs_r"] = alsfrs
    location = {key: cells[key] for key in _PLACE_COLUMNS if cells.get(key) is not None}
    # A country alone cannot place anyone, and the profile rejects it: leave location unknown.
    if location.keys() - {"country"}:
        answers["location"] = location
    return problems, notes
