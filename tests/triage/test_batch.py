"""The batch screener gives exactly the engine's answers, and no candidate is lost or doubled."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.errors import CandidateFileError
from screener.person.profile import Profile, parse_profile
from screener.registry.records import StudyRecord
from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.triage.batch import Batch, screen_one
from screener.triage.candidate_columns import COLUMNS
from screener.triage.groups import DEPENDS, keys_for
from screener.triage.run import named_studies, read_candidates, triage
from tests.triage.synthetic import bench_triage

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
AS_OF = date(2026, 11, 1)
Study = tuple[StudyRecord, list[Any]]


@pytest.fixture(scope="module")
def studies() -> list[Study]:
    """Every snapshot study the rule book gives criteria for (any status)."""
    source = load_studies(offline=True)
    rulebook = load_rulebook()
    found = [(r, rulebook.criteria_for(r)) for r in source.records]
    return [(r, c) for r, c in found if c]


@pytest.fixture(scope="module")
def people() -> list[Profile]:
    """Synthetic candidates plus the shared example profiles, with a few edge cases."""
    table = read_candidates(bench_triage().synthetic_csv(150, seed=11), as_of=AS_OF)
    profiles = [r.profile for r in table.rows if r.profile is not None]
    for path in sorted(EXAMPLES.glob("*.json")):
        profiles.append(parse_profile(json.loads(path.read_text())))
    profiles += [
        parse_profile({"as_of": "2026-11-01", "sex": "male"}),  # pregnancy does not apply
        parse_profile({"as_of": "2026-11-01", "onset_date": "2024-11"}),  # month-only, at 24
        parse_profile({"as_of": "2026-11-01", "onset_date": "2024-11-15"}),  # the same day
        parse_profile({}),
    ]
    return profiles


def test_batch_equals_the_engine_for_every_person_and_study(
    studies: list[Study], people: list[Profile]
) -> None:
    """Grouped evaluation gives screen_study's verdict, unmet words, questions and months left."""
    assert len(studies) >= 50
    batch = Batch(people)
    verdicts: Counter[str] = Counter()
    for record, criteria in studies:
        fast = batch.outcomes(record, criteria)
        slow = [screen_one(p, record, criteria) for p in people]
        mismatched = [i for i, (a, b) in enumerate(zip(fast, slow, strict=True)) if a != b]
        assert not mismatched, (record.nct_id, fast[mismatched[0]], slow[mismatched[0]])
        verdicts.update(o.verdict for o in slow)
    # The check means something only if every verdict occurs.
    assert min(verdicts[v] for v in ("likely", "possible", "excluded")) > 0


def test_every_factor_the_criteria_use_has_known_dependencies(studies: list[Study]) -> None:
    """A factor missing from DEPENDS would be evaluated person by person (slow, still right)."""
    factors = {c.factor for _, criteria in studies for c in criteria if c.understood}
    assert factors <= set(DEPENDS)


def test_month_and_day_dates_never_share_a_group(people: list[Profile]) -> None:
    """'2024-11' (a month, read as a range) and '2024-11-15' (a day) are grouped apart."""
    batch = Batch(people)
    codes, _ = batch.groups.codes(("as_of", "onset_date"))
    assert codes[-3] != codes[-2]


def test_condition_factors_join_the_grouping_keys() -> None:
    """A criterion with a condition depends on the condition's answers too."""
    from screener.criteria import Criterion

    c = Criterion(
        "alsfrs_r_total", "inclusion", ">=", 30, "points", "…",
        extra={"condition": {"factor": "vital_capacity", "op": "<", "value": 50}},
    )  # fmt: skip
    assert set(keys_for(c)) == {"as_of", "alsfrs_r", "vital_capacity", "vital_capacity_other"}


_IDS = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_", min_size=1, max_size=8)
_CELLS = st.one_of(
    st.sampled_from(
        ["", "yes", "no", "1", "0", "58%", "52", "2025-03", "03/2025", "2025-03-14", "abc",
         "male", "female", "definite", "svc", "fvc", "current", "never", "4", "7", "-5", "2099-01"]
    ),
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=6),
)  # fmt: skip
_HEADERS = [c.name for c in COLUMNS if c.name != "id"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.lists(_IDS, min_size=1, max_size=25, unique=True),
    headers=st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=8, unique=True),
    data=st.data(),
)
def test_any_csv_gives_each_input_id_once_per_study(
    ids: list[str], headers: list[str], data: st.DataObject
) -> None:
    """For any generated list, the output holds exactly the input's ids, once per study."""
    buffer = io.StringIO()
    # Quote every cell: an unquoted carriage return would really be a line break in a CSV.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", *headers])
    for person in ids:
        writer.writerow([person, *(data.draw(_CELLS) for _ in headers)])
    try:
        table = read_candidates(buffer.getvalue().encode("utf-8"), as_of=AS_OF)
    except CandidateFileError:
        return  # a whole-file problem is reported, not triaged (tested elsewhere)
    studies = _two_studies()
    rows = triage(table, studies)
    for record, _ in studies:
        assert Counter(r.id for r in rows if r.nct_id == record.nct_id) == Counter(ids)
    assert len(rows) == len(ids) * len(studies)


_CACHE: dict[str, list[Any]] = {}


