"""The compiled-criteria cache: exactly the rule book's criteria, and never trusted when off."""

from __future__ import annotations

import errno
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from screener.criteria import Criterion
from screener.registry.records import StudyRecord
from screener.registry.source import load_studies
from screener.rules import compiled
from screener.rules.book import RuleBook, load_rulebook
from screener.rules.compiled import CompiledCriteria
from screener.rules.files import RULES_DIR


@pytest.fixture(scope="module")
def records() -> tuple[StudyRecord, ...]:
    return load_studies(offline=True).records


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _fresh(book: RuleBook, records: tuple[StudyRecord, ...]) -> dict[str, list[Criterion]]:
    return {r.nct_id: book.criteria_for(r) for r in records}


def test_rules_folder_is_the_rule_loaders() -> None:
    """The cache hashes the very folder load_rulebook reads."""
    assert compiled.RULES_DIR == RULES_DIR


def test_cached_criteria_are_exactly_a_fresh_extraction(
    tmp_path: Path, records: tuple[StudyRecord, ...], book: RuleBook
) -> None:
    """Every snapshot study: compiled, written, read back by a new process-like instance."""
    first = CompiledCriteria(directory=tmp_path).prepare(records)
    assert first.path.is_file()
    second = CompiledCriteria(directory=tmp_path)
    got = {r.nct_id: second.criteria_for(r) for r in records}
    assert second._rulebook is None, "a full cache must not need the rule files"
    assert got == _fresh(book, records)
    assert sum(len(c) for c in got.values()) > 1000
    assert second.errors == book.errors == ()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated write
        lambda data: data.replace(b'"inclusion"', b'"exclusion"', 1),  # edited entry
        lambda data: b"{}",  # another program's file
        lambda data: b"\x00\xff" * 50,  # not text at all
        lambda data: data.split(b"\n", 1)[0] + b"\n[]",  # right header, wrong body
    ],
)
def test_damaged_cache_is_recompiled_silently(
    tmp_path: Path,
    records: tuple[StudyRecord, ...],
    book: RuleBook,
    damage: Callable[[bytes], bytes],
) -> None:
    """A damaged file is never trusted: the criteria are compiled again and the file rebuilt."""
    path = CompiledCriteria(directory=tmp_path).prepare(records).path
    path.write_bytes(damage(path.read_bytes()))
    again = CompiledCriteria(directory=tmp_path).prepare(records)
    assert again._rulebook is not None, "the damaged file was trusted"
    assert {r.nct_id: again.criteria_for(r) for r in records} == _fresh(book, records)
    assert CompiledCriteria(directory=tmp_path)._entries, "the file was not rebuilt"


def test_a_changed_record_is_a_miss(tmp_path: Path, records: tuple[StudyRecord, ...]) -> None:
    """A study whose record changed (new text, same NCT id) gets criteria from its new text."""
    study = next(r for r in records if len(r.inclusion) > 2)
    CompiledCriteria(directory=tmp_path).prepare([study])
    changed = replace(study, inclusion=("Age 40 to 60 years",), exclusion=())
    got = CompiledCriteria(directory=tmp_path).criteria_for(changed)
    assert got == load_rulebook().criteria_for(changed)
    assert any(c.factor == "age_years" and c.value == [40, 60] for c in got)


def test_a_changed_rule_file_is_a_miss(tmp_path: Path, records: tuple[StudyRecord, ...]) -> None:
    """Editing a rule file changes the cache key, so the old criteria are not used."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    target = sorted((rules / "studies").glob("*.yaml"))[0]
    record = next(r for r in records if r.nct_id == target.stem)
    cache = tmp_path / "cache"
    before = CompiledCriteria(rules, cache).prepare([record])
    target.write_text(target.read_text(encoding="utf-8").replace("covers:", "covers: []\nx:", 1))
    after = CompiledCriteria(rules, cache)
    assert after.key != before.key
    assert after.criteria_for(record) == load_rulebook(rules).criteria_for(record)
    assert after.errors and target.name in after.errors[0]


def test_a_source_change_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor's (any screener module's) code is part of the key."""
    package = tmp_path / "screener"
    shutil.copytree(compiled.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("data"))
    monkeypatch.setattr(compiled, "PACKAGE_DIR", package)
    compiled.code_digest.cache_clear()
    try:
        before = compiled.code_digest()
        patterns = package / "criteria" / "patterns" / "age.py"
        patterns.write_text(patterns.read_text(encoding="utf-8") + "\n# changed\n")
        compiled.code_digest.cache_clear()
        assert compiled.code_digest() != before
    finally:
        compiled.code_digest.cache_clear()


def test_read_only_cache_folder_still_screens(
    tmp_path: Path,
    records: tuple[StudyRecord, ...],
    book: RuleBook,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a read-only file system criteria are compiled in memory, the same as ever."""

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # the module compiled.py writes with
    book_ro = CompiledCriteria(directory=tmp_path).prepare(records[:40])
    assert not book_ro.path.exists()
    assert [book_ro.criteria_for(r) for r in records[:40]] == [
        book.criteria_for(r) for r in records[:40]
    ]


def test_cache_under_a_file_is_harmless(tmp_path: Path, records: tuple[StudyRecord, ...]) -> None:
    """A cache path that cannot be a folder (a file is there) costs speed, never a screen."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    book = CompiledCriteria(directory=blocker / "cache").prepare(records[:20])
    assert [book.criteria_for(r) for r in records[:20]] == [
        load_rulebook().criteria_for(r) for r in records[:20]
    ]


def test_cache_holds_study_data_only(tmp_path: Path, records: tuple[StudyRecord, ...]) -> None:
    """What is written is criteria of studies keyed by record hashes, nothing else."""
    path = CompiledCriteria(directory=tmp_path).prepare(records[:30]).path
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    head, _, _ = path.read_bytes().partition(b"\n")
    assert set(json.loads(head)) == {"format", "key", "checksum"}
