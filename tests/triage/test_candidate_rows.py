"""Reading many rows at once (cells parsed once per distinct value, per column) gives every
row exactly what reading that row alone, and ``parse_profile`` of its answers, give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.errors import ProfileError
from screener.person.profile import parse_profile
from screener.triage.candidates import CandidateRow, read_candidates
from tests.triage.synthetic import bench_triage

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 1)


def _alone(header: str, line: str, as_of: date | None) -> CandidateRow:
    (row,) = read_candidates(f"{header}\n{line}\n".encode(), as_of=as_of).rows
    return row


@pytest.mark.parametrize("as_of", [AS_OF, None])
def test_every_profile_equals_parse_profile_of_the_rows_answers(as_of: date | None) -> None:
    """Each good row's profile is the one parse_profile makes of its answers, keys set too."""
    content = bench_triage().synthetic_csv(300, seed=5, bad_share=0.05)
    rows = read_candidates(content, as_of=as_of).rows
    assert sum(r.profile is not None for r in rows) >= 250
    extra = {} if as_of is None else {"as_of": as_of.isoformat()}
    for row in rows:
        if row.answers is None:
            assert row.profile is None and row.problem
            continue
        expected = parse_profile({**row.answers, **extra})
        assert row.profile == expected, row.number
        assert row.profile is not None
        assert row.profile.model_fields_set == expected.model_fields_set


def test_every_row_equals_the_row_read_alone() -> None:
    """Answers, notes and problems are those of a file holding that row only (no grouping)."""
    content = bench_triage().synthetic_csv(30, seed=3, bad_share=0.2).decode()
    header, *lines = content.splitlines()
    rows = read_candidates(content.encode(), as_of=AS_OF).rows
    assert sum(r.profile is None for r in rows) >= 3  # error rows are part of the check
    for row, line in zip(rows, lines, strict=True):
        alone = _alone(header, line, AS_OF)
        assert row.answers == alone.answers, row.number
        assert row.notes == alone.notes, row.number
        assert (row.problem or "").replace(f"row {row.number} ", "row 1 ") == (alone.problem or "")
        assert row.profile == alone.profile, row.number


def test_a_value_the_model_refuses_is_worded_as_for_one_person() -> None:
    """An age the cell reader accepts but the profile does not (150) names its column."""
    rows = read_candidates(b"id,age_years,sex\nA,150,male\nB,150,female\nC,50,male\n").rows
    assert [r.profile is None for r in rows] == [True, True, False]
    assert rows[0].problem is not None and "column age_years" in rows[0].problem
    with pytest.raises(ProfileError) as raised:
        parse_profile({"age_years": 150.0}, where="row 1 (id A)")
    assert rows[0].problem.split("column age_years: ")[1] in str(raised.value)


def test_a_date_after_the_rows_screening_day_is_an_error_row() -> None:
    """The check across keys (no date after as_of) uses each row's own screening day."""
    content = b"id,as_of,onset_date\nA,2026-01-01,2025-06\nB,2025-01-01,2025-06\n"
    rows = read_candidates(content).rows
    assert rows[0].profile is not None
    assert rows[1].profile is None and rows[1].problem is not None
    assert "after the screening date 2025-01-01" in rows[1].problem


def test_rows_never_share_a_nested_answer() -> None:
    """Two rows with equal genes cells get equal, separate mappings."""
    rows = read_candidates(b"id,gene_sod1\nA,positive\nB,positive\n").rows
    first, second = (r.answers or {} for r in rows)
    assert first == second == {"genes": {"SOD1": "positive"}}
    assert first["genes"] is not second["genes"]
