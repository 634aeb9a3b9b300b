"""What the coordinators' triage page shows, as plain functions the page only wires up.

Everything here works on bytes in memory: an uploaded list or rule file is never written to
disk and nothing about a candidate is logged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]

from screener.errors import RuleFileError
from screener.registry.source import StudySource
from screener.rules.book import RuleBook, load_rule_file
from screener.triage.candidate_rows import CandidateRow
from screener.triage.output import triage_csv
from screener.triage.rows import VERDICTS_OUT, Study, TriageRow
from screener.triage.run import (
    named_studies,
    read_candidates,
    study_for_rules,
    triage,
)
from screener.ui.views.still_to_ask import still_to_ask

__all__ = [
    "TEMPLATE_PATH",
    "HEADINGS",
    "TriageResult",
    "MAX_LIST_MB",
    "template_bytes",
    "study_choices",
    "study_picker",
    "study_from_upload",
    "run",
    "pick_study",
    "filter_rows",
    "frame",
    "download_bytes",
    "download_labels",
    "file_name",
]

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "content" / "candidates-template.csv"
HEADINGS: dict[str, str] = {
    "id": "id",
    "nct_id": "study",
    "verdict": "verdict",
    "not_met": "not met (the study's words)",
    "open_questions": "still to ask (CSV column to fill, or what to ask)",
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
    asked: Mapping[int, str] = field(default_factory=dict, compare=False, repr=False)
    """Per row in the file, its open questions in the page's words (``still_to_ask``)."""

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
    return study_picker(source, rulebook)[0]


def study_picker(source: StudySource, rulebook: RuleBook) -> tuple[dict[str, str], str]:
    """``study_choices`` and a sentence saying how many enrolling studies they are, and why
    the others cannot be picked (no eligibility text in our copy, or none of it understood)."""
    choices: dict[str, str] = {}
    records = source.to_screen().records
    no_text = no_criteria = 0
    for record in records:
        if not record.eligibility_text:
            no_text += 1
        elif not rulebook.criteria_for(record):
            no_criteria += 1
        else:
            title = record.title if len(record.title) <= 90 else record.title[:89] + "…"
            choices[record.nct_id] = f"{record.nct_id} · {title}"
    why = []
    if no_text:
        why.append(f"{no_text} have no eligibility text in our copy of the registry")
    if no_criteria:
        why.append(f"{no_criteria} have eligibility text of which no criterion could be read")
    note = f"Studies you can pick: {len(choices)} of the {len(records)} enrolling studies."
    if why:
        note += (
            f" Of the others, {' and '.join(why)}. To screen against one of them, choose "
            "'My own rule file (YAML)' and upload a rule file for it."
        )
    return choices, note


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
    by_number = {c.number: c for c in table.rows}
    asked = {
        r.row: still_to_ask(r.open_questions, _cells(by_number[r.row]))
        for r in rows
        if r.open_questions
    }
    notes = (*table.warnings, *warnings)
    limits: tuple[str, ...] = ()
    if record.criteria_complete is not True:
        limits = (
            "Our copy of this study's eligibility text is missing, cut short or not confirmed "
            "whole, so nobody can be more than 'possible' here; read the whole record at "
            f"{record.url}.",
        )
    people = len(table.rows)
    return TriageResult(tuple(rows), record.nct_id, record.title, people, notes, limits, asked)


def _cells(row: CandidateRow) -> Callable[[str], object]:
    """The person's parsed value of a column (None when blank or not in the file)."""

    def cell(name: str) -> object:
        source = row.source
        if row.problem is not None or source is None or name not in source.parsed.values:
            return None
        return source.parsed.values[name][int(source.parsed.codes[name][row.index])]

    return cell


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
    rows: Sequence[TriageRow],
    verdicts: Sequence[str],
    find: str = "",
    asked: Mapping[int, str] | None = None,
) -> list[TriageRow]:
    """Rows with one of ``verdicts`` whose id, unmet words, open questions (as the CSV names
    them, or as the page words them: ``asked``) or message contain ``find``."""
    wanted = set(verdicts)
    needle = find.strip().lower()
    words = asked or {}

    def found(r: TriageRow) -> bool:
        texts = (r.id, r.not_met, r.open_questions, words.get(r.row, ""), r.message)
        return any(needle in t.lower() for t in texts)

    return [r for r in rows if r.verdict in wanted and (not needle or found(r))]


def frame(
    rows: Sequence[TriageRow], asked: Mapping[int, str] | None = None, *, one_study: bool = False
) -> pd.DataFrame:
    """The rows as a table with readable headings, in triage order.

    A ``message`` (an error row's only content) comes right after the verdict, so it shows
    without scrolling sideways; it is left out when no row has one. ``one_study`` leaves out
    the study column (the page's heading names the study). ``asked``: the page's words for
    each row's open questions (``still_to_ask``), else the CSV's.
    """
    words = asked or {}
    order = ["id", "nct_id", "verdict", "message", "not_met", "open_questions", "months_left"]
    order.append("row")
    if one_study:
        order.remove("nct_id")
    if not any(r.message for r in rows):
        order.remove("message")
    data = {HEADINGS[c]: [getattr(r, c) for r in rows] for c in order}
    data[HEADINGS["open_questions"]] = [words.get(r.row, r.open_questions) for r in rows]
    return pd.DataFrame(data, columns=[HEADINGS[c] for c in order])


def download_bytes(rows: Sequence[TriageRow]) -> bytes:
    """The CSV download; a byte-order mark so spreadsheet programs read "≥" and "é" right."""
    return triage_csv(rows, spreadsheet_safe=True).encode("utf-8-sig")


def download_labels(shown: int, total: int) -> tuple[str, str | None]:
    """The download buttons' labels: the rows shown, then all rows (None when they are the
    same rows, so one button offers them)."""
    if shown == total:
        return f"Download the triage: all {total} rows (CSV)", None
    return (
        f"Download the {shown} rows shown (CSV)",
        f"Download all {total} rows, unfiltered (CSV)",
    )


def file_name(nct_id: str, *, shown: bool = False) -> str:
    """The download's file name (``-shown`` for the filtered rows only)."""
    return f"triage-{nct_id}{'-shown' if shown else ''}.csv"
