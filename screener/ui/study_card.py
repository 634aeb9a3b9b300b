"""How one study is shown on the results page: verdict in words, facts, rules, contacts.

Registry text is never rendered as HTML: it goes through ``md_escape`` into Markdown, or
into tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import streamlit as st

from screener.inputs.untrusted import markdown_inert
from screener.registry.records import StudyRecord
from screener.registry.site_contacts import contact_words, nearest_site_contact
from screener.reports import result_view as rv
from screener.screening.verdicts import VERDICTS

__all__ = ["md_escape", "VERDICT_ICON", "criteria_table", "contacts", "card"]


def md_escape(text: str | None) -> str:
    """Registry text made inert for Markdown (see ``untrusted.markdown_inert``)."""
    return markdown_inert(text)


VERDICT_ICON: dict[str, str] = {v: words.icon for v, words in VERDICTS.items()}


def criteria_table(result: Mapping[str, Any]) -> None:
    """Every criterion of the study: result in words, rule type, the study's words, why."""
    rows = rv.criteria_rows(result)
    if not rows:
        st.write("No eligibility rules could be read for this study. Ask the study team.")
        return
    # st.table renders Markdown in cells, so the registry's words are escaped first.
    registry = ("The study's words", "Why")
    safe = [{k: md_escape(v) if k in registry else v for k, v in row.items()} for row in rows]
    st.table(safe, hide_index=True, alt="Each eligibility rule of the study and its result")


def contacts(record: StudyRecord, point: tuple[float, float] | None = None) -> None:
    """The nearest site's contact, the central contacts, and the ClinicalTrials.gov link."""
    if nearest := nearest_site_contact(record, point):
        far = f", about {nearest.km:.0f} km away" if nearest.km is not None else ""
        lines = [f"Nearest site with a contact: {nearest.place()}{far}"]
        lines += [f"Site contact: {contact_words(c)}" for c in nearest.contacts]
        st.markdown("  \n".join(md_escape(line) for line in lines))
    for contact in record.central_contacts:
        if words := contact_words(contact):
            st.markdown("Contact: " + md_escape(words))
    if not record.central_contacts and nearest is None:
        st.caption("No contact is listed in this data: the ClinicalTrials.gov page has them.")
    st.link_button(
        f"Open {record.nct_id} on ClinicalTrials.gov",
        record.url,
        icon=":material/open_in_new:",
    )


def card(
    record: StudyRecord,
    result: Mapping[str, Any],
    today: date,
    point: tuple[float, float] | None = None,
) -> None:
    """One study: title, verdict in words, phase, status, distance, time left, rules."""
    verdict = str(result["verdict"])
    with st.container(border=True):
        st.markdown(f"### {md_escape(record.title)}")
        st.markdown(f"{VERDICT_ICON[verdict]} **{md_escape(rv.verdict_line(result))}**")
        if later := rv.not_yet_words(result):
            st.info(later, icon=":material/event_available:")
        st.caption(
            md_escape(
                " · ".join(
                    [
                        record.nct_id,
                        rv.phase_words(record),
                        rv.status_words(record.status),
                        rv.KIND_WORDS[rv.study_kind(record)]
                        + (
                            " (guessed: study type not in this data)"
                            if rv.kind_is_guess(record)
                            else ""
                        ),
                        f"record updated {record.last_update}"
                        if record.last_update
                        else "last update not in this data",
                    ]
                )
            )
        )
        km = result.get("nearest_site_km")
        if km is not None:
            st.write(
                f"Nearest study site: about {float(km):.0f} km ({float(km) * 0.621:.0f} miles)."
            )
        if left := rv.time_left_words(result):
            st.write(left)
        for reason in rv.stale_reasons(record, today):
            st.warning(md_escape(reason), icon=":material/history:")
        for note in result.get("notes", []):
            st.caption(md_escape(str(note)))
        not_met = [c for c in result.get("criteria", []) if c.get("status") == "not_met"]
        if not_met:
            st.markdown("Does not fit because: " + md_escape(str(not_met[0].get("why") or "")))
        with st.expander(f"Every rule of this study ({len(result.get('criteria', []))})"):
            criteria_table(result)
        contacts(record, point)
