"""AppTest: the coordinators' triage page, reached through app.py's navigation, offline."""

from __future__ import annotations

import builtins
import csv
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from screener.triage.candidate_columns import COLUMNS
from screener.triage.run import read_candidates
from screener.ui.views import triage as view

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGE = "screener/ui/pages/triage.py"
EXAMPLE_CSV = ROOT.parent / "shared" / "spec" / "examples" / "candidates-example.csv"
HEALEY = "NCT04297683"
ENROLLING = "NCT07071935"  # enrolling, whole text, a diagnosis window and a VC limit
RULES = """\
nct_id: NCT99999902
title: Site study
read_from: {source: "Protocol v1", date: 2026-10-01}
curated_by: coordinator
covers: [age_years]
rules:
  - {id: age, factor: age_years, kind: inclusion, op: ">=", value: 50, unit: years,
     source_text: "At least 50 years old."}
"""


@pytest.fixture(autouse=True)
def _clear_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Streamlit caches are process-wide: each test starts from a cold, offline app."""
    monkeypatch.delenv("SCREENER_LIVE", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_page() -> AppTest:
    """The app, switched to the triage page, with nothing raised."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def upload_list(at: AppTest, content: bytes, name: str = "list.csv") -> AppTest:
    """Upload an interest list, pick an enrolling study, and rerun."""
    at.file_uploader(key="triage_csv").set_value((name, content, "text/csv"))
    at.selectbox(key="triage_study").set_value(ENROLLING)
    at.run()
    assert not at.exception
    return at


def test_page_waits_for_a_list_and_offers_the_template() -> None:
    """Before an upload the page says what to do and offers the template download."""
    at = open_page()
    assert at.title[0].value == "Coordinator triage"
    assert any("Upload an interest list" in i.value for i in at.info)
    assert at.get("download_button")
    assert not at.dataframe


def test_upload_shows_every_person_and_the_error_row() -> None:
    """The example list against an enrolling study: six rows, P006 an error with its message."""
    at = upload_list(open_page(), EXAMPLE_CSV.read_bytes())
    table = at.dataframe[0].value
    assert sorted(table["id"]) == [f"P00{n}" for n in range(1, 7)]
    row = table[table["id"] == "P006"].iloc[0]
    assert row["verdict"] == "error" and "column age_years" in row["message"]
    assert any("1 row(s) could not be screened" in e.value for e in at.error)
    assert {m.label: m.value for m in at.metric}["error"] == "1"


def test_verdict_filter_and_search_narrow_the_table() -> None:
    """Choosing only 'excluded' and searching 'P004' leaves P004's row alone."""
    at = upload_list(open_page(), EXAMPLE_CSV.read_bytes())
    at.multiselect(key="triage_verdicts").set_value(["excluded"]).run()
    assert set(at.dataframe[0].value["verdict"]) == {"excluded"}
    at.text_input(key="triage_find").set_value("P004").run()
    assert list(at.dataframe[0].value["id"]) == ["P004"]


def test_unreadable_file_gives_one_clear_message() -> None:
    """A JSON file uploaded as the list: one error, no table."""
    at = upload_list(open_page(), b'[{"id": "A"}]', name="list.csv")
    assert [e.value for e in at.error] == [
        "list.csv: looks like JSON, not a CSV (expected a header row)"
    ]
    assert not at.dataframe


def test_unknown_columns_warn() -> None:
    """Extra columns are named in a warning on the page."""
    at = upload_list(open_page(), b"id,age_years,notes\nA,50,call Tuesday\n")
    assert any("unknown column(s) ignored: notes" in w.value for w in at.warning)


def test_uploaded_rule_file_is_screened() -> None:
    """A coordinator's own rule file: P002 (67) meets it, P005 (48) is excluded in its words."""
    at = open_page()
    at.file_uploader(key="triage_csv").set_value(("list.csv", EXAMPLE_CSV.read_bytes(), "text/csv"))
    at.radio(key="triage_mode").set_value("My own rule file (YAML)").run()
    at.file_uploader(key="triage_rules").set_value(("site.yaml", RULES.encode(), "text/yaml"))
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "(NCT99999902)" in at.header[0].value
    p005 = table[table["id"] == "P005"].iloc[0]
    assert p005["verdict"] == "excluded"
    assert p005["not met (the study's words)"] == "At least 50 years old."


def test_upload_is_never_written_to_disk_or_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """While the page triages an upload, no file is opened for writing and no log names anyone."""
    at = open_page()
    writes: list[str] = []
    real_open = builtins.open

    def watching_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching_open)
    with caplog.at_level(logging.DEBUG):
        upload_list(at, EXAMPLE_CSV.read_bytes())
    assert writes == []
    assert "P00" not in caplog.text and "02114" not in caplog.text


def test_download_is_the_triage_csv_with_a_byte_order_mark() -> None:
    """The download holds every row in triage order, readable by spreadsheet programs."""
    rows = view.run(EXAMPLE_CSV.read_bytes(), "list.csv", _healey()).rows
    data = view.download_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [p["id"] for p in parsed] == [r.id for r in rows]


