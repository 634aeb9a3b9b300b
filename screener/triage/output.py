"""The triage table as CSV or JSON, written as it goes (a million rows never sit in one string)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from screener.reports.spreadsheet import defuse
from screener.triage.rows import TriageRow
from screener.triage.table import TriageTable
from screener.triage.table_output import write_table_csv, write_table_json

__all__ = ["COLUMNS", "write_csv", "write_json", "triage_csv", "triage_json"]

COLUMNS: tuple[str, ...] = (
    "id",
    "nct_id",
    "verdict",
    "not_met",
    "open_questions",
    "months_left",
    "message",
    "row",
)
"""The contract's triage columns, then the candidate's row number in the file."""


def _months(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def write_csv(
    rows: Sequence[TriageRow] | TriageTable, handle: TextIO, *, spreadsheet_safe: bool = False
) -> None:
    """Write the triage table as CSV (months left to one decimal; blank when unknown).

    ``spreadsheet_safe`` defuses cells a spreadsheet would run as formulas (for downloads).
    A ``TriageTable`` is written in chunks (the same bytes), never as one list of rows.
    """
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMNS)
    if isinstance(rows, TriageTable):
        write_table_csv(rows, handle, spreadsheet_safe=spreadsheet_safe)
        return
    cells: Iterable[tuple[object, ...]] = (
        (r.id, r.nct_id, r.verdict, r.not_met, r.open_questions, _months(r.months_left),
         r.message, r.row)
        for r in rows
    )  # fmt: skip
    if spreadsheet_safe:
        cells = (tuple(defuse(c) for c in row) for row in cells)
    writer.writerows(cells)


def write_json(rows: Sequence[TriageRow] | TriageTable, handle: TextIO) -> None:
    """Write the triage table as a JSON list of objects with the CSV's keys."""
    if isinstance(rows, TriageTable):
        write_table_json(rows, handle)
        return
    handle.write("[")
    for number, r in enumerate(rows):
        months = None if r.months_left is None else round(r.months_left, 1)
        item = dict(zip(COLUMNS, (r.id, r.nct_id, r.verdict, r.not_met, r.open_questions,
                                  months, r.message, r.row), strict=True))  # fmt: skip
        handle.write(("\n  " if number == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
    handle.write("\n]\n" if rows else "]\n")


def triage_csv(rows: Sequence[TriageRow] | TriageTable, *, spreadsheet_safe: bool = False) -> str:
    """The triage table as CSV text (for a download)."""
    buffer = io.StringIO()
    write_csv(rows, buffer, spreadsheet_safe=spreadsheet_safe)
    return buffer.getvalue()


def triage_json(rows: Sequence[TriageRow] | TriageTable) -> str:
    """The triage table as JSON text."""
    buffer = io.StringIO()
    write_json(rows, buffer)
    return buffer.getvalue()
