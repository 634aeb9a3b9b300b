"""Checking rule files before they are used: each read as ``triage --rules`` reads it, each
rule's quote looked up in the study's eligibility text, each note held to its rules.

Returns what it found; ``python -m screener rules check`` prints it and picks the exit code.
A quote missing from a whole text is a problem (the rule is ignored until it quotes the
study's words); missing from a text we hold only cut short, it is a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screener.errors import RuleFileError
from screener.registry.records import StudyRecord
from screener.registry.source import StudySource
from screener.review.notes import note_contradictions
from screener.rules.book import (
    RULES_DIR,
    RuleFileProblems,
    load_rule_file,
    load_rulebook,
    normalise_text,
)
from screener.rules.model import StudyRules

__all__ = ["RuleCheck", "quote_report", "check_rule_files"]


@dataclass(slots=True)
class RuleCheck:
    """What a check found: problems (the file is unusable), warnings, and the files read."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: list[StudyRules] = field(default_factory=list)

    def passed(self) -> list[StudyRules]:
        """The files read that have no problem, in the order they were read."""
        bad_names = {p.split(":", 1)[0] for p in self.problems}
        return [rules for rules in self.checked if rules.name not in bad_names]


def quote_report(rules: StudyRules, record: StudyRecord | None) -> tuple[list[str], list[str]]:
    """(problems, warnings) about the rules' quotes in the study's eligibility text."""
    if record is None:
        return [], [f"{rules.name}: {rules.nct_id} is not in these studies; quotes not checked"]
    if not record.eligibility_text:
        return [], [f"{rules.name}: {rules.nct_id} has no eligibility text; quotes not checked"]
    text = normalise_text(record.eligibility_text)
    problems: list[str] = []
    warnings: list[str] = []
    for criterion in rules.criteria:
        if normalise_text(criterion.text) in text:
            continue
        message = (
            f"{rules.name}: rule '{criterion.extra.get('rule')}': field 'source_text' is not "
            f"in {rules.nct_id}'s eligibility text"
        )
        if record.criteria_complete is True:
            problems.append(message + " (the rule is ignored until it quotes the study's words)")
        else:
            warnings.append(message + " as we have it (that text is cut short)")
    return problems, warnings


def check_rule_files(
    files: Sequence[Path], studies: Callable[[], StudySource], rules_dir: Path = RULES_DIR
) -> RuleCheck:
    """Check ``files`` (none: every file under ``rules_dir``) against the studies.

    ``studies`` is called only when some file could be read, so a bad file alone never
    touches the network.
    """
    found = RuleCheck()
    if files:
        for path in files:
            try:
                found.checked.append(load_rule_file(path))
            except RuleFileProblems as exc:
                found.problems.extend(exc.problems)
            except RuleFileError as exc:
                found.problems.append(str(exc))
    else:
        book = load_rulebook(rules_dir)
        found.problems.extend(book.errors)
        found.checked.extend(book.studies.values())
    if found.checked:
        records = {r.nct_id: r for r in studies().records}
        for rules in found.checked:
            problems, warnings = quote_report(rules, records.get(rules.nct_id))
            found.problems.extend(problems)
            found.problems.extend(note_contradictions(rules))
            found.warnings.extend(warnings)
    return found
