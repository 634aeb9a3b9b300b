"""Session state and cached loaders shared by the app's pages.

The person's answers live only in ``st.session_state`` (never on disk, never logged).
Widgets are rebuilt from the ``answers`` dict on every run because Streamlit forgets a
widget's value once it stops being drawn (another step, another page).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from screener.errors import ProfileError, ScreenerError
from screener.inputs.untrusted import message_inert
from screener.person import questionnaire
from screener.person.profile import Profile, parse_profile
from screener.registry.live_fetch import FetchState, LiveFetch
from screener.registry.source import StudySource, load_studies, offline_requested
from screener.reports.wording import DISCLAIMER_BANNER, age_words, day_words
from screener.rules.book import RuleBook, load_rulebook
from screener.rules.compiled import CompiledCriteria
from screener.screening.engine import StudyResult, locate, questions_that_matter, screen
from screener.ui.views.answer_problem import answer_problem

__all__ = [
    "ROLES",
    "init",
    "answers",
    "role",
    "remember_role",
    "you",
    "snapshot_source",
    "live_fetch",
    "fetch_state",
    "retry_live",
    "source",
    "banner",
    "rulebook",
    "compiled_criteria",
    "profile_or_error",
    "screened",
    "screened_or_stop",
    "result_dicts",
    "top_question",
    "go_to_step",
    "person_point",
]

ROLES: dict[str, str] = {
    "patient": "I have ALS",
    "caregiver": "I am family or a caregiver",
    "clinician": "I am a neurologist or clinician",
    "coordinator": "I am a research coordinator",
}


def init() -> None:
    """Create the session keys every page relies on (once per session)."""
    st.session_state.setdefault("answers", {})
    st.session_state.setdefault("role", "patient")
    st.session_state.setdefault("step", 0)


def answers() -> dict[str, Any]:
    """The person's answers so far (a missing key means not answered)."""
    init()
    value: dict[str, Any] = st.session_state["answers"]
    return value


def role() -> str:
    """Who is using the app: patient, caregiver, clinician or coordinator."""
    init()
    return str(st.session_state["role"])


def remember_role() -> None:
    """Copy the role radio into lasting state (widget values vanish when another page shows)."""
    st.session_state["role"] = st.session_state["role_choice"]


def you(text_patient: str, text_other: str) -> str:
    """Word a sentence for the person with ALS, or for someone answering about them."""
    return text_patient if role() == "patient" else text_other


@st.cache_data(show_spinner=False)
def snapshot_source() -> StudySource:
    """The snapshot (refreshed if usable, else bundled): shown at once, whatever the network."""
    return load_studies(offline=True)


@st.cache_resource(show_spinner=False)
def live_fetch() -> LiveFetch:
    """The process's background fetch of today's studies (shared by every visitor)."""
    return LiveFetch(load_studies)


def fetch_state() -> FetchState | None:
    """This visit's view of the live fetch; None when SCREENER_OFFLINE=1 (no network)."""
    if offline_requested():
        return None
    fetch = live_fetch()
    if "live_attempt" not in st.session_state:
        # One attempt per visit: a failure is retried by the next visit, not by every click.
        st.session_state["live_attempt"] = fetch.begin()
    return fetch.state()


def retry_live() -> None:
    """The "Try ClinicalTrials.gov again" button: a new attempt for this visit."""
    st.session_state["live_attempt"] = live_fetch().begin()


def source() -> StudySource:
    """Today's studies when they have arrived, else the snapshot with a notice saying why."""
    state = fetch_state()
    if state is not None and state.live is not None:
        return state.live
    snapshot = snapshot_source()
    if state is None:
        return snapshot
    if state.status == "fetching":
        waiting = (
            "Getting today's studies from ClinicalTrials.gov in the background; until they "
            "arrive, the offline snapshot is shown."
        )
        return replace(snapshot, notice=" ".join(n for n in (waiting, snapshot.notice) if n))
    return replace(snapshot, notice=state.notice or snapshot.notice)


