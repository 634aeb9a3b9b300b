"""Read a coordinator's candidate CSV (contract §4) into one profile mapping per person.

A file that cannot be read as a list of people at all (empty, not a CSV, no ``id`` column,
duplicate ids) raises ``CandidateFileError`` with one message. A row with a bad cell is kept
as an error row naming its row number, the column and the problem, so that nobody is lost.
Rows are counted from the first data row (row 1 is the line under the header, as a
spreadsheet shows it on line 2). The file is read in memory only and nothing in it is logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from screener.errors import CandidateFileError
from screener.person.profile import Profile
from screener.triage.bulk import paused_gc
from screener.triage.candidate_checks import doubtful, score_flags, score_note, score_problem
from screener.triage.candidate_columns import (
    BY_NAME,
    COLUMNS,
    flatten_profile,
    question_column,
)
from screener.triage.candidate_facts import Facts
from screener.triage.candidate_file import CandidateInput, decoded_frame, read_bytes
from screener.triage.candidate_parse import ParsedColumns, parse_columns
from screener.triage.candidate_people import people_of
from screener.triage.candidate_rows import CandidateRow, LazyProfiles, RowSource
from screener.triage.groups import equal_rows
from screener.triage.vector_people import People

_MAX_LISTED = 10


@dataclass(frozen=True, slots=True)
class CandidateTable:
    """Every person of a candidate file, in file order, with file-level warnings."""

    name: str
    rows: tuple[CandidateRow, ...]
    warnings: tuple[str, ...] = field(default=())
    answer_codes: Mapping[str, np.ndarray[Any, Any]] | None = field(
        default=None, compare=False, repr=False
    )
    """Per profile key, one integer per row: rows with equal codes gave that key the same
    cells, hence the same answer (triage groups people by them instead of re-reading)."""

    facts: Facts | None = field(default=None, compare=False, repr=False)
    """The file's columns as per-row facts (the vectorised readers' columns come from them)."""

    @property
    def ids(self) -> list[str]:
        """The candidates' ids in file order."""
        return [row.id for row in self.rows]

    def good(self) -> np.ndarray[Any, Any]:
        """The indices of the rows to screen (those with no problem), in file order."""
        return np.array([i for i, r in enumerate(self.rows) if r.problem is None], dtype=np.int64)

    def people(self, good: np.ndarray[Any, Any]) -> People:
        """The people of these good rows, as the batch screener reads them: each column from
        the file's columns at once, each profile built only when read."""
        profiles = LazyProfiles([self.rows[i] for i in good.tolist()])
        if self.facts is None:
            return People(profiles)
        return people_of(self.facts, good, profiles)


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _columns(
    frame: pd.DataFrame, stripped: pd.DataFrame, name: str
) -> tuple[pd.DataFrame, list[str]]:
    """The known columns' stripped cells (``stripped``: the body's, by position), warnings."""
    header = [str(cell).strip().lower() for cell in frame.iloc[0]]
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = pd.RangeIndex(len(header))
    # Two columns with the same known name would leave the answer ambiguous.
    repeated = sorted({h for h in header if h in BY_NAME and header.count(h) > 1})
    if repeated:
        raise CandidateFileError(f"{name}: column(s) appear more than once: {_listed(repeated)}")
    if "id" not in header:
        found = _listed([h for h in header if h]) or "none"
        raise CandidateFileError(
            f"{name}: has no 'id' column (every row needs an id; columns found: {found})"
        )
    unknown = [
        h or f"(unnamed column {i + 1})"
        for i, h in enumerate(header)
        if h not in BY_NAME and (h or (body[i] != "").any())
    ]
    unknown = list(dict.fromkeys(unknown))
    warnings = [f"{name}: unknown column(s) ignored: {_listed(unknown)}"] if unknown else []
    keep = [i for i, h in enumerate(header) if h in BY_NAME]
    known = stripped.set_axis(pd.RangeIndex(len(header)), axis=1)[keep]
    return known.set_axis([header[i] for i in keep], axis=1), warnings


def _check_ids(cells: pd.DataFrame, numbers: list[int], name: str) -> None:
    ids = cells["id"]
    named = ids[ids != ""]
    dup = named[named.duplicated(keep=False)]
    if dup.empty:
        return
    where: dict[str, list[int]] = {}
    for index, value in dup.items():
        where.setdefault(str(value), []).append(numbers[int(str(index))])
    listed = [f"{v} (rows {', '.join(map(str, rows))})" for v, rows in where.items()]
    raise CandidateFileError(f"{name}: duplicate ids: {_listed(listed)}")


def question_columns(keys: Sequence[str]) -> list[str]:
    """The CSV columns to fill in to settle these open questions (profile keys), once each."""
    return list(dict.fromkeys(question_column(k) for k in keys))


