"""Downloaded CSVs never carry a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from screener.reports.spreadsheet import defuse
from screener.triage.output import triage_csv
from screener.triage.run import triage


def test_formula_like_cells_get_a_leading_apostrophe() -> None:
    """Cells starting with = + - @ are shown as text; ordinary cells and numbers are untouched."""
    assert defuse("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert defuse("+1") == "'+1"
    assert defuse("-2 to -6") == "'-2 to -6"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("FVC ≥ 50 %") == "FVC ≥ 50 %"
    assert defuse(12) == 12


def test_triage_download_defuses_but_the_command_line_output_stays_exact() -> None:
    """A hostile id is defused in the download and kept exact in plain CSV output."""
    from screener.registry.source import from_snapshot
    from screener.rules.book import load_rulebook
    from screener.triage.candidates import read_candidates

    table = read_candidates(b"id,age_years\n=1+1,52\n")
    record = next(r for r in from_snapshot().records if r.nct_id == "NCT04297683")
    rows = triage(table, [(record, load_rulebook().criteria_for(record))])
    safe = list(csv.DictReader(io.StringIO(triage_csv(rows, spreadsheet_safe=True))))
    exact = list(csv.DictReader(io.StringIO(triage_csv(rows))))
    assert [r["id"] for r in safe] == ["'=1+1"]
    assert [r["id"] for r in exact] == ["=1+1"]


def test_results_download_defuses_a_hostile_title() -> None:
    """A registry title written like a formula reaches the results CSV as text."""
    from screener.person.profile import parse_profile
    from screener.registry.records import normalise
    from screener.reports.summary import results_csv
    from screener.screening.engine import screen_study

    record = normalise(
        {
            "protocolSection": {
                "identificationModule": {"nctId": "NCT00000001", "briefTitle": "=2+3"}
            }
        }
    )
    result = screen_study(parse_profile({"age_years": 50}), record, [])
    rows = list(csv.DictReader(io.StringIO(results_csv([result]).decode("utf-8-sig"))))
    assert rows[0]["title"] == "'=2+3"
    assert rows[0]["nct_id"] == "NCT00000001"
