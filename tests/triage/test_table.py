"""The columnar triage table writes exactly the bytes the row writers write, chunk by chunk."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.triage import table_output
from screener.triage.output import triage_csv, triage_json, write_csv
from screener.triage.rows import VERDICTS_OUT
from screener.triage.run import enrolling_studies, read_candidates, triage, triage_table
from screener.triage.table import TriageTable

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = ROOT.parent / "shared" / "spec" / "examples" / "candidates-example.csv"
_TEXT = st.one_of(
    st.sampled_from(["", "=SUM(A1)", "+1", "-2", "@x", 'say "hi"', "a,b", "line\nbreak", " sp "]),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=12),
)


@st.composite
def _tables(draw: st.DrawFn) -> TriageTable:
    people = draw(st.integers(1, 6))
    studies = draw(st.integers(1, 3))
    texts = draw(st.lists(_TEXT, min_size=1, max_size=4))
    size = draw(st.integers(0, 30))

    def pick(top: int) -> np.ndarray:
        codes = draw(st.lists(st.integers(0, top - 1), min_size=size, max_size=size))
        return np.array(codes, dtype=np.int64)

    months = draw(
        st.lists(
            st.one_of(st.just(float("nan")), st.floats(0, 500, allow_nan=False)),
            min_size=size,
            max_size=size,
        )
    )
    return TriageTable(
        ids=draw(st.lists(_TEXT, min_size=people, max_size=people)),
        numbers=list(range(1, people + 1)),
        messages=draw(st.lists(_TEXT, min_size=people, max_size=people)),
        nct_ids=[f"NCT{n:08d}" for n in range(studies)],
        person=pick(people),
        study=pick(studies),
        verdict=pick(len(VERDICTS_OUT)),
        months=np.array(months, dtype=float),
        not_met=pick(len(texts)),
        not_met_texts=texts,
        asked=pick(len(texts)),
        asked_texts=list(reversed(texts)),
    )


@settings(max_examples=150, deadline=None)
@given(table=_tables(), chunk=st.integers(1, 7))
def test_table_writers_equal_the_row_writers(table: TriageTable, chunk: int) -> None:
    rows = table.rows()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table_output, "CHUNK_ROWS", chunk)
        for safe in (False, True):
            assert triage_csv(table, spreadsheet_safe=safe) == triage_csv(
                rows, spreadsheet_safe=safe
            )
        assert triage_json(table) == triage_json(rows)


def test_table_of_the_real_studies_is_the_triage_rows() -> None:
    """The table's rows are ``triage``'s, and it writes the same CSV."""
    source = load_studies(offline=True)
    studies = enrolling_studies(source, load_rulebook())
    candidates = read_candidates(EXAMPLE_CSV, as_of=date(2026, 11, 1))
    table = triage_table(candidates, studies)
    rows = triage(candidates, studies)
    assert len(rows) == len(candidates.rows) * len(studies) > 0
    assert table.rows() == rows
    assert table.counts() == {v: sum(1 for r in rows if r.verdict == v) for v in table.counts()}
    out = io.StringIO()
    write_csv(table, out)
    assert out.getvalue() == triage_csv(rows)
    assert triage_json(table) == triage_json(rows)
