"""The `--format table` text: verdicts in words, the study's words for each unmet rule."""

from __future__ import annotations

import re
from typing import Any

from screener.criteria import Criterion
from screener.person.profile import parse_profile
from screener.registry.records import normalise
from screener.registry.source import StudySource
from screener.reports.table import DISCLAIMER, results_table
from screener.screening.engine import screen_study

NCT = re.compile(r"NCT\d{8}")


def study(nct: str, title: str) -> Any:
    text = "Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n* None"
    return normalise(
        {
            "protocolSection": {
                "identificationModule": {"nctId": nct, "briefTitle": title},
                "eligibilityModule": {"eligibilityCriteria": text},
            }
        }
    )


def test_table_lists_each_study_with_reasons_and_months_left() -> None:
    """Each study gets a row; a not-a-fit row shows why and the study's words; months left shown."""
    person = parse_profile({"as_of": "2026-11-01", "age_years": 70, "onset_date": "2026-05-01"})
    age = Criterion("age_years", "inclusion", "<=", 65, "years", "Aged 65 or younger", {})
    onset = Criterion(
        "months_since_onset", "inclusion", "<=", 24, "months", "Onset ≤ 24 months", {}
    )
    unread = Criterion("other", "inclusion", None, None, None, "Willing to travel", {})
    excluded = screen_study(person, study("NCT00000001", "A " * 60), [age, onset])
    likely = screen_study(person, study("NCT00000002", "Short title"), [onset, unread])
    source = StudySource("file", "2026-11-01", (excluded.record, likely.record))
    text = results_table(source, [likely, excluded])
    assert DISCLAIMER in text
    assert "studies file, as of 2026-11-01" in text
    assert "Likely fit: 1 · Possible fit: 0 · Not a fit: 1" in text
    rows = {m.group(0): line for line in text.splitlines() if (m := NCT.search(line))}
    assert rows["NCT00000002"].startswith("Likely fit")
    assert f"{likely.months_left:g}" in rows["NCT00000002"]
    assert rows["NCT00000001"].startswith("Not a fit")
    assert "…" in rows["NCT00000001"]  # a long title is cut, the row stays one line
    assert "is above this study's maximum of 65 years" in text
    assert 'Study\'s words: "Aged 65 or younger"' in text
    assert "1 of 2 criteria are for the study team to check" in text
