"""The candidate CSV reader: contract §4 columns, variants, bad rows and bad files."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from screener.errors import CandidateFileError
from screener.person.profile import parse_profile
from screener.triage.candidate_columns import COLUMNS
from screener.triage.candidates import CandidateTable, flatten_profile, read_candidates

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
AS_OF = date(2026, 11, 1)


def _read(text: str) -> CandidateTable:
    return read_candidates(text.encode("utf-8"), name="list.csv", as_of=AS_OF)


def _problem(text: str) -> str:
    (row,) = [r for r in _read(text).rows if r.problem]
    assert row.profile is None and row.answers is None
    return row.problem or ""


def test_example_list_p006_is_the_only_error_row() -> None:
    """The shared example list: P006's bad age makes it an error row; the other five validate."""
    table = read_candidates(EXAMPLES / "candidates-example.csv", as_of=AS_OF)
    assert table.ids == ["P001", "P002", "P003", "P004", "P005", "P006"]
    errors = {r.id: r.problem for r in table.rows if r.problem}
    assert list(errors) == ["P006"]
    assert errors["P006"] == "row 6 (id P006): column age_years: 'abc' is not a number"
    assert all(r.profile is not None for r in table.rows if r.id != "P006")
    assert table.warnings == ()


def test_example_list_variants_are_read_as_the_contract_says() -> None:
    """MM/YYYY dates become YYYY-MM, '58%' becomes 58, 'no' becomes False, postal codes keep 0s."""
    rows = {r.id: r for r in read_candidates(EXAMPLES / "candidates-example.csv").rows}
    p2 = rows["P002"].answers or {}
    assert p2["onset_date"] == "2024-09" and p2["diagnosis_date"] == "2025-03"
    assert p2["vital_capacity"] == {"test": "fvc", "percent_predicted": 58.0}
    assert p2["pregnant"] is False and p2["gastrostomy"] is True
    assert (rows["P001"].answers or {})["location"] == {"postal_code": "02114"}
    assert rows["P005"].answers == {"age_years": 48.0}


@pytest.mark.parametrize(
    "name", ["early-limb-onset", "bulbar-onset-peg", "sod1-carrier", "long-duration-niv"]
)
def test_example_profiles_survive_a_round_trip_through_a_csv_row(name: str) -> None:
    """A contract profile flattened to a CSV row reads back as the same validated profile."""
    original = json.loads((EXAMPLES / f"{name}.json").read_text())
    row = {"id": name, **flatten_profile(original)}
    buffer = io.StringIO()
    buffer.write(",".join(row) + "\n" + ",".join(str(v) for v in row.values()) + "\n")
    (read,) = read_candidates(buffer.getvalue().encode()).rows
    assert read.problem is None and read.profile is not None
    expected = parse_profile(original).model_dump(mode="json", exclude_none=True)
    assert read.profile.model_dump(mode="json", exclude_none=True) == expected


def test_header_names_are_case_insensitive_and_spaces_trimmed() -> None:
    """'ID' and ' Age_Years ' are the contract's id and age_years columns."""
    (row,) = _read("ID, Age_Years ,SEX\nX1, 70 ,Female\n").rows
    assert row.id == "X1" and row.answers == {"age_years": 70.0, "sex": "female"}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-03", "2025-03"),
        ("03/2025", "2025-03"),
        ("3/2025", "2025-03"),
        ("2025-03-14", "2025-03-14"),
    ],
)
def test_date_variants(cell: str, expected: str) -> None:
    """Dates are read as YYYY-MM-DD, YYYY-MM or MM/YYYY; a month stays a month."""
    (row,) = _read(f"id,onset_date\nA,{cell}\n").rows
    assert row.answers == {"onset_date": expected}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True), ("0", False)],
)
def test_boolean_variants(cell: str, expected: bool) -> None:
    """yes/no/true/false/1/0 in any case are booleans."""
    (row,) = _read(f"id,tracheostomy\nA,{cell}\n").rows
    assert row.answers == {"tracheostomy": expected}


def test_percent_with_or_without_sign() -> None:
    """'58%', '58 %' and '58' are the same vital capacity."""
    rows = _read("id,vc_percent\nA,58%\nB,58 %\nC,58\n").rows
    assert {r.answers["vital_capacity"]["percent_predicted"] for r in rows if r.answers} == {58.0}


def test_blank_cells_are_unknown_not_no() -> None:
    """A blank boolean or number is left out of the profile (unknown), never False or 0."""
    (row,) = _read("id,pregnant,age_years,gastrostomy\nA,,,\n").rows
    assert row.answers == {} and row.profile is not None and row.profile.pregnant is None


