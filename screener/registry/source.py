"""Where the studies come from: a --studies file, the live API, or the bundled snapshot.

The rule is simple and visible: a file if one was given; else the live API unless offline;
and if the live API cannot give a trustworthy answer, the bundled snapshot with a notice
saying so. The source and the date of the data always travel with the records.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from screener.errors import CTGovUnavailable, SnapshotError, StudyFileError, UnreadableJSON
from screener.inputs.untrusted import parse_json
from screener.registry.record_checks import normalise_all, trusted_records
from screener.registry.records import ENROLLING_STATUSES, StudyRecord, nct_id_of
from screener.registry.snapshot import (
    SNAPSHOT_PATH,
    Snapshot,
    load_snapshot,
    refreshed_snapshot_path,
)

__all__ = [
    "log",
    "StudySource",
    "read_study_file",
    "from_file",
    "OFFLINE_ENV",
    "offline_requested",
    "from_snapshot",
    "load_studies",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StudySource:
    """Studies plus where they came from: "snapshot", "live" or "file"."""

    source: str
    retrieved: str
    records: tuple[StudyRecord, ...]
    notice: str | None = None
    limits: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    snapshot_kind: str | None = None

    def header(self) -> dict[str, Any]:
        """The contract's ``data`` object."""
        data: dict[str, Any] = {
            "source": self.source,
            "retrieved": self.retrieved,
            "studies": len(self.records),
        }
        if self.notice:
            data["notice"] = self.notice
        if self.limits:
            data["limits"] = list(self.limits)
        if self.skipped:
            data["skipped"] = list(self.skipped)
        if self.snapshot_kind:
            data["snapshot_kind"] = self.snapshot_kind
        return data

    def enrolling(self) -> StudySource:
        """The same source holding only studies listed as enrolling."""
        kept = tuple(r for r in self.records if r.status in ENROLLING_STATUSES)
        return StudySource(
            self.source,
            self.retrieved,
            kept,
            self.notice,
            self.limits,
            self.skipped,
            self.snapshot_kind,
        )

    def to_screen(self) -> StudySource:
        """The studies every screen takes (``screen``, ``triage --all``, the app).

        Only studies that are enrolling are worth a patient's time; a ``--studies`` file is
        the user's own choice of studies, so it is screened whole (screening contract, §3).
        """
        return self if self.source == "file" else self.enrolling()


