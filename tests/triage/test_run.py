"""Coordinator triage on the real snapshot: rows, order, error rows, study selection, CLI."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from screener.cli.main import main
from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.triage.rows import VERDICT_ORDER
from screener.triage.run import (
    COLUMNS,
    TriageRow,
    enrolling_studies,
    named_studies,
    read_candidates,
    triage,
    triage_csv,
    triage_json,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = ROOT.parent / "shared" / "spec" / "examples" / "candidates-example.csv"
HEALEY = "NCT04297683"
AS_OF = date(2026, 11, 1)
RULE_FILE = """\
nct_id: {nct}
title: A coordinator's own study
read_from:
  source: "Protocol v3, section 5"
  date: 2026-10-01
curated_by: "site coordinator"
covers: [age_years, vital_capacity]
rules:
  - id: age
    factor: age_years
    kind: inclusion
    op: between
    value: [40, 70]
    unit: years
    source_text: "Aged 40 to 70 years."
  - id: vc
    factor: vital_capacity
    kind: inclusion
    op: ">="
    value: 60
    unit: percent
    test: any
    source_text: "Vital capacity of at least 60 % of predicted."
"""


@pytest.fixture(scope="module")
def example_rows() -> list[TriageRow]:
    """The shared example list triaged against HEALEY on the bundled snapshot."""
    source = load_studies(offline=True)
    studies = named_studies([HEALEY], source, load_rulebook())
    return triage(read_candidates(EXAMPLE_CSV, as_of=AS_OF), studies)


def _is_triage_order(rows: list[TriageRow]) -> bool:
    keys = [
        (VERDICT_ORDER[r.verdict], r.months_left if r.months_left is not None else float("inf"))
        for r in rows
    ]
    return keys == sorted(keys)


def test_example_list_every_id_once_and_p006_an_error(example_rows: list[TriageRow]) -> None:
    """Six people in, six rows out; P006 is an error naming row 6, the column and the problem."""
    assert Counter(r.id for r in example_rows) == Counter(f"P00{n}" for n in range(1, 7))
    (p006,) = [r for r in example_rows if r.id == "P006"]
    assert p006.verdict == "error" and p006.row == 6
    assert p006.message == "row 6 (id P006): column age_years: 'abc' is not a number"
    assert all(r.verdict != "error" for r in example_rows if r.id != "P006")


def test_example_list_is_in_triage_order_with_errors_last(example_rows: list[TriageRow]) -> None:
    """likely → possible → excluded → error, and the sooner window first within a verdict."""
    assert _is_triage_order(example_rows)
    assert example_rows[-1].verdict == "error"


def test_not_met_quotes_the_studys_own_words(example_rows: list[TriageRow]) -> None:
    """P004 (four years since onset, FVC 41 %) is excluded in HEALEY's words on both counts."""
    (p004,) = [r for r in example_rows if r.id == "P004"]
    assert p004.verdict == "excluded"
    words = p004.not_met.split(" | ")
    assert any("≤ 24 months" in w for w in words)
    assert any("Vital Capacity ≥ 50%" in w for w in words)


def test_unknown_answers_are_open_questions_not_exclusions(example_rows: list[TriageRow]) -> None:
    """P005 gave only an age: nothing excludes them; the open questions name CSV columns."""
    (p005,) = [r for r in example_rows if r.id == "P005"]
    assert p005.verdict == "possible" and p005.not_met == ""
    assert "onset_date" in p005.open_questions.split(" | ")


def test_months_left_is_the_onset_window_remaining(example_rows: list[TriageRow]) -> None:
    """P001 (onset 2026-01, as of 2026-11-01) has about 14.5 of HEALEY's 24 months left."""
    (p001,) = [r for r in example_rows if r.id == "P001"]
    assert p001.months_left is not None and 14 < p001.months_left < 15


def test_every_enrolling_study_gets_every_candidate_once() -> None:
    """--all: each enrolling study with criteria lists each candidate exactly once."""
    source = load_studies(offline=True)
    studies = enrolling_studies(source, load_rulebook())
    assert len(studies) >= 20
    rows = triage(read_candidates(EXAMPLE_CSV, as_of=AS_OF), studies)
    per_study = Counter((r.nct_id, r.id) for r in rows)
    assert set(per_study.values()) == {1}
    assert len(per_study) == 6 * len(studies)
    assert _is_triage_order(rows)