def test_twelve_items_become_items_and_a_matching_total_is_accepted() -> None:
    """All twelve ALSFRS-R item columns give the items; a total that matches them is fine."""
    items = ",".join(["4"] * 11 + ["2"])
    head = ",".join(f"alsfrs_r_{n}" for n in range(1, 13))
    (row,) = _read(f"id,{head},alsfrs_r_total,alsfrs_r_date\nA,{items},46,2026-10\n").rows
    assert row.answers == {"alsfrs_r": {"items": [4] * 11 + [2], "date": "2026-10"}}
    assert row.profile is not None and row.profile.alsfrs_total == 46


def test_partial_items_fall_back_to_the_total_with_a_note() -> None:
    """Some but not all items: the total is used and the row says the items were not."""
    (row,) = _read("id,alsfrs_r_1,alsfrs_r_2,alsfrs_r_total\nA,4,3,40\n").rows
    assert row.answers == {"alsfrs_r": {"total": 40}}
    assert row.notes and "only 2 of 12" in row.notes[0]


@pytest.mark.parametrize(
    ("header", "cell", "expected"),
    [
        ("age_years", "abc", "row 1 (id A): column age_years: 'abc' is not a number"),
        ("onset_date", "14/03/2025", "row 1 (id A): column onset_date: '14/03/2025' is not a date"),
        ("onset_date", "2025-02-30", "row 1 (id A): column onset_date: '2025-02-30' is not a date"),
        ("gastrostomy", "maybe", "row 1 (id A): column gastrostomy: 'maybe' is not yes/no"),
        ("sex", "other", "row 1 (id A): column sex: 'other' is not one of female/male"),
        ("ventilation", "cpap", "row 1 (id A): column ventilation: 'cpap' is not one of none/"),
        ("vc_percent", "half", "row 1 (id A): column vc_percent: 'half' is not a percentage"),
        ("vc_percent", "-5%", "row 1 (id A): column vc_percent: must be 0–200 %"),
        ("alsfrs_r_7", "7", "row 1 (id A): column alsfrs_r_7: '7' is not an ALSFRS-R item"),
        (
            "alsfrs_r_total",
            "49",
            "row 1 (id A): column alsfrs_r_total: '49' is not an ALSFRS-R total",
        ),
        ("age_years", "300", "row 1 (id A): column age_years: must be 0–120 years"),
        (
            "onset_date",
            "2027-01",
            "row 1 (id A): column onset_date: 2027-01 is after the screening",
        ),
    ],
)
def test_each_kind_of_bad_cell_names_row_column_and_problem(
    header: str, cell: str, expected: str
) -> None:
    """Bad number, date, boolean, category, percent, ALSFRS item or range: one error row."""
    assert _problem(f"id,{header}\nA,{cell}\n").startswith(expected)


def test_items_that_disagree_with_the_total_are_an_error() -> None:
    """Twelve items summing to 47 with a total of 40: the row is an error, not a guess."""
    head = ",".join(f"alsfrs_r_{n}" for n in range(1, 13))
    items = ",".join(["4"] * 11 + ["3"])
    assert "is not the sum" in _problem(f"id,{head},alsfrs_r_total\nA,{items},40\n")


def test_a_bad_row_does_not_stop_the_others() -> None:
    """Rows around a bad row are still read and validated, in file order."""
    table = _read("id,age_years\nA,50\nB,x\nC,60\n")
    assert table.ids == ["A", "B", "C"]
    assert [r.problem is None for r in table.rows] == [True, False, True]
    assert (table.rows[1].problem or "").startswith("row 2 (id B)")


def test_several_bad_cells_in_one_row_are_all_named() -> None:
    """Every bad cell of a row is listed in its one message."""
    problem = _problem("id,age_years,sex,pregnant\nA,x,y,z\n")
    assert all(f"column {c}" in problem for c in ("age_years", "sex", "pregnant"))


def test_blank_id_is_an_error_row_and_blank_lines_are_skipped() -> None:
    """A row without an id is kept as an error; a wholly blank line is not a person."""
    table = _read("id,age_years\nA,50\n,\n\n,61\n")
    assert table.ids == ["A", ""]
    assert table.rows[1].problem == "row 4: column id: is blank (every row needs an id)"
    assert any("blank row" in w for w in table.warnings)


def test_unknown_columns_are_ignored_with_a_warning() -> None:
    """Extra columns are named in a warning and never reach the profile."""
    table = _read("id,age_years,Notes,mrn\nA,50,call after 5,123\n")
    assert table.warnings == ("list.csv: unknown column(s) ignored: notes, mrn",)
    assert table.rows[0].answers == {"age_years": 50.0}


def test_semicolon_separated_files_are_read() -> None:
    """A spreadsheet that saves with ';' (European locales) is read the same way."""
    (row,) = _read("id;age_years;vc_percent\nA;52,5;58%\n").rows
    assert row.answers == {"age_years": 52.5, "vital_capacity": {"percent_predicted": 58.0}}


