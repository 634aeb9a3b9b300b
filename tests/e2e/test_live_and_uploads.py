"""Browser checks: with no setting and no network the first page does not wait for the
registry and says what it shows, and a 10,000-row interest list uploads on the triage page.

The time to that first page is a benchmark (``benchmarks/bench_first_page.py``), not a timed
test: on a shared 2-core machine a timed assertion would measure the neighbours.

"No network" is a stand-in on 127.0.0.1 that accepts and never answers (the slowest way a
missing network fails: a hanging connection), so nothing here touches the internet.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import running_app
from tests.standin import StandIn, hang, stand_in

ROOT = Path(__file__).resolve().parents[2]
# The downloadable template: every column of the contract, two filled-in example rows.
TEMPLATE = ROOT / "screener" / "content" / "candidates-template.csv"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def no_network() -> Iterator[StandIn]:
    """A registry address where connections hang (what a dead network looks like)."""
    with stand_in() as api:
        api.answer = lambda query, handler: hang(api.stop)
        yield api


@pytest.fixture(scope="module")
def default_app(chromium: str, no_network: StandIn) -> Iterator[str]:
    """`streamlit run app.py` with no setting at all (live by default), registry unreachable."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCREENER_OFFLINE", "SCREENER_LIVE")}
    env["CTGOV_API_URL"] = no_network.url
    with running_app(env) as url:
        yield url


def test_first_page_without_network_does_not_wait_and_says_so(
    browser: Any, default_app: str, no_network: StandIn
) -> None:
    """No setting, a registry that never answers: start page, snapshot banner and notice."""
    for _visit in range(2):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        tab = context.new_page()
        try:
            tab.goto(default_app)
            tab.get_by_role("heading", name="Is there an ALS study I could join?").wait_for(
                timeout=30_000
            )
            tab.get_by_text("Getting today's studies from ClinicalTrials.gov").wait_for()
            assert tab.get_by_text("offline snapshot of ClinicalTrials.gov").first.is_visible()
            # The page is up while the registry has not answered a single byte.
            assert no_network.queries and not no_network.stop.is_set()
        finally:
            context.close()


def test_a_10000_row_interest_list_uploads(page: Any, tmp_path: Path) -> None:
    """The triage page takes an interest list of 10,000 people (over the old 1 MB limit)."""
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line.strip()]
    body = [
        f"C{number:05d}," + rows[number % len(rows)].split(",", 1)[1] for number in range(10_000)
    ]
    listed = tmp_path / "interest-list.csv"
    listed.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    assert listed.stat().st_size > 1024 * 1024
    page.get_by_role("link", name="Coordinator triage", exact=True).click()
    page.get_by_role("heading", name="Coordinator triage").wait_for()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        str(listed)
    )
    page.get_by_text("10000 people ·").wait_for(timeout=60_000)
    assert not page.get_by_text("File too large").count()
