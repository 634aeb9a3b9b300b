"""Readings compared with each other: differing limits and "A or B" are alternatives."""

from __future__ import annotations

from screener.criteria.alternatives import alternative_limits, alternative_requirements
from screener.criteria.context import Found
from screener.criteria.model import Criterion


def onset(limit: int, source: str = "text") -> Criterion:
    return Criterion(
        "months_since_onset", "inclusion", "<=", limit, "months", f"≤ {limit} m", {}, source
    )


def test_the_stricter_of_two_limits_on_one_thing_is_tentative() -> None:
    """'Within 24 months' beside 'within 48 months': only the stricter may not turn anyone away."""
    strict, loose = alternative_limits([onset(24), onset(48)])
    assert "48" in strict.extra["tentative"]
    assert "tentative" not in loose.extra


def test_limits_from_rule_files_are_left_as_written() -> None:
    """A coordinator's rules are read as they are; only text readings are compared."""
    criteria = [onset(24, "rule:x.yaml"), onset(48, "rule:x.yaml")]
    assert alternative_limits(criteria) == criteria


def test_an_inclusion_or_folds_into_one_criterion_with_the_other_as_condition() -> None:
    """'FVC ≥ 65 % or SVC ≥ 60 %': FVC applies only when SVC is below 60 %."""
    text = "FVC ≥ 65 % or SVC ≥ 60 % predicted"
    fvc = Found("vital_capacity", "inclusion", ">=", 65, "percent", {"test": "fvc"})
    svc = Found("vital_capacity", "inclusion", ">=", 60, "percent", {"test": "svc"})
    [folded] = alternative_requirements(text, [fvc, svc], "inclusion")
    condition = folded.extra["condition"]
    assert (condition["op"], condition["value"], condition["test"]) == ("<", 60, "svc")
    assert condition["alternative"] is True and folded.value == 65


def test_an_exclusion_or_is_two_exclusions() -> None:
    """'Tracheostomy or invasive ventilation' in the exclusions excludes either one."""
    found = [
        Found("tracheostomy", "exclusion", "==", True, None, {}),
        Found("invasive_ventilation", "exclusion", "==", True, None, {}),
    ]
    assert alternative_requirements("tracheostomy or ventilation", found, "exclusion") == found
