"""Shared fixtures: paths to the project's snapshot and to the shared data beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real shared data (``../shared/data``); tests read it directly, the app never does."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.fail(f"{path} is missing: tests run with ../shared beside the project")
    return path


@pytest.fixture(autouse=True, scope="session")
def _bundled_snapshot_only(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see the bundled snapshot, never one a developer refreshed into their own cache."""
    import os

    nowhere = tmp_path_factory.mktemp("no-refreshed-snapshot") / "snapshot.json"
    os.environ.setdefault("SCREENER_SNAPSHOT", str(nowhere))
    # Compiled criteria go to a fresh folder, never the developer's own cache.
    os.environ.setdefault("SCREENER_CACHE_DIR", str(tmp_path_factory.mktemp("criteria-cache")))
