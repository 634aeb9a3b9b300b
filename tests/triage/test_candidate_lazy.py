"""The reader builds no ``Profile`` per row, yet each row is what reading it alone gives.

Two things make that safe, and both are held here against the per-row reference (each
cell parsed on its own by its column's parser, ``answers_of``, then ``parse_profile``):
every row the whole-file check lets through is one ``parse_profile`` accepts, with the same
profile; and the vectorised readers' columns made from the file equal those its profiles
give. Cells are drawn around every bound the profile checks (ranges, dates on and after the
screening day, month-only dates).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.errors import ProfileError
from screener.person.profile import Profile, parse_profile
from screener.triage.candidate_answers import answers_of
from screener.triage.candidate_columns import BY_NAME
from screener.triage.candidates import CandidateTable, read_candidates
from screener.triage.vector_people import COLUMN_NAMES, Breathing, Dates, People
from tests.triage.synthetic import bench_triage

AS_OF = date(2026, 11, 1)
_DATES = ["", "2026-11", "2026-11-01", "2026-11-02", "2026-11-15", "2026-11-16", "2026-12",
          "2025-03", "03/2025", "2026-02-30", "2026-10-31"]  # fmt: skip
POOLS: dict[str, list[str]] = {
    "as_of": ["", "2026-11-01", "2026-11", "2026-10-31", "2026-11-16"],
    "age_years": ["", "0", "-1", "120", "120.5", "65", "abc", "-0", "52,5"],
    "sex": ["", "female", "m"],
    "onset_date": _DATES,
    "diagnosis_date": _DATES,
    "alsfrs_r_total": ["", "40", "48", "0", "36"],
    **{f"alsfrs_r_{n}": ["3", "4", "0", "2", ""] for n in range(1, 13)},
    "alsfrs_r_date": _DATES,
    "vc_test": ["", "svc", "fvc"],
    "vc_percent": ["", "0", "200", "200.5", "-3", "58%", "80"],
    "vc_date": _DATES,
    "niv_hours_per_day": ["", "24", "24.5", "-1", "8"],
    "riluzole_status": ["", "current"],
    "riluzole_stable_since": _DATES,
    "investigational_drug_last_dose": ["", "never", "2026-12", "2026-10"],
    "gene_sod1": ["", "positive"],
    "postal_code": ["", "02114"],
    "city": ["", "Boston"],
    "country": ["", "US"],
    "max_distance_km": ["", "0", "-5", "100"],
}


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", *POOLS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _score_checks(values: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(problems, notes) of one row's ALSFRS-R cells, worked out on their own: a total that
    is not the 12 items' sum is a problem; fewer than 12 items, a note."""
    given = [
        values[f"alsfrs_r_{n}"] for n in range(1, 13) if values.get(f"alsfrs_r_{n}") is not None
    ]
    total = values.get("alsfrs_r_total")
    problems, notes = [], []
    if len(given) == 12 and total is not None and total != sum(given):
        problems.append(
            f"column alsfrs_r_total: {total} is not the sum of alsfrs_r_1..alsfrs_r_12 "
            f"({sum(given)})"
        )
    if 0 < len(given) < 12:
        notes.append(
            f"ALSFRS-R items: only {len(given)} of 12 given, so the items were not used"
            + ("; the total was" if total is not None else "")
        )
    return problems, notes


def _reference(cells: dict[str, str], number: int, as_of: date | None) -> tuple[Any, ...]:
    """("problem", words a row's message holds) or ("ok", profile, notes, answers), reading
    the row alone, cell by cell, as the reader did before it read whole columns."""
    label = f"row {number} (id {cells['id']})" if cells["id"] else f"row {number}"
    values: dict[str, Any] = {}
    problems = [] if cells["id"] else ["column id: is blank (every row needs an id)"]
    for name, cell in cells.items():
        if not cell.strip():
            values[name] = None  # every parser reads a blank cell as unknown (a test holds it)
            continue
        found, trouble = BY_NAME[name].parse(pd.Series([cell.strip()], dtype=object))
        values[name] = found[0]
        problems += [f"column {name}: {trouble[0]}"] if trouble[0] else []
    answers = answers_of(values)
    more, notes = _score_checks(values)
    problems += more
    if problems:
        return ("problem", f"{label}: " + "; ".join(problems))
    full = answers if as_of is None else {**answers, "as_of": as_of.isoformat()}
    try:
        profile = parse_profile(full, where=label)
    except ProfileError as exc:
        return ("problem", str(exc).removeprefix(label + ": ").partition(": ")[2])
    return ("ok", profile, tuple(notes), answers)


