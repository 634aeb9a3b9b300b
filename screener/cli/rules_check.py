"""``python -m screener rules check [FILE ...]``: validate rule files before they are used.

The checking is ``screener.review.rule_check`` (loaded only when ``rules check`` runs); this
module reads the command line, takes the studies from ``--studies FILE``, the bundled snapshot
with ``--offline``, else the live registry, and prints. With no FILE, every file under
``rules/`` is checked. Exit 0 when every file is usable, 2 when any file has a problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from screener.inputs.untrusted import clean_message
from screener.registry.source import StudySource, load_studies

__all__ = ["SourceLoader", "add_rules_parser", "rules_check_command"]

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


def rules_check_command(args: argparse.Namespace, loader: SourceLoader = _default_loader) -> int:
    """Check the given rule files (or all of ``rules/``); print every problem; exit 0 or 2."""
    from screener.review.rule_check import check_rule_files

    found = check_rule_files(args.files, lambda: loader(args))
    for message in found.warnings:
        print(clean_message(f"warning: {message}"), file=sys.stderr)
    for message in found.problems:
        print(clean_message(message), file=sys.stderr)
    for rules in found.passed():
        print(f"ok: {rules.name}: {rules.nct_id}, {len(rules.criteria)} rules")
    return 2 if found.problems else 0
