"""The person's answers in words: no profile codes reach the summary or the app."""

from __future__ import annotations

from screener.person.profile import parse_profile
from screener.reports.answers import answer_rows


def test_codes_are_said_in_words() -> None:
    """ "test: svc", "status: current", "niv_night" were the profile's codes, not words."""
    profile = parse_profile(
        {
            "vital_capacity": {"test": "svc", "percent_predicted": 71},
            "riluzole": {"status": "current", "stable_since": "2026-02"},
            "ventilation": "niv_night",
            "diagnosis_category": "probable_laboratory_supported",
            "investigational_drug_last_dose": "never",
        }
    )
    rows = dict(answer_rows(profile))
    shown = " | ".join(rows.values())
    for code in ("svc", "niv_night", "probable_laboratory_supported", "percent predicted"):
        assert code not in shown
    assert "SVC (slow vital capacity)" in shown and "% of predicted: 71" in shown
    assert "taking it now" in shown and "same dose since: 2026-02" in shown
    assert "NIV (breathing machine) at night" in shown
    assert "probable, laboratory-supported" in shown and "never taken" in shown
