"""``python -m screener rules check [FILE ...]``: validate rule files before they are used.

Each file is read exactly as ``triage --rules`` reads it; then every rule's quote is looked up
in the study's eligibility text (from ``--studies FILE``, the bundled snapshot with
``--offline``, else the live registry). With no FILE, every file under ``rules/`` is checked.
Exit 0 when every file is usable, 2 when any file has a problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from screener.errors import RuleFileError
from screener.inputs.untrusted import clean_message
from screener.registry.source import StudySource, load_studies

if TYPE_CHECKING:  # the rule modules load only when `rules check` runs (lazy CLI imports)
    from screener.registry.records import StudyRecord
    from screener.rules.model import StudyRules

SourceLoader = Callable[[argparse.Namespace], StudySource]


def add_rules_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rules check`` on the CLI's sub-command parser."""
    rules = sub.add_parser("rules", help="check rule files (YAML)")
    actions = rules.add_subparsers(dest="rules_command", required=True)
    check = actions.add_parser("check", help="validate rule files and their quotes")
    check.add_argument("files", nargs="*", type=Path, help="rule files (default: all of rules/)")
    check.add_argument("--studies", type=Path, help="check quotes against this studies file")
    check.add_argument("--offline", action="store_true", help="use the bundled snapshot")
    check.set_defaults(func=rules_check_command)


def _default_loader(args: argparse.Namespace) -> StudySource:
    return load_studies(studies_file=args.studies, offline=args.offline)


def quote_report(rules: StudyRules, record: StudyRecord | None) -> tuple[list[str], list[str]]:
    """(problems, warnings) about the rules' quotes in the study's eligibility text."""
    from screener.rules.book import normalise_text as _normalise

    if record is None:
        return [], [f"{rules.name}: {rules.nct_id} is not in these studies; quotes not checked"]
    if not record.eligibility_text:
        return [], [f"{rules.name}: {rules.nct_id} has no eligibility text; quotes not checked"]
    text = _normalise(record.eligibility_text)
    problems: list[str] = []
    warnings: list[str] = []
    for criterion in rules.criteria:
        if _normalise(criterion.text) in text:
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


def rules_check_command(args: argparse.Namespace, loader: SourceLoader = _default_loader) -> int:
    """Check the given rule files (or all of ``rules/``); print every problem; exit 0 or 2."""
    from screener.review.notes import note_contradictions
    from screener.rules.book import RULES_DIR, RuleFileProblems, load_rule_file, load_rulebook

    problems: list[str] = []
    checked: list[StudyRules] = []
    if args.files:
        for path in args.files:
            try:
                checked.append(load_rule_file(path))
            except RuleFileProblems as exc:
                problems.extend(exc.problems)
            except RuleFileError as exc:
                problems.append(str(exc))
    else:
        book = load_rulebook(RULES_DIR)
        problems.extend(book.errors)
        checked.extend(book.studies.values())
    warnings: list[str] = []
    if checked:
        source = loader(args)
        records = {r.nct_id: r for r in source.records}
        for rules in checked:
            found, noted = quote_report(rules, records.get(rules.nct_id))
            problems.extend(found)
            problems.extend(note_contradictions(rules))
            warnings.extend(noted)
    for message in warnings:
        print(clean_message(f"warning: {message}"), file=sys.stderr)
    for message in problems:
        print(clean_message(message), file=sys.stderr)
    bad_names = {p.split(":", 1)[0] for p in problems}
    for rules in checked:
        if rules.name not in bad_names:
            print(f"ok: {rules.name}: {rules.nct_id}, {len(rules.criteria)} rules")
    return 2 if problems else 0
