"""Vital capacity, tracheostomy, ventilation, NIV hours, feeding tubes, swallowing pills."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import pytest

from tests.criteria_cases import only, readings, real, reviewed

VC = [
    ("NCT00047723", "FVC greater or equal to 75% of predicted.", "inclusion", ">=", 75, "fvc"),
    ("NCT00047723", "FVC < 75% of predicted.", "exclusion", "<", 75, "fvc"),
    ("NCT01650818", "Forced vital capacity \\>= 70% of predicted.", "inclusion", ">=", 70, "fvc"),
    (
        "NCT04297683",
        "5. Vital Capacity ≥ 50% of predicted capacity at the time of the Master Protocol Sc",
        "inclusion",
        ">=",
        50,
        "any",
    ),
    (
        "NCT02238626",
        "Slow vital capacity ≥ 60% of predicted within 1 month prior to Treatment Day 1",
        "inclusion",
        ">=",
        60,
        "svc",
    ),
    (
        "NCT00136110",
        "Vital capacity (VC%) ≥ 70% of normal value (slow expiration, best of a minimum of three and a maximum of five measurements",
        "inclusion",
        ">=",
        70,
        "svc",
    ),
    ("NCT03548311", "%FVC<60%", "exclusion", "<", 60, "fvc"),
    ("NCT06889857", "Patients with a percent FVC of 60 or less", "exclusion", "<=", 60, "fvc"),
    ("NCT00353665", "Forced vital capacity - <60%", "exclusion", "<", 60, "fvc"),
    (
        "NCT04768972",
        "Upright (sitting position) slow vital capacity (SVC) as adjusted for sex, age, and height ≥ 50 percentage (%) of predicted value",
        "inclusion",
        ">=",
        50,
        "svc",
    ),
    (
        "NCT07287397",
        "Erect (seated) SVC % predicted ≥ 80% at Screening",
        "inclusion",
        ">=",
        80,
        "svc",
    ),
    ("NCT03214224", "FVC ≤50% predicted or MIP > -60 cm H2O.", "exclusion", "<=", 50, "fvc"),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "op", "value", "test"), VC)
def test_vital_capacity_limit_side_and_test(
    nct: str, sentence: str, kind: str, op: str, value: int, test: str
) -> None:
    """A VC limit keeps its side (inclusion minimum or exclusion maximum) and names its test."""
    criterion = only(real(nct, sentence), kind, "vital_capacity")  # type: ignore[arg-type]
    assert (
        criterion.kind,
        criterion.op,
        criterion.value,
        criterion.unit,
        criterion.extra["test"],
    ) == (kind, op, value, "percent", test)


@pytest.mark.parametrize(
    ("nct", "sentence", "kind"),
    [
        # One of several alternative ways in: FVC < 50 % alone must not be required.
        (
            "NCT01605006",
            "Chronic hypoventilation was documented by at least one of the following: FVC less than 50% predicted, or |MIP| less than 60 cmH2O",
            "inclusion",
        ),
        # "unless the tidal volume is > 600cc": the limit has an exception.
        (
            "NCT00125203",
            "Forced vital capacity (FVC) <40% of predicted unless the tidal volume is > 600cc",
            "exclusion",
        ),
    ],
)
def test_vital_capacity_with_alternatives_or_exceptions_is_reviewed(
    nct: str, sentence: str, kind: str
) -> None:
    """A VC limit that is one alternative among several, or has an exception, is only reviewed."""
    text = real(nct, sentence)
    assert readings(text, kind) == set()  # type: ignore[arg-type]
    assert "vital_capacity" in reviewed(text, kind)  # type: ignore[arg-type]


VENTILATION = [
    # Ventilation through a tracheotomy is invasive ventilation.
    (
        "NCT00047723",
        "Requirement for tracheotomy ventilation (or non-invasive ventilation > 23 hours/day).",
        "exclusion",
        {("invasive_ventilation", "exclusion", "==", True), ("niv", "exclusion", ">", 23)},
    ),
    (
        "NCT00790582",
        "Need tracheotomy ventilation or non-invasive ventilation 23 or more hours/day",
        "exclusion",
        {("invasive_ventilation", "exclusion", "==", True), ("niv", "exclusion", ">=", 23)},
    ),
    (
        "NCT00136110",
        "Tracheostomy, tracheostomal ventilation of any type, non-invasive ventilation more than 16 hours/ day",
        "exclusion",
        {
            ("tracheostomy", "exclusion", "==", True),
            ("invasive_ventilation", "exclusion", "==", True),
            ("niv", "exclusion", ">", 16),
        },
    ),
    (
        "NCT04172792",
        "tracheostomy or assisted ventilation of any type which exceeds 23 hours per day",
        "exclusion",
        {("tracheostomy", "exclusion", "==", True), ("niv", "exclusion", ">", 23)},
    ),
    (
        "NCT00403104",
        "Presence of a tracheotomy, mechanical ventilation or non-invasive ventilation",
        "exclusion",
        {
            ("tracheostomy", "exclusion", "==", True),
            ("invasive_ventilation", "exclusion", "==", True),
            ("niv", "exclusion", "==", True),
        },
    ),
    (
        "NCT05306457",
        "Using invasive ventilatory assistance",
        "exclusion",
        {("invasive_ventilation", "exclusion", "==", True)},
    ),
    # Negated inclusions become exclusions of the positive state.
    (
        "NCT04226144",
        "without tracheostomy or invasive mechanical ventilation",
        "inclusion",
        {
            ("tracheostomy", "exclusion", "==", True),
            ("invasive_ventilation", "exclusion", "==", True),
        },
    ),
    (
        "NCT07257302",
        "Not using noninvasive ventilation (NIV) and without tracheostomy at the start of LIC training",
        "inclusion",
        {("tracheostomy", "exclusion", "==", True), ("niv", "exclusion", "==", True)},
    ),
    (
        "NCT02794857",
        "Tracheotomy or be using ventilatory assistance, including Bi-level Positive Airway Pressure (BiPAP) or Continuous Positive Airway Pressure (CPAP)",
        "exclusion",
        # Ventilatory assistance of any kind covers invasive ventilation and NIV.
        {
            ("tracheostomy", "exclusion", "==", True),
            ("niv", "exclusion", "==", True),
            ("invasive_ventilation", "exclusion", "==", True),
        },
    ),
    (
        "NCT02588677",
        "Patient who underwent tracheostomy and/or gastrostomy",
        "exclusion",
        {("tracheostomy", "exclusion", "==", True), ("gastrostomy", "exclusion", "==", True)},
    ),
    (
        "NCT00876772",
        "Percutaneous Endoscopic Gastronomy (PEG)",
        "exclusion",
        {("gastrostomy", "exclusion", "==", True)},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "expected"), VENTILATION)
def test_ventilation_and_feeding_states(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, str, str, object]]
) -> None:
    """Tracheostomy, invasive ventilation, NIV (or its hours a day) and feeding tubes, with negation."""
    assert readings(real(nct, sentence), kind) == expected  # type: ignore[arg-type]


def test_niv_hours_have_their_unit() -> None:
    """NIV hours a day carry unit "hours_per_day"."""
    sentence = real(
        "NCT00136110",
        "Tracheostomy, tracheostomal ventilation of any type, non-invasive ventilation more than 16 hours/ day, or supplemental oxygen during the last three months prior to inclusion.",
    )
    criterion = only(sentence, "exclusion", "niv")
    assert (criterion.op, criterion.value, criterion.unit) == (">", 16, "hours_per_day")


@pytest.mark.parametrize(
    ("nct", "sentence", "kind"),
    [
        (
            "NCT06844370",
            "Immediate need to start NIV (<24hrs) and/or acute illness requiring inpatienttreatment",
            "exclusion",
        ),
        ("NCT05136222", "Clinical indication to commence long term NIV", "inclusion"),
        ("NCT05136222", "Use of NIV for more than 1 month in the previous 3 months", "exclusion"),
        (
            "NCT05983211",
            "Able to lie supine without BiPAP or breathing discomfort for at least 1 hour",
            "inclusion",
        ),
        ("NCT04391361", "Patients with ventilator-assisted ventilation.", "exclusion"),
    ],
)
def test_qualified_ventilation_wording_is_reviewed(nct: str, sentence: str, kind: str) -> None:
    """Needing to start NIV or "ventilator-assisted" gives no automatic exclusion."""
    text = real(nct, sentence)
    assert {r for r in readings(text, kind) if r[0] in {"niv", "invasive_ventilation"}} == set()  # type: ignore[arg-type]
    assert reviewed(text, kind) & {"niv", "invasive_ventilation"}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("nct", "sentence", "kind", "expected"),
    [
        (
            "NCT04944784",
            "Able to swallow whole tablets",
            "inclusion",
            {("swallow_pills", "inclusion", "==", True)},
        ),
        (
            "NCT00561366",
            "Ability to take oral medication at the Screening Visit, based on verbal report.",
            "inclusion",
            {("swallow_pills", "inclusion", "==", True)},
        ),
        # A feeding tube is allowed here: no gastrostomy criterion at all.
        (
            "NCT06656702",
            "Patients with ability to swallow tablets by mouth. Participants may have a feeding tube, but must be able to swallow by mouth and cannot use the feeding tube to administer the psilocybin tablet.",
            "inclusion",
            {("swallow_pills", "inclusion", "==", True)},
        ),
        # The ALSFRS-R swallowing item is a score, not the ability to swallow pills.
        (
            "NCT04293484",
            'Score ≥ 2 at the item "swallowing" of the ALS Functional Rating Scale Revised',
            "inclusion",
            {("alsfrs_r_item", "inclusion", ">=", 2)},
        ),
    ],
)
def test_swallowing_pills(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, str, str, object]]
) -> None:
    """Ability to swallow pills is required; a permitted feeding tube and the ALSFRS-R item are not it."""
    assert readings(real(nct, sentence), kind) == expected  # type: ignore[arg-type]


def test_inability_to_swallow_in_exclusions_is_swallow_pills_false() -> None:
    """An exclusion worded "not able to swallow" excludes swallow_pills == False."""
    found = readings("Patients not able to swallow tablets", "exclusion")
    assert found == {("swallow_pills", "exclusion", "==", False)}


def test_required_gastrostomy_is_not_trusted() -> None:
    """NCT00925847: an inclusion "Patients with gastrostomy" is reviewed, never required blindly."""
    sentence = real("NCT00925847", "Patients with gastrostomy")
    assert readings(sentence, "inclusion") == set()
    assert "gastrostomy" in reviewed(sentence, "inclusion")


def test_niv_required_as_ongoing_treatment() -> None:
    """NCT06021938: "treated by non-invasive ventilation for more than a month" requires NIV."""
    sentence = real(
        "NCT06021938",
        "Respiratory failure due to diaphragmatic dysfunction treated by non-invasive ventilation for more than a month",
    )
    assert ("niv", "inclusion", "==", True) in readings(sentence, "inclusion")
