"""Every profile key's answer, problems and validated value, once per distinct group of cells.

A key's answer is made from its own columns only (``KEY_COLUMNS``), so rows whose cells for
that key are equal share its answer and its validated value: 10,000 rows hold a few
hundred distinct onset dates, a handful of ventilation answers. Each distinct answer is
validated by the ``Profile`` model itself, alone under its key, so a row's profile can be
put together from parts already checked (the model takes its own objects as they are and
runs only its check across keys: no date after the screening day). A part the model rejects
is marked, and its rows go through ``parse_profile`` whole, which words the message as for
one person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from pydantic import ValidationError

from screener.person.profile import Profile
from screener.triage.candidate_answers import KEY_COLUMNS, key_answer

REJECTED = object()
"""The validated value of an answer the model rejects alone (its rows are checked whole)."""


@dataclass(frozen=True, slots=True)
class KeyColumn:
    """One profile key for every row: a group code per row and, per group, what it holds."""

    codes: np.ndarray[Any, Any]
    answers: list[Any]
    """The key's contract answer per group (None: unanswered)."""
    problems: list[tuple[str, ...]]
    notes: list[tuple[str, ...]]
    parts: list[Any]
    """The validated value per group (None: unanswered; ``REJECTED``: the model refuses it)."""

    def per_row(self, values: list[Any]) -> list[Any]:
        """A per-group list spread out to one item per row."""
        return [values[c] for c in self.codes.tolist()]


def _group_codes(parts: list[np.ndarray[Any, Any]]) -> np.ndarray[Any, Any]:
    if len(parts) == 1:
        return parts[0].astype(np.int64)
    frame = pd.DataFrame({i: part for i, part in enumerate(parts)})
    codes: np.ndarray[Any, Any] = frame.groupby(list(frame.columns), sort=False).ngroup()
    return np.asarray(codes, dtype=np.int64)


def _validated_part(key: str, answer: Any) -> Any:
    if answer is None:
        return None
    try:
        return getattr(Profile.model_validate({key: answer}), key)
    except ValidationError:
        return REJECTED


def key_columns(
    cell_codes: Mapping[str, np.ndarray[Any, Any]],
    parsed: Mapping[str, list[Any]],
    as_of: date | None,
) -> dict[str, KeyColumn]:
    """Per profile key the file answers, its ``KeyColumn`` (``parsed``: per column, the
    parsed value of each distinct cell, indexed by ``cell_codes``)."""
    found: dict[str, KeyColumn] = {}
    for key, columns in KEY_COLUMNS.items():
        present = [c for c in columns if c in cell_codes]
        if not present:
            continue
        codes = _group_codes([cell_codes[c] for c in present])
        _, first = np.unique(codes, return_index=True)
        answers, problems, notes, parts = [], [], [], []
        for row in first.tolist():
            cells = {c: parsed[c][int(cell_codes[c][row])] for c in present}
            answer, trouble, said = key_answer(key, cells)
            answers.append(answer)
            problems.append(trouble)
            notes.append(said)
            # --as-of replaces every row's own as_of in the profile (not in its answers).
            overridden = key == "as_of" and as_of is not None
            parts.append(None if overridden else _validated_part(key, answer))
        found[key] = KeyColumn(codes, answers, problems, notes, parts)
    return found


def fresh(answer: Any) -> Any:
    """A row's own copy of a shared nested answer (so no two rows share a mutable dict)."""
    if isinstance(answer, dict):
        return {k: list(v) if isinstance(v, list) else v for k, v in answer.items()}
    return answer


def assembled(parts: Mapping[str, Any], as_of: date | None) -> Profile | None:
    """The profile made of validated parts, or None when the model refuses it (the check
    across keys: a date after the screening day). The parts are the model's own objects,
    which it takes as they are, so this costs a fraction of validating the answers."""
    fields = {k: v for k, v in parts.items() if v is not None}
    if as_of is not None:
        fields["as_of"] = as_of
    try:
        return Profile.model_validate(fields)
    except ValidationError:
        return None
