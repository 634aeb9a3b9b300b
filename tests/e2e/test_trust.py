"""Browser: a reloaded answers file keeps every answer (a typed 300 km too), every study card
says how much was checked, and the printed summary fits on six A4 pages (Chromium's PDF)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import open_page, settle
from tests.e2e.test_browser import select

EXAMPLE = (
    Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples" / "early-limb-onset.json"
)
MAX_PAGES = 6
"""Page 1 tables, the likely study, then the open criteria of 15 possible ones in two columns
(5 A4 pages for this example with the bundled snapshot; 3 before those criteria were listed)."""

pytestmark = pytest.mark.e2e


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium printed (one /Type /Page object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_reload_results_and_a_six_page_summary(page: Any, browser: Any, tmp_path: Path) -> None:
    """Reload the example's answers, see "N of M checked" on every card, print the summary."""
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    answers.pop("as_of")  # the app screens for today, as a person would
    saved = tmp_path / "als-answers.json"
    saved.write_text(json.dumps(answers), encoding="utf-8")

    open_page(page, "Questions")
    page.get_by_text("Continue with answers you saved before").click()
    page.locator("input[type=file]").set_input_files(str(saved))
    settle(page)
    page.get_by_text("answers are back", exact=False).first.wait_for()
    select(page, "Go to any step", "10. Where you live")
    page.get_by_role("button", name="Go to this step").click()
    distance = page.get_by_role("spinbutton", name="How far can you travel to a study site (km)?")
    expect(distance).to_have_value("300", timeout=30_000)  # drawn a moment after the jump

    open_page(page, "Results")
    page.get_by_role("heading", name="Results").wait_for()
    checked_line = page.get_by_text(re.compile(r"\d+ of \d+ criteria checked"))
    checked_line.filter(visible=True).first.wait_for(timeout=60_000)
    settle(page)
    # Study titles are markdown h3s (st.header/st.subheader headings are stHeading elements).
    cards = page.locator('[data-testid="stMarkdown"] h3').filter(visible=True).count()
    checked = page.get_by_text(re.compile(r"\d+ of \d+ criteria checked")).filter(visible=True)
    assert cards > 0
    assert checked.count() >= cards

    open_page(page, "Summary")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Summary to print (HTML)").click()
    html = Path(caught.value.path()).read_text(encoding="utf-8")
    assert "summary for the neurologist" in html
    printer = browser.new_page()
    try:
        printer.set_content(html)
        pages = pdf_pages(printer.pdf(format="A4"))
    finally:
        printer.close()
    assert 1 <= pages <= MAX_PAGES, f"the summary prints on {pages} A4 pages"
