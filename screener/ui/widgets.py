"""Question widgets that always offer "I don't know / skip" and keep answers in session state.

Each widget has an explicit key ``q_<answer key>``. Its value is seeded from the answers dict
when it is first drawn (Streamlit drops a widget's value once it is not drawn), and the
returned value is written back; choosing "skip" removes the answer, so it stays unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import streamlit as st

from screener.person import month_year as typed_month
from screener.ui import keyboard, state
from screener.ui.views.answer_keys import keyed, option_keys

__all__ = [
    "SKIP",
    "SKIP_LABEL",
    "YES_NO",
    "widget_key",
    "forget_widgets",
    "choice",
    "yes_no",
    "pick",
    "month_year",
    "number",
    "text",
]

SKIP = "skip"
SKIP_LABEL = "I don't know / skip"
YES_NO: dict[Any, str] = {True: "Yes", False: "No"}


def widget_key(key: str) -> str:
    """The session-state key of the widget that asks for answer ``key``."""
    return f"q_{key}"


def forget_widgets() -> None:
    """Drop every question widget's value so the next run re-reads the answers dict."""
    for name in [k for k in st.session_state if str(k).startswith("q_")]:
        del st.session_state[name]


def _store(key: str, value: Any) -> Any:
    answers = state.answers()
    if value is None or value == SKIP or value == "":
        answers.pop(key, None)
        return None
    answers[key] = value
    return value


def _seed(key: str, allowed: list[Any]) -> None:
    wkey = widget_key(key)
    if wkey not in st.session_state:
        current = state.answers().get(key, SKIP)
        st.session_state[wkey] = current if current in allowed else SKIP


def choice(
    label: str,
    key: str,
    options: Mapping[Any, str],
    *,
    help: str | None = None,
    horizontal: bool = True,
    captions: list[str] | None = None,
    skip_label: str = SKIP_LABEL,
) -> Any:
    """A radio with the given options plus "I don't know / skip"; returns the answer or None.

    Each answer shows the one key that chooses it ("Y – Yes"); see screener.answer_keys.
    """
    values: list[Any] = [*options, SKIP]
    _seed(key, values)
    keys = option_keys(values, SKIP)
    words: dict[Any, str] = {**options, SKIP: skip_label}
    labels = {v: keyed(k, words[v]) for v, k in zip(values, keys, strict=True)}
    wkey = widget_key(key)
    value = st.radio(
        label,
        values,
        format_func=lambda v: labels[v],
        key=wkey,
        help=help,
        horizontal=horizontal,
        captions=[*captions, ""] if captions else None,
        on_change=keyboard.answered,
        args=(wkey,),
    )
    keyboard.register(wkey, keys=keys)
    return _store(key, value)


def yes_no(label: str, key: str, *, help: str | None = None) -> bool | None:
    """A Yes / No / I don't know question."""
    answer = choice(label, key, YES_NO, help=help)
    return answer if isinstance(answer, bool) else None


def pick(
    label: str,
    key: str,
    options: list[Any],
    *,
    help: str | None = None,
    format_func: Callable[[Any], str] = str,
    skip_label: str = SKIP_LABEL,
) -> Any:
    """A drop-down list (type to jump) with "I don't know / skip" first."""
    values: list[Any] = [SKIP, *options]
    _seed(key, values)
    wkey = widget_key(key)
    value = st.selectbox(
        label,
        values,
        format_func=lambda v: skip_label if v == SKIP else format_func(v),
        key=wkey,
        help=help,
        on_change=keyboard.answered,
        args=(wkey,),
    )
    keyboard.register(wkey)
    return _store(key, value)


def month_year(label: str, prefix: str, *, help: str | None = None, first_year: int = 1980) -> None:
    """A month and a year typed in one box ("03 2025"); a best guess of the month is fine.

    Stored as ``<prefix>_month`` and ``<prefix>_year``. Text that is not a month and a year
    leaves the answer unknown and says so (never a guessed date).
    """
    month_key, year_key = f"{prefix}_month", f"{prefix}_year"
    wkey = widget_key(prefix)
    answers = state.answers()
    if wkey not in st.session_state:
        year, month = answers.get(year_key), answers.get(month_key)
        if isinstance(year, int) and isinstance(month, int):
            st.session_state[wkey] = typed_month.show(year, month)
        else:
            st.session_state[wkey] = ""
    typed = st.text_input(
        label,
        key=wkey,
        help=" ".join(p for p in (help, f"{typed_month.HINT}.") if p),
        placeholder="MM YYYY",
        max_chars=20,
        on_change=keyboard.answered,
        args=(wkey,),
    ).strip()
    keyboard.register(wkey, text=str(st.session_state.get(wkey, "")))
    found = typed_month.parse(typed, first_year=first_year, last_year=date.today().year + 1)
    if found is None:
        answers.pop(month_key, None)
        answers.pop(year_key, None)
        if typed:
            st.error(f"“{typed}” is not a month and a year: type it like {typed_month.EXAMPLE}.")
        return
    answers[year_key], answers[month_key] = found


def number(
    label: str,
    key: str,
    *,
    low: float,
    high: float,
    step: float,
    help: str | None = None,
    shown: str = "%.0f",
) -> float | None:
    """A number the person types (any value in range); left empty, the answer stays unknown.

    Typed rather than picked so a reloaded answer that is not one of a list's choices (a
    travel distance of 300 km) is kept as it is.
    """
    wkey = widget_key(key)
    if wkey not in st.session_state:
        current = state.answers().get(key)
        seeded: float | None = None
        if isinstance(current, int | float) and not isinstance(current, bool):
            seeded = float(current) if low <= current <= high else None
        st.session_state[wkey] = seeded
    value = st.number_input(
        label,
        min_value=low,
        max_value=high,
        step=step,
        key=wkey,
        help=help,
        value=None,
        format=shown,
        on_change=keyboard.answered,
        args=(wkey,),
    )
    # A text-like control for the key handling: focus moves on, Enter on the last one goes on.
    keyboard.register(wkey, text="" if value is None else str(value))
    if value is not None and float(value).is_integer():
        value = int(value)
    stored = _store(key, value)
    return float(stored) if isinstance(stored, int | float) else None


def text(label: str, key: str, *, help: str | None = None, placeholder: str = "") -> str | None:
    """A short text box; left empty, the answer stays unknown."""
    wkey = widget_key(key)
    if wkey not in st.session_state:
        st.session_state[wkey] = str(state.answers().get(key, ""))
    value = st.text_input(
        label,
        key=wkey,
        help=help,
        placeholder=placeholder,
        max_chars=60,
        on_change=keyboard.answered,
        args=(wkey,),
    )
    keyboard.register(wkey, text=value)
    stored = _store(key, value.strip())
    return stored if isinstance(stored, str) else None
