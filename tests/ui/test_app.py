"""AppTest: every page of the Streamlit app renders, and a whole journey works, offline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import cast

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import DownloadButton, Widget

from screener.person import questionnaire

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = "screener/ui/pages"
EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
EXAMPLE = json.loads((EXAMPLES / "early-limb-onset.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _clear_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Streamlit caches are process-wide: each test starts from a cold, offline app."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_app(page: str | None = None) -> AppTest:
    """Run the app (optionally switched to one page) and check it raised nothing."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    if page is not None:
        at.switch_page(f"{PAGES}/{page}.py").run()
        assert not at.exception
    return at


def test_start_page_names_the_snapshot_and_its_date() -> None:
    """Start names the offline snapshot, its date, and says it is not medical advice."""
    at = open_app()
    banner = at.info[0].value
    assert "offline snapshot" in banner
    assert "August 2026" in banner  # the bundled snapshot is dated 2026-08-21
    assert "not medical advice" in banner
    assert at.title[0].value.startswith("Is there an ALS study")


def test_role_choice_survives_a_page_switch() -> None:
    """Choosing 'caregiver' on Start changes the wording on the Questions page."""
    at = open_app()
    at.radio(key="role_choice").set_value("caregiver").run()
    at.switch_page(f"{PAGES}/questions.py").run()
    assert not at.exception
    assert "Answer for the person with ALS" in at.caption[0].value
    assert at.session_state["role"] == "caregiver"


def questions(at: AppTest) -> AppTest:
    """Switch to the Questions page."""
    at.switch_page(f"{PAGES}/questions.py").run()
    assert not at.exception
    return at


def answer(at: AppTest, key: str, value: object) -> None:
    """Pick an answer in the widget asking for ``key`` (radio or drop-down) and rerun."""
    widget = at.get_by_key(f"q_{key}")
    assert isinstance(widget, Widget), f"q_{key} is not a widget"
    widget.set_value(value).run()
    assert not at.exception


def type_date(at: AppTest, prefix: str, text: str) -> None:
    """Type a month and year into the date box asking for ``prefix`` and rerun."""
    at.text_input(key=f"q_{prefix}").input(text).run()
    assert not at.exception


def go_to(at: AppTest, slug: str) -> None:
    """Jump to a step with the step list."""
    from screener.person.questionnaire import STEP_INDEX

    step_list = next(box for box in at.selectbox if box.label == "Go to any step")
    step_list.set_value(STEP_INDEX[slug])
    at.button(key="FormSubmitter:step_form-Go to this step").click().run()
    assert not at.exception


def test_every_question_offers_i_dont_know() -> None:
    """On every step, each radio and drop-down has an 'I don't know' choice."""
    from screener.person.questionnaire import STEPS

    at = questions(open_app())
    for step in STEPS:
        go_to(at, step.slug)
        assert at.title[0].value.endswith(step.title)
        for widget in [*at.radio, *at.selectbox]:
            if str(widget.key).startswith("step_list"):
                continue
            assert "skip" in widget.options or any("know" in str(o) for o in widget.options), (
                widget.label
            )


def test_next_and_back_move_one_step() -> None:
    """Next goes forward one step, Back goes back; answers made on the way are kept."""
    at = questions(open_app())
    answer(at, "sex", "female")
    at.button(key="next").click().run()
    assert at.title[0].value == "Step 2 of 10: When it started"
    at.button(key="back").click().run()
    assert at.title[0].value == "Step 1 of 10: About you"
    assert at.radio(key="q_sex").value == "female"
    assert at.session_state["answers"]["sex"] == "female"


def test_skip_removes_an_answer() -> None:
    """Choosing 'I don't know' after an answer leaves the key unanswered, not 'no'."""
    at = questions(open_app())
    go_to(at, "health")
    answer(at, "dementia", False)
    assert at.session_state["answers"]["dementia"] is False
    answer(at, "dementia", "skip")
    assert "dementia" not in at.session_state["answers"]


def test_item_5_becomes_5b_with_a_feeding_tube() -> None:
    """With a feeding tube, ALSFRS-R item 5 asks the gastrostomy version (5b)."""
    at = questions(open_app())
    go_to(at, "alsfrs")
    answer(at, "alsfrs_mode", "items")
    assert at.radio(key="q_alsfrs_5").label.startswith("5a.")
    go_to(at, "support")
    answer(at, "gastrostomy", True)
    go_to(at, "alsfrs")
    assert at.radio(key="q_alsfrs_5").label.startswith("5b.")


