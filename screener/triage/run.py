"""Coordinator triage: screen an interest list (candidate CSV) against one or more studies.

Every candidate appears exactly once per study: screened rows carry the engine's verdict,
the study's words for each unmet criterion, the questions still open and the months left in
the onset window; a row the reader could not accept is an ``error`` row with its message.

Order: likely → possible → excluded → error, then months left (soonest first; unknown last),
then study, then the candidate's row in the file. Errors come last so the top of the list is
whom to call first; ``summary_line`` counts the rows (the command prints it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from screener.errors import BadInput
from screener.registry.records import StudyRecord, normalise
from screener.registry.source import StudySource
from screener.rules.compiled import CompiledCriteria
from screener.screening.engine import CriteriaSource
from screener.triage.batch import Batch
from screener.triage.bulk import paused_gc
from screener.triage.candidates import CandidateTable, question_columns, read_candidates
from screener.triage.output import COLUMNS, triage_csv, triage_json
from screener.triage.rows import VERDICT_ORDER, Study, TriageRow
from screener.triage.table import TriageTable

if TYPE_CHECKING:
    # The rule book (and the extractor behind it) is loaded only for a coordinator's rule
    # file (--rules); --study and --all read the compiled criteria.
    from screener.rules.book import RuleBook
    from screener.rules.model import StudyRules

SEPARATOR = " | "


def triage(candidates: CandidateTable, studies: Sequence[Study]) -> list[TriageRow]:
    """One row per candidate per study, in triage order (see the module docstring)."""
    with paused_gc():
        return triage_table(candidates, studies).rows()


def triage_table(candidates: CandidateTable, studies: Sequence[Study]) -> TriageTable:
    """``triage`` as columns (``TriageTable``): what the command streams to its writer."""
    rows = candidates.rows
    good = candidates.good()
    codes = candidates.answer_codes
    people = candidates.people(good)
    batch = Batch(
        people.profiles,
        None if codes is None else {key: column[good] for key, column in codes.items()},
        people,
    )
    parts: dict[str, list[Any]] = {k: [] for k in ("verdict", "months", "unmet", "asked")}
    unmet_texts, asked_texts = _Texts(list), _Texts(question_columns)
    for record, criteria in studies if rows else ():
        found = batch.screen(record, criteria)
        each = np.full(len(rows), VERDICT_ORDER["error"], dtype=np.int8)
        each[good] = found.verdict
        left = np.full(len(rows), np.nan)
        left[good] = found.months_left
        parts["verdict"].append(each)
        parts["months"].append(left)
        parts["unmet"].append(unmet_texts.codes(found.not_met, found.not_met_code, good, len(rows)))
        parts["asked"].append(
            asked_texts.codes(found.questions, found.question_code, good, len(rows))
        )
    empty = np.zeros(0, dtype=np.int64)
    verdict = np.concatenate(parts["verdict"]) if parts["verdict"] else empty
    months = np.concatenate(parts["months"]) if parts["months"] else np.zeros(0)
    study = np.repeat(np.arange(len(parts["verdict"])), len(rows))
    number = np.array([r.number for r in rows], dtype=np.int64)
    # Triage order: verdict, then months left (unknown last), then study, then file row.
    order = np.lexsort(
        (np.tile(number, len(parts["verdict"])), study, np.nan_to_num(months, nan=np.inf), verdict)
    )
    return TriageTable(
        ids=[r.id for r in rows],
        numbers=number.tolist(),
        messages=[r.problem if r.problem else "; ".join(r.notes) for r in rows],
        nct_ids=[record.nct_id for record, _ in studies],
        person=order % max(len(rows), 1),
        study=study[order],
        verdict=verdict[order],
        months=months[order],
        not_met=np.concatenate(parts["unmet"])[order] if parts["unmet"] else empty,
        not_met_texts=unmet_texts.texts,
        asked=np.concatenate(parts["asked"])[order] if parts["asked"] else empty,
        asked_texts=asked_texts.texts,
    )


class _Texts:
    """Distinct joined texts across studies ("" first, for error rows), each joined once."""

    def __init__(self, columns: Callable[[Sequence[str]], list[str]]) -> None:
        self.columns = columns
        self.texts: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def codes(
        self,
        values: Sequence[tuple[str, ...]],
        codes: np.ndarray[Any, Any],
        good: np.ndarray[Any, Any],
        size: int,
    ) -> np.ndarray[Any, Any]:
        """Per person the index of their joined text (0, "", for error rows)."""
        index: list[int] = []
        for value in values:
            text = SEPARATOR.join(self.columns(value))
            if text not in self._index:
                self._index[text] = len(self.texts)
                self.texts.append(text)
            index.append(self._index[text])
        out = np.zeros(size, dtype=np.int64)
        out[good] = np.array(index, dtype=np.int64)[codes]
        return out


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


def study_for_rules(
    rules: StudyRules, source: StudySource, rulebook: RuleBook
) -> tuple[Study, list[str]]:
    """A coordinator's rule file as a study (over the record when the source has it), with
    a warning for each rule whose words are not in the registry's whole text."""
    record = next((r for r in source.records if r.nct_id == rules.nct_id), None)
    if record is None:
        return (record_for_rules(rules), list(rules.criteria)), []
    book = rulebook.with_study(rules)
    warnings = [
        f"{rules.name}: rule '{c.extra.get('rule', c.factor)}': its words are not in "
        f"{record.nct_id}'s registry text; applied as written"
        for c in book.stale_rules(record)
    ]
    # The coordinator's own file is authoritative for the factors it covers, even where its
    # wording differs from the registry copy (a protocol is often fuller), so the stale-quote
    # check meant for the bundled curated files is not applied: it runs only on whole text.
    unchecked = replace(record, provenance=replace(record.provenance, criteria_complete=None))
    return (record, book.criteria_for(unchecked)), warnings


