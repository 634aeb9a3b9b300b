"""Questions: short steps, Back / Next, a list to jump to any step, reload saved answers."""

from __future__ import annotations

from datetime import date

import streamlit as st

from screener.errors import ProfileError, UnreadableJSON
from screener.inputs.untrusted import message_inert, parse_json
from screener.person import questionnaire as q
from screener.person.profile import parse_profile
from screener.reports.answers import answers_json
from screener.ui import keyboard, state, steps
from screener.ui.widgets import forget_widgets

state.init()
answers = state.answers()


def go(index: int) -> None:
    """Move to step ``index`` (a button callback, so the new step shows at once)."""
    st.session_state["step"] = max(0, min(index, len(q.STEPS) - 1))


def jumped(list_key: str) -> None:
    """The step list was used: show the chosen step."""
    go(int(st.session_state[list_key]))


def load_answers() -> None:
    """Reload answers from a file this app made (Summary page → answers JSON)."""
    upload = st.session_state.get("answers_file")
    if upload is None:
        return
    try:
        data = parse_json(upload.getvalue())
        profile = data.get("profile", data) if isinstance(data, dict) else data
        parse_profile(profile, where=upload.name)
    except UnreadableJSON:
        st.session_state["load_message"] = "That file is not an answers file from this app."
        return
    except ProfileError as exc:
        st.session_state["load_message"] = f"That file could not be used: {exc}"
        return
    st.session_state["answers"] = q.from_profile(profile)
    forget_widgets()
    st.session_state["load_message"] = "Your saved answers are back. Check them step by step."


index = int(st.session_state["step"])
step = q.STEPS[index]
keyboard.step_shown(index)

st.title(f"Step {index + 1} of {len(q.STEPS)}: {step.title}", anchor=False)
st.progress((index + 1) / len(q.STEPS))
st.caption(
    state.you(
        "Answer what you know. Skip anything you are not sure of: it stays unknown.",
        "Answer for the person with ALS. Skip anything you are not sure of: it stays unknown.",
    )
)
st.caption(
    "Keyboard: press the key shown before an answer (Y, N, 1, 2 … or S to skip); focus then "
    "moves to the next question. Arrow keys move between answers without choosing; Enter or "
    "Space chooses. Type dates like 03 2025. Enter on the last box goes to the next step."
)
if message := st.session_state.pop("load_message", None):
    st.info(message_inert(message))

with st.container(key="step_questions"):
    steps.RENDER[step.slug]()

if problem := q.problems(answers, date.today()).get(step.slug):
    st.warning(message_inert(problem))

back, forward, results = st.columns(3)
back.button(
    "Back",
    on_click=go,
    args=(index - 1,),
    disabled=index == 0,
    key="back",
    width="stretch",
    icon=":material/arrow_back:",
)
if index < len(q.STEPS) - 1:
    forward.button(
        "Next",
        on_click=go,
        args=(index + 1,),
        key="next",
        type="primary",
        width="stretch",
        icon=":material/arrow_forward:",
    )
with results, st.container(key="see_results"):
    st.page_link("screener/ui/pages/results.py", label="See results", icon=":material/fact_check:")

st.divider()
# A form: the list's value reaches Python only when "Go" is pressed. As a live drop-down, a
# key pressed while a step change was still arriving re-sent the old step's value, which read
# as "go back to that step".
with st.form("step_form", border=False):
    list_key = f"step_list_{index}"
    st.selectbox(
        "Go to any step",
        options=list(range(len(q.STEPS))),
        index=index,
        format_func=lambda i: f"{i + 1}. {q.STEPS[i].title}",
        key=list_key,
    )
    st.form_submit_button("Go to this step", on_click=jumped, args=(list_key,))
answered_steps = [s for s in q.STEPS if q.answered(answers, s)]
st.caption(
    "Answered so far: " + ", ".join(f"{s.title} ({q.answered(answers, s)})" for s in answered_steps)
    if answered_steps
    else "Nothing answered yet. Every question can be skipped."
)
profile, _ = state.profile_or_error()
if profile is not None and profile.answered_keys():
    st.download_button(
        "Save my answers so far (to continue later)",
        data=answers_json(profile),
        file_name="als-answers.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/save:",
        key="save_answers",
        help="Tired? Save the answers to this computer and load them again another day.",
    )
with st.expander("Continue with answers you saved before"):
    st.file_uploader(
        "Answers file (als-answers.json from the Summary page)",
        type=["json"],
        key="answers_file",
        on_change=load_answers,
        max_upload_size=1,
    )
# Last, so focus moves only once everything on the page has arrived.
keyboard.mount()
