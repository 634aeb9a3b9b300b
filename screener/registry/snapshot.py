"""The offline snapshot file: where it lives, how it is written atomically and loaded.

The snapshot is one JSON file shaped like an API page (``{"snapshot": {...}, "studies": [...]}``)
so every reader of ``--studies`` files can read it too. Each study is a ClinicalTrials.gov v2
object holding only the modules the source data supports, plus a ``provenance`` object.
``snapshot_build`` makes the bundled one from the project's shared data; ``live_snapshot``
wraps a live fetch (what ``refresh`` writes).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.errors import SnapshotError, UnreadableJSON
from screener.inputs.untrusted import parse_json

__all__ = [
    "SNAPSHOT_PATH",
    "SNAPSHOT_FORMAT",
    "SNAPSHOT_ENV",
    "Snapshot",
    "refreshed_snapshot_path",
    "live_snapshot",
    "write_snapshot",
    "load_snapshot",
]

SNAPSHOT_PATH = Path(__file__).resolve().parents[1] / "data" / "snapshot.json"
SNAPSHOT_FORMAT = 1
SNAPSHOT_ENV = "SCREENER_SNAPSHOT"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A loaded snapshot: its metadata and its raw v2 study objects."""

    meta: Mapping[str, Any]
    studies: list[dict[str, Any]]

    @property
    def retrieved(self) -> str:
        """The date the data describes (the newest listing date)."""
        return str(self.meta.get("retrieved") or "unknown")

    @property
    def kind(self) -> str:
        """ "bundled" (built from the shared data) or "refreshed" (written by ``refresh``)."""
        return str(self.meta.get("kind") or "unknown")


def refreshed_snapshot_path() -> Path:
    """Where ``refresh`` writes and the app looks for a refreshed snapshot.

    ``$SCREENER_SNAPSHOT`` if set, else ``$XDG_CACHE_HOME/als-prescreener/snapshot.json``
    (``~/.cache/...``). Never the bundled file: that one is pinned to the shared data, may sit
    in a read-only install, and stays as the fallback when a refreshed file is unreadable.
    """
    override = os.environ.get(SNAPSHOT_ENV)
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "als-prescreener" / "snapshot.json"


def live_snapshot(studies: Iterable[Mapping[str, Any]], retrieved: str) -> dict[str, Any]:
    """A snapshot document made from a live fetch (what ``refresh`` writes)."""
    rows = [
        {
            **dict(s),
            "provenance": {
                "source": "live:clinicaltrials.gov",
                "retrieved": retrieved,
                "criteriaComplete": True,
                "sources": ["ClinicalTrials.gov API v2"],
                "notes": [],
            },
        }
        for s in studies
    ]
    return {
        "snapshot": {
            "format": SNAPSHOT_FORMAT,
            "kind": "refreshed",
            "built": retrieved,
            "retrieved": retrieved,
            "studies": len(rows),
            "sources": ["ClinicalTrials.gov API v2"],
            "limits": ["Statuses and criteria as of the retrieval date; the study team decides."],
        },
        "studies": rows,
    }


def write_snapshot(document: Mapping[str, Any], path: Path = SNAPSHOT_PATH) -> None:
    """Write a snapshot atomically: the old file stays whole until the new one is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".snapshot-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
            handle.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_snapshot(path: Path = SNAPSHOT_PATH) -> Snapshot:
    """Load and sanity-check a snapshot file; raises SnapshotError if missing or corrupted."""
    try:
        document = parse_json(path.read_bytes())
    except FileNotFoundError as exc:
        raise SnapshotError(f"{path}: the snapshot file is missing") from exc
    except UnreadableJSON as exc:
        raise SnapshotError(f"{path}: the snapshot is corrupted ({exc})") from None
    except OSError as exc:
        raise SnapshotError(f"{path}: the snapshot cannot be read ({exc.strerror})") from exc
    if not isinstance(document, dict):
        raise SnapshotError(f"{path}: the snapshot is not a JSON object")
    meta, studies = document.get("snapshot"), document.get("studies")
    if not isinstance(meta, dict) or not isinstance(studies, list):
        raise SnapshotError(f"{path}: the snapshot lacks its 'snapshot' or 'studies' part")
    return Snapshot(meta=meta, studies=[s for s in studies if isinstance(s, dict)])
