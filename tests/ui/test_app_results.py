"""AppTest: the results a person can trust at a glance (order, "N of M checked", "not yet"),
the clinician-neutral summary page, and the answers-file round trip keeping every key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = "screener/ui/pages"
EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
EXAMPLE = json.loads((EXAMPLES / "early-limb-onset.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts from a cold app that never reaches the network."""
    monkeypatch.delenv("SCREENER_LIVE", raising=False)
    monkeypatch.setenv("SCREENER_OFFLINE", "1")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def results_page(answers: dict[str, Any]) -> AppTest:
    from screener.person.questionnaire import from_profile

    at = AppTest.from_file(str(APP), default_timeout=90).run()
    at.session_state["answers"] = from_profile(answers)
    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    return at


def card_titles(at: AppTest) -> list[str]:
    return [m.value[4:] for m in at.markdown if m.value.startswith("### ")]


def test_every_card_says_how_many_criteria_were_checked() -> None:
    """Each study card's verdict line carries "N of M criteria checked"."""
    at = results_page(EXAMPLE)
    titles = card_titles(at)
    lines = [m.value for m in at.markdown if "criteria checked" in m.value and "**" in m.value]
    assert titles and len(lines) == len(titles)
    assert all(":material/" in line for line in lines)  # the verdict line, with its icon


def test_cards_follow_the_ranking_and_no_non_als_registry_leads() -> None:
    """Cards come in the engine's ranking; studies for many conditions follow ALS-specific ones."""
    from screener.registry.kinds import als_specific
    from screener.registry.source import load_studies
    from screener.ui.study_card import md_escape

    at = results_page(EXAMPLE)
    by_title = {md_escape(r.title): r for r in load_studies(offline=True).records}
    shown = [by_title[t] for t in card_titles(at) if t in by_title]
    assert len(shown) >= 10
    specific = [als_specific(r) for r in shown]
    assert specific == sorted(specific, reverse=True)
    titles = [r.nct_id for r in shown]
    assert "NCT03840928" not in titles[:10]  # the arthritis registry is not near the top


def test_a_recent_riluzole_start_shows_not_yet_with_its_date() -> None:
    """Same riluzole dose since last month: a 12-week study says "Not yet — eligible from"."""
    today = date.today()
    last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    answers = dict(EXAMPLE)
    answers.pop("as_of")
    answers["riluzole"] = {"status": "current", "stable_since": last_month.isoformat()[:7]}
    at = results_page(answers)
    at.multiselect(key="f_verdict").set_value(["excluded"]).run()
    assert not at.exception
    later = [i.value for i in at.info if i.value.startswith("Not yet — eligible from ")]
    assert later, "a riluzole-stable exclusion says when it lifts"
    day = date.fromisoformat(later[0].removeprefix("Not yet — eligible from ")[:10])
    assert day > today


def test_summary_page_uses_neutral_labels_and_the_printed_figures() -> None:
    """No "Whether you take location" or "your …" rows; months shown as on the printed page."""
    from screener.person.profile import parse_profile
    from screener.person.questionnaire import from_profile, to_profile
    from screener.reports.answers import months_words

    at = results_page(EXAMPLE)
    at.switch_page(f"{PAGES}/summary.py").run()
    assert not at.exception
    cells = [str(v) for t in at.table for col in t.value.columns for v in t.value[col]]
    assert "Location" in cells and "Can travel (km)" in cells
    assert not [c for c in cells if c.lower().startswith(("whether you", "your "))]
    profile = parse_profile(to_profile(from_profile(EXAMPLE), as_of=date.today()))
    assert months_words(profile.months_since_onset) in cells


def test_summary_page_counts_the_studies_as_the_summary_file_does() -> None:
    """The page's "…and N more in the summary file" and left-out count are the file's own."""
    import re

    from screener.person.profile import parse_profile
    from screener.person.questionnaire import from_profile, to_profile
    from screener.registry.source import load_studies
    from screener.reports.summary import summary_html

    at = results_page(EXAMPLE)
    at.switch_page(f"{PAGES}/summary.py").run()
    assert not at.exception
    results = at.session_state["screen_cache"][1]
    profile = parse_profile(to_profile(from_profile(EXAMPLE), as_of=date.today()))
    page = summary_html(profile, results, load_studies(offline=True).to_screen())
    rows = page.count("<tr><td>")  # one row per study in the file's table
    listed = [m.value for m in at.markdown if m.value.startswith("- **")]
    said = " ".join(c.value for c in at.caption)
    more = re.search(r"…and (\d+) more in the summary file", said)
    assert more and len(listed) + int(more.group(1)) == rows, said
    left = re.search(r"(\d+) more possible studies are only in the results table", said)
    assert left and f"{left.group(1)} more possible studies are not shown here" in page
    assert any(f"The summary file lists {rows} of them" in m.value for m in at.markdown)


def test_reloading_answers_keeps_every_key_including_a_typed_distance() -> None:
    """Upload the answers file, open step 10: 300 km stays, and every key comes back unchanged."""
    from screener.person.profile import parse_profile
    from screener.person.questionnaire import STEP_INDEX, to_profile
    from screener.reports.answers import answers_dict, answers_json

    original = parse_profile(EXAMPLE)
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    at.switch_page(f"{PAGES}/questions.py").run()
    at.file_uploader(key="answers_file").upload(
        "als-answers.json", answers_json(original), "application/json"
    )
    at.run()
    step_list = next(box for box in at.selectbox if box.label == "Go to any step")
    step_list.set_value(STEP_INDEX["location"])
    at.button(key="FormSubmitter:step_form-Go to this step").click().run()
    assert not at.exception
    assert at.number_input(key="q_max_distance_km").value == 300
    at.switch_page(f"{PAGES}/results.py").run()
    back = parse_profile(to_profile(at.session_state["answers"], as_of=original.as_of_date))
    assert answers_dict(back) == answers_dict(original)
