"""AppTest: every page of the Streamlit app renders, and a whole journey works, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = "screener/ui/pages"


@pytest.fixture(autouse=True)
def _clear_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Streamlit caches are process-wide: each test starts from a cold, offline app."""
    monkeypatch.delenv("SCREENER_LIVE", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_app(page: str | None = None) -> AppTest:
    """Run the app (optionally switched to one page) and check it raised nothing."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    if page is not None:
        at.switch_page(f"{PAGES}/{page}.py").run()
        assert not at.exception
    return at


def test_start_page_names_the_snapshot_and_its_date() -> None:
    """Start names the offline snapshot, its date, and says it is not medical advice."""
    at = open_app()
    banner = at.info[0].value
    assert "offline snapshot" in banner
    assert "2026-" in banner
    assert "not medical advice" in banner
    assert at.title[0].value.startswith("Is there an ALS study")


def test_role_choice_survives_a_page_switch() -> None:
    """Choosing 'caregiver' on Start changes the wording on the Questions page."""
    at = open_app()
    at.radio(key="role_choice").set_value("caregiver").run()
    at.switch_page(f"{PAGES}/questions.py").run()
    assert not at.exception
    assert "Answer for the person with ALS" in at.caption[0].value
    assert at.session_state["role"] == "caregiver"