def test_a_study_with_cut_text_says_why_nobody_is_likely() -> None:
    """HEALEY's copy is cut short: the result says nobody can be more than 'possible'."""
    result = view.run(EXAMPLE_CSV.read_bytes(), "list.csv", _healey())
    assert {r.verdict for r in result.rows} <= {"possible", "excluded", "error"}
    assert result.limits and "nobody can be more than 'possible'" in result.limits[0]


def test_template_has_every_column_and_reads_cleanly() -> None:
    """The template's header is the full column list and its example rows validate."""
    content = view.template_bytes()
    header = content.decode().splitlines()[0].split(",")
    assert header == [c.name for c in COLUMNS]
    table = read_candidates(content, name="template")
    assert table.warnings == () and all(r.profile is not None for r in table.rows)


def test_study_choices_are_enrolling_studies_with_text() -> None:
    """The picker lists enrolling studies whose eligibility text we hold."""
    from screener.registry.source import load_studies
    from screener.rules.book import load_rulebook

    source = load_studies(offline=True)
    choices = view.study_choices(source, load_rulebook())
    records = {r.nct_id: r for r in source.records}
    assert len(choices) >= 10
    assert all(records[n].is_enrolling and records[n].eligibility_text for n in choices)


def test_error_message_shows_beside_the_verdict_and_the_study_is_not_repeated() -> None:
    """One study shown: no study column, and the message comes right after the verdict."""
    at = upload_list(open_page(), EXAMPLE_CSV.read_bytes())
    columns = list(at.dataframe[0].value.columns)
    assert columns[:3] == ["id", "verdict", "message"]
    assert "study" not in columns
    assert ENROLLING in at.header[0].value


def test_still_to_ask_names_only_columns_to_fill_or_says_what_to_ask() -> None:
    """P001: the second breathing test and a month-only diagnosis date are said in words."""
    at = upload_list(open_page(), EXAMPLE_CSV.read_bytes())
    table = at.dataframe[0].value
    asked = table[table["id"] == "P001"].iloc[0][view.HEADINGS["open_questions"]]
    entries = asked.split(" | ")
    assert "vital_capacity_other" not in entries and "diagnosis_date" not in entries
    assert "Other breathing test (not a CSV column: ask the person)" in entries
    assert "diagnosis_date: the exact day (only the month is given)" in entries
    names = {c.name for c in COLUMNS}
    for text in table[view.HEADINGS["open_questions"]]:
        for entry in filter(None, text.split(" | ")):
            assert entry in names or ": " in entry or "not a CSV column" in entry, entry


def test_the_download_keeps_the_contract_columns_for_open_questions() -> None:
    """The CSV (the command's and the download's) still names columns or keys, unworded."""
    rows = view.run(EXAMPLE_CSV.read_bytes(), "list.csv", _enrolling()).rows
    p001 = next(r for r in rows if r.id == "P001")
    assert "vital_capacity_other" in p001.open_questions.split(" | ")
    assert b"exact day" not in view.download_bytes(rows)


def _labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_download_offers_the_rows_shown_and_all_rows() -> None:
    """Filtered to 'excluded', one button offers the 2 rows shown, another all 6."""
    at = upload_list(open_page(), EXAMPLE_CSV.read_bytes())
    assert "Download the triage: all 6 rows (CSV)" in _labels(at)
    at.multiselect(key="triage_verdicts").set_value(["excluded"]).run()
    labels = _labels(at)
    assert "Download the 2 rows shown (CSV)" in labels
    assert "Download all 6 rows, unfiltered (CSV)" in labels
    result = view.run(EXAMPLE_CSV.read_bytes(), "list.csv", _enrolling())
    shown = view.filter_rows(result.rows, ["excluded"])
    parsed = list(csv.DictReader(io.StringIO(view.download_bytes(shown).decode("utf-8-sig"))))
    assert sorted(p["id"] for p in parsed) == ["P002", "P004"]


def test_find_searches_the_message() -> None:
    """Finding 'age_years' leaves P006, whose message names that column."""
    at = upload_list(open_page(), EXAMPLE_CSV.read_bytes())
    at.text_input(key="triage_find").set_value("age_years").run()
    assert list(at.dataframe[0].value["id"]) == ["P006"]


def test_page_says_how_many_studies_can_be_picked_and_why() -> None:
    """Under the picker: how many of the enrolling studies it holds, and why not the rest."""
    from screener.registry.source import load_studies
    from screener.rules.book import load_rulebook

    source = load_studies(offline=True)
    choices = view.study_choices(source, load_rulebook())
    enrolling = source.to_screen().records
    no_text = sum(1 for r in enrolling if not r.eligibility_text)
    at = open_page()
    captions = " ".join(c.value for c in at.caption)
    assert f"Studies you can pick: {len(choices)} of the {len(enrolling)} enrolling" in captions
    assert f"{no_text} have no eligibility text in our copy" in captions
    assert "upload a rule file" in captions


def _enrolling() -> Any:
    from screener.registry.source import load_studies
    from screener.rules.book import load_rulebook

    return view.pick_study(load_studies(offline=True), load_rulebook(), ENROLLING)[0]


def _healey() -> Any:
    from screener.registry.source import load_studies
    from screener.rules.book import load_rulebook

    return view.pick_study(load_studies(offline=True), load_rulebook(), HEALEY)[0]
