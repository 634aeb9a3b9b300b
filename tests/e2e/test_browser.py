"""Browser journeys against a real `streamlit run`: answer, read results, download, keyboard.

Kept to a few journeys (they cost seconds each). Screenshots of every page are written to
tests/e2e/artifacts/ (ignored by git); to refresh the README's pictures run
``SCREENSHOT_DIR=docs/screenshots python -m pytest tests/e2e``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import open_page, ready, settle

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / os.environ.get("SCREENSHOT_DIR", "tests/e2e/artifacts")

pytestmark = pytest.mark.e2e


def shoot(page: Any, name: str, top: bool = True) -> None:
    """Save a tall screenshot for the README (Streamlit scrolls inside its main block)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1700})
    if top:
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollTo(0, 0)")
    settle(page)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1280, "height": 1000})


def choose(page: Any, group: str, option: str) -> None:
    """Pick a radio option inside the radio group labelled ``group``."""
    radios = page.get_by_role("radiogroup", name=group)
    radios.get_by_text(option, exact=True).click()
    settle(page)


def select(page: Any, label: str, option: str) -> None:
    """Pick an option of the drop-down labelled ``label`` by typing it, as a keyboard user would."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    settle(page)


def focused_button(page: Any) -> str:
    """The visible text of the focused button ("" when focus is not on a button)."""
    text: str = page.evaluate(
        "() => { const e = document.activeElement;"
        " return e && e.tagName === 'BUTTON' ? e.innerText : ''; }"
    )
    return text.split("\n")[-1].strip()


def next_step(page: Any, title: str) -> None:
    """Press Next and wait for the step ``title``."""
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name=title).wait_for()
    settle(page)


def test_journey_answers_to_results_criteria_and_downloads(page: Any) -> None:
    """A person answers, sees explained results, opens a study's rules and downloads answers."""
    shoot(page, "start")
    page.get_by_text("I am family or a caregiver", exact=True).click()
    open_page(page, "Questions")
    page.get_by_role("heading", name="About you").wait_for()
    select(page, "How old is the person with ALS?", "58")
    choose(page, "Sex (as the study registry records it)", "2 – Male")
    next_step(page, "When it started")
    page.get_by_label("First symptom", exact=True).fill("03 2025")
    page.keyboard.press("Enter")
    settle(page)
    next_step(page, "Diagnosis")
    choose(
        page,
        "Diagnosis category recorded by the neurologist (El Escorial)",
        "2 – Clinically probable ALS",
    )
    shoot(page, "questions")
    select(page, "Go to any step", "7. ALSFRS-R (daily activities)")
    page.get_by_role("button", name="Go to this step").click()
    page.get_by_role("heading", name="ALSFRS-R (daily activities)").wait_for()
    choose(page, "How would you like to answer?", "1 – Answer the 12 questions")
    choose(page, "1. Speech", "4 – Normal speech processes")
    choose(page, "3. Swallowing", "3 – Early eating problems – occasional choking")
    shoot(page, "questions-alsfrs")

    open_page(page, "Results")
    page.get_by_role("heading", name="Results").wait_for()
    # The title draws before the screening ends; on a busy machine the counts come later.
    page.locator('[data-testid="stMetricValue"]').nth(2).wait_for(timeout=60_000)
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert sum(int(m) for m in metrics) > 0
    with_rules = (
        page.locator('[data-testid="stExpander"]')
        .filter(has_text="Every rule of this study")
        .filter(has_not_text="Observational studies")
        .filter(has=page.locator('[data-testid="stTable"]'))
        .filter(visible=True)
    )
    study = with_rules.first
    study.locator("summary").first.click()
    settle(page)
    assert study.get_by_role("columnheader", name="The study's words").is_visible()
    shoot(page, "results")

    open_page(page, "Therapies & care")
    page.get_by_text("Riluzole", exact=False).first.click()
    shoot(page, "therapies")

    open_page(page, "Summary")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Answers, to reload later (JSON)").click()
    saved = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    assert saved["age_years"] == 58
    assert saved["diagnosis_category"] == "probable"
    assert "pregnant" not in saved  # never asked, so never "no"
    shoot(page, "summary")


def test_arrow_keys_move_without_choosing_and_enter_chooses(page: Any) -> None:
    """One slipped arrow key never changes an answer: arrows move, Enter or the key chooses."""
    ready(page)
    open_page(page, "Questions")
    page.get_by_role("heading", name="About you").wait_for()
    page.wait_for_function("() => document.activeElement.closest('.st-key-q_age_years')")
    skip = page.get_by_role("radio", name="S – I don't know / skip")
    skip.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # now on "Female", still not chosen
    settle(page)
    assert skip.is_checked()
    assert page.evaluate("() => document.activeElement.closest('label').innerText") == (
        "1 – Female"
    )
    page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_role("radio", name="1 – Female").is_checked()
    page.wait_for_function("() => document.activeElement.closest('.st-key-next')")
    page.keyboard.press("Enter")  # focus moved on to Next
    page.get_by_role("heading", name="When it started").wait_for()
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if focused_button(page) == "Back":
            break
    else:
        pytest.fail("Shift+Tab never reached the Back button")
    page.keyboard.press("Space")
    page.get_by_role("heading", name="About you").wait_for()
