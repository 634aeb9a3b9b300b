"""Streamlit entry point: page setup, navigation and the banner every page shares.

Run with ``streamlit run app.py``. Studies come from the bundled offline snapshot unless
``SCREENER_LIVE=1`` is set (then ClinicalTrials.gov, falling back to the snapshot with a
notice). All logic lives in ``screener/``; pages only wire widgets to it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from screener.errors import ScreenerError
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
    st.error(f"The list of studies could not be loaded: {exc}")
    st.stop()

st.info(state.banner(source), icon=":material/info:")
if source.notice:
    st.warning(source.notice, icon=":material/cloud_off:")

page.run()