def test_cli_all_gives_what_the_whole_source_gives(capsys: pytest.CaptureFixture[str]) -> None:
    """--all makes records only of the enrolling studies; its output is exactly the triage of
    every enrolling study of the whole snapshot, read in full, and the notice is the same."""
    code, out, err = _run(
        ["triage", "--candidates", str(EXAMPLE_CSV), "--all", "--offline", "--as-of",
         "2026-11-01", "--format", "json"],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    whole = load_studies(offline=True)
    studies = enrolling_studies(whole, load_rulebook())
    expected = triage(read_candidates(EXAMPLE_CSV, as_of=AS_OF), studies)
    assert json.loads(out) == json.loads(triage_json(expected))
    assert len({row["nct_id"] for row in json.loads(out)}) == len(studies)


def test_cli_study_still_finds_a_study_that_is_not_enrolling(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--study may name any study of the source, enrolling or not."""
    closed = next(
        r.nct_id
        for r in load_studies(offline=True).records
        if r not in load_studies(offline=True).to_screen().records and r.eligibility_text
    )
    code, out, err = _run(
        ["triage", "--candidates", str(EXAMPLE_CSV), "--study", closed, "--offline"], capsys
    )
    assert code == 0, err
    assert {row["nct_id"] for row in csv.DictReader(io.StringIO(out))} == {closed}


def test_csv_and_json_carry_the_contract_columns(example_rows: list[TriageRow]) -> None:
    """CSV header and JSON keys are the contract's columns (plus row); values round-trip."""
    parsed = list(csv.DictReader(io.StringIO(triage_csv(example_rows))))
    assert tuple(parsed[0]) == COLUMNS
    assert COLUMNS[:7] == (
        "id", "nct_id", "verdict", "not_met", "open_questions", "months_left", "message"
    )  # fmt: skip
    assert [p["id"] for p in parsed] == [r.id for r in example_rows]
    data = json.loads(triage_json(example_rows))
    assert [tuple(d) for d in data] == [COLUMNS] * len(example_rows)
    assert [d["verdict"] for d in data] == [r.verdict for r in example_rows]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_triage_prints_csv_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints the CSV on stdout and only counts (no data) on stderr."""
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--study", HEALEY, "--offline"]
    code, out, err = _run([*argv, "--as-of", "2026-11-01"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["id"] for r in rows) == [f"P00{n}" for n in range(1, 7)]
    assert err.strip().endswith("1 error")
    assert "P00" not in err


def test_cli_json_to_out_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json --out FILE writes a JSON list there and nothing to stdout."""
    out_file = tmp_path / "triage.json"
    code, out, _ = _run(
        ["triage", "--candidates", str(EXAMPLE_CSV), "--study", HEALEY, "--offline",
         "--format", "json", "--out", str(out_file)],
        capsys,
    )  # fmt: skip
    assert code == 0 and out == ""
    assert {d["id"] for d in json.loads(out_file.read_text())} == {f"P00{n}" for n in range(1, 7)}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"name,age_years\nA,50\n", "has no 'id' column"),
        (b"id\nA\nA\n", "duplicate ids: A (rows 1, 2)"),
        (b'{"id": "A"}', "looks like JSON"),
    ],
)
def test_cli_bad_candidate_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    """A file that cannot be triaged at all: exit 2 and one line naming the file."""
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    code, out, err = _run(["triage", "--candidates", str(path), "--all", "--offline"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and expected in err


def test_cli_unknown_study_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """--study with an NCT number the source does not hold is bad input."""
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--study", "NCT00000001", "--offline"]
    code, _, err = _run(argv, capsys)
    assert code == 2 and "NCT00000001 not found" in err


def test_cli_unknown_columns_warn_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Extra columns are named in a warning; the rows are still screened."""
    path = tmp_path / "list.csv"
    path.write_text("id,age_years,phone\nA,50,555-0100\n")
    code, out, err = _run(
        ["triage", "--candidates", str(path), "--study", HEALEY, "--offline"], capsys
    )
    assert code == 0 and "unknown column(s) ignored: phone" in err
    assert "555-0100" not in out + err


def test_cli_rule_file_for_a_study_not_in_the_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rules for an unlisted study screens on its rules alone: they are all there is."""
    rules = tmp_path / "mine.yaml"
    rules.write_text(RULE_FILE.format(nct="NCT99999901"))
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--rules", str(rules), "--offline"]
    code, out, _ = _run([*argv, "--as-of", "2026-11-01"], capsys)
    assert code == 0
    verdicts = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert {r["nct_id"] for r in verdicts.values()} == {"NCT99999901"}
    assert verdicts["P001"]["verdict"] == "likely"  # 52 years, SVC 88 %
    assert verdicts["P003"]["verdict"] == "likely"  # 41 years, SVC 92 %
    assert verdicts["P004"]["verdict"] == "excluded"  # FVC 41 %
    assert verdicts["P004"]["not_met"] == "Vital capacity of at least 60 % of predicted."
    assert verdicts["P005"]["verdict"] == "possible"  # no breathing test given


def test_cli_rule_file_over_a_listed_study_keeps_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rules for HEALEY: the file's rules replace its factors; HEALEY's onset window stays."""
    rules = tmp_path / "healey.yaml"
    rules.write_text(RULE_FILE.format(nct=HEALEY))
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--rules", str(rules), "--offline"]
    code, out, _ = _run([*argv, "--as-of", "2026-11-01"], capsys)
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert "≤ 24 months" in rows["P002"]["not_met"]
    assert "at least 60 %" in rows["P002"]["not_met"]  # FVC 58 % under the file's own limit


def test_cli_bad_rule_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule file with a problem is bad input: exit 2 with one line naming it."""
    rules = tmp_path / "bad.yaml"
    rules.write_text("nct_id: NCT99999901\nrules: [\n")
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--rules", str(rules), "--offline"]
    code, _, err = _run(argv, capsys)
    assert code == 2 and "bad.yaml" in err and err.count("\n") == 1


def test_cli_all_with_a_studies_file_takes_the_file_whole(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--all --studies FILE: every study in the real v2 file, each with every candidate once."""
    studies_file = shared_data / "ctgov" / "als-studies.v2.jsonl"
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--all", "--studies", str(studies_file)]
    code, out, _ = _run(argv, capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    ncts = {json.loads(line)["protocolSection"]["identificationModule"]["nctId"]
            for line in studies_file.read_text().splitlines() if line.strip()}  # fmt: skip
    assert {r["nct_id"] for r in rows} == ncts
    assert Counter((r["nct_id"], r["id"]) for r in rows) == Counter(
        (n, f"P00{i}") for n in ncts for i in range(1, 7)
    )


def test_a_list_of_only_bad_rows_still_lists_everyone() -> None:
    """Every row bad: no one is screened, yet each appears once per study as an error."""
    source = load_studies(offline=True)
    studies = named_studies([HEALEY, "NCT07071935"], source, load_rulebook())
    table = read_candidates(b"id,age_years\nA,x\nB,y\n", as_of=AS_OF)
    rows = triage(table, studies)
    assert sorted((r.nct_id, r.id, r.verdict) for r in rows) == sorted(
        (s[0].nct_id, i, "error") for s in studies for i in ("A", "B")
    )


def test_cli_study_may_repeat_or_list_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """--study A --study B and --study A,B both screen both studies, in the order given."""
    base = ["triage", "--candidates", str(EXAMPLE_CSV), "--offline"]
    _, repeated, _ = _run([*base, "--study", HEALEY, "--study", "nct07071935"], capsys)
    _, listed, _ = _run([*base, "--study", f"{HEALEY}, NCT07071935"], capsys)
    assert repeated == listed
    assert {r["nct_id"] for r in csv.DictReader(io.StringIO(listed))} == {HEALEY, "NCT07071935"}


def test_cli_rule_file_quotes_not_in_a_whole_text_are_applied_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A coordinator's protocol wording differs from the registry: rules apply, stderr says so."""
    rules = tmp_path / "site.yaml"
    rules.write_text(RULE_FILE.format(nct="NCT07071935"))
    argv = ["triage", "--candidates", str(EXAMPLE_CSV), "--rules", str(rules), "--offline"]
    code, out, err = _run([*argv, "--as-of", "2026-11-01"], capsys)
    assert code == 0
    assert "rule 'vc': its words are not in NCT07071935's registry text; applied as written" in err
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert "Vital capacity of at least 60 % of predicted." in rows["P004"]["not_met"]


def test_a_row_with_content_but_no_id_is_an_error_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row whose only content is in an ignored column is reported, never dropped unseen."""
    listed = tmp_path / "list.csv"
    listed.write_text("id,age_years,comment\nP1,60,x\n,,call back\n,,\n", encoding="utf-8")
    code = main(
        ["triage", "--candidates", str(listed), "--study", "NCT07071935", "--offline"]
        + ["--format", "json"]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["verdict"]) for r in rows] == [("P1", "possible"), ("", "error")]
    assert rows[1]["message"] == "row 2: column id: is blank (every row needs an id)"