def _same_columns(fast: People, slow: People) -> None:
    for name in COLUMN_NAMES:
        a, b = getattr(fast, name), getattr(slow, name)
        if isinstance(a, Dates):
            parts = [(a.known, b.known), (a.day, b.day), (a.month_only, b.month_only)]
        elif isinstance(a, Breathing):
            parts = [(a.given, b.given), (a.test, b.test), (a.percent, b.percent)]
        else:
            parts = [(a, b)]
        for x, y in parts:
            assert x.shape == y.shape and x.dtype.kind == y.dtype.kind, name
            np.testing.assert_array_equal(x, y, err_msg=name)  # NaN equal to NaN


def _check(table: CandidateTable, rows: list[dict[str, str]], as_of: date | None) -> None:
    assert len(table.rows) == len(rows)
    for row, cells in zip(table.rows, rows, strict=True):
        expected = _reference(cells, row.number, as_of)
        if expected[0] == "problem":
            assert row.problem is not None and expected[1] in row.problem, row.number
            assert row.profile is None and row.answers is None
            continue
        assert row.problem is None, (row.number, row.problem)
        _, profile, notes, answers = expected
        assert row.answers == answers and row.notes == notes, row.number
        assert row.profile == profile, row.number
        assert row.profile is not None
        assert row.profile.model_fields_set == profile.model_fields_set
    good = table.good()
    fast = table.people(good)
    profiles: list[Profile] = [p for i in good.tolist() if (p := table.rows[i].profile)]
    _same_columns(fast, People(profiles))


_ITEMS = [f"alsfrs_r_{n}" for n in range(1, 13)]


def _cells(names: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """A few columns filled (all 12 items for "items"), so most rows fail no other cell."""
    chosen = [n for n in names if n != "items"] + (_ITEMS if "items" in names else [])
    return st.fixed_dictionaries({n: st.sampled_from(POOLS[n]) for n in chosen})


_row = st.lists(
    st.sampled_from(["items", *(n for n in POOLS if n not in _ITEMS)]), max_size=5, unique=True
).flatmap(_cells)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=1, max_size=15), as_of=st.sampled_from([None, AS_OF]))
def test_rows_and_columns_equal_the_row_by_row_reading(
    rows: list[dict[str, str]], as_of: date | None
) -> None:
    """Around every bound, each row and every column equal the per-row reference."""
    # A blank id only where another cell is given (a wholly blank line is skipped).
    rows = [
        {"id": "" if i % 7 == 0 and any(cells.values()) else f"P{i}"}
        | {name: cells.get(name, "") for name in POOLS}  # in the file's column order
        for i, cells in enumerate(rows, 1)
    ]
    _check(read_candidates(_csv(rows), as_of=as_of), rows, as_of)


def test_the_benchmark_list_equals_the_row_by_row_reading() -> None:
    """The synthetic list the triage benchmark reads (blanks, bad cells, months and days)."""
    content = bench_triage().synthetic_csv(120, seed=13, bad_share=0.05)
    frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    rows = frame.to_dict(orient="records")
    for as_of in (AS_OF, None):
        table = read_candidates(content, as_of=as_of)
        _check(table, rows, as_of)
    assert sum(r.problem is None for r in table.rows) >= 90


def test_a_good_row_builds_its_profile_only_when_read() -> None:
    """Reading a file validates only the rows the whole-file check doubts."""
    content = b"id,age_years,onset_date\nA,50,2025-01\nB,150,2025-01\nC,60,2027-01\n"
    table = read_candidates(content, as_of=AS_OF)
    source = table.rows[0].source
    assert source is not None
    assert set(source._profiles) == set()  # A was let through without a Profile
    assert [r.problem is None for r in table.rows] == [True, False, False]
    assert table.rows[0].profile is not None and set(source._profiles) == {0}
    assert "after the screening date 2026-11-01" in (table.rows[2].problem or "")
    assert np.array_equal(table.good(), [0])


def test_every_bound_alone_and_against_every_screening_day() -> None:
    """Each drawn cell on its own row, and each date against each ``as_of`` cell."""
    blank = {name: "" for name in POOLS}
    rows = [
        blank | {name: value, "as_of": day}
        for name, pool in POOLS.items()
        for value in pool
        for day in (POOLS["as_of"] if name.endswith(("date", "since", "dose")) else [""])
    ]
    rows.append(blank | {c: "4" for c in _ITEMS} | {"alsfrs_r_total": "47"})  # not the sum
    rows.append(blank | {c: "4" for c in _ITEMS[:5]} | {"alsfrs_r_total": "40"})  # a note
    rows = [{"id": f"P{i}"} | cells for i, cells in enumerate(rows, 1)]
    for as_of in (None, AS_OF):
        table = read_candidates(_csv(rows), as_of=as_of)
        _check(table, rows, as_of)
    assert sum(r.problem is not None for r in table.rows) >= 20
    assert any(r.notes for r in table.rows)
