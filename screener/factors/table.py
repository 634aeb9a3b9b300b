"""Every factor the screener knows, once: adding a factor means adding one entry here.

The conventions of each factor's ``op`` / ``value`` / ``unit`` / ``extra`` are documented in
``screener/criteria/model.py``; every other table (the criteria's factor list, the rule
checks, the units the engine compares, triage's grouping keys, the questions' steps and the
wording's labels) is derived from this one, and tests check that nothing is listed twice.
"""

from __future__ import annotations

from screener.factors.spec import DRUG_OPS, RANGE_OPS, FactorSpec
from screener.factors.vocabulary import DIAGNOSIS_CATEGORIES

__all__ = ["FACTOR_SPECS", "SPECS", "FACTORS", "DRUGS", "YES_NO"]

_YES_NO = ("true", "false")


def _yes_no(name: str, key: str, step: str, *also_reads: str) -> FactorSpec:
    """A factor the person answers yes or no to, stored under ``key``."""
    return FactorSpec(
        name=name,
        ops=("==",),
        categories=_YES_NO,
        reads=(key, *also_reads),
        flag_key=key,
        step=step,
    )


def _drug(name: str, *extra_ops: str) -> FactorSpec:
    """An ALS medicine: taken or not, since when on a stable dose, when last taken."""
    also_units = ("cycles",) if "cycles_or_none" in extra_ops else ()
    return FactorSpec(
        name=name,
        ops=(*DRUG_OPS, *extra_ops),
        unit="days",
        low=0,
        high=3650,
        optional=("stable_days",),
        also_units=also_units,
        reads=(name,),
        step="medicines",
    )


def _alsfrs(
    name: str,
    label: str,
    high: float,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
) -> FactorSpec:
    """An ALSFRS-R score limit (total, item or subscore), read from the ALSFRS-R answer."""
    return FactorSpec(
        name=name,
        ops=RANGE_OPS,
        unit="points",
        low=0,
        high=high,
        reads=("alsfrs_r",),
        step="alsfrs",
        label=label,
        required=required,
        optional=optional,
    )


def _since(name: str, key: str, label: str) -> FactorSpec:
    """Months since a date the person gave (first symptom, diagnosis)."""
    return FactorSpec(
        name=name,
        ops=RANGE_OPS,
        unit="months",
        low=0,
        high=600,
        reads=(key,),
        step="dates",
        label=label,
    )


FACTOR_SPECS: tuple[FactorSpec, ...] = (
    FactorSpec(
        name="age_years",
        ops=RANGE_OPS,
        unit="years",
        low=0,
        high=120,
        reads=("age_years",),
        step="about",
        label="age",
    ),
    FactorSpec(
        name="sex", ops=("in",), categories=("female", "male"), reads=("sex",), step="about"
    ),
    _since("months_since_onset", "onset_date", "time since first symptoms"),
    _since("months_since_diagnosis", "diagnosis_date", "time since diagnosis"),
    FactorSpec(
        name="diagnosis_category",
        ops=("in",),
        categories=DIAGNOSIS_CATEGORIES,
        reads=("diagnosis_category",),
        step="diagnosis",
    ),
    FactorSpec(
        name="gold_coast",
        ops=("==",),
        categories=("true",),
        reads=("gold_coast",),
        flag_key="gold_coast",
        step="diagnosis",
    ),
    _alsfrs("alsfrs_r_total", "ALSFRS-R total", 48),
    _alsfrs("alsfrs_r_item", "ALSFRS-R item score", 4, required=("item",), optional=("except",)),
    _alsfrs("alsfrs_r_subscore", "ALSFRS-R subscore", 12, required=("domain",)),
    FactorSpec(
        name="alsfrs_r_slope",
        ops=RANGE_OPS,
        unit="points_per_month",
        low=0,
        high=48,
        reads=("alsfrs_r", "onset_date"),
        step="alsfrs",
        label="ALSFRS-R progression rate (ΔFS)",
    ),
    FactorSpec(
        name="vital_capacity",
        ops=RANGE_OPS,
        unit="percent",
        low=0,
        high=200,
        optional=("test",),
        reads=("vital_capacity", "vital_capacity_other"),
        step="breathing",
        label="vital capacity",
    ),
    _yes_no("tracheostomy", "tracheostomy", "support"),
    FactorSpec(
        name="invasive_ventilation",
        ops=("==",),
        categories=_YES_NO,
        reads=("ventilation",),
        step="support",
    ),
    FactorSpec(
        name="niv",
        ops=("==", *RANGE_OPS),
        unit="hours_per_day",
        low=0,
        high=24,
        categories=("true",),
        reads=("ventilation", "niv_hours_per_day"),
        step="support",
        label="time on NIV",
    ),
    _yes_no("gastrostomy", "gastrostomy", "support"),
    _yes_no("swallow_pills", "can_swallow_pills", "support"),
    FactorSpec(
        name="gene",
        ops=("==",),
        categories=("positive", "negative"),
        required=("gene",),
        reads=("genes",),
        step="genes",
    ),
    _yes_no("familial", "familial", "diagnosis"),
    _drug("riluzole"),
    _drug("edaravone", "cycles_or_none"),
    _drug("tofersen"),
    _drug("phenylbutyrate_taurursodiol"),
    FactorSpec(
        name="investigational_drug",
        ops=("within", "ever"),
        unit="days",
        low=0,
        high=3650,
        reads=("investigational_drug_last_dose",),
        step="health",
    ),
    # A pregnancy or breastfeeding question does not apply to a man: those read sex too.
    _yes_no("pregnancy", "pregnant", "health", "sex"),
    _yes_no("breastfeeding", "breastfeeding", "health", "sex"),
    _yes_no("dementia", "dementia", "health"),
    _yes_no("other_neurological_disease", "other_neurological_disease", "health"),
    FactorSpec(
        name="healthy_volunteers",
        ops=("==",),
        categories=_YES_NO,
        # Anyone who gave a date or a category has ALS, so is not a healthy volunteer.
        reads=("onset_date", "diagnosis_date", "diagnosis_category"),
    ),
)
"""Every factor, in the order error messages and documentation list them."""

SPECS: dict[str, FactorSpec] = {spec.name: spec for spec in FACTOR_SPECS}
FACTORS: tuple[str, ...] = tuple(SPECS)
DRUGS: tuple[str, ...] = tuple(spec.name for spec in FACTOR_SPECS if "stable_or_none" in spec.ops)
"""The ALS medicines: each a factor and a profile key of its own."""
YES_NO: tuple[str, ...] = tuple(spec.name for spec in FACTOR_SPECS if spec.flag_key is not None)
"""Factors the person answers with a plain yes or no."""
