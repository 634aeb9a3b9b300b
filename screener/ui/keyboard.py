"""Keyboard and focus for the questions page: Streamlit glue around screener.answer_keys.

Streamlit's widgets cannot move focus after a rerun, answer a radio with one key, or keep an
arrow key from committing a radio answer. A small components-v2 component does those three
things in the page itself (no iframe, so focus and screen readers see one document); see
docs/accessibility.md. What it should do is decided here, per run, in Python:

- every question widget registers itself (its order on the page, its one-key answers);
- a new step, or a changed answer, files a focus request;
- ``mount()`` sends the request with its target to the browser at the end of the page.

The CSS (``assets/a11y.css``) gives every page a visible focus ring, 44 px targets and
readable text contrast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from screener.ui.views.answer_keys import focus_after

__all__ = ["ASSETS", "style_page", "answered", "step_shown", "register", "focus_data", "mount"]

ASSETS = Path(__file__).parent / "assets"
_CSS = (ASSETS / "a11y.css").read_text(encoding="utf-8")
_COMPONENT = st.components.v2.component(
    "als_keyboard",
    js=(ASSETS / "keyboard.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def style_page(page: str) -> None:
    """Add the accessibility CSS and the key handling, and forget last run's question order.

    The component is mounted on every page (in the sidebar, with no request) so that its
    script is loaded before the questions open: until it is, arrow keys would still commit.
    """
    st.html(f"<style>{_CSS}</style>")
    with st.sidebar:
        _COMPONENT(key="keyboard_preload", data={})
    st.session_state["kb_order"] = []
    st.session_state["kb_keys"] = {}
    st.session_state["kb_texts"] = {}
    if st.session_state.get("kb_page") != page:
        st.session_state["kb_page"] = page
        st.session_state.pop("kb_step", None)


def _request(after: str | None) -> None:
    previous = st.session_state.get("kb_request", {"id": 0})
    st.session_state["kb_request"] = {"id": int(previous["id"]) + 1, "after": after}


def answered(widget_key: str) -> None:
    """A question's answer changed (a widget callback): focus goes to the next question."""
    _request(widget_key)


def step_shown(index: int) -> None:
    """A step is drawn; when it is a new one, focus goes to its first question."""
    if st.session_state.get("kb_step") != index:
        st.session_state["kb_step"] = index
        _request(None)


def register(widget_key: str, keys: list[str] | None = None, text: str | None = None) -> None:
    """A question drawn on this run, in page order, with its answer keys or text value."""
    st.session_state.setdefault("kb_order", []).append(widget_key)
    if keys is not None:
        st.session_state.setdefault("kb_keys", {})[widget_key] = keys
    if text is not None:
        st.session_state.setdefault("kb_texts", {})[widget_key] = text


def focus_data() -> dict[str, Any]:
    """What the browser side needs this run: the request, its target and the answer keys."""
    request = st.session_state.get("kb_request", {"id": 0, "after": None})
    order: list[str] = st.session_state.get("kb_order", [])
    return {
        "request": request["id"],
        "after": request["after"],
        "target": focus_after(order, request["after"]),
        "keys": st.session_state.get("kb_keys", {}),
        "texts": st.session_state.get("kb_texts", {}),
    }


def mount() -> None:
    """Send this run's focus request to the page (call once, after the step is drawn)."""
    _COMPONENT(key="keyboard", data=focus_data())
