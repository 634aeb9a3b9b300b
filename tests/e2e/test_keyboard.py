"""Keyboard only: the example profile from the Start page to Results in few key presses.

Every key press is counted, typed characters included. After every step change the focused
element must be the new step's first question; after each answer, the next question.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import ready, settle

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT.parent / "shared" / "spec" / "examples" / "early-limb-onset.json"
BUDGET = 120
GO_ON = "next"

FOCUSED_KEY = """() => {
    const active = document.activeElement;
    if (!active || active === document.body) return '';
    if (active.tagName === 'MAIN') return 'main';
    if (active.closest('[data-testid="stSkipToContent"]')) return 'skip';
    const box = active.closest('[class*="st-key-"]');
    if (!box) return active.tagName + ':' + (active.innerText || '').slice(0, 30);
    const name = [...box.classList].find(c => c.startsWith('st-key-'));
    return name ? name.slice('st-key-'.length) : '';
}"""

# (keys, the question that must have focus afterwards). "type:" keys count one per character.
# Each step ends on the control that leaves it; the next line's first entry is the new step's
# first question, asserted right after the step change.
START: list[tuple[str, str]] = [
    # The skip link, Enter (to the main content), Tab to the role, Tab to Start, Enter.
    ("Tab", "skip"),
    ("Enter", "main"),
    ("Tab", "role_choice"),
    ("Tab", "begin"),
]
STEPS: list[tuple[str, list[tuple[list[str], str]]]] = [
    (
        "About you",
        [(["type:52", "Enter"], "q_sex"), (["2"], GO_ON)],
    ),
    (
        "When it started",
        [(["type:01 2026", "Enter"], "q_diagnosis"), (["type:06 2026"], "q_diagnosis")],
    ),
    (
        "Diagnosis",
        [(["2"], "q_gold_coast"), (["s"], "q_familial"), (["n"], GO_ON)],
    ),
    (
        "Genetic tests",
        [
            (["2"], "q_gene_C9orf72"),
            (["2"], "q_gene_FUS"),
            (["s"], "q_gene_TARDBP"),
            (["s"], "q_gene_other"),
            (["s"], GO_ON),
        ],
    ),
    (
        "Feeding tube and breathing support",
        [
            (["n"], "q_can_swallow_pills"),
            (["y"], "q_ventilation"),
            (["1"], "q_tracheostomy"),
            (["n"], GO_ON),
        ],
    ),
    (
        "Breathing test",
        [
            (["1"], "q_vc_percent"),
            (["type:88", "Enter"], "q_vc"),
            (["type:10 2026", "Enter"], "q_vc2_has"),
            (["n"], GO_ON),
        ],
    ),
    (
        "ALSFRS-R (daily activities)",
        [
            (["1"], "q_alsfrs_1"),
            *[
                ([str(score)], f"q_alsfrs_{n + 1}" if n < 12 else "q_alsfrs")
                for n, score in enumerate([4, 4, 4, 3, 3, 3, 4, 3, 3, 4, 4, 4], start=1)
            ],
            (["type:10 2026"], "q_alsfrs"),
        ],
    ),
    (
        "ALS medicines",
        [
            (["2"], "q_riluzole_since"),
            (["type:07 2026", "Enter"], "q_edaravone_status"),
            (["1"], "q_tofersen_status"),
            (["s"], "q_phenylbutyrate_taurursodiol_status"),
            (["s"], GO_ON),
        ],
    ),
    (
        "Other health questions",
        [(["1"], "q_dementia"), (["n"], "q_other_neurological_disease"), (["s"], GO_ON)],
    ),
    (
        "Where you live",
        [
            (["1"], "q_postal_code"),
            (["type:02114", "Enter"], "q_country"),
            (["type:united s", "Enter"], "q_max_distance_km"),
            (["type:300"], "q_max_distance_km"),
        ],
    ),
]
FIRST_QUESTION = {
    "About you": "q_age_years",
    "When it started": "q_onset",
    "Diagnosis": "q_diagnosis_category",
    "Genetic tests": "q_gene_SOD1",
    "Feeding tube and breathing support": "q_gastrostomy",
    "Breathing test": "q_vc_test",
    "ALSFRS-R (daily activities)": "q_alsfrs_mode",
    "ALS medicines": "q_riluzole_status",
    "Other health questions": "q_study_drug",
    "Where you live": "q_location_mode",
}


class Keyboard:
    """Presses keys and counts them (a typed character is one press)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def press(self, key: str) -> None:
        if key.startswith("type:"):
            self.page.keyboard.type(key[len("type:") :], delay=30)
            self.count += len(key) - len("type:")
        else:
            self.page.keyboard.press(key)
            self.count += 1

    def focus_is(self, key: str) -> None:
        """Wait (up to 20 s) until focus is inside the element keyed ``key``, else fail."""
        try:
            self.page.wait_for_function(f"() => ({FOCUSED_KEY})() === {json.dumps(key)}")
        except Exception:  # noqa: BLE001 - report where focus is instead of a bare timeout
            pytest.fail(f"focus should be on {key}, is on {self.page.evaluate(FOCUSED_KEY)!r}")


def test_keyboard_only_journey_fills_the_example_in_at_most_120_presses(page: Any) -> None:
    """Start → ten steps → Results by keyboard alone: ≤ 120 presses, focus on first questions."""
    keys = Keyboard(page)
    ready(page)
    for key, then in START:
        keys.press(key)
        settle(page)
        keys.focus_is(then)
    keys.press("Enter")
    total_steps = len(STEPS)
    for number, (title, answers) in enumerate(STEPS, start=1):
        page.get_by_role("heading", name=f"Step {number} of {total_steps}: {title}").wait_for()
        keys.focus_is(FIRST_QUESTION[title])
        for presses, then in answers:
            for key in presses:
                keys.press(key)
            keys.focus_is(then)
        keys.press("Enter")  # on Next, or on the step's last text box, which goes on
    page.get_by_role("heading", name="Results", exact=True).wait_for()
    settle(page)
    print(f"key presses to results: {keys.count}")
    assert keys.count <= BUDGET

    page.get_by_role("link", name="Summary", exact=True).click()
    settle(page)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Answers, to reload later (JSON)").click()
    saved = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    month = {"onset_date", "diagnosis_date"}
    for key, value in example.items():
        if key == "as_of":
            continue  # the date screened on is today
        if key in month:
            assert saved[key] == value[:7], key
        elif key == "riluzole":
            assert saved[key] == {"status": "current", "stable_since": "2026-07"}
        elif key in ("alsfrs_r", "vital_capacity"):
            assert saved[key] == {**value, "date": value["date"][:7]}, key
        else:
            assert saved[key] == value, key
    assert saved["max_distance_km"] == 300  # typed, so the example's own distance is kept
