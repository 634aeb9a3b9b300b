"""``rules check``: files and their quotes checked against the snapshot's eligibility text."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from screener.cli.rules_check import add_rules_parser, rules_check_command
from screener.registry.source import StudySource, from_snapshot
from screener.rules.book import RULES_DIR


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_rules_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["rules", "check", "--offline", *argv])


def _snapshot(args: argparse.Namespace) -> StudySource:
    return from_snapshot()


def test_all_shipped_rules_pass(capsys: pytest.CaptureFixture[str]) -> None:
    """With no file, every file under rules/ is checked against the snapshot and passes."""
    assert rules_check_command(_args(), _snapshot) == 0
    out = capsys.readouterr().out
    count = len(list((RULES_DIR / "studies").glob("*.yaml")))
    assert out.count("ok: ") == count


def test_example_file_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """The coordinators' example passes the check it tells them to run."""
    example = str(RULES_DIR / "example-coordinator.yaml")
    assert rules_check_command(_args(example), _snapshot) == 0
    assert "ok: rules/example-coordinator.yaml: NCT07071935, 7 rules" in capsys.readouterr().out


def test_quote_not_in_a_whole_text_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A quote that is not in the study's whole eligibility text is a problem (exit 2)."""
    text = (RULES_DIR / "studies" / "NCT07071935.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace("'Current tracheostomy'", "'Has a tracheostomy'"), "utf-8")
    assert rules_check_command(_args(str(mine)), _snapshot) == 2
    err = capsys.readouterr().err
    assert (
        f"{mine}: rule 'no-tracheostomy': field 'source_text' is not in NCT07071935's "
        "eligibility text (the rule is ignored until it quotes the study's words)"
    ) in err


def test_quote_missing_from_a_cut_text_is_only_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the text we have is cut short, a quote not found may be in the lost part: a warning."""
    text = (RULES_DIR / "studies" / "NCT04297683.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace("of predicted capacity", "of predicted capacity (SVC)"), "utf-8")
    assert rules_check_command(_args(str(mine)), _snapshot) == 0
    captured = capsys.readouterr()
    assert "warning: " in captured.err and "(that text is cut short)" in captured.err
    assert f"ok: {mine}: NCT04297683, 4 rules" in captured.out


def test_malformed_file_prints_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed file exits 2 and prints each problem on its own line."""
    text = (RULES_DIR / "studies" / "NCT04297683.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace("kind: inclusion", "kind: include"), "utf-8")
    assert rules_check_command(_args(str(mine)), _snapshot) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4
    assert all(
        "field 'kind' must be one of inclusion, exclusion (got 'include')" in x for x in lines
    )