def test_a_thousands_separator_is_not_read_as_a_decimal_comma() -> None:
    """'1,000' could be one thousand or one: it is an error, never a guess."""
    problem = _problem("id;max_distance_km\nA;1,000\n")
    assert problem.startswith("row 1 (id A): column max_distance_km: '1,000' is not a number")


def test_path_file_like_and_bytes_give_the_same_rows() -> None:
    """read_candidates accepts a path, an open binary file, or the bytes of an upload."""
    path = EXAMPLES / "candidates-example.csv"
    by_path = read_candidates(path).rows
    with path.open("rb") as handle:
        by_handle = read_candidates(handle).rows
    assert by_path == by_handle == read_candidates(path.read_bytes()).rows


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "list.csv: is empty"),
        (b"  \n\n", "list.csv: is empty"),
        (b"id,age_years\n", "list.csv: has a header but no rows"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "list.csv: is not a CSV file"),
        (b'[{"id": "A", "age_years": 50}]', "list.csv: looks like JSON"),
        (b'{"id": "A"}', "list.csv: looks like JSON"),
        (b"name,age_years\nA,50\n", "list.csv: has no 'id' column"),
        (b"id,age_years\nA,50\nB,60\nA,70\n", "list.csv: duplicate ids: A (rows 1, 3)"),
        (b"id,ID\nA,B\n", "list.csv: column(s) appear more than once: id"),
        (b"id,age_years\nA,50\nB,60,extra\n", "list.csv: is not a readable CSV"),
    ],
)
def test_whole_file_problems_give_one_clear_message(content: bytes, expected: str) -> None:
    """Empty, binary, JSON, no id column, duplicate ids, ragged rows: one CandidateFileError."""
    with pytest.raises(CandidateFileError) as caught:
        read_candidates(content, name="list.csv")
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_duplicate_ids_are_all_listed() -> None:
    """Every repeated id is listed with its rows, so the coordinator can fix them in one go."""
    with pytest.raises(CandidateFileError, match=r"A \(rows 1, 3\), B \(rows 2, 4\)"):
        read_candidates(b"id\nA\nB\nA\nB\n", name="x.csv")


def test_as_of_option_overrides_the_rows_own() -> None:
    """--as-of is the screening day for every row, as it is for a profile file."""
    (row,) = read_candidates(b"id,as_of\nA,2020-01-01\n", as_of=AS_OF).rows
    assert row.profile is not None and row.profile.as_of_date == AS_OF


def test_utf16_spreadsheet_export_is_read() -> None:
    """A spreadsheet's "Unicode text" CSV (UTF-16 with a byte-order mark) is not "binary"."""
    (row,) = read_candidates("id,sex\nA,female\n".encode("utf-16")).rows
    assert row.answers == {"sex": "female"}


def test_repeated_unknown_columns_only_warn() -> None:
    """Two 'notes' columns are ignored like any unknown column; two 'sex' columns are an error."""
    table = _read("id,notes,notes\nA,x,y\n")
    assert table.warnings == ("list.csv: unknown column(s) ignored: notes",)
    with pytest.raises(CandidateFileError, match="appear more than once: sex"):
        _read("id,sex,Sex\nA,male,female\n")


def test_windows_code_page_file_is_read() -> None:
    """A CSV saved by a spreadsheet in cp1252 (not UTF-8) still reads; the city keeps its ü."""
    (row,) = read_candidates("id,city\nA,Zürich\n".encode("cp1252")).rows
    assert row.answers == {"location": {"city": "Zürich"}}


@pytest.mark.parametrize(
    ("key", "column"),
    [
        ("onset_date", "onset_date"),
        ("genes.SOD1", "gene_sod1"),
        ("riluzole", "riluzole_status"),
        ("riluzole.stable_since", "riluzole_stable_since"),
        ("edaravone.cycles_completed", "edaravone_cycles_completed"),
        ("vital_capacity", "vc_percent"),
        ("alsfrs_r", "alsfrs_r_total"),
        ("investigational_drug_last_dose", "investigational_drug_last_dose"),
    ],
)
def test_open_questions_name_the_csv_column_to_fill(key: str, column: str) -> None:
    """The engine's profile keys become the candidate CSV's column names for coordinators."""
    from screener.triage.candidates import question_columns

    assert question_columns([key]) == [column]
    assert column in {c.name for c in COLUMNS}


def test_every_column_reads_a_blank_cell_as_unknown() -> None:
    """The reader skips parsing a column that is blank throughout, taking blank as unknown."""
    import pandas as pd  # type: ignore[import-untyped]

    for column in COLUMNS:
        assert column.parse(pd.Series(["", ""], dtype=object)) == ([None, None], ["", ""]), (
            column.name
        )