def enrolling_studies(source: StudySource, rulebook: CriteriaSource) -> list[Study]:
    """--all: every study ``screen`` would take (``StudySource.to_screen``) with any criterion."""
    studies: list[Study] = []
    for record in source.to_screen().records:
        criteria = rulebook.criteria_for(record)
        if criteria:
            studies.append((record, criteria))
    return studies


def named_studies(
    nct_ids: Sequence[str], source: StudySource, rulebook: CriteriaSource
) -> list[Study]:
    """The studies named by NCT number, in the order given; an unknown number is bad input."""
    by_id = {r.nct_id: r for r in source.records}
    # "--study NCT1,NCT2" is read like "--study NCT1 --study NCT2".
    wanted = list(
        dict.fromkeys(n.upper() for text in nct_ids for n in text.replace(",", " ").split())
    )
    missing = [n for n in wanted if n not in by_id]
    if missing:
        raise BadInput(f"--study: {', '.join(missing)} not found in the {source.source} studies")
    return [(by_id[n], rulebook.criteria_for(by_id[n])) for n in wanted]


def select_studies(
    source: StudySource, *, nct_ids: Sequence[str] = (), rules_file: Path | None = None
) -> tuple[list[Study], list[str]]:
    """The studies asked for: a coordinator's rule file, else the NCT numbers given, else
    every study ``screen`` would take; with a warning for each stale rule of the file."""
    if rules_file is not None:
        from screener.rules.book import load_rule_file, load_rulebook

        study, warnings = study_for_rules(load_rule_file(rules_file), source, load_rulebook())
        return [study], warnings
    # Criteria compiled once per study and cached (the same as the rule book's).
    compiled = CompiledCriteria()
    if nct_ids:
        studies = named_studies(nct_ids, source, compiled)
    else:
        studies = enrolling_studies(source, compiled)
    compiled.save()
    if not studies:
        raise BadInput("no study to screen: no enrolling study with criteria in the source")
    return studies, []


def summary_line(rows: Sequence[TriageRow] | TriageTable, people: int, studies: int) -> str:
    """Counts only (never anything about a person) for stderr."""
    counts = rows.counts() if isinstance(rows, TriageTable) else Counter(r.verdict for r in rows)
    parts = ", ".join(f"{counts[v]} {v}" for v in VERDICT_ORDER if counts[v])
    who = "candidate" if people == 1 else "candidates"
    what = "study" if studies == 1 else "studies"
    return f"triage: {people} {who} × {studies} {what}: {parts or 'no rows'}"


__all__ = [
    "COLUMNS",
    "TriageRow",
    "read_candidates",
    "select_studies",
    "triage",
    "triage_table",
    "TriageTable",
    "triage_csv",
    "triage_json",
    "SEPARATOR",
    "record_for_rules",
    "study_for_rules",
    "enrolling_studies",
    "named_studies",
    "summary_line",
]
