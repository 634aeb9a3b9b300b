"""``python -m screener``: studies, criteria, screen, triage, refresh and two build commands.

Exit codes (the screening contract): 0 success, 2 bad input (one line on stderr naming the
file and field), 1 internal error. Nothing about the person is logged.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from screener.cli.rules_check import add_rules_parser
from screener.errors import BadInput, ScreenerError
from screener.inputs.untrusted import clean_message
from screener.registry.source import StudySource, load_studies

__all__ = ["build_parser", "main"]


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--as-of: '{text}' is not a date (YYYY-MM-DD)") from None


def _print_json(payload: Any) -> None:
    # One write: json.dump would hand stdout thousands of small pieces, which costs more
    # than encoding them.
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


def _source(args: argparse.Namespace, enrolling_only: bool = False) -> StudySource:
    source = load_studies(
        studies_file=args.studies, offline=args.offline, enrolling_only=enrolling_only
    )
    # The table prints the notice itself; saying it on stderr too would say it twice.
    if source.notice and getattr(args, "format", None) != "table":
        print(clean_message(source.notice), file=sys.stderr)
    return source


def _cmd_studies(args: argparse.Namespace) -> int:
    source = _source(args)
    payload = {"data": source.header(), "studies": [r.to_dict() for r in source.records]}
    # allow_nan=False: a record must be plain JSON for any reader, never NaN or Infinity.
    text = json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")  # one write (see _print_json)
    return 0


def _cmd_criteria(args: argparse.Namespace) -> int:
    from screener.rules.compiled import CompiledCriteria

    source = _source(args)
    wanted = {n.upper() for n in args.nct}
    records = [r for r in source.records if not wanted or r.nct_id in wanted]
    missing = wanted - {r.nct_id for r in records}
    if missing:
        raise BadInput(
            f"NCT: {', '.join(sorted(missing))} not found in the {source.source} studies"
        )
    rulebook = CompiledCriteria().prepare(records)
    payload = {r.nct_id: [c.to_dict() for c in rulebook.criteria_for(r)] for r in records}
    _print_json(payload)
    return 0


def _cmd_screen(args: argparse.Namespace) -> int:
    from screener.person.profile import load_profile
    from screener.rules.compiled import CompiledCriteria
    from screener.screening.engine import questions_that_matter, screen
    from screener.screening.evaluate import question

    # The profile is read first: on a bad profile nothing is fetched and nothing screened.
    profile = load_profile(args.profile, as_of=args.as_of)
    source = _source(args, enrolling_only=True).to_screen()
    results = screen(profile, source.records, CompiledCriteria().prepare(source.records))
    if args.format == "table":
        from screener.reports.table import results_table  # the JSON output never needs it

        print(results_table(source, results))
        return 0
    questions = [
        {"key": key, "question": question(key), "possible_studies": count}
        for key, count in questions_that_matter(results)
    ]
    _print_json(
        {
            "data": source.header(),
            "results": [r.to_dict() for r in results],
            "questions_that_matter": questions,
        }
    )
    return 0


def _cmd_triage(args: argparse.Namespace) -> int:
    from screener.cli.triage import triage_command

    # --all takes what `screen` takes, so only the enrolling studies are made into records;
    # --study and --rules may name any study in the source.
    every = not args.study and args.rules is None
    return triage_command(args, lambda a: _source(a, enrolling_only=every))


def _cmd_refresh(args: argparse.Namespace) -> int:
    # Writes the refreshed snapshot ($SCREENER_SNAPSHOT, else the user cache), never the
    # bundled file; studies/screen then prefer it. A failure keeps the old file (exit 1).
    from screener.registry.refresh import refresh_snapshot

    try:
        done = refresh_snapshot()
    except (ScreenerError, OSError) as exc:
        # A network failure is not bad input: 1, with the reason.
        print(clean_message(f"refresh failed, snapshot unchanged: {exc}"), file=sys.stderr)
        return 1
    print(f"refreshed snapshot: {done.studies} studies retrieved {done.retrieved} -> {done.target}")
    return 0


def _cmd_build_snapshot(args: argparse.Namespace) -> int:
    from screener.registry.snapshot import SNAPSHOT_PATH, write_snapshot
    from screener.registry.snapshot_build import build_snapshot

    data_dir: Path = args.shared / "data" if (args.shared / "data").is_dir() else args.shared
    if not (data_dir / "als-registry").is_dir():
        raise BadInput(f"{data_dir}: no als-registry/ folder here (pass --shared ../shared)")
    document = build_snapshot(data_dir, built=args.built)
    write_snapshot(document, args.out or SNAPSHOT_PATH)
    meta = document["snapshot"]
    studies, with_text = meta["studies"], meta["with_eligibility_text"]
    print(f"snapshot: {studies} studies, {with_text} with eligibility text")
    return 0


def _cmd_build_zip_index(args: argparse.Namespace) -> int:
    from screener.places.zip_index import rebuild

    path, size, version = rebuild()
    print(f"{path}: {size:,} bytes (zipcodes {version})")
    return 0


def _cmd_build_city_index(args: argparse.Namespace) -> int:
    from screener.places.geocode import rebuild_city_names

    path, size, built_with = rebuild_city_names()
    print(f"{path}: {size:,} bytes ({built_with})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (public so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="python -m screener",
        description="ALS clinical-trial pre-screener. A pre-screen, not medical advice.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def studies_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--studies", type=Path, help="JSON Lines, JSON array or API page of v2 studies"
        )
        p.add_argument(
            "--offline", action="store_true", help="never touch the network; use the snapshot"
        )

    p = sub.add_parser("studies", help="list the studies as clean records")
    studies_options(p)
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=_cmd_studies)

    p = sub.add_parser("criteria", help="print the structured criteria of studies")
    studies_options(p)
    p.add_argument("nct", nargs="*", help="NCT numbers (default: every study)")
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=_cmd_criteria)

    p = sub.add_parser("screen", help="screen one person's profile against the studies")
    p.add_argument("--profile", type=Path, required=True)
    studies_options(p)
    p.add_argument("--as-of", type=_date_arg, dest="as_of")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=_cmd_screen)

    p = sub.add_parser("triage", help="screen an interest list (CSV) against studies")
    p.add_argument("--candidates", type=Path, required=True)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--study", action="append", help="NCT number (may repeat)")
    which.add_argument("--rules", type=Path, help="a study rule file (YAML)")
    which.add_argument("--all", action="store_true", help="every enrolling study")
    studies_options(p)
    p.add_argument("--as-of", type=_date_arg, dest="as_of")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--out", type=Path)
    p.set_defaults(func=_cmd_triage)

    add_rules_parser(sub)

    p = sub.add_parser("refresh", help="fetch the live ALS studies and replace the snapshot")
    p.set_defaults(func=_cmd_refresh)

    _add_build_commands(sub)
    return parser


def _add_build_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The maintainers' commands that rebuild the committed data files."""
    p = sub.add_parser("build-snapshot", help="build the bundled snapshot from shared/data")
    p.add_argument("--shared", type=Path, default=Path("../shared"))
    p.add_argument("--out", type=Path)
    p.add_argument("--built", type=_date_arg, help="the build date to record")
    p.set_defaults(func=_cmd_build_snapshot)

    p = sub.add_parser("build-zip-index", help="rebuild the offline ZIP code index (maintainers)")
    p.set_defaults(func=_cmd_build_zip_index)

    p = sub.add_parser("build-city-index", help="rebuild the offline city index (maintainers)")
    p.set_defaults(func=_cmd_build_city_index)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: bad usage is bad input (2), --help is success (0)
        return int(exc.code) if isinstance(exc.code, int) else 2
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except BadInput as exc:
        print(clean_message(f"error: {exc}"), file=sys.stderr)
        return 2
    except ScreenerError as exc:
        print(clean_message(f"error: {exc}"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the contract's "internal error": never a traceback for users
        print(clean_message(f"internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
