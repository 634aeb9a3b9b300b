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
