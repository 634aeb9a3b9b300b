"""Riluzole, edaravone, AMX0035 and recent investigational drugs (real sentences)."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import pytest

from tests.criteria_cases import only, readings, real, reviewed

DRUG_CASES = [
    # Conditional stability: the condition ("if taking") is part of stable_or_none.
    (
        "NCT00047723",
        "If patients are receiving riluzole they must be on a stable dose for at least the past thirty days.",
        "inclusion",
        {("riluzole", "inclusion", "stable_or_none", 30)},
    ),
    (
        "NCT02039401",
        "Not taking riluzole, or on a stable dose for at least thirty days prior to Screening (defined as no noted toxicities)",
        "inclusion",
        {("riluzole", "inclusion", "stable_or_none", 30)},
    ),
    (
        "NCT00409721",
        "Riluzole naïve or have been on a stable dose of Riluzole for at least 2 months",
        "inclusion",
        {("riluzole", "inclusion", "stable_or_none", 60)},
    ),
    (
        "NCT02794857",
        "Stable dose (greater than 30 days) of riluzole if undergoing treatment with this agent",
        "inclusion",
        {("riluzole", "inclusion", "stable_or_none", 30)},
    ),
    (
        "NCT05983211",
        "If taking Riluzole, must be on a stable dose for at least 12 weeks prior to Baseline",
        "inclusion",
        {("riluzole", "inclusion", "stable_or_none", 84)},
    ),
    (
        "NCT05983211",
        "If taking AMX005, must be on stable dose for at least 4 weeks prior to Baseline",
        "inclusion",
        {("phenylbutyrate_taurursodiol", "inclusion", "stable_or_none", 28)},
    ),
    (
        "NCT05306457",
        "Not taking riluzole and/or edaravone or on a stable dose for ≥ 30 day",
        "inclusion",
        {
            ("riluzole", "inclusion", "stable_or_none", 30),
            ("edaravone", "inclusion", "stable_or_none", 30),
        },
    ),
    # Edaravone cycles.
    (
        "NCT05983211",
        "If undergoing Edaravone treatment, must be on a stable dose of at least one completed cycle (IV or Oral Edaravone) prior to Baseline",
        "inclusion",
        {("edaravone", "inclusion", "cycles_or_none", 1)},
    ),
    (
        "NCT04944784",
        "Must have completed at least 2 cycles of edaravone at the time of screening or have not received it for at least 30 days prior to screening",
        "inclusion",
        {("edaravone", "inclusion", "cycles_or_none", 2)},
    ),
    (
        "NCT07287397",
        "Treatment with riluzole and/or edaravone is allowed if treatment was started and has remained at a stable dose for at least 2 weeks (riluzole) or one treatment cycle (edaravone) before the Screening visit",
        "inclusion",
        {
            ("riluzole", "inclusion", "stable_or_none", 14),
            ("edaravone", "inclusion", "cycles_or_none", 1),
        },
    ),
    # Must be on riluzole.
    (
        "NCT00136110",
        "Intake of riluzole 50 mg twice a day (bid)",
        "inclusion",
        {("riluzole", "inclusion", "current", True)},
    ),
    (
        "NCT02588677",
        "Patient treated with a stable dose of riluzole (100 mg/day) for at least 30 days prior to screening",
        "inclusion",
        {("riluzole", "inclusion", "current", True)},
    ),
    # "Absence of treatment with riluzole" under exclusions means riluzole is required.
    (
        "NCT02152449",
        "Absence of treatment with Riluzole (RILUTEK®)",
        "exclusion",
        {("riluzole", "inclusion", "current", True)},
    ),
    # Washout: took it recently.
    (
        "NCT03548311",
        "Those who had edaravone less than 4 weeks prior to entry",
        "exclusion",
        {("edaravone", "exclusion", "within", 28)},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "expected"), DRUG_CASES)
def test_als_drug_shapes(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, str, str, object]]
) -> None:
    """stable_or_none / current / cycles_or_none / within read from real drug wording."""
    assert readings(real(nct, sentence), kind) == expected  # type: ignore[arg-type]


def test_must_be_on_riluzole_keeps_its_stable_days() -> None:
    """NCT04172792: "stable on standard therapy riluzole ... for at least 4 weeks" → current, 28 days."""
    sentence = real(
        "NCT04172792", "stable on standard therapy riluzole (100 mg/day) for at least 4 weeks"
    )
    assert only(sentence, "inclusion", "riluzole").extra["stable_days"] == 28


def test_drug_named_after_a_shared_duration_is_not_given_it() -> None:
    """NCT04768972: edaravone's 28 days are not copied to the cut-off riluzole clause after it."""
    sentence = real(
        "NCT04768972",
        "Participants taking edaravone must be on a stable dose for ≥ 28 days prior to Screening and riluzole must be",
    )
    assert readings(sentence, "inclusion") == {("edaravone", "inclusion", "stable_or_none", 28)}
    assert "riluzole" in reviewed(sentence, "inclusion")


