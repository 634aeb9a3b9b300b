"""Results: counts by verdict, the question that settles most studies, filters, study cards."""

from __future__ import annotations

from datetime import date

import streamlit as st

from screener.person import questionnaire as q
from screener.reports import result_view as rv
from screener.ui import state
from screener.ui.study_card import card, md_escape
from screener.ui.study_sites import site_map

PAGE_SIZE = 15

state.init()
today = date.today()
st.title("Results", anchor=False)

profile, results = state.screened_or_stop(
    "Some answers need checking before studies can be screened."
)
point = state.person_point(profile)
records = {r.nct_id: r for r in state.source().to_screen().records}
rows = [(records[d["nct_id"]], d) for d in state.result_dicts(results) if d["nct_id"] in records]

if not profile.answered_keys():
    st.info(
        "No questions are answered yet, so almost every study shows as a possible fit. "
        "Each answer you add makes the list sharper."
    )

found = rv.counts(d for _, d in rows)
cols = st.columns(3)
for col, verdict in zip(cols, rv.VERDICT_ORDER, strict=True):
    col.metric(rv.VERDICT_SHORT[verdict], found[verdict])
st.caption(
    f"{len(rows)} enrolling studies checked. "
    "Likely means no rule we could check rules you out and none is unsettled; rules we could "
    "not check are left to the study team, who always decide."
)

if settle := state.top_question(results):
    label, slug, count = settle
    with st.container(border=True):
        st.markdown(f"**One question would settle {count} studies:** {label}")
        if st.button("Answer it now", key="settle", icon=":material/edit:"):
            state.go_to_step(q.STEP_INDEX[slug])

with st.expander("Filter the list"):
    verdicts = st.multiselect(
        "Show studies that are",
        list(rv.VERDICT_ORDER),
        default=["likely", "possible"],
        format_func=lambda v: rv.VERDICT_WORDS[v],
        key="f_verdict",
    )
    statuses = st.multiselect(
        "Status", sorted({rv.status_words(r.status) for r, _ in rows}), key="f_status"
    )
    phases = st.multiselect("Phase", sorted({rv.phase_words(r) for r, _ in rows}), key="f_phase")
    kinds = st.multiselect(
        "Kind of study",
        sorted({rv.study_kind(r) for r, _ in rows}),
        format_func=lambda k: rv.KIND_WORDS[k],
        key="f_kind",
    )
    treatments = st.multiselect(
        "Type of intervention",
        sorted({w for r, _ in rows for w in rv.intervention_words(r)}),
        key="f_intervention",
    )
    distance = st.selectbox(
        "Nearest site within",
        [None, 50, 100, 200, 500, 1000],
        format_func=lambda km: "Any distance" if km is None else f"{km} km",
        key="f_distance",
        help="Studies whose site distance is unknown are always shown.",
    )
    observational_first = st.toggle(
        "Put observational studies before treatment studies",
        key="f_observational_first",
        help="Treatment studies (drug, biological, genetic, device) come first unless you ask.",
    )
filters = rv.Filters(
    frozenset(verdicts),
    frozenset(statuses),
    frozenset(phases),
    frozenset(kinds),
    distance,
    frozenset(treatments),
)
shown = rv.sort_rows(
    [(r, d) for r, d in rows if rv.keep(r, d, filters)], observational_first=observational_first
)

fitting = rv.treatment_fits(rows)
if len(fitting) < rv.FEW_TREATMENT_STUDIES:
    st.info(
        "Few treatment studies fit these answers right now. That is not the end of the road: "
        "observational studies (registries, natural history, biomarkers) and expanded-access "
        "programmes may be open to you; they are listed just below. Study rules also change "
        "over time, so it is worth checking again in a few months."
    )
others = rv.other_options(rows)
with st.expander(f"Observational studies and expanded access open to you ({len(others)})"):
    if rv.kind_is_guess_any(r for r, _ in others):
        st.caption(
            "The offline data does not give every study's type; studies listing no "
            "treatment are shown here as probably observational."
        )
        # Each study's card appears once, in the list below; here they are named only.
    for record, result in others:
        st.markdown(
            f"- {md_escape(record.title)} ({record.nct_id}): {md_escape(rv.verdict_line(result))}"
        )

st.header(f"{len(shown)} studies shown", anchor=False)
if hidden := len(rows) - len(shown):
    st.caption(f"{hidden} more are hidden by the filters above ('Filter the list').")
if unplaced := rv.kept_for_unknown_distance(rows, filters):
    st.caption(
        f"The distance filter keeps {unplaced} studies because their site distance is unknown "
        "(no site location in this data)."
    )
limit = int(st.session_state.get("shown_limit", PAGE_SIZE))
for record, result in shown[:limit]:
    card(record, result, today, point)
if len(shown) > limit:
    st.button(
        f"Show {min(PAGE_SIZE, len(shown) - limit)} more",
        key="more",
        on_click=lambda: st.session_state.update(shown_limit=limit + PAGE_SIZE),
    )
site_map(shown, point)
