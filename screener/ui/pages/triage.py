"""Coordinator triage: upload an interest list, pick a study, see and download the triage.

Uploads stay in this session's memory: never written to disk, never logged.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from screener.errors import ScreenerError
from screener.inputs.untrusted import message_inert
from screener.triage.rows import VERDICTS_OUT
from screener.ui import state
from screener.ui.views import triage as view

state.init()
src = state.source()
rulebook = state.rulebook()

st.title("Coordinator triage", anchor=False)
st.write(
    "Screen an interest list against one study: one row per person with the verdict, the "
    "study's words for every criterion not met, what is still to ask, and the months left "
    "in the onset window. Blank cells mean unknown; an unknown never excludes anyone."
)
st.download_button(
    "Download the CSV template",
    data=view.template_bytes(),
    file_name="candidates-template.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="triage_template",
)
upload = st.file_uploader(
    "Interest list (CSV)",
    type=["csv"],
    key="triage_csv",
    max_upload_size=view.MAX_LIST_MB,
    help=(
        f"Up to {view.MAX_LIST_MB} MB (about 20,000 people). Kept in this session's memory "
        "only: never saved, never logged."
    ),
)
mode = st.radio(
    "Screen against",
    ["An enrolling study", "My own rule file (YAML)"],
    key="triage_mode",
    horizontal=True,
)
rule_file = None
nct: str | None = None
choices, choices_note = view.study_picker(src, rulebook)
if mode == "An enrolling study":
    nct = st.selectbox(
        "Study", list(choices), format_func=lambda n: choices.get(n, n), key="triage_study"
    )
    st.caption(choices_note)
else:
    rule_file = st.file_uploader(
        "Rule file (YAML)", type=["yaml", "yml"], key="triage_rules", max_upload_size=1
    )
as_of = st.date_input("Screen as of", value=date.today(), key="triage_as_of")

if upload is None or (nct is None and rule_file is None):
    st.info("Upload an interest list and pick a study (or upload a rule file) to start.")
    st.stop()

key = (upload.file_id, nct, rule_file.file_id if rule_file else None, str(as_of))
if st.session_state.get("triage_key") != key:
    try:
        rules = (rule_file.getvalue(), rule_file.name) if rule_file is not None else None
        study, notes = view.pick_study(src, rulebook, nct, rules)
        result = view.run(upload.getvalue(), upload.name, study, as_of, notes)
    except ScreenerError as exc:
        st.session_state.pop("triage_key", None)
        st.error(message_inert(str(exc)), icon=":material/error:")
        st.stop()
    st.session_state["triage_key"] = key
    st.session_state["triage_result"] = result
result = st.session_state["triage_result"]

for warning in result.warnings:
    st.warning(message_inert(warning), icon=":material/warning:")
counts = result.counts()
if counts["error"]:
    st.error(
        f"{counts['error']} row(s) could not be screened: the 'message' column (next to the "
        "verdict) says which row, column and problem; Find searches it too. Fix them in your "
        "file and upload it again.",
        icon=":material/error:",
    )
st.header(message_inert(f"{result.people} people · {result.title} ({result.nct_id})"), anchor=False)
for limit in result.limits:
    st.caption(message_inert(limit))
for column, verdict in zip(st.columns(len(VERDICTS_OUT)), VERDICTS_OUT, strict=True):
    column.metric(verdict, counts[verdict])

shown_verdicts = st.multiselect(
    "Show", list(VERDICTS_OUT), default=list(VERDICTS_OUT), key="triage_verdicts"
)
find = st.text_input("Find (id, criterion words or column)", key="triage_find")
shown = view.filter_rows(result.rows, shown_verdicts, find, result.asked)
st.dataframe(view.frame(shown, result.asked, one_study=True), hide_index=True, key="triage_table")
st.caption(f"Showing {len(shown)} of {len(result.rows)} rows.")
shown_label, all_label = view.download_labels(len(shown), len(result.rows))
st.download_button(
    shown_label,
    data=view.download_bytes(shown),
    file_name=view.file_name(result.nct_id, shown=all_label is not None),
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="triage_download",
    type="primary",
)
if all_label is not None:
    st.download_button(
        all_label,
        data=view.download_bytes(result.rows),
        file_name=view.file_name(result.nct_id),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="triage_download_all",
    )
