"""Each study's criteria compiled once and kept as JSON, so a screen does not rebuild them.

A study's criteria (rule files over the text extractor, ``RuleBook.criteria_for``) depend on
the study record, the rule files and the screener's own code, never on the person. Reading
33 YAML files and extracting every study's text costs more than the screen itself, so the
result is cached in one JSON file keyed by a hash of:

* the screener's source code (every ``screener/**/*.py``: the extractor, the rule loader and
  anything they use), the Python version and pydantic's version;
* every rule file (names and bytes);

and, inside the file, each study's entry is keyed by a hash of the whole clean record. A
change to any of them is a miss, and a miss is compiled afresh by the rule book: an entry is
never trusted for a record, rule file or extractor it was not built from. A file that is
unreadable, truncated, edited or of another format fails its checksum and is rebuilt
silently. The cache holds study data only (never anything about a person).

Where it lives: ``$SCREENER_CACHE_DIR``, else ``$XDG_CACHE_HOME/als-prescreener`` (``~/.cache``).
When that cannot be written (a read-only home, a locked-down server) the criteria are compiled
in memory each time, exactly as without a cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.criteria.model import Criterion
from screener.errors import NotCacheable as _NotCacheable
from screener.rules.criterion_json import decode_criterion, encode_criterion

if TYPE_CHECKING:
    from screener.registry.records import StudyRecord
    from screener.rules.book import RuleBook

__all__ = [
    "log",
    "CACHE_ENV",
    "FORMAT",
    "PACKAGE_DIR",
    "RULES_DIR",
    "cache_dir",
    "code_digest",
    "rules_digest",
    "record_digest",
    "CompiledCriteria",
    "compiled_criteria",
]

log = logging.getLogger(__name__)

CACHE_ENV = "SCREENER_CACHE_DIR"
FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parents[1]
RULES_DIR = PACKAGE_DIR.parent / "rules"  # the same folder as rule_files.RULES_DIR
_PREFIX = "criteria-"
_MAX_ENTRIES = 5000
"""Studies kept per cache file (a daily live refresh adds a few hundred changed records)."""


def cache_dir() -> Path:
    """Where compiled criteria are kept (see the module docstring)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "als-prescreener"


@cache
def code_digest() -> str:
    """Hash of the screener's source code and the versions that could change its output."""
    import pydantic

    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT}|{sys.version}|{pydantic.VERSION}".encode())
    names: list[str] = []  # os.walk: the same files as rglob("*.py"), found for a third
    for folder, _dirs, files in os.walk(PACKAGE_DIR):
        base = Path(folder).relative_to(PACKAGE_DIR).as_posix()
        names.extend(f if base == "." else f"{base}/{f}" for f in files if f.endswith(".py"))
    for name in sorted(names):
        digest.update(name.encode() + b"\0")
        digest.update((PACKAGE_DIR / name).read_bytes() + b"\0")
    return digest.hexdigest()