@pytest.mark.parametrize(
    ("nct", "sentence", "kind"),
    [
        # Non-takers will be started on riluzole: "currently on" is not a requirement here.
        (
            "NCT02238626",
            "Currently on a stable dose of riluzole for at least 30 days prior to initiation of study drug. Subjects not currently taking riluzole will be started on 50 mg qd for the first 7 days followed by 50 mg bid for the following 21 days prior to screening.",
            "inclusion",
        ),
        ("NCT03548311", "Those who changed the schedule and dosing of riluzole", "exclusion"),
    ],
)
def test_drug_wording_that_cannot_be_read_is_reviewed(nct: str, sentence: str, kind: str) -> None:
    """Riluzole wording with a start-up plan or a dose change is kept for review."""
    text = real(nct, sentence)
    assert readings(text, kind) == set()  # type: ignore[arg-type]
    assert "riluzole" in reviewed(text, kind)  # type: ignore[arg-type]


def test_study_drug_last_dose_is_not_a_drug_criterion() -> None:
    """NCT05619783: "3 months after last dose of AMX0035" (contraception) is no AMX0035 criterion."""
    sentence = real(
        "NCT05619783",
        "Men must agree to practice contraception for the duration of the trial and for at least 3 months after last dose of AMX0035",
    )
    assert readings(sentence, "inclusion") == set()
    assert "phenylbutyrate_taurursodiol" not in reviewed(sentence, "inclusion")


INVESTIGATIONAL = [
    (
        "NCT00561366",
        "Exposure to any investigational agent within 30 days of the Screening Visit.",
        30,
    ),
    (
        "NCT05039268",
        "Use of investigational drugs or devices within 60 days prior to Baseline (dietary supplements taken outside of a clinical trial are not exclusionary, e.g., coenzyme Q10)",
        60,
    ),
    ("NCT04172792", "participation in another clinical trial within the preceding 8 weeks", 56),
    ("NCT03548311", "Those who participated other clinical trials within 12 weeks", 84),
    # "30 days or five half-lives, whichever is longer" is read as at least 30 days.
    (
        "NCT02936635",
        "Has taken an investigational study drug (other than tirasemtiv) prior to dosing, within 30 days or five half-lives of the prior agent, whichever",
        30,
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "days"), INVESTIGATIONAL)
def test_recent_investigational_drug_window_in_days(nct: str, sentence: str, days: int) -> None:
    """Recent investigational drug or trial exclusions become "within" N days."""
    criterion = only(real(nct, sentence), "exclusion", "investigational_drug")
    assert (criterion.kind, criterion.op, criterion.value, criterion.unit) == (
        "exclusion",
        "within",
        days,
        "days",
    )


def test_half_lives_window_carries_a_note() -> None:
    """The half-lives alternative is kept as a note so the study team can be asked."""
    sentence = real(
        "NCT02936635",
        "Has taken an investigational study drug (other than tirasemtiv) prior to dosing, within 30 days or five half-lives of the prior agent, whichever",
    )
    assert "half-lives" in only(sentence, "exclusion", "investigational_drug").extra["note"]


def test_current_trial_participation_without_window_is_reviewed() -> None:
    """NCT03707795: "Currently participating in another clinical drug trial" has no window: review."""
    sentence = real("NCT03707795", "Currently participating in another clinical drug trial")
    assert readings(sentence, "exclusion") == set()
    assert "investigational_drug" in reviewed(sentence, "exclusion")