def _two_studies() -> list[Any]:
    if "studies" not in _CACHE:
        source = load_studies(offline=True)
        enrolling = [r.nct_id for r in source.enrolling().records if r.eligibility_text]
        _CACHE["studies"] = named_studies(["NCT04297683", enrolling[0]], source, load_rulebook())
    return _CACHE["studies"]


def test_triage_rows_are_the_engine_outcomes_of_the_right_person(studies: list[Study]) -> None:
    """Each triage row carries its own candidate's engine outcome (error rows interleaved)."""
    from screener.triage.candidates import question_columns

    table = read_candidates(bench_triage().synthetic_csv(80, seed=5, bad_share=0.1), as_of=AS_OF)
    assert any(r.problem for r in table.rows)
    chosen = studies[::20]
    by_id = {r.id: r for r in table.rows}
    records = {record.nct_id: (record, criteria) for record, criteria in chosen}
    for row in triage(table, chosen):
        candidate = by_id[row.id]
        if candidate.profile is None:
            assert (row.verdict, row.message) == ("error", candidate.problem)
            continue
        expected = screen_one(candidate.profile, *records[row.nct_id])
        assert row.verdict == expected.verdict
        assert row.not_met == " | ".join(expected.not_met)
        assert row.open_questions == " | ".join(question_columns(expected.open_questions))
        assert row.months_left == expected.months_left
        assert row.row == candidate.number


def test_criteria_share_work_only_when_they_mean_the_same() -> None:
    """Same limit in other words: shared; NIV 'uses it' (True) and '≥ 1 hour' (1): not shared."""
    from screener.criteria import Criterion
    from screener.triage.batch import meaning

    a = Criterion("age_years", "inclusion", ">=", 18, "years", "Aged 18 or over.")
    b = Criterion("age_years", "inclusion", ">=", 18, "years", "Adults (18+)")
    uses = Criterion("niv", "exclusion", "==", True, None, "Uses NIV")
    hours = Criterion("niv", "exclusion", "==", 1, None, "NIV 1 hour")
    assert meaning(a) == meaning(b)
    assert meaning(uses) != meaning(hours)
    assert meaning(a) != meaning(
        Criterion("age_years", "inclusion", ">=", 18, "years", "x", source="registry")
    )


# What each derived value of a Profile is computed from (profile.py), for the read check below.
_DERIVED: dict[str, set[str]] = {
    "as_of_date": {"as_of"},
    "months_since": {"as_of"},
    "months_since_onset": {"onset_date", "as_of"},
    "months_since_diagnosis": {"diagnosis_date", "as_of"},
    "alsfrs_total": {"alsfrs_r"},
    "alsfrs_date": {"alsfrs_r", "as_of"},
    "months_onset_to_rating": {"onset_date", "alsfrs_r", "as_of"},
    "delta_fs": {"onset_date", "alsfrs_r", "as_of"},
    "mitos_stage": {"alsfrs_r"},
}


class _Recorder:
    """A profile stand-in that notes every answer a reader looks at."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self.reads: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.reads.update(_DERIVED.get(name, {name}))
        return getattr(self._profile, name)


def test_readers_read_only_the_answers_their_grouping_keys_hold(
    studies: list[Study], people: list[Profile]
) -> None:
    """For every criterion and person, evaluate reads no answer outside keys_for(criterion).

    If every answer read is a grouping key, people sharing those keys take the same path
    through the reader, so sharing one evaluation among them is exact.
    """
    from screener.screening.evaluate import evaluate
    from screener.triage.batch import meaning

    fields = set(Profile.model_fields)
    seen: set[Any] = set()
    checked = 0
    for _, criteria in studies:
        for criterion in criteria:
            if meaning(criterion) in seen:
                continue
            seen.add(meaning(criterion))
            allowed = set(keys_for(criterion))
            for person in people:
                recorder = _Recorder(person)
                evaluate(recorder, criterion)  # type: ignore[arg-type]
                outside = {r for r in recorder.reads if r in fields or r in _DERIVED} - allowed
                assert not outside, (criterion.factor, criterion.text, sorted(outside))
                checked += 1
    assert checked > 1000


@pytest.mark.parametrize("as_of", [AS_OF, None])
def test_reader_codes_group_exactly_as_the_answers_do(
    studies: list[Study], as_of: date | None
) -> None:
    """Grouping by the CSV's cells (the fast path) gives every person the engine's outcome."""
    content = bench_triage().synthetic_csv(300, seed=23, bad_share=0.05)
    if as_of is None:  # each row's own screening day, some by the month
        lines = content.decode().splitlines()
        at = lines[0].split(",").index("as_of")
        days = ["2026-11-01", "2026-10", "2026-09-15"]
        rows = [
            ",".join(c if j != at else days[i % 3] for j, c in enumerate(line.split(",")))
            for i, line in enumerate(lines[1:])
        ]
        content = "\n".join([lines[0], *rows]).encode()
    table = read_candidates(content, as_of=as_of)
    assert table.answer_codes is not None
    good = [i for i, r in enumerate(table.rows) if r.profile is not None]
    people = [p for i in good if (p := table.rows[i].profile) is not None]
    codes = {k: v[np.array(good)] for k, v in table.answer_codes.items()}
    fast = Batch(people, codes)
    for record, criteria in studies:
        expected = [screen_one(p, record, criteria) for p in people]
        assert fast.outcomes(record, criteria) == expected, record.nct_id