def rules_digest(rules_dir: Path = RULES_DIR) -> str:
    """Hash of every rule file's name and bytes (what ``load_rulebook`` reads)."""
    digest = hashlib.blake2b(digest_size=20)
    files = [rules_dir / "general.yaml", *sorted((rules_dir / "studies").glob("*.y*ml"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(rules_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def record_digest(record: StudyRecord) -> str:
    """Hash of every field of a clean record (its dataclass repr is complete and stable)."""
    return hashlib.blake2b(repr(record).encode(), digest_size=16).hexdigest()


class _WarningsKept(logging.Handler):
    """Collects the rule book's warnings for one study, to be repeated on every cache hit."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class CompiledCriteria:
    """Every study's criteria, from the JSON cache where it holds them, else compiled afresh.

    Gives exactly ``RuleBook.criteria_for(record)`` (tests compare the two on every snapshot
    study); the rule book is loaded only when a study is missing from the cache.
    """

    def __init__(self, rules_dir: Path = RULES_DIR, directory: Path | None = None) -> None:
        self.rules_dir = rules_dir
        self.directory = directory if directory is not None else cache_dir()
        self.key = hashlib.blake2b(
            f"{code_digest()}|{rules_digest(rules_dir)}".encode(), digest_size=16
        ).hexdigest()
        self.path = self.directory / f"{_PREFIX}{self.key}.json"
        self._rulebook: RuleBook | None = None
        self._entries, self._errors = self._read()
        for message in self._errors or ():  # as load_rulebook logs them
            logging.getLogger("screener.rules.book").warning("%s", message)
        self._decoded: dict[str, list[Criterion]] = {}
        # id(record) -> (record, its digest): a screen asks for each study twice (prepare,
        # then the engine), and hashing a whole record is the costly part of a look-up.
        self._digests: dict[int, tuple[StudyRecord, str]] = {}
        self._added = False

    @property
    def rulebook(self) -> RuleBook:
        """The rule book itself (loaded on first use: only misses and rule-file work need it)."""
        if self._rulebook is None:
            from screener.rules.book import load_rulebook

            self._rulebook = load_rulebook(self.rules_dir)
            self._errors = self._rulebook.errors
        return self._rulebook

    @property
    def errors(self) -> tuple[str, ...]:
        """The rule book's problems (bad rule files, skipped), as ``RuleBook.errors``."""
        if self._errors is None:
            return self.rulebook.errors
        return self._errors

    def criteria_for(self, record: StudyRecord) -> list[Criterion]:
        """The criteria to screen this study on: ``RuleBook.criteria_for(record)``."""
        known = self._digests.get(id(record))
        if known is not None and known[0] is record:  # the record is kept: its id not reused
            digest = known[1]
        else:
            digest = record_digest(record)
            self._digests[id(record)] = (record, digest)
        found = self._decoded.get(digest)
        if found is None:
            found = self._cached(digest, record)
            if found is None:  # not `or`: a study with no criteria is cached as []
                found = self._compile(digest, record)
            self._decoded[digest] = found
        return list(found)

    def prepare(self, records: Iterable[StudyRecord]) -> CompiledCriteria:
        """Compile every study not yet cached and write the cache once (best effort)."""
        for record in records:
            self.criteria_for(record)
        self.save()
        return self

    def _cached(self, digest: str, record: StudyRecord) -> list[Criterion] | None:
        entry = self._entries.get(digest)
        if entry is None or entry.get("nct_id") != record.nct_id:
            return None
        try:
            criteria = [decode_criterion(row) for row in entry["criteria"]]
            warnings = [str(w) for w in entry["warnings"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        for message in warnings:  # as the rule book logs them when it compiles
            logging.getLogger("screener.rules.book").warning("%s", message)
        return criteria

    def _compile(self, digest: str, record: StudyRecord) -> list[Criterion]:
        book = self.rulebook
        kept = _WarningsKept()
        rules_log = logging.getLogger("screener.rules.book")
        rules_log.addHandler(kept)
        try:
            criteria = book.criteria_for(record)
        finally:
            rules_log.removeHandler(kept)
        try:
            rows = [encode_criterion(c) for c in criteria]
        except _NotCacheable:
            return criteria  # compiled every time rather than cached inexactly
        self._entries[digest] = {
            "nct_id": record.nct_id,
            "criteria": rows,
            "warnings": kept.messages,
        }
        self._added = True
        return criteria

    def _read(self) -> tuple[dict[str, dict[str, Any]], tuple[str, ...] | None]:
        """The cached entries; anything unreadable or not exactly ours counts as empty."""
        try:
            raw = self.path.read_bytes()
            head, _, body = raw.partition(b"\n")
            header = json.loads(head)
            if (
                header.get("format") != FORMAT
                or header.get("key") != self.key
                or header.get("checksum") != hashlib.blake2b(body, digest_size=16).hexdigest()
            ):
                return {}, None
            document = json.loads(body)
            entries, errors = document["studies"], document["errors"]
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return {}, None
        if not isinstance(entries, dict) or not isinstance(errors, list):
            return {}, None
        return entries, tuple(str(e) for e in errors)

    def save(self) -> None:
        """Write the cache atomically if studies were added; a failure only costs speed."""
        if not self._added:
            return
        entries = dict(list(self._entries.items())[-_MAX_ENTRIES:])
        document = {"errors": list(self.errors), "studies": entries}
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        header = {
            "format": FORMAT,
            "key": self.key,
            "checksum": hashlib.blake2b(body, digest_size=16).hexdigest(),
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.directory, prefix=".criteria-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(json.dumps(header).encode() + b"\n" + body)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            for old in self.directory.glob(f"{_PREFIX}*.json"):
                if old != self.path:  # built from other code or rules: never read again
                    old.unlink(missing_ok=True)
        except OSError as exc:
            log.debug("criteria cache not written (%s); compiling in memory", exc)
            return
        self._added = False


def compiled_criteria(
    records: Iterable[StudyRecord], rules_dir: Path = RULES_DIR
) -> CompiledCriteria:
    """Criteria for these studies, compiled once and cached (see the module docstring)."""
    return CompiledCriteria(rules_dir).prepare(records)