def test_alsfrs_total_and_stage_show_as_items_are_answered() -> None:
    """The running total reads 'n of 12 answered' until all 12 are in, then the total."""
    at = questions(open_app())
    go_to(at, "alsfrs")
    answer(at, "alsfrs_mode", "items")
    for number in range(1, 12):
        answer(at, f"alsfrs_{number}", 3)
    assert at.metric[0].value == "11 of 12 answered"
    answer(at, "alsfrs_12", 4)
    assert at.metric[0].value == "37 of 48"
    assert at.metric[2].value == "0"


def test_a_future_date_is_pointed_out() -> None:
    """A first symptom in the future is flagged on the step, and results ask to fix it."""
    at = questions(open_app())
    go_to(at, "dates")
    type_date(at, "onset", f"01 {date.today().year + 1}")
    assert "future" in at.warning[0].value
    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    assert "need checking" in at.error[0].value
    # In the person's words, not key paths, with a way straight back to the question.
    error = at.error[0].value
    assert "First symptom: the date given" in error and "is after today" in error
    assert "onset_date" not in error
    at.button(key="fix_answer").click().run()
    assert not at.exception
    assert at.session_state["step"] == questionnaire.STEP_INDEX["dates"]


def test_a_typed_month_and_year_is_stored_and_shown_again() -> None:
    """'03 2025' and 'March 2025' both give month 3 of 2025; the box shows it as 03 2025."""
    at = questions(open_app())
    go_to(at, "dates")
    type_date(at, "onset", "March 2025")
    type_date(at, "diagnosis", "3/2025")
    answers = at.session_state["answers"]
    assert (answers["onset_month"], answers["onset_year"]) == (3, 2025)
    assert (answers["diagnosis_month"], answers["diagnosis_year"]) == (3, 2025)
    go_to(at, "about")
    go_to(at, "dates")
    assert at.text_input(key="q_onset").value == "03 2025"


def test_text_that_is_not_a_date_is_said_plainly_and_stays_unknown() -> None:
    """'spring' is refused with an example; an earlier date for that question is dropped."""
    at = questions(open_app())
    go_to(at, "dates")
    type_date(at, "onset", "03 2025")
    type_date(at, "onset", "spring")
    assert "onset_month" not in at.session_state["answers"]
    assert "not a month and a year" in at.error[0].value and "03 2025" in at.error[0].value


def test_every_answer_shows_the_key_that_chooses_it() -> None:
    """Radio answers start with their key: Y/N, 1..n, ALSFRS-R scores, and S for skip."""
    at = questions(open_app())
    assert at.radio(key="q_sex").options == ["1 – Female", "2 – Male", "S – I don't know / skip"]
    go_to(at, "diagnosis")
    assert at.radio(key="q_familial").options[:2] == ["Y – Yes", "N – No"]
    go_to(at, "alsfrs")
    answer(at, "alsfrs_mode", "items")
    assert at.radio(key="q_alsfrs_1").options[0] == "4 – Normal speech processes"
    assert at.session_state["kb_keys"]["q_alsfrs_1"] == ["4", "3", "2", "1", "0", "s"]


def test_focus_goes_to_the_next_question_after_an_answer_and_first_after_a_step() -> None:
    """Focus requests: after an answer, from that question; after a step change, from the top."""
    at = questions(open_app())
    first = at.session_state["kb_request"]["id"]
    answer(at, "age_years", 52)
    assert at.session_state["kb_request"] == {"id": first + 1, "after": "q_age_years"}
    assert at.session_state["kb_order"] == ["q_age_years", "q_sex"]
    answer(at, "sex", "male")
    assert at.session_state["kb_request"]["after"] == "q_sex"
    at.button(key="next").click().run()
    assert at.session_state["kb_request"] == {"id": first + 3, "after": None}
    assert at.session_state["kb_order"][0] == "q_onset"


def test_reloading_a_saved_answers_file_restores_the_answers() -> None:
    """An answers file from the Summary page puts the answers back into the questions."""
    from screener.person.profile import parse_profile
    from screener.reports.answers import answers_json

    saved = answers_json(parse_profile(EXAMPLE))
    at = questions(open_app())
    at.file_uploader(key="answers_file").upload("als-answers.json", saved, "application/json")
    at.run()
    assert not at.exception
    assert at.session_state["answers"]["age_years"] == 52
    assert at.session_state["answers"]["riluzole_status"] == "current"
    assert at.selectbox(key="q_age_years").value == 52
    assert "answers are back" in at.info[-1].value


