"""``python -m screener triage``: read the candidates, screen, write CSV or JSON, count.

The triage functions take typed arguments and return rows; this is the only place that
reads the command line, prints warnings and counts to stderr, and writes to --out or stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from screener.errors import BadInput
from screener.inputs.untrusted import clean_message
from screener.registry.source import StudySource

__all__ = ["triage_command"]


def triage_command(
    args: argparse.Namespace, source_loader: Callable[[argparse.Namespace], StudySource]
) -> int:
    """Read, screen, write CSV or JSON to --out or stdout; counts (never a person) to stderr."""
    from screener.triage.output import write_csv, write_json
    from screener.triage.run import read_candidates, select_studies, summary_line, triage_table

    candidates = read_candidates(Path(args.candidates), as_of=args.as_of)
    for warning in candidates.warnings:
        print(clean_message(f"warning: {warning}"), file=sys.stderr)
    rules_file = None if args.rules is None else Path(args.rules)
    studies, warnings = select_studies(
        source_loader(args), nct_ids=args.study or (), rules_file=rules_file
    )
    for warning in warnings:
        print(clean_message(f"warning: {warning}"), file=sys.stderr)
    # As columns, written in chunks: a million rows never sit in memory as objects.
    rows = triage_table(candidates, studies)
    write = write_json if args.format == "json" else write_csv
    if args.out is None:
        write(rows, sys.stdout)
    else:
        try:
            with Path(args.out).open("w", encoding="utf-8", newline="") as handle:
                write(rows, handle)
        except OSError as exc:
            raise BadInput(f"--out {args.out}: cannot be written ({exc.strerror})") from None
    print(summary_line(rows, len(candidates.rows), len(studies)), file=sys.stderr)
    return 0
