"""Write a ``TriageTable`` as CSV or JSON in chunks, each distinct cell formatted once.

A million rows through ``csv.writer`` or ``json.dumps`` row by row cost seconds, and most
cells repeat (an id per study, a study per person, a few verdicts and unmet texts). Each
distinct value is quoted or dumped once, by the same ``csv``/``json`` modules the row
writers use; a chunk of rows is then joined from those pieces and written, so the bytes
are the row writers' exactly (tests compare them) and memory stays one chunk deep.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import numpy as np

from screener.reports.spreadsheet import defuse
from screener.triage.rows import VERDICTS_OUT
from screener.triage.table import TriageTable

__all__ = ["CHUNK_ROWS", "write_table_csv", "write_table_json"]

CHUNK_ROWS = 50_000
"""Rows joined and written at a time (a few MB of text)."""
_Array = np.ndarray[Any, Any]


def _csv_cells(values: Sequence[object], after: str, clean: Callable[[object], object]) -> _Array:
    """Each value as ``csv.writer`` writes it inside a row (quoted when needs be) + ``after``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    out: list[str] = []
    for value in values:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow((clean(value), ""))  # a trailing empty cell: never quoted alone
        out.append(buffer.getvalue()[:-2] + after)
    return np.array(out, dtype=object)


def _months_csv(months: _Array, clean: Callable[[object], object]) -> tuple[_Array, _Array]:
    found, where = np.unique(months, return_inverse=True)
    texts = ["" if m != m else f"{m:.1f}" for m in found.tolist()]  # NaN: no window
    return _csv_cells(texts, ",", clean), where.reshape(-1)


def _write(
    table: TriageTable,
    handle: TextIO,
    pieces: Sequence[_Array],
    months: Callable[[_Array], tuple[_Array, _Array]],
    first: Callable[[str], str] = lambda text: text,
) -> None:
    """Join each chunk's rows from ``pieces`` (person head, study, verdict, unmet, asked,
    person tail) and the months, and write it."""
    head, study, verdict, unmet, asked, tail = pieces
    for start in range(0, len(table), CHUNK_ROWS):
        part = slice(start, start + CHUNK_ROWS)
        person = table.person[part]
        month_cells, month_code = months(table.months[part])
        cells = np.empty((len(person), 7), dtype=object)
        cells[:, 0] = head[person]
        cells[:, 1] = study[table.study[part]]
        cells[:, 2] = verdict[table.verdict[part]]
        cells[:, 3] = unmet[table.not_met[part]]
        cells[:, 4] = asked[table.asked[part]]
        cells[:, 5] = month_cells[month_code]
        cells[:, 6] = tail[person]
        text = "".join(cells.ravel().tolist())
        handle.write(first(text) if start == 0 else text)


def write_table_csv(table: TriageTable, handle: TextIO, *, spreadsheet_safe: bool = False) -> None:
    """``output.write_csv``'s rows (after its header) for a table: the same bytes, in chunks."""
    clean: Callable[[object], object] = defuse if spreadsheet_safe else (lambda cell: cell)
    tails = [
        a + "," + b + "\n"
        for a, b in zip(
            _csv_cells(table.messages, "", clean).tolist(),
            _csv_cells(table.numbers, "", clean).tolist(),
            strict=True,
        )
    ]
    pieces = (
        _csv_cells(table.ids, ",", clean),
        _csv_cells(table.nct_ids, ",", clean),
        _csv_cells(VERDICTS_OUT, ",", clean),
        _csv_cells(table.not_met_texts, ",", clean),
        _csv_cells(table.asked_texts, ",", clean),
        np.array(tails, dtype=object),
    )
    _write(table, handle, pieces, lambda months: _months_csv(months, clean))


def _dumped(values: Sequence[object], after: str) -> _Array:
    return np.array([json.dumps(v, ensure_ascii=False) + after for v in values], dtype=object)


def _key(name: str) -> str:
    return ", " + json.dumps(name) + ": "


def _months_json(months: _Array) -> tuple[_Array, _Array]:
    found, where = np.unique(months, return_inverse=True)
    values = [None if m != m else round(m, 1) for m in found.tolist()]  # NaN: no window
    return _dumped(values, _key("message")), where.reshape(-1)


def write_table_json(table: TriageTable, handle: TextIO) -> None:
    """``output.write_json`` of a table: the same text, chunk by chunk."""
    handle.write("[")
    opening = ",\n  {" + json.dumps("id") + ": "
    heads = [opening + i + _key("nct_id") for i in _dumped(table.ids, "")]
    tails = [
        m + _key("row") + n + "}"
        for m, n in zip(_dumped(table.messages, ""), _dumped(table.numbers, ""), strict=True)
    ]
    pieces = (
        np.array(heads, dtype=object),
        _dumped(table.nct_ids, _key("verdict")),
        _dumped(VERDICTS_OUT, _key("not_met")),
        _dumped(table.not_met_texts, _key("open_questions")),
        _dumped(table.asked_texts, _key("months_left")),
        np.array(tails, dtype=object),
    )
    # The first row follows "[" without a comma, as the row writer puts it.
    _write(table, handle, pieces, _months_json, first=lambda text: text[1:])
    handle.write("\n]\n" if len(table) else "]\n")