def banner(src: StudySource, today: date | None = None) -> str:
    """One line naming the data source, its date and age; never claims live data it lacks.

    Ready for Markdown: the date comes from a file or the registry, so it is made inert.
    """
    when = message_inert(day_words(src.retrieved))
    age = age_words(src.retrieved, today or date.today())
    if src.source == "live":
        where = f"live from ClinicalTrials.gov, fetched {when}"
        if age and age != "today":
            where += f", {age}"
    elif src.source == "snapshot":
        where = f"offline snapshot of ClinicalTrials.gov from {when}"
        if age and age != "today":
            where += f", {age}"
    else:
        where = f"a studies file, read {when}"
    enrolling = len(src.enrolling().records)
    return f"Studies: {where} ({enrolling} enrolling of {len(src.records)}). {DISCLAIMER_BANNER}"


@st.cache_resource(show_spinner=False)
def rulebook() -> RuleBook:
    """The rule files, loaded once per process (shared, read-only)."""
    return load_rulebook()


@st.cache_resource(show_spinner=False)
def compiled_criteria() -> CompiledCriteria:
    """Every study's criteria from the compiled cache (built once per snapshot, then a JSON
    read): the rule files and the extractor run only for a study the cache does not hold."""
    return CompiledCriteria()


def profile_or_error() -> tuple[Profile | None, str | None]:
    """The answers as a checked contract profile, or a plain message saying what is wrong."""
    data = questionnaire.to_profile(answers(), as_of=date.today())
    try:
        return parse_profile(data, where="your answers"), None
    except ProfileError as exc:
        return None, str(exc)


def screened(profile: Profile) -> list[StudyResult]:
    """Screen the open studies; kept in this session only, redone when the answers change."""
    src = source().to_screen()
    key = json.dumps([profile.model_dump(mode="json"), src.source, src.retrieved], sort_keys=True)
    cached = st.session_state.get("screen_cache")
    if cached is not None and cached[0] == key:
        results: list[StudyResult] = cached[1]
        return results
    results = screen(profile, src.records, compiled_criteria().prepare(src.records))
    st.session_state["screen_cache"] = (key, results)
    return results


def screened_or_stop(problem_intro: str) -> tuple[Profile, list[StudyResult]]:
    """The checked profile and its results; otherwise say what is wrong and stop the page."""
    profile, problem = profile_or_error()
    if profile is None:
        said, slug = answer_problem(str(problem))
        st.error(message_inert(f"{problem_intro} {said}"))
        if slug is not None and slug in questionnaire.STEP_INDEX:
            if st.button("Go to that question", key="fix_answer", icon=":material/edit:"):
                go_to_step(questionnaire.STEP_INDEX[slug])
        else:
            st.page_link("screener/ui/pages/questions.py", label="Back to the questions")
        st.stop()
    try:
        return profile, screened(profile)
    except ScreenerError as exc:
        st.error(message_inert(f"The studies could not be screened: {exc}"))
        st.stop()


def result_dicts(results: list[StudyResult]) -> list[dict[str, Any]]:
    """Results as plain dicts (the contract's shape plus months left and notes)."""
    return [r.to_dict() for r in results]


def top_question(results: list[StudyResult]) -> tuple[str, str, int] | None:
    """(question, step slug, studies it bears on) for the unanswered question that matters most."""
    for key, count in questions_that_matter(results):
        found = questionnaire.question_for(key)
        if found is not None:
            return found[0], found[1], count
    return None


def go_to_step(index: int) -> None:
    """Open the questions page at a step (call inline, after navigation is set up)."""
    st.session_state["step"] = index
    st.switch_page("screener/ui/pages/questions.py")


def person_point(profile: Profile) -> tuple[float, float] | None:
    """Where the person is, for site distances (computed here, never stored or sent)."""
    return locate(profile)
