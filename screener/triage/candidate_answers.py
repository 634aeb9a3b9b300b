"""One row's parsed cells → the contract §1 profile mapping (nested keys, ALSFRS-R, location).

Built when a row's answers or profile are first read (``candidate_rows``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.triage.candidate_columns import BY_NAME

__all__ = ["ITEM_COLUMNS", "answers_of"]

ITEM_COLUMNS: tuple[str, ...] = tuple(f"alsfrs_r_{n}" for n in range(1, 13))


def _set(answers: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = answers
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


_PLACE_COLUMNS = ("postal_code", "city", "country")


def answers_of(cells: Mapping[str, Any]) -> dict[str, Any]:
    """The contract §1 profile mapping of one row's parsed cells.

    The row's problems and notes across cells (a total that is not the items' sum, fewer
    than 12 items) are found for the whole file at once (``candidate_checks.score_flags``).
    """
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
    _add_scores_and_place(answers, cells)
    return answers


def _add_scores_and_place(answers: dict[str, Any], cells: Mapping[str, Any]) -> None:
    """Add the ALSFRS-R (the 12 items when all are given, else the total) and the location."""
    items = [cells.get(c) for c in ITEM_COLUMNS]
    total = cells.get("alsfrs_r_total")
    given = [i for i in items if i is not None]
    alsfrs: dict[str, Any] = {}
    if len(given) == 12:
        alsfrs["items"] = given
    elif total is not None:
        alsfrs["total"] = total
    if alsfrs:
        if cells.get("alsfrs_r_date") is not None:
            alsfrs["date"] = cells["alsfrs_r_date"]
        answers["alsfrs_r"] = alsfrs
    location = {key: cells[key] for key in _PLACE_COLUMNS if cells.get(key) is not None}
    # A country alone cannot place anyone, and the profile rejects it: leave location unknown.
    if location.keys() - {"country"}:
        answers["location"] = location
