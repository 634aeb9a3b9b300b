"""AppTest: the app is live by default, never makes a person wait, and says what it shows.

The live fetch runs in the background; these tests point it at a stand-in on 127.0.0.1 or
replace the fetcher, and never reach the internet.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from screener.errors import CTGovUnavailable
from screener.registry import client as ctgov
from screener.registry.snapshot import live_snapshot, write_snapshot
from tests.standin import StandIn, export_studies, hang, stand_in

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = "screener/ui/pages"


@pytest.fixture(autouse=True)
def _live_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No SCREENER_OFFLINE (the app's default), cold caches, a private refreshed path."""
    monkeypatch.delenv("SCREENER_OFFLINE", raising=False)
    monkeypatch.setenv("SCREENER_SNAPSHOT", str(tmp_path / "refreshed.json"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def run_app() -> AppTest:
    """One visit: run the app once and check it raised nothing."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    return at


def settled(at: AppTest, seconds: float = 20) -> AppTest:
    """Rerun the visit until the background fetch has ended (it is not fetching any more)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at.run()
        assert not at.exception
        if not any("in the background" in w.value for w in at.warning):
            return at
        time.sleep(0.2)
    pytest.fail("the background fetch did not end")


@pytest.fixture
def hanging(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    """A registry that accepts and never answers (like a machine whose network hangs)."""
    with stand_in() as api:
        api.answer = lambda query, handler: hang(api.stop)
        monkeypatch.setenv("CTGOV_API_URL", api.url)
        yield api


def test_first_page_shows_at_once_on_the_snapshot_while_fetching(hanging: StandIn) -> None:
    """With no setting and a registry that never answers, the start page is there in < 3 s."""
    started = time.monotonic()
    at = run_app()
    elapsed = time.monotonic() - started
    assert elapsed < 3.0
    assert "offline snapshot" in at.info[0].value
    assert any("Getting today's studies" in w.value for w in at.warning)
    assert at.title[0].value == "Is there an ALS study I could join?"
    assert hanging.queries, "the app did start a fetch"


def test_a_failed_fetch_says_why_offers_a_retry_and_is_not_cached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A failure shows the snapshot and why; the next visit tries again (no 6-hour cache)."""
    calls: list[int] = []

    def down(**_: Any) -> list[dict[str, Any]]:
        calls.append(1)
        raise CTGovUnavailable("no network in this test")

    monkeypatch.setattr(ctgov, "fetch_als_studies", down)
    at = settled(run_app())
    assert "offline snapshot" in at.info[0].value and "live" not in at.info[0].value
    notices = [w.value for w in at.warning]
    assert len([n for n in notices if "could not be reached" in n]) == 1
    assert [b for b in at.button if b.key == "retry_live"]
    at.run()  # another click in the same visit does not ask again
    assert len(calls) == 1
    settled(run_app())  # a new visit does
    assert len(calls) == 2


def test_the_retry_button_asks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Try ClinicalTrials.gov again' starts a new attempt, and a good answer then shows."""
    answers: list[list[dict[str, Any]] | None] = [None, export_studies()]

    def flaky(**_: Any) -> list[dict[str, Any]]:
        answer = answers.pop(0)
        if answer is None:
            raise CTGovUnavailable("HTTP 503")
        return answer

    monkeypatch.setattr(ctgov, "fetch_als_studies", flaky)
    at = settled(run_app())
    next(b for b in at.button if b.key == "retry_live").click()
    at = settled(at)
    assert "live from ClinicalTrials.gov" in at.info[0].value
    assert not at.warning


def test_a_live_answer_replaces_the_snapshot_and_is_shared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A good live answer is shown as live; the next visit reuses it without asking again."""
    calls: list[int] = []

    def fine(**_: Any) -> list[dict[str, Any]]:
        calls.append(1)
        return export_studies()

    monkeypatch.setattr(ctgov, "fetch_als_studies", fine)
    at = settled(run_app())
    assert "live from ClinicalTrials.gov" in at.info[0].value
    assert "(0 enrolling" not in at.info[0].value
    run_app()
    assert len(calls) == 1


def test_a_worse_live_answer_is_not_shown_as_live(monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer of 3 studies (under half the snapshot's) shows the snapshot with the reason."""
    monkeypatch.setattr(ctgov, "fetch_als_studies", lambda **_: export_studies()[:3])
    at = settled(run_app())
    assert "offline snapshot" in at.info[0].value
    assert any("fewer than half" in w.value for w in at.warning)


def test_offline_setting_means_no_fetch_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """SCREENER_OFFLINE=1: the snapshot, no 'getting today's studies', no request made."""
    monkeypatch.setenv("SCREENER_OFFLINE", "1")

    def never(**_: Any) -> list[dict[str, Any]]:
        raise AssertionError("no network in offline mode")

    monkeypatch.setattr(ctgov, "fetch_als_studies", never)
    at = run_app()
    assert "offline snapshot" in at.info[0].value
    assert not at.warning


IMAGE = "![](http://tracker.invalid/pixel.png)"


def test_registry_text_cannot_make_the_browser_fetch_anything(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Markdown in a registry title, dates, criteria or last update is shown as plain text."""
    monkeypatch.setenv("SCREENER_OFFLINE", "1")
    study = copy.deepcopy(export_studies()[0])
    section = study["protocolSection"]
    section["identificationModule"]["nctId"] = "NCT99999999"
    section["identificationModule"]["briefTitle"] = f"Study {IMAGE}"
    section["statusModule"]["overallStatus"] = "RECRUITING"
    section["statusModule"]["lastUpdatePostDateStruct"] = {"date": IMAGE}
    section["eligibilityModule"]["eligibilityCriteria"] = (
        f"Inclusion Criteria:\n\n* Aged 18 to 80 {IMAGE}\n\nExclusion Criteria:\n\n* {IMAGE}"
    )
    section["contactsLocationsModule"]["locations"][0]["contacts"] = [{"name": IMAGE}]
    write_snapshot(live_snapshot([study] * 1, IMAGE), tmp_path / "refreshed.json")
    at = run_app()
    at.session_state["answers"] = {"age_years": 60}
    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    shown = [
        cast(Element, e).value
        for kind in ("markdown", "caption", "info", "warning", "error", "subheader", "title")
        for e in at.get(kind)
    ]
    assert sum("tracker" in v for v in shown) >= 3, "the test study is on the page"
    # An image or link needs an unescaped "![" or "](": every one here is backslash-escaped.
    assert not [v for v in shown if re.search(r"(?<!\\)!\[|(?<!\\)\]\(", v)]
