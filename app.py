"""Streamlit entry point: page setup, navigation and the banner every page shares.

Run with ``streamlit run app.py``. The first page shows at once on the offline snapshot
while today's studies are fetched from ClinicalTrials.gov in the background; they replace
the snapshot when they arrive and pass every check. ``SCREENER_OFFLINE=1``: no network.
All logic lives in ``screener/``; pages only wire widgets to it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from screener.errors import ScreenerError
from screener.inputs.untrusted import message_inert
from screener.ui import keyboard, state

PAGES = Path("screener/ui/pages")

st.set_page_config(
    page_title="ALS study pre-screener",
    page_icon=":material/checklist:",
    layout="wide",
    initial_sidebar_state="auto",  # open on wide screens, out of the way on phones
)
state.init()

pages = [
    st.Page(PAGES / "start.py", title="Start", icon=":material/home:", default=True),
    st.Page(PAGES / "questions.py", title="Questions", icon=":material/edit_note:"),
    st.Page(PAGES / "results.py", title="Results", icon=":material/fact_check:"),
    st.Page(PAGES / "therapies.py", title="Therapies & care", icon=":material/medication:"),
    st.Page(PAGES / "summary.py", title="Summary", icon=":material/description:"),
    st.Page(PAGES / "triage.py", title="Coordinator triage", icon=":material/groups:"),
]
page = st.navigation(pages, expanded=True)
keyboard.style_page(page.url_path)

try:
    source = state.source()
except ScreenerError as exc:
    st.error(message_inert(f"The list of studies could not be loaded: {exc}"))
    st.stop()

st.info(state.banner(source), icon=":material/info:")
if source.notice:
    st.warning(message_inert(source.notice), icon=":material/cloud_off:")
fetch = state.fetch_state()
if fetch is not None and fetch.status == "failed" and fetch.live is None:
    st.button(
        "Try ClinicalTrials.gov again",
        on_click=state.retry_live,
        key="retry_live",
        icon=":material/refresh:",
    )
if fetch is not None and fetch.status == "fetching":

    @st.fragment(run_every=2)
    def _await_live() -> None:
        """Redraw the whole app once the background fetch has ended, live or not."""
        now = state.fetch_state()
        if now is not None and now.status != "fetching":
            st.rerun(scope="app")

    _await_live()

page.run()
