"""Therapies & care: approved and withdrawn ALS treatments, symptom and supportive care.

The words come from ``screener/content/*.yaml`` through ``screener.content.therapies``; each item
shows its sources and the date it was last reviewed.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from screener.content import therapies
from screener.errors import ScreenerError
from screener.ui import state

state.init()
try:
    intros = therapies.content_intros()
except ScreenerError as exc:
    st.error(f"The therapy background could not be loaded: {exc}")
    st.stop()
STATUS = {"approved": "Approved", "withdrawn": "Withdrawn (no longer sold)"}


def sources(urls: Sequence[str], reviewed: object) -> None:
    """The item's sources as links, and when it was last reviewed."""
    links = " · ".join(f"[{n}]({url})" for n, url in enumerate(urls, start=1))
    st.caption(f"Sources: {links}. Last reviewed {reviewed}.")


def bullets(lines: Sequence[str]) -> None:
    """A short list."""
    st.markdown("\n".join(f"- {line}" for line in lines))


st.title("Therapies and care", anchor=False)
st.write(
    "Background on ALS treatments and care, and how each affects joining a study. "
    f"Content last reviewed {therapies.content_last_reviewed():%d %B %Y}."
)

treatments, symptoms, support = st.tabs(["ALS medicines", "Symptom care", "Support and services"])

with treatments:
    st.info(intros["therapies"])
    for drug in therapies.load_therapies():
        scope = f" ({drug.limited_to})" if drug.limited_to else ""
        with st.expander(f"{drug.name}: {STATUS[drug.status]}{scope}", expanded=False):
            st.markdown(f"**Also called:** {', '.join(drug.brands)}")
            st.write(drug.status_note)
            if drug.alert:
                st.warning(drug.alert, icon=":material/warning:")
            st.markdown(f"**For whom:** {drug.for_whom}")
            st.markdown(f"**What it does:** {drug.what_it_does}")
            st.markdown(f"**How it is given:** {drug.how_given}")
            st.markdown("**Side effects and warnings**")
            bullets(drug.warnings)
            st.markdown("**How it affects joining a study**")
            bullets(drug.trial_eligibility)
            st.markdown("**Key dates**")
            bullets([f"{fact.when}: {fact.what}" for fact in drug.facts])
            if state.role() in ("clinician", "coordinator"):
                st.markdown(f"**For clinicians:** {drug.clinician_note}")
            sources(drug.sources, drug.last_reviewed)
    st.header("Not approved for ALS", anchor=False)
    for other in therapies.load_not_approved():
        with st.expander(other.name):
            st.write(other.status_note)
            bullets([f"{fact.when}: {fact.what}" for fact in other.facts])
            sources(other.sources, other.last_reviewed)

with symptoms:
    st.info(intros["symptoms"])
    for symptom in therapies.load_symptom_care():
        with st.expander(symptom.name):
            st.write(symptom.about)
            st.markdown("**What may help**")
            bullets(symptom.what_may_help)
            if symptom.not_covered:
                st.caption(symptom.not_covered)
            st.markdown(f"**Evidence:** {symptom.evidence}")
            sources(symptom.sources, symptom.last_reviewed)

with support:
    st.info(intros["supportive"])
    for service in therapies.load_supportive_care():
        with st.expander(service.name):
            st.write(service.about)
            bullets(service.points)
            if service.trial_eligibility:
                st.markdown("**How it affects joining a study**")
                bullets(service.trial_eligibility)
            st.markdown(f"**Evidence:** {service.evidence}")
            sources(service.sources, service.last_reviewed)
