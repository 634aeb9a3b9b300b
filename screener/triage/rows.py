"""The triage row and its verdict order: the shared types of ``run`` (which builds rows) and
``output`` (which writes them), kept apart so neither imports the other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from screener.criteria import Criterion
from screener.registry.records import StudyRecord
from screener.screening.verdicts import VERDICT_ORDER as _VERDICTS

__all__ = ["VERDICTS_OUT", "VERDICT_ORDER", "Study", "TriageRow"]

VERDICTS_OUT: tuple[str, ...] = (*_VERDICTS, "error")
"""A triage row's verdicts: the engine's three, then ``error`` for a row that could not be read."""
VERDICT_ORDER: dict[str, int] = {v: i for i, v in enumerate(VERDICTS_OUT)}
"""Sort position of each row verdict (likely first, errors last)."""
Study = tuple[StudyRecord, Sequence[Criterion]]
"""A study to triage against: its record and the criteria to screen it on."""


@dataclass(frozen=True, slots=True)
class TriageRow:
    """One candidate × one study: the verdict and what it rests on."""

    id: str
    nct_id: str
    verdict: str
    not_met: str
    open_questions: str
    months_left: float | None
    message: str
    row: int

    def to_dict(self) -> dict[str, Any]:
        """The row as the contract's keys (plus the candidate's row number in the file)."""
        return asdict(self)
