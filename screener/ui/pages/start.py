"""Start: who is using the app, what it does and does not do, where the studies come from."""

from __future__ import annotations

import streamlit as st

from screener.inputs.untrusted import message_inert
from screener.ui import state

state.init()
src = state.source()

st.title("Is there an ALS study I could join?", anchor=False)
st.write(
    "This tool asks the questions ALS studies use to decide who can take part. "
    "It then checks your answers against each study's own rules and explains, rule by rule, "
    "why a study looks likely, possible or not a fit."
)

st.session_state["role_choice"] = state.role()
st.radio(
    "Who is using this tool?",
    options=list(state.ROLES),
    format_func=state.ROLES.__getitem__,
    key="role_choice",
    on_change=state.remember_role,
    horizontal=True,
)
if st.button("Start the questions", type="primary", icon=":material/arrow_forward:", key="begin"):
    st.switch_page("screener/ui/pages/questions.py")

left, right = st.columns(2)
with left:
    st.header("What it does", anchor=False)
    st.markdown(
        "- Asks short questions, one topic at a time. Every question can be skipped.\n"
        "- Shows which studies may fit, and the study's own words for each rule.\n"
        "- Makes a summary to print or share with "
        + state.you("your neurologist.", "the neurologist.")
    )
with right:
    st.header("What it does not do", anchor=False)
    st.markdown(
        "- It is **not medical advice**. The study team decides who can take part.\n"
        "- A skipped question is never counted as a no. It stays *unknown*.\n"
        "- It keeps nothing. Your answers stay in this browser tab until you close or "
        "reload it. To keep them, save them to this computer (Questions or Summary page) "
        'and load them again under "Continue with answers you saved before".'
    )

st.header("Where the studies come from", anchor=False)
st.write(
    "With internet, today's enrolling studies come from ClinicalTrials.gov; they are fetched "
    "in the background, so the offline snapshot shows first and the note at the top of the "
    "page always says which data you are seeing and how old it is."
)
for limit in src.limits:
    st.markdown(f"- {message_inert(limit)}")
