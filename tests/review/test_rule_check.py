"""Rule-file checks return what they found, without printing (review/rule_check.py)."""

from __future__ import annotations

from pathlib import Path

from screener.registry.source import StudySource, from_snapshot
from screener.review.rule_check import check_rule_files
from screener.rules.book import RULES_DIR


def test_every_shipped_file_passes_against_the_snapshot() -> None:
    """No file given: every file under rules/ is read, checked and passes."""
    found = check_rule_files([], from_snapshot)
    assert found.problems == []
    assert len(found.passed()) == len(list((RULES_DIR / "studies").glob("*.yaml")))


def test_an_unreadable_file_is_a_problem_and_no_studies_are_loaded(tmp_path: Path) -> None:
    """A file that cannot be read is named in a problem; the studies are never asked for."""
    asked: list[bool] = []

    def studies() -> StudySource:
        asked.append(True)
        return from_snapshot()

    found = check_rule_files([tmp_path / "missing.yaml"], studies)
    assert len(found.problems) == 1 and "missing.yaml" in found.problems[0]
    assert found.passed() == [] and asked == []
