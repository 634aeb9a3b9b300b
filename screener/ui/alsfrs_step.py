"""The ALSFRS-R step: the 12 items with the scale's own wording (or just the total), then
the total, ΔFS and MiToS stage as far as the answers go."""

from __future__ import annotations

from datetime import date

import streamlit as st

from screener.person import questionnaire as q
from screener.person.question_text import DOMAINS, item
from screener.ui import state
from screener.ui.widgets import choice, month_year, pick

__all__ = ["alsfrs", "show_scores"]


def alsfrs() -> None:
    """ALSFRS-R: 12 items with their answer wording, or just the total."""
    st.write(
        "The ALSFRS-R is a 12-question score of daily activities (0 to 48; higher is "
        "better). The neurologist or nurse usually records it at each visit."
    )
    mode = choice(
        "How would you like to answer?",
        "alsfrs_mode",
        {"items": "Answer the 12 questions", "total": "I only know the total"},
        horizontal=False,
    )
    answers = state.answers()
    if mode == "total":
        pick("ALSFRS-R total (0 to 48)", "alsfrs_total", list(range(48, -1, -1)))
    elif mode == "items":
        gastrostomy = answers.get("gastrostomy")
        if gastrostomy is None:
            st.caption(
                "Question 5 changes if there is a feeding tube: answer that in the "
                "'Feeding tube and breathing support' step."
            )
        domain = ""
        for number in range(1, 13):
            scale = item(number, gastrostomy)
            if scale.domain != domain:
                domain = scale.domain
                st.header(DOMAINS[domain], anchor=False)
            choice(
                f"{scale.code}. {scale.name}",
                f"alsfrs_{number}",
                {s: f"{s} – {scale.wording(s)}" for s in (4, 3, 2, 1, 0)},
                horizontal=False,
            )
    if mode is not None:
        month_year("Date it was scored", "alsfrs")
    show_scores()


def show_scores() -> None:
    """Total, ΔFS and MiToS stage as far as the answers allow."""
    answers = state.answers()
    items = q.alsfrs_items(answers)
    total = q.alsfrs_total(answers)
    slope = q.delta_fs(answers, date.today())
    stage = q.mitos_stage(items) if answers.get("alsfrs_mode") == "items" else None
    done = sum(1 for n in range(1, 13) if answers.get(f"alsfrs_{n}") is not None)
    cols = st.columns(3)
    cols[0].metric(
        "ALSFRS-R total", f"{total} of 48" if total is not None else f"{done} of 12 answered"
    )
    cols[1].metric(
        "ΔFS (points lost a month)",
        f"{slope:.2f}" if slope is not None else "—",
        help="(48 − total) ÷ months since the first symptom. Needs the first-symptom date.",
    )
    cols[2].metric(
        "MiToS stage",
        str(stage) if stage is not None else "—",
        help="0 to 4: how many of walking/self-care, swallowing, communicating and "
        "breathing are lost. Needs all 12 answers.",
    )
