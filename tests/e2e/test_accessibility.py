"""Accessibility in a real browser: axe-core on every page and step, focus rings, target sizes.

axe-core comes from npm (tests/e2e/package-lock.json) and is injected into each page; nothing
is fetched from a CDN. The keyboard-only journey is in test_keyboard.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.a11y import axe_problems, settle

pytestmark = pytest.mark.e2e

PAGES = ("Results", "Therapies & care", "Summary", "Coordinator triage")


def open_page(page: Any, title: str) -> None:
    """Open a page from the sidebar navigation."""
    page.get_by_role("link", name=title, exact=True).click()
    settle(page)


def test_axe_finds_nothing_serious_on_any_page_or_step(page: Any, axe_source: str) -> None:
    """0 serious or critical axe-core violations on every page and every questionnaire step."""
    from screener.questionnaire import STEPS

    found: dict[str, list[str]] = {"Start": axe_problems(page, axe_source)}
    open_page(page, "Questions")
    for number, step in enumerate(STEPS, start=1):
        page.get_by_role("heading", name=f"Step {number} of {len(STEPS)}: {step.title}").wait_for()
        settle(page)
        if step.slug == "alsfrs":  # the 12 items only show once chosen
            page.get_by_role("radio", name="1 – Answer the 12 questions").check(force=True)
            settle(page)
        if step.slug == "location":
            page.get_by_role("radio", name="1 – I'll give a postal (ZIP) code").check(force=True)
            settle(page)
        found[step.title] = axe_problems(page, axe_source)
        if number < len(STEPS):
            page.get_by_role("button", name="Next").click()
    for title in PAGES:
        open_page(page, title)
        found[title] = axe_problems(page, axe_source)
    serious = {where: problems for where, problems in found.items() if problems}
    assert not serious, "\n".join(f"{w}:\n  " + "\n  ".join(p) for w, p in serious.items())
