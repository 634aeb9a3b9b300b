"""The triage table as columns: every candidate × study row without a Python object per row.

Ten thousand people against a hundred studies is a million rows; as ``TriageRow`` objects
they took most of the command's memory and time. Here a row is a few numbers (whose row,
which study, verdict, months left, which unmet words, which questions) and each distinct
text is kept once, so the writers can stream rows out in chunks and the command never
holds the million rows at once. ``rows`` gives ``TriageRow``s for a slice when objects are
wanted (the app's table of one study, tests).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from screener.triage.rows import VERDICTS_OUT, TriageRow

__all__ = ["TriageTable"]

_Array = np.ndarray[Any, Any]


@dataclass(frozen=True, slots=True)
class TriageTable:
    """Rows in triage order, as parallel columns; texts and people once each."""

    ids: Sequence[str]
    """Per candidate row of the file: the id (error rows included)."""
    numbers: Sequence[int]
    """Per candidate: the row number in the file."""
    messages: Sequence[str]
    """Per candidate: the error or the reader's notes."""
    nct_ids: Sequence[str]
    """Per study screened."""
    person: _Array
    """Per output row: index into the candidates."""
    study: _Array
    """Per output row: index into ``nct_ids``."""
    verdict: _Array
    """Per output row: index into ``VERDICTS_OUT``."""
    months: _Array
    """Per output row: months left (NaN: no window)."""
    not_met: _Array
    """Per output row: index into ``not_met_texts``."""
    not_met_texts: Sequence[str]
    asked: _Array
    """Per output row: index into ``asked_texts``."""
    asked_texts: Sequence[str]

    def __len__(self) -> int:
        return len(self.person)

    def counts(self) -> Counter[str]:
        """Rows per verdict."""
        found = np.bincount(self.verdict, minlength=len(VERDICTS_OUT)).tolist()
        return Counter({v: n for v, n in zip(VERDICTS_OUT, found, strict=True) if n})

    def rows(self, start: int = 0, stop: int | None = None) -> list[TriageRow]:
        """The rows ``start:stop`` as ``TriageRow`` objects, in triage order."""
        part = slice(start, len(self) if stop is None else stop)
        person = self.person[part].tolist()
        ncts = [self.nct_ids[s] for s in self.study[part].tolist()]
        verdicts = [VERDICTS_OUT[v] for v in self.verdict[part].tolist()]
        unmet = [self.not_met_texts[k] for k in self.not_met[part].tolist()]
        asked = [self.asked_texts[k] for k in self.asked[part].tolist()]
        left = [None if m != m else m for m in self.months[part].tolist()]  # NaN: no window
        ids, messages, numbers = self.ids, self.messages, self.numbers
        return [
            TriageRow(ids[p], nct, v, u, a, m, messages[p], numbers[p])
            for p, nct, v, u, a, m in zip(person, ncts, verdicts, unmet, asked, left, strict=True)
        ]
