"""Accessibility in a real browser: axe-core on every page and step, focus rings, target sizes.

axe-core comes from npm (tests/e2e/package-lock.json) and is injected into each page; nothing
is fetched from a CDN. The keyboard-only journey is in test_keyboard.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.a11y import (
    RING,
    TARGETS,
    axe_problems,
    contrast,
    open_page,
    ready,
    rgb,
    settle,
)

pytestmark = pytest.mark.e2e

PAGES = ("Results", "Therapies & care", "Summary", "Coordinator triage")


def test_axe_finds_nothing_serious_on_any_page_or_step(page: Any, axe_source: str) -> None:
    """0 serious or critical axe-core violations, headings in order, on every page and step."""
    from screener.person.questionnaire import STEPS

    ready(page)
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


def ring_contrast(page: Any, selector: str) -> float:
    """Contrast of the focused control's ring with what is behind it (≥ 2 px, solid)."""
    ring = page.evaluate(RING, selector)
    assert ring["visible"], "the keyboard focus is not :focus-visible"
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    return contrast(rgb(ring["colour"]), rgb(ring["background"]))


def small_targets(page: Any) -> list[str]:
    """Targets under 44 × 44 CSS px on the page as it is now."""
    return [
        f"{t['name']!r} {t['width']:.0f}×{t['height']:.0f}"
        for t in page.evaluate(TARGETS)
        if t["width"] < 44 or t["height"] < 44
    ]


def test_focus_rings_reach_3_to_1_and_targets_44_px(page: Any) -> None:
    """Focus ring ≥ 3:1 on a radio, a button and a sidebar link; every target ≥ 44 × 44 px."""
    ready(page)
    small = {"Start": small_targets(page)}
    open_page(page, "Questions")
    page.get_by_role("heading", name="Step 1 of 10: About you").wait_for()
    page.wait_for_function("() => document.activeElement.closest('.st-key-q_age_years')")
    skip = page.get_by_role("radio", name="S – I don't know / skip")
    skip.focus()
    page.keyboard.press("ArrowLeft")  # moves to "Male" without choosing it
    settle(page)
    assert skip.is_checked(), "an arrow key changed the answer"
    radio = ring_contrast(page, '[data-testid="stRadioOption"]')
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText.includes('Next')"):
            break
    button = ring_contrast(page, "button")
    page.get_by_role("link", name="Results", exact=True).focus()
    link = ring_contrast(page, "a")
    print(f"focus ring contrast: radio {radio:.2f}, button {button:.2f}, sidebar link {link:.2f}")
    assert min(radio, button, link) >= 3

    small["About you"] = small_targets(page)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="Step 2 of 10: When it started").wait_for()
    settle(page)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="Step 3 of 10: Diagnosis").wait_for()
    settle(page)
    small["Diagnosis"] = small_targets(page)
    for title in PAGES:
        open_page(page, title)
        small[title] = small_targets(page)
    too_small = {where: found for where, found in small.items() if found}
    assert not too_small, "\n".join(f"{w}: " + "; ".join(f) for w, f in too_small.items())