def test_a_file_that_is_not_answers_is_refused_plainly() -> None:
    """A JSON file with a bad value is refused with the key named; answers stay as they were."""
    at = questions(open_app())
    bad = json.dumps({"age_years": 300}).encode()
    at.file_uploader(key="answers_file").upload("x.json", bad, "application/json")
    at.run()
    assert not at.exception
    assert "age_years" in at.info[-1].value
    assert at.session_state["answers"] == {}


def load_example(at: AppTest) -> None:
    """Put the contract's early-limb-onset example in as if the person had answered it."""
    from screener.person.questionnaire import from_profile

    at.session_state["answers"] = from_profile(EXAMPLE)


def test_results_page_screens_the_studies_screen_screens(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The app and ``python -m screener screen --offline`` screen the same set of studies."""
    from screener.cli.main import main

    assert main(["screen", "--offline", "--profile", str(EXAMPLES / "early-limb-onset.json")]) == 0
    cli = {r["nct_id"] for r in json.loads(capsys.readouterr().out)["results"]}
    at = open_app()
    load_example(at)
    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    assert sum(int(m.value) for m in at.metric) == len(cli)
    assert {r.nct_id for r in at.session_state["screen_cache"][1]} == cli


def test_results_page_shows_what_the_engine_decides() -> None:
    """The counts by verdict equal the engine's own verdicts for the same answers and studies."""
    from screener.person.profile import parse_profile
    from screener.person.questionnaire import from_profile, to_profile
    from screener.registry.source import load_studies
    from screener.rules.book import load_rulebook
    from screener.screening.engine import screen

    at = open_app()
    load_example(at)
    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    profile = parse_profile(to_profile(from_profile(EXAMPLE), as_of=date.today()))
    records = load_studies(offline=True).to_screen().records
    expected = [r.verdict for r in screen(profile, records, load_rulebook())]
    shown = {m.label: int(m.value) for m in at.metric}
    assert shown == {
        "Likely to fit": expected.count("likely"),
        "Possible fit": expected.count("possible"),
        "Not a fit": expected.count("excluded"),
    }
    assert shown["Not a fit"] > 0


def test_a_study_card_shows_verdict_words_and_its_criteria_table() -> None:
    """Each card says its verdict in words and lists every criterion with the study's text."""
    at = open_app()
    load_example(at)
    at.switch_page(f"{PAGES}/results.py").run()
    verdict_lines = [m.value for m in at.markdown if "**Likely to fit**" in m.value]
    verdict_lines += [m.value for m in at.markdown if "**Possible fit" in m.value]
    assert verdict_lines
    tables = [t.value for t in at.table]
    assert tables, "no criteria table rendered"
    columns = list(tables[0].columns)
    assert columns == ["Result", "Rule type", "The study's words", "Why"]
    results = {str(v) for t in tables for v in t["Result"]}
    assert results <= {
        "OK for you",
        "Rules you out",
        "Not settled yet",
        "The study team checks",
    }


def test_excluded_studies_appear_with_their_reason_when_asked_for() -> None:
    """Showing 'not a fit' studies lists them with the rule that rules the person out."""
    at = open_app()
    load_example(at)
    at.switch_page(f"{PAGES}/results.py").run()
    before = at.header[0].value
    at.multiselect(key="f_verdict").set_value(["excluded"]).run()
    assert not at.exception
    assert at.header[0].value != before
    assert any(m.value.startswith("Does not fit because") for m in at.markdown)


def test_settle_question_button_opens_that_step() -> None:
    """'Answer it now' on the results page opens the questions at the step that asks it."""
    from screener.person.questionnaire import KEY_QUESTION, STEP_INDEX, STEPS

    at = open_app()
    at.switch_page(f"{PAGES}/results.py").run()
    prompt = next(m.value for m in at.markdown if m.value.startswith("**One question"))
    slug = next(slug for text, slug in KEY_QUESTION.values() if prompt.endswith(text))
    at.button(key="settle").click().run()
    assert not at.exception
    assert at.title[0].value.endswith(STEPS[STEP_INDEX[slug]].title)


def test_therapies_page_lists_treatments_with_sources_and_review_date() -> None:
    """Therapies & care shows each treatment, the sulfite warning and dated sources."""
    at = open_app("therapies")
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Riluzole") for label in labels)
    assert any("Withdrawn" in label for label in labels)
    assert any("sulfite" in w.value.lower() for w in at.warning)
    assert any("Last reviewed" in c.value for c in at.caption)


def test_summary_offers_the_three_downloads() -> None:
    """Summary has the printable HTML, the answers JSON and the results CSV downloads."""
    at = open_app()
    load_example(at)
    at.switch_page(f"{PAGES}/summary.py").run()
    assert not at.exception
    labels = [cast(DownloadButton, b).label for b in at.get("download_button")]
    assert labels == [
        "Summary to print (HTML)",
        "Answers, to reload later (JSON)",
        "Results table (CSV)",
    ]
    answers_table = at.table[0].value
    assert "52" in " ".join(answers_table["Answer"])


def test_whole_journey_questions_results_criteria_summary() -> None:
    """Answer by hand → results → a study's criteria → summary downloads, with no exception."""
    from screener.person.profile import parse_profile
    from screener.person.questionnaire import to_profile
    from screener.registry.source import load_studies
    from screener.reports.answers import answers_json
    from screener.reports.summary import results_csv, summary_html
    from screener.rules.book import load_rulebook
    from screener.screening.engine import screen

    at = questions(open_app())
    answer(at, "age_years", 60)
    answer(at, "sex", "male")
    go_to(at, "dates")
    type_date(at, "onset", "03 2025")
    type_date(at, "diagnosis", "September 2025")
    go_to(at, "diagnosis")
    answer(at, "diagnosis_category", "probable")
    go_to(at, "breathing")
    answer(at, "vc_test", "svc")
    answer(at, "vc_percent", 80)
    go_to(at, "location")
    answer(at, "location_mode", "city")
    at.text_input(key="q_city").input("Boston").run()
    answer(at, "country", "US")
    assert any("Found on the offline map" in s.value for s in at.success)

    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    assert sum(int(m.value) for m in at.metric) > 0
    assert at.table, "a study's criteria table"

    at.switch_page(f"{PAGES}/summary.py").run()
    assert not at.exception
    assert len(at.get("download_button")) == 3
    profile = parse_profile(to_profile(at.session_state["answers"], as_of=date.today()))
    assert profile.location is not None and profile.location.city == "Boston"
    source = load_studies(offline=True)
    results = screen(profile, source.to_screen().records, load_rulebook())
    page = summary_html(profile, results, source)
    assert "not medical advice" in page
    assert results_csv(results).decode("utf-8-sig").startswith("nct_id")
    assert json.loads(answers_json(profile))["diagnosis_category"] == "probable"


def test_start_button_opens_the_first_question() -> None:
    """'Start the questions' on the Start page opens step 1."""
    at = open_app()
    at.button(key="begin").click().run()
    assert not at.exception
    assert at.title[0].value == "Step 1 of 10: About you"


def test_few_treatment_fits_are_said_kindly_with_other_options_listed() -> None:
    """A 12-year-old fits few adult treatment studies: the page says so and lists other options."""
    at = open_app()
    at.session_state["answers"] = {"age_years": 12}
    at.switch_page(f"{PAGES}/results.py").run()
    assert not at.exception
    assert any("Few treatment studies fit" in i.value for i in at.info)
    others = next(e for e in at.expander if e.label.startswith("Observational studies"))
    assert "(0)" not in others.label


def test_answers_can_be_saved_part_way_through() -> None:
    """Once something is answered, the questions page offers to save the answers so far."""
    at = questions(open_app())
    assert not [b for b in at.get("download_button") if b.key == "save_answers"]
    answer(at, "age_years", 12)  # young people can answer too: a few studies take them
    saves = [b for b in at.get("download_button") if b.key == "save_answers"]
    assert len(saves) == 1
    assert at.session_state["answers"]["age_years"] == 12


def test_coordinator_triage_page_is_reachable_once_it_exists() -> None:
    """The coordinators' page file is wired into navigation and opens without error."""
    page = APP.parent / PAGES / "triage.py"
    if not page.is_file():
        pytest.skip("screener/ui/pages/triage.py has not landed yet")
    at = open_app("triage")
    assert at.title[0].value == "Coordinator triage"
