"""Parsing the columns that share a parser together gives each cell what parsing its own
column alone gives (value and problem), for any cells, bad ones included."""

from __future__ import annotations

import pandas as pd  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.triage.candidate_columns import BY_NAME, COLUMNS
from screener.triage.candidate_parse import parse_columns

_TRICKY = [
    "", "0", "4", "5", "-1", "2.5", "52,5", "1,000", "1e400", "nan", "inf", "-0",
    "99999999999999999999", "18446744073709551617", "9007199254740993", "007", "+3",
    "yes", "No", "maybe", "never", "NEVER", "2025-03-14", "2025-3", "03/2025", "2025-02-30",
    "1500-01-01", "2025-03-14 10:30", "definite", "Not Tested", "niv-night", "F", "m",
    "58%", "58 %", "abc", "\x07bell", "x" * 300,
]  # fmt: skip
_CELL = st.one_of(st.sampled_from(_TRICKY), st.text(max_size=12))
_NAMES = st.lists(st.sampled_from([c.name for c in COLUMNS if c.name != "id"]), unique=True)


@settings(max_examples=150, deadline=None)
@given(names=_NAMES.filter(bool), data=st.data())
def test_columns_parsed_together_read_as_each_alone(names: list[str], data: st.DataObject) -> None:
    rows = data.draw(st.integers(1, 8))
    cells = pd.DataFrame(
        {n: data.draw(st.lists(_CELL, min_size=rows, max_size=rows)) for n in names}, dtype=object
    )
    parsed = parse_columns(cells)
    for name in names:
        values, problems = BY_NAME[name].parse(cells[name].reset_index(drop=True))
        codes = parsed.codes[name]
        got_values = [parsed.values[name][c] for c in codes]
        got_problems = [parsed.problems[name][c] for c in codes]
        assert [repr(v) for v in got_values] == [repr(v) for v in values], name
        assert got_problems == problems, name
    flagged = [any(parsed.problems[n][parsed.codes[n][i]] for n in names) for i in range(rows)]
    assert parsed.flagged.tolist() == flagged