def read_candidates(
    source: CandidateInput, name: str | None = None, as_of: date | None = None
) -> CandidateTable:
    """Read a candidate CSV (bytes, a path, or an open file) into a ``CandidateTable``.

    A good row's answers and validated ``Profile`` are built when first read (rows the
    whole-file check doubts were validated here); ``as_of`` (the --as-of option) overrides a
    row's own ``as_of`` column, as it overrides a profile file's.
    """
    raw, found_name = read_bytes(source)
    name = name or found_name
    frame = decoded_frame(raw, name)
    # Every cell stripped once: the known columns' cells are read from it, and a row is a
    # person if any cell holds something, ignored columns included: a row with a note but
    # no id is an error row to fix, not a blank line to drop unseen.
    stripped = frame.iloc[1:].reset_index(drop=True).apply(lambda column: column.str.strip())
    cells, warnings = _columns(frame, stripped, name)
    numbers = list(range(1, len(cells) + 1))
    filled = (stripped != "").any(axis=1)
    blank_rows = int((~filled).sum())
    cells = cells[filled]
    numbers = [n for n, keep in zip(numbers, filled, strict=True) if keep]
    cells = cells.reset_index(drop=True)
    if cells.empty:
        raise CandidateFileError(f"{name}: has a header but no rows of candidates")
    if blank_rows:
        warnings.append(f"{name}: {blank_rows} blank row(s) skipped")
    _check_ids(cells, numbers, name)
    parsed = parse_columns(cells)
    facts = Facts(parsed, len(numbers), as_of)
    with paused_gc():
        rows = _rows(parsed, facts, numbers, RowSource(parsed, as_of))
    codes_by_key = _answer_codes(parsed.codes, len(rows), as_of)
    return CandidateTable(name, tuple(rows), tuple(warnings), codes_by_key, facts)


def _answer_codes(
    cell_codes: Mapping[str, np.ndarray[Any, Any]], size: int, as_of: date | None
) -> dict[str, np.ndarray[Any, Any]]:
    """Per profile key, a code per row that is equal where the key's cells are all equal.

    A key's answer is made from its own columns only (``answers_of``), and the --as-of
    option replaces every row's ``as_of``, so equal cells mean equal answers.
    """
    by_key: dict[str, list[np.ndarray[Any, Any]]] = {}
    for column_name, codes in cell_codes.items():
        path = BY_NAME[column_name].path
        if path:
            by_key.setdefault(path[0], []).append(codes)
    if as_of is not None:
        by_key.pop("as_of", None)
    answer_codes: dict[str, np.ndarray[Any, Any]] = {}
    for key in Profile.model_fields:
        parts = by_key.get(key, [])
        if not parts:
            answer_codes[key] = np.zeros(size, dtype=np.int64)
        elif len(parts) == 1:
            answer_codes[key] = parts[0].astype(np.int64)
        else:
            answer_codes[key] = equal_rows(np.column_stack(parts))[0]
    return answer_codes


def _troubles(parsed: ParsedColumns, row: int) -> list[str]:
    """A flagged row's problems, "column c: problem", in column order."""
    codes = parsed.codes
    return [
        f"column {c}: {found[int(codes[c][row])]}"
        for c, found in parsed.problems.items()
        if found[int(codes[c][row])]
    ]


def _rows(
    parsed: ParsedColumns, facts: Facts, numbers: list[int], source: RowSource
) -> list[CandidateRow]:
    """One row per person: an error row naming its bad cells, or a row whose answers and
    profile are built when first read (validated now where the whole-file check doubts it)."""
    ids = [str(parsed.values["id"][c] or "") for c in parsed.codes["id"].tolist()]
    wrong_sum, partial = score_flags(facts)
    troubled = (parsed.flagged | wrong_sum).tolist()
    not_summed, some_items = wrong_sum.tolist(), partial.tolist()
    doubt = doubtful(facts).tolist()
    rows: list[CandidateRow] = []
    for i, (number, row_id) in enumerate(zip(numbers, ids, strict=True)):
        if troubled[i] or not row_id:
            trouble = [] if row_id else ["column id: is blank (every row needs an id)"]
            trouble += _troubles(parsed, i)
            trouble += [score_problem(facts, i)] if not_summed[i] else []
            label = CandidateRow(number, row_id).label
            rows.append(CandidateRow(number, row_id, f"{label}: " + "; ".join(trouble)))
            continue
        notes = (score_note(facts, i),) if some_items[i] else ()
        row = CandidateRow(number, row_id, None, notes, source, i)
        rows.append(row.checked() if doubt[i] else row)
    return rows


__all__ = [
    "COLUMNS",
    "CandidateRow",
    "CandidateTable",
    "flatten_profile",
    "question_columns",
    "read_candidates",
]
