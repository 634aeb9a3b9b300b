"""What the coordinators' triage page shows, as plain functions the page only wires up.

Everything here works on bytes in memory: an uploaded list or rule file is never written to
disk and nothing about a candidate is logged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]

from screener.errors import RuleFileError
from screener.registry.source import StudySource
from screener.rules.book import RuleBook, load_rule_file
from screener.triage.output import COLUMNS, triage_csv
from screener.triage.rows import VERDICTS_OUT, Study, TriageRow
from screener.triage.run import (
    named_studies,
    read_candidates,
    study_for_rules,
    triage,
)

__all__ = [
    "TEMPLATE_PATH",
    "HEADINGS",
    "TriageResult",
    "MAX_LIST_MB",
    "template_bytes",
    "study_choices",
    "study_from_upload",
    "run",
    "pick_study",
    "filter_rows",
    "frame",
    "download_bytes",
    "file_name",
]

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "content" / "candidates-template.csv"
HEADINGS: dict[str, str] = {
    "id": "id",
    "nct_id": "study",
    "verdict": "verdict",
    "not_met": "not met (the study's words)",
    "open_questions": "still to ask (CSV columns)",
    "months_left": "months left in onset window",
    "message": "message",
    "row": "row in file",
}


@dataclass(frozen=True, slots=True)
class TriageResult:
    """One triage run: the rows, the study, and the file's warnings."""

    rows: tuple[TriageRow, ...]
    nct_id: str
    title: str
    people: int
    warnings: tuple[str, ...]
    limits: tuple[str, ...] = ()
    """What caps the verdicts for everyone (a study text cut short, say)."""

    def counts(self) -> dict[str, int]:
        """How many rows have each verdict (every verdict listed, zeros included)."""
        found = Counter(r.verdict for r in self.rows)
        return {v: found[v] for v in VERDICTS_OUT}


# The app's upload limit for an interest list (server.maxUploadSize is raised to match; every
# other uploader keeps 1 MB). 10,000 rows of the template's columns are about 2 MB.
MAX_LIST_MB = 5


def template_bytes() -> bytes:
    """The downloadable candidate CSV template (every column of the contract, two examples)."""
    return TEMPLATE_PATH.read_bytes()


def study_choices(source: StudySource, rulebook: RuleBook) -> dict[str, str]:
    """Studies ``screen`` would take, whose eligibility text we hold and that have criteria:
    NCT → label."""
    choices: dict[str, str] = {}
    for record in source.to_screen().records:
        if record.eligibility_text and rulebook.criteria_for(record):
            title = record.title if len(record.title) <= 90 else record.title[:89] + "…"
            choices[record.nct_id] = f"{record.nct_id} · {title}"
    return choices


def study_from_upload(
    content: bytes, name: str, source: StudySource, rulebook: RuleBook
) -> tuple[Study, list[str]]:
    """A coordinator's uploaded rule file (YAML bytes) as a study, with any warnings."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(f"{name}: is not UTF-8 text (save the rule file as UTF-8)") from None
    return study_for_rules(load_rule_file(text, name=name), source, rulebook)


def run(
    content: bytes,
    name: str,
    study: Study,
    as_of: date | None = None,
    warnings: Sequence[str] = (),
) -> TriageResult:
    """Read an uploaded list (bytes) and triage it against one study."""
    table = read_candidates(content, name=name, as_of=as_of)
    record = study[0]
    rows = triage(table, [study])
    notes = (*table.warnings, *warnings)
    limits: tuple[str, ...] = ()
    if record.criteria_complete is not True:
        limits = (
            "Our copy of this study's eligibility text is missing, cut short or not confirmed "
            "whole, so nobody can be more than 'possible' here; read the whole record at "
            f"{record.url}.",
        )
    return TriageResult(tuple(rows), record.nct_id, record.title, len(table.rows), notes, limits)


def pick_study(
    source: StudySource,
    rulebook: RuleBook,
    nct_id: str | None,
    rule_file: tuple[bytes, str] | None = None,
) -> tuple[Study, list[str]]:
    """The study to triage against: an uploaded rule file (content, name) or the picked NCT."""
    if rule_file is not None:
        return study_from_upload(rule_file[0], rule_file[1], source, rulebook)
    return named_studies([str(nct_id)], source, rulebook)[0], []


def filter_rows(
    rows: Sequence[TriageRow], verdicts: Sequence[str], find: str = ""
) -> list[TriageRow]:
    """Rows with one of ``verdicts`` whose id, unmet words or open questions contain ``find``."""
    wanted = set(verdicts)
    needle = find.strip().lower()
    return [
        r
        for r in rows
        if r.verdict in wanted
        and (
            not needle
            or needle in r.id.lower()
            or needle in r.not_met.lower()
            or needle in r.open_questions.lower()
        )
    ]


def frame(rows: Sequence[TriageRow]) -> pd.DataFrame:
    """The rows as a table with readable headings, in triage order."""
    data = {HEADINGS[c]: [getattr(r, c) for r in rows] for c in COLUMNS}
    return pd.DataFrame(data, columns=list(HEADINGS.values()))


def download_bytes(rows: Sequence[TriageRow]) -> bytes:
    """The CSV download; a byte-order mark so spreadsheet programs read "≥" and "é" right."""
    return triage_csv(rows, spreadsheet_safe=True).encode("utf-8-sig")


def file_name(nct_id: str) -> str:
    """The download's file name."""
    return f"triage-{nct_id}.csv"
