"""Summary: the answers, derived values and fitting studies, with downloads to keep or print.

The downloads are built by ``screener.summary``; they go to the person's own computer and
nothing is stored on the server.
"""

from __future__ import annotations

import streamlit as st

from screener import result_view as rv
from screener.summary import answers_dict, answers_json, question_words, results_csv, summary_html
from screener.ui import state
from screener.ui.study_card import md_escape


def words(value: object) -> str:
    """An answer in plain words ("status: current; stable since: 2026-07")."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {words(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return " ".join(words(v) for v in value)
    return str(value).replace("_", " ")


def sentence(text: str) -> str:
    """First letter upper case, the rest untouched ("El Escorial" stays as it is)."""
    return text[:1].upper() + text[1:]


state.init()
st.title("Summary for the neurologist", anchor=False)

profile, results = state.screened_or_stop("Some answers need checking first.")
source = state.screenable(state.source())

st.write(
    "Download the summary and print it, or send it to "
    + state.you("your neurologist", "the neurologist")
    + " or the study team. Nothing is saved on this server: these files go to "
    + state.you("your", "this")
    + " computer only."
)
st.download_button(
    "Summary to print (HTML)",
    data=summary_html(profile, results, source),
    file_name="als-study-summary.html",
    mime="text/html",
    on_click="ignore",
    icon=":material/print:",
    key="dl_summary",
    width="stretch",
)
st.download_button(
    "Answers, to reload later (JSON)",
    data=answers_json(profile),
    file_name="als-answers.json",
    mime="application/json",
    on_click="ignore",
    icon=":material/save:",
    key="dl_answers",
    width="stretch",
)
st.download_button(
    "Results table (CSV)",
    data=results_csv(results),
    file_name="als-study-results.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/table:",
    key="dl_results",
    width="stretch",
)

st.caption(
    "To print: open the downloaded summary in a web browser and choose Print. "
    "The answers file can be loaded again on the Questions page to carry on later."
)

st.header("Worked out from the answers", anchor=False)
cols = [*st.columns(2), *st.columns(2)]
months = profile.months_since_onset
cols[0].metric("Months since first symptom", "—" if months is None else f"{months:.0f}")
cols[1].metric("ALSFRS-R total", "—" if profile.alsfrs_total is None else profile.alsfrs_total)
slope = profile.delta_fs
cols[2].metric("ΔFS (points a month)", "—" if slope is None else f"{slope:.2f}")
cols[3].metric("MiToS stage", "—" if profile.mitos_stage is None else profile.mitos_stage)

st.header("Answers given", anchor=False)
given = answers_dict(profile)
given.pop("as_of", None)
if given:
    st.table(
        [
            {"Question": sentence(question_words(key)), "Answer": md_escape(words(value))}
            for key, value in given.items()
        ],
        hide_index=True,
        alt="Every question answered so far and its answer",
    )
else:
    st.write("No questions answered yet. Unanswered questions stay unknown, never 'no'.")

st.header("Studies to discuss", anchor=False)
fitting = [r for r in results if r.verdict in ("likely", "possible")]
counted = rv.counts(r.to_dict() for r in results)
st.write(
    f"{counted['likely']} likely and {counted['possible']} possible fits among "
    f"{len(results)} open studies. The summary file lists the rules still to check for each."
)
for result in fitting[:10]:
    st.markdown(
        f"- **{rv.VERDICT_SHORT[result.verdict]}**: {md_escape(result.title)} ({result.nct_id})"
    )
if len(fitting) > 10:
    st.caption(f"…and {len(fitting) - 10} more in the summary file and on the Results page.")
