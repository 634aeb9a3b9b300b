"""Summary: the answers, derived values and fitting studies, with downloads to keep or print.

The downloads are built by ``screener.reports.summary``; they go to the person's own computer and
nothing is stored on the server.
"""

from __future__ import annotations

import streamlit as st

from screener.reports import result_view as rv
from screener.reports.answers import answer_rows, answers_json, derived_rows
from screener.reports.summary import results_csv, summary_html
from screener.reports.summary_studies import listing
from screener.ui import state
from screener.ui.study_card import md_escape

state.init()
st.title("Summary for the neurologist", anchor=False)

profile, results = state.screened_or_stop("Some answers need checking first.")
source = state.source().to_screen()

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

st.header("Answers given", anchor=False)
given = [(k, v) for k, v in answer_rows(profile)[1:] if v != "not answered"]
if given:
    st.table(
        [{"Question": label, "Answer": md_escape(value)} for label, value in given],
        hide_index=True,
        alt="Every question answered so far and its answer",
    )
else:
    st.write("No questions answered yet. Unanswered questions stay unknown, never 'no'.")

st.header("Worked out from the answers", anchor=False)
# The same rows and rounding as the printed summary, so the two never disagree.
st.table(
    [{"Worked out": k, "Value": v} for k, v in derived_rows(profile)],
    hide_index=True,
    alt="Months since first symptom and diagnosis, ALSFRS-R total, ΔFS and MiToS stage",
)

st.header("Studies to discuss", anchor=False)
counted = rv.counts(r.to_dict() for r in results)
# The same listing the summary file is built from, so the two always count alike.
listed = listing(results)
st.write(
    f"{counted['likely']} likely and {counted['possible']} possible fits among "
    f"{len(results)} open studies. The summary file lists {len(listed.shown)} of them, with "
    "the criteria still to check for each."
)
for result in listed.shown[:10]:
    st.markdown(
        f"- **{rv.VERDICT_SHORT[result.verdict]}**: {md_escape(result.title)} "
        f"({result.nct_id}), {result.coverage.words}"
    )
more = listed.beyond(on_page=10)
if more:
    st.caption(more)
