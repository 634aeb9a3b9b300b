"""The factor table is the one place a factor is described; every other table follows it."""

from __future__ import annotations

import ast
from pathlib import Path

from screener.criteria import model
from screener.factors import FACTOR_SPECS, FACTORS, SPECS
from screener.factors.spec import RANGE_OPS
from screener.factors.table import DRUGS, YES_NO
from screener.person import questionnaire
from screener.person.profile import Profile
from screener.screening import evaluate, readers_drugs, readers_yes_no, wording
from screener.triage import groups

CRITERIA_DIR = Path(model.__file__).parent
_FACTOR_CALLS = frozenset({"Found", "review", "state", "threshold", "Criterion"})


def test_every_factor_is_described_once() -> None:
    """No two specs share a name, and the criteria's factor list is the table's, in order."""
    names = [spec.name for spec in FACTOR_SPECS]
    assert len(names) == len(set(names))
    assert tuple(names) == FACTORS
    assert set(SPECS) == set(FACTORS)


def test_numbers_have_a_unit_and_a_range() -> None:
    """A factor compared as a number has a canonical unit and a range that is not empty."""
    for spec in FACTOR_SPECS:
        if set(spec.ops) & set(RANGE_OPS):
            assert spec.unit is not None and spec.low < spec.high, spec.name
        if spec.unit is None:
            assert spec.label is None, spec.name


def test_every_factor_reads_profile_keys_and_is_asked_in_a_step() -> None:
    """Reads name real profile keys; a yes/no key is one of them; steps are real steps."""
    fields = set(Profile.model_fields)
    for spec in FACTOR_SPECS:
        assert spec.reads and set(spec.reads) <= fields, spec.name
        assert spec.flag_key is None or spec.flag_key in spec.reads, spec.name
        assert spec.step is None or spec.step in questionnaire.STEP_INDEX, spec.name


def test_a_factor_is_asked_in_the_step_of_the_key_it_reads_first() -> None:
    """'Go to the question' for a factor and for its first profile key open the same step."""
    for spec in FACTOR_SPECS:
        asked = questionnaire.KEY_QUESTION.get(spec.reads[0])
        if spec.step is not None and asked is not None:
            assert asked[1] == spec.step, spec.name


def test_derived_tables_are_what_the_factor_table_gives() -> None:
    """Adding a factor touches one place: every per-factor table is computed from the specs."""
    derived = {
        "engine units": (
            evaluate.ALLOWED_UNITS,
            {s.name: frozenset({None, s.unit, *s.also_units}) for s in FACTOR_SPECS if s.unit},
        ),
        "triage keys": (groups.DEPENDS, {s.name: s.reads for s in FACTOR_SPECS}),
        "triage flags": (
            groups._FLAG_KEYS,
            {s.name: s.flag_key for s in FACTOR_SPECS if s.flag_key and s.reads == (s.flag_key,)},
        ),
        "steps": (questionnaire.FACTOR_STEP, {s.name: s.step for s in FACTOR_SPECS if s.step}),
        "labels": (wording.LABELS, {s.name: s.label for s in FACTOR_SPECS if s.label}),
    }
    for table, (used, given) in derived.items():
        assert used == given, table


def test_the_engine_units_are_the_rule_units() -> None:
    """A limit a rule file may write in a factor's canonical unit is one the engine compares."""
    for name, spec in SPECS.items():
        for unit in spec.units()[:1]:
            assert unit in evaluate.ALLOWED_UNITS[name], name


def test_readers_cover_the_table_exactly() -> None:
    """Every factor has one reader and every reader a factor; wording covers every kind."""
    assert set(evaluate.READERS) == set(FACTORS)
    assert set(readers_yes_no.PHRASES) == set(YES_NO)
    assert set(readers_drugs.DRUG_NAMES) == set(DRUGS)


def _factor_literals(tree: ast.AST) -> set[str]:
    """Factor names written as literals where the extractor builds a finding or criterion."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in _FACTOR_CALLS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
        for keyword in node.keywords:
            if keyword.arg == "factor" and isinstance(keyword.value, ast.Constant):
                found.add(str(keyword.value.value))
    return found


def test_every_factor_the_extractor_writes_is_a_spec() -> None:
    """A pattern family cannot produce a factor the table does not describe."""
    used: set[str] = set()
    for path in sorted(CRITERIA_DIR.rglob("*.py")):
        used |= _factor_literals(ast.parse(path.read_text(encoding="utf-8")))
    assert len(used) > 20  # the walk finds the pattern families' factors at all
    assert used <= {*FACTORS, model.UNCLASSIFIED}, used - {*FACTORS, model.UNCLASSIFIED}


def test_the_factor_table_is_the_bottom_layer() -> None:
    """screener.factors imports nothing else of the screener, so every layer may read it."""
    package = Path(model.__file__).parents[1] / "factors"
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
                assert not module.startswith("screener.") or module.startswith(
                    ("screener.factors", "screener.errors")
                ), (path.name, module)
            elif isinstance(node, ast.Import):
                assert all(
                    not a.name.startswith("screener.") or a.name.startswith("screener.factors")
                    for a in node.names
                ), path.name
