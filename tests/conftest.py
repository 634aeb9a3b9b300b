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


@pytest.fixture(autouse=True, scope="session")
def _never_the_real_registry() -> None:
    """No test reaches the internet (CI has none; a hanging DNS lookup would stall it).

    Everything runs offline unless a test removes ``SCREENER_OFFLINE`` and points
    ``CTGOV_API_URL`` at its own stand-in on 127.0.0.1; the default URL below is a local
    port nobody listens on, so a test that forgets the second step fails fast, offline.
    """
    import os

    os.environ.setdefault("SCREENER_OFFLINE", "1")
    os.environ.setdefault("CTGOV_API_URL", "http://127.0.0.1:9/api/v2")
