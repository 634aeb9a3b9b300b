"""Browser fixtures: a real `streamlit run app.py` and headless Debian Chromium via Playwright.

The tests skip with a reason when Chromium or Playwright is missing, unless E2E_REQUIRED=1
(CI sets it), in which case they fail: a silent skip in CI would hide a broken app.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import running_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("E2E_REQUIRED") == "1":
        pytest.fail(f"E2E_REQUIRED=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of the system Chromium (Playwright's own download does not work offline)."""
    path = shutil.which("chromium")
    if path is None:
        _missing("chromium is not installed (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright is not installed (pip install -r requirements-dev.txt)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def app_url(chromium: str) -> Iterator[str]:
    """Start the app on a free local port (offline snapshot) and wait until it is healthy."""
    env = {k: v for k, v in os.environ.items() if k != "SCREENER_LIVE"}
    env["SCREENER_OFFLINE"] = "1"  # nothing from a browser test may reach the network
    with running_app(env) as url:
        yield url


@pytest.fixture(scope="session")
def axe_source(chromium: str) -> str:
    """axe-core's script, installed from npm by scripts/test.sh (tests/e2e/package-lock.json)."""
    path = ROOT / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        _missing("axe-core is not installed (npm ci --prefix tests/e2e)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    """A fresh browser tab (its own Streamlit session) opened on the app's start page."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(app_url)
    # The first session of a fresh server loads the studies and rules: allow for it.
    tab.get_by_role("heading", name="Is there an ALS study I could join?").wait_for(timeout=60_000)
    yield tab
    context.close()