def read_study_file(path: Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file, a JSON array, or an API page ``{"studies": [...]}``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StudyFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise StudyFileError(f"{path}: is not UTF-8 text") from exc
    stripped = text.lstrip()
    if not stripped:
        raise StudyFileError(f"{path}: is empty")
    try:
        document = parse_json(text)
    except UnreadableJSON as whole_error:
        if whole_error.line and stripped.startswith("{") and "\n" in stripped.strip():
            return _read_json_lines(path, text)
        raise StudyFileError(_where(path, whole_error)) from None
    if isinstance(document, list):
        rows = document
    elif isinstance(document, dict) and isinstance(document.get("studies"), list):
        rows = document["studies"]
    elif isinstance(document, dict) and "protocolSection" in document:
        rows = [document]
    else:
        raise StudyFileError(
            f"{path}: expected JSON Lines, a JSON array, or an API page with a 'studies' list"
        )
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise StudyFileError(f"{path}, study {number}: is not a JSON object")
    return rows


def _where(path: Path, problem: UnreadableJSON) -> str:
    return f"{path}, {problem}" if problem.line else f"{path}: {problem}"


def _read_json_lines(path: Path, text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = parse_json(line)
        except UnreadableJSON as exc:
            raise StudyFileError(f"{path}, line {number}: {exc.reason}") from None
        if not isinstance(row, dict):
            raise StudyFileError(f"{path}, line {number}: is not a JSON object")
        rows.append(row)
    return rows


def from_file(path: Path) -> StudySource:
    """Studies from a file the user named (screened whatever their status)."""
    records, skipped = normalise_all(read_study_file(path), str(path))
    if not records:
        raise StudyFileError(f"{path}: holds no study with a valid NCT id")
    return StudySource("file", date.today().isoformat(), records, skipped=skipped)


OFFLINE_ENV = "SCREENER_OFFLINE"


def offline_requested() -> bool:
    """``SCREENER_OFFLINE=1``: no network at all, for people (and tests) who want none."""
    return os.environ.get(OFFLINE_ENV, "").strip() == "1"


def _refreshed_problem(path: Path) -> str | None:
    """Why the refreshed snapshot at ``path`` cannot be used; None when absent or fine to try."""
    if path.is_dir():
        return f"{path} is a folder, not a snapshot file"
    if path.is_symlink() and not path.exists():
        return f"{path} is a link to a file that does not exist"
    return None


def _bundled(problem: str) -> tuple[Snapshot, Path, str]:
    notice = f"The refreshed snapshot cannot be used ({problem}); showing the bundled one."
    log.info(notice)
    return load_snapshot(SNAPSHOT_PATH), SNAPSHOT_PATH, notice


def _active_snapshot() -> tuple[Snapshot, Path, str | None]:
    """A refreshed snapshot if one is there and readable, else the bundled one.

    A refreshed snapshot always comes from a live fetch made after the bundled one was built,
    so it is the newer; an unusable one (a folder, a dangling link, unreadable, no study
    with an NCT id) is passed over with a notice, never a crash.
    """
    refreshed = refreshed_snapshot_path()
    problem = _refreshed_problem(refreshed)
    if problem:
        return _bundled(problem)
    if not refreshed.is_file():
        return load_snapshot(SNAPSHOT_PATH), SNAPSHOT_PATH, None
    try:
        return load_snapshot(refreshed), refreshed, None
    except SnapshotError as exc:
        return _bundled(str(exc))


def _any_study(raws: list[dict[str, Any]]) -> bool:
    """Whether any raw object has a valid NCT id (is a study at all)."""
    for raw in raws:
        try:
            nct_id_of(raw)
        except StudyFileError:
            continue
        return True
    return False


def from_snapshot(
    path: Path | None = None, notice: str | None = None, enrolling_only: bool = False
) -> StudySource:
    """Studies from a snapshot file: the given one, else the refreshed one, else the bundled.

    ``enrolling_only``: only the enrolling studies are made into records (what a screen
    takes, ``StudySource.to_screen``), the rest are only checked; the source is the same as
    ``from_snapshot(...).enrolling()``, made in a fraction of the time.
    """
    statuses = ENROLLING_STATUSES if enrolling_only else None
    if path is None:
        snapshot, path, problem = _active_snapshot()
        records, skipped = normalise_all(snapshot.studies, str(path), statuses)
        if not records and path != SNAPSHOT_PATH and not _any_study(snapshot.studies):
            snapshot, path, problem = _bundled(f"{path} holds no usable study")
            records, skipped = normalise_all(snapshot.studies, str(path), statuses)
        notice = " ".join(n for n in (notice, problem) if n) or None
    else:
        snapshot = load_snapshot(path)
        records, skipped = normalise_all(snapshot.studies, str(path), statuses)
    limits = tuple(str(x) for x in snapshot.meta.get("limits", []) if isinstance(x, str))
    return StudySource(
        "snapshot", snapshot.retrieved, records, notice, limits, skipped, snapshot.kind
    )


def load_studies(
    studies_file: Path | None = None,
    offline: bool = False,
    fetch_live: Callable[[], list[dict[str, Any]]] | None = None,
    snapshot_path: Path | None = None,
    enrolling_only: bool = False,
) -> StudySource:
    """A file if given; else live (unless offline), falling back to the snapshot with a notice.

    ``enrolling_only`` (for callers that screen, ``to_screen``): a snapshot's studies that
    are not enrolling are not made into records. A file is always read whole.

    ``snapshot_path`` None means the active snapshot: a readable refreshed one, else the
    bundled one. A live answer is used only when it passes ``record_checks`` against the
    snapshot it would replace; otherwise that snapshot is shown with a notice saying why.
    """
    if studies_file is not None:
        return from_file(studies_file)
    if offline or offline_requested():
        return from_snapshot(snapshot_path, enrolling_only=enrolling_only)
    if fetch_live is None:
        from screener.registry.client import fetch_als_studies

        fetch_live = fetch_als_studies
    try:
        raws = fetch_live()
    except CTGovUnavailable as exc:
        notice = f"ClinicalTrials.gov could not be reached ({exc}); showing the offline snapshot."
        log.info(notice)
        return from_snapshot(snapshot_path, notice=notice, enrolling_only=enrolling_only)
    fallback = from_snapshot(snapshot_path, enrolling_only=enrolling_only)
    try:
        records, skipped = trusted_records(raws, len(fallback.enrolling().records) or None)
    except CTGovUnavailable as exc:
        notice = f"{exc}; showing the offline snapshot."
        log.info(notice)
        joined = " ".join(n for n in (notice, fallback.notice) if n)
        return replace(fallback, notice=joined)
    return StudySource("live", date.today().isoformat(), records, skipped=skipped)
