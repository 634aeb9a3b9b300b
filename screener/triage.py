"""Coordinator triage: screen an interest list (candidate CSV) against one or more studies.

Every candidate appears exactly once per study: screened rows carry the engine's verdict,
the study's words for each unmet criterion, the questions still open and the months left in
the onset window; a row the reader could not accept is an ``error`` row with its message.

Order: likely → possible → excluded → error, then months left (soonest first; unknown last),
then study, then the candidate's row in the file. Errors come last so the top of the list is
whom to call first; the command also prints how many error rows there are.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from screener.candidates import CandidateRow, CandidateTable, question_columns, read_candidates
from screener.criteria import Criterion
from screener.data import StudySource
from screener.errors import BadInput
from screener.rule_model import StudyRules
from screener.rules import RuleBook, load_rule_file, load_rulebook
from screener.studies import StudyRecord, normalise
from screener.triage_batch import Batch, Outcome

VERDICT_ORDER: dict[str, int] = {"likely": 0, "possible": 1, "excluded": 2, "error": 3}
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
SEPARATOR = " | "
Study = tuple[StudyRecord, Sequence[Criterion]]


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


def _sort_key(item: tuple[int, TriageRow]) -> tuple[int, float, int, int]:
    study_index, row = item
    months = row.months_left if row.months_left is not None else float("inf")
    return (VERDICT_ORDER[row.verdict], months, study_index, row.row)


def triage(candidates: CandidateTable, studies: Sequence[Study]) -> list[TriageRow]:
    """One row per candidate per study, in triage order (see the module docstring)."""
    good = [r for r in candidates.rows if r.profile is not None]
    batch = Batch([r.profile for r in good if r.profile is not None])
    items: list[tuple[int, TriageRow]] = []
    for index, (record, criteria) in enumerate(studies):
        outcomes: dict[int, Outcome] = dict(
            zip((r.number for r in good), batch.screen(record, criteria), strict=True)
        )
        for candidate in candidates.rows:
            outcome = outcomes.get(candidate.number)
            items.append((index, _row(candidate, record.nct_id, outcome)))
    items.sort(key=_sort_key)
    return [row for _, row in items]


def _row(candidate: CandidateRow, nct_id: str, outcome: Outcome | None) -> TriageRow:
    if outcome is None:
        message = candidate.problem or ""
        return TriageRow(candidate.id, nct_id, "error", "", "", None, message, candidate.number)
    return TriageRow(
        candidate.id,
        nct_id,
        outcome.verdict,
        SEPARATOR.join(outcome.not_met),
        SEPARATOR.join(question_columns(outcome.open_questions)),
        outcome.months_left,
        "; ".join(candidate.notes),
        candidate.number,
    )


def _months(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def triage_csv(rows: Sequence[TriageRow]) -> str:
    """The triage table as CSV text (months left to one decimal; blank when unknown)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        data = row.to_dict()
        data["months_left"] = _months(row.months_left)
        writer.writerow([data[c] for c in COLUMNS])
    return buffer.getvalue()


def triage_json(rows: Sequence[TriageRow]) -> str:
    """The triage table as a JSON list of objects with the same keys as the CSV."""
    payload = [
        {
            **row.to_dict(),
            "months_left": None if row.months_left is None else round(row.months_left, 1),
        }
        for row in rows
    ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def record_for_rules(rules: StudyRules) -> StudyRecord:
    """A study record for a rule file whose study is not in the studies at hand.

    The rule file is then all there is of the study, so its rules count as the whole text:
    a candidate meeting every rule is ``likely`` (the study team still decides).
    """
    text = "\n".join(c.text for c in rules.criteria)
    return normalise(
        {
            "protocolSection": {
                "identificationModule": {"nctId": rules.nct_id, "briefTitle": rules.title},
                "eligibilityModule": {"eligibilityCriteria": text},
            },
            "provenance": {
                "source": f"rule file {rules.name}",
                "criteriaComplete": True,
                "notes": [f"Rules read from {rules.read_from} by {rules.curated_by}"],
            },
        }
    )


def study_for_rules(rules: StudyRules, source: StudySource, rulebook: RuleBook) -> Study:
    """A coordinator's rule file as a study: over the record when the source has it."""
    record = next((r for r in source.records if r.nct_id == rules.nct_id), None)
    if record is None:
        return record_for_rules(rules), list(rules.criteria)
    return record, rulebook.with_study(rules).criteria_for(record)


def enrolling_studies(source: StudySource, rulebook: RuleBook) -> list[Study]:
    """Every enrolling study of the source that has any criterion to screen on."""
    studies: list[Study] = []
    for record in source.enrolling().records:
        criteria = rulebook.criteria_for(record)
        if criteria:
            studies.append((record, criteria))
    return studies


def named_studies(nct_ids: Sequence[str], source: StudySource, rulebook: RuleBook) -> list[Study]:
    """The studies named by NCT number, in the order given; an unknown number is bad input."""
    by_id = {r.nct_id: r for r in source.records}
    wanted = list(dict.fromkeys(n.strip().upper() for n in nct_ids))
    missing = [n for n in wanted if n not in by_id]
    if missing:
        raise BadInput(f"--study: {', '.join(missing)} not found in the {source.source} studies")
    return [(by_id[n], rulebook.criteria_for(by_id[n])) for n in wanted]


def select_studies(args: argparse.Namespace, source: StudySource) -> list[Study]:
    """The studies the command line asks for (--study, --rules or --all)."""
    rulebook = load_rulebook()
    if args.rules is not None:
        return [study_for_rules(load_rule_file(Path(args.rules)), source, rulebook)]
    if args.study:
        return named_studies(args.study, source, rulebook)
    return enrolling_studies(source, rulebook)


def summary_line(rows: Sequence[TriageRow], people: int, studies: int) -> str:
    """Counts only (never anything about a person) for stderr."""
    counts = Counter(row.verdict for row in rows)
    parts = ", ".join(f"{counts[v]} {v}" for v in VERDICT_ORDER if counts[v])
    plural = "study" if studies == 1 else "studies"
    return f"triage: {people} candidates × {studies} {plural}: {parts or 'no rows'}"


def triage_command(
    args: argparse.Namespace, source_loader: Callable[[argparse.Namespace], StudySource]
) -> int:
    """``python -m screener triage``: read, screen, write CSV or JSON to --out or stdout."""
    candidates = read_candidates(Path(args.candidates), as_of=args.as_of)
    for warning in candidates.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    studies = select_studies(args, source_loader(args))
    if not studies:
        raise BadInput("no study to screen: no enrolling study with criteria in the source")
    rows = triage(candidates, studies)
    text = triage_json(rows) if args.format == "json" else triage_csv(rows)
    if args.out is not None:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise BadInput(f"--out {args.out}: cannot be written ({exc.strerror})") from None
    else:
        sys.stdout.write(text)
    print(summary_line(rows, len(candidates.rows), len(studies)), file=sys.stderr)
    return 0


__all__ = [
    "COLUMNS",
    "TriageRow",
    "read_candidates",
    "select_studies",
    "triage",
    "triage_command",
    "triage_csv",
    "triage_json",
]
