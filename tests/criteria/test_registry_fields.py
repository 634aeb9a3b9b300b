"""Registry-field criteria: one mapping for the extractor and the general rules."""

from __future__ import annotations

from dataclasses import replace

from screener.criteria.registry_fields import registry_criteria
from screener.registry.records import StudyRecord
from screener.registry.source import from_snapshot
from screener.rules.book import load_rulebook


def _record(nct: str = "NCT01650818") -> StudyRecord:
    return next(r for r in from_snapshot().records if r.nct_id == nct)


def test_extractor_and_general_rules_read_the_fields_the_same_way() -> None:
    """Same factor, op and value from both; only the wording differs."""
    record = replace(_record(), sex="FEMALE", healthy_volunteers=True)
    general = load_rulebook().general
    assert general is not None
    ruled = general.criteria_for(record)
    extracted = registry_criteria(record)
    read = {(c.factor, c.op, str(c.value)) for c in extracted}
    assert read == {
        (c.factor, c.op, str(c.value)) for c in ruled if c.factor != "healthy_volunteers"
    }
    assert ("sex", "in", "['female']") in read
    assert {c.source for c in [*ruled, *extracted]} == {"registry"}
    assert all(c.text.endswith("(registry field)") for c in extracted)


def test_a_minimum_age_of_zero_sets_no_limit() -> None:
    """ "0 Years" is no minimum: neither the extractor nor the general rules make one."""
    record = replace(_record(), min_age_years=0.0, min_age_text="0 Years")
    general = load_rulebook().general
    assert general is not None
    for criteria in (registry_criteria(record), general.criteria_for(record)):
        assert not [c for c in criteria if c.factor == "age_years" and c.op == ">="]
        assert [c for c in criteria if c.factor == "age_years" and c.op == "<="]
