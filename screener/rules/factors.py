"""Checks that a rule's value, unit and extra fields fit what its factor may say.

What each factor accepts (operators, range, units, extras) is the factor table
(``screener/factors``), the same the engine reads, so a rule file can only produce criteria
the engine understands. The checks return problems as ``(field, message)`` pairs; the
caller adds the file and rule names.
"""

from __future__ import annotations

from typing import Any

from screener.criteria.model import UNCLASSIFIED
from screener.factors import FACTORS, SPECS, FactorSpec
from screener.factors.spec import NUMERIC_OPS, UNIT_FACTORS
from screener.factors.vocabulary import DOMAINS, MAIN_GENES, VC_TESTS
from screener.inputs.untrusted import shown

__all__ = [
    "OP_WORDS",
    "GENES",
    "ALLOWED_FACTORS",
    "Problem",
    "canonical_op",
    "check_value",
    "check_unit",
    "check_extras",
]

OP_WORDS: dict[str, str] = {
    "at_least": ">=",
    "more_than": ">",
    "at_most": "<=",
    "less_than": "<",
    "≥": ">=",
    "≤": "<=",
    "=": "==",
    "is": "==",
}
"""Spellings a coordinator may write instead of the symbols (YAML needs ``">="`` quoted)."""

GENES: tuple[str, ...] = (*MAIN_GENES, "any")
ALLOWED_FACTORS: tuple[str, ...] = (*FACTORS, UNCLASSIFIED)

Problem = tuple[str, str]


def canonical_op(op: object) -> object:
    """The model's spelling of an operator written as a word or a Unicode sign."""
    return OP_WORDS.get(op, op) if isinstance(op, str) else op


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: object) -> str:
    return shown(value)


def _range_text(spec: FactorSpec, factor: str) -> str:
    return f"between {spec.low:g} and {spec.high:g} {spec.unit} for factor '{factor}'"


def _number_problem(spec: FactorSpec, factor: str, value: object, scale: float) -> str | None:
    if not _is_number(value):
        return f"must be a number (got {_show(value)})"
    assert isinstance(value, int | float)
    if not spec.low <= value * scale <= spec.high:
        return f"must be {_range_text(spec, factor)} (got {_show(value)})"
    return None


def _equality_problem(spec: FactorSpec, factor: str, value: object) -> str | None:
    if spec.categories == ("positive", "negative"):
        ok = value in spec.categories
    else:
        ok = isinstance(value, bool) and str(value).lower() in spec.categories
    if ok:
        return None
    return f"must be {' or '.join(spec.categories)} for factor '{factor}' (got {_show(value)})"


def check_value(factor: str, op: str, value: object, scale: float) -> str | None:
    """Why ``value`` does not fit ``factor`` ``op``, or None when it does."""
    spec = SPECS[factor]
    if op in NUMERIC_OPS or op in ("stable_or_none", "within"):
        return _number_problem(spec, factor, value, scale)
    if op == "between":
        if not (isinstance(value, list) and len(value) == 2):
            return f"must be a list of two numbers [low, high] for op 'between' (got {value!r})"
        for bound in value:
            problem = _number_problem(spec, factor, bound, scale)
            if problem:
                return problem
        return None if value[0] <= value[1] else f"must list the low number first (got {value})"
    if op == "in":
        allowed = ", ".join(spec.categories)
        if not isinstance(value, list) or not value:
            return f"must be a list of one or more of {allowed} (got {_show(value)})"
        wrong = [v for v in value if v not in spec.categories]
        return f"must only hold {allowed} (got {_show(wrong[0])})" if wrong else None
    if op in ("current", "ever"):
        return None if value is True else f"must be true for op '{op}' (got {_show(value)})"
    if op == "cycles_or_none":
        good = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100
        return None if good else f"must be a whole number of cycles, 1 to 100 (got {value!r})"
    return _equality_problem(spec, factor, value)


def check_unit(factor: str, op: str | None, unit: object) -> tuple[str | None, float, str | None]:
    """The canonical unit, the factor converting to it, and a problem (or None)."""
    spec = SPECS[factor]
    if op in ("==", "in", "current", "ever") or spec.unit is None:
        if unit is None:
            return None, 1.0, None
        return None, 1.0, f"is not used with factor '{factor}' op '{op}' (got {_show(unit)})"
    if op == "cycles_or_none":
        ok = unit in (None, "cycles")
        return "cycles", 1.0, None if ok else f"must be cycles (got {_show(unit)})"
    units = UNIT_FACTORS.get(spec.unit, {spec.unit: 1.0})
    if unit is None:
        return spec.unit, 1.0, None
    if unit not in units:
        return spec.unit, 1.0, f"must be one of {', '.join(units)} (got {_show(unit)})"
    return spec.unit, units[str(unit)], None


def check_extras(factor: str, op: str | None, extras: dict[str, Any]) -> list[Problem]:
    """Problems with the factor-specific fields (test, item, except, gene, domain...)."""
    spec = SPECS[factor]
    problems: list[Problem] = []
    allowed = set(spec.required) | set(spec.optional)
    for name, value in extras.items():
        if name not in allowed:
            used = ", ".join(sorted(allowed)) or "none"
            problems.append(
                (name, f"is not used with factor '{factor}' (its extra fields: {used})")
            )
            continue
        choices: tuple[object, ...] = {
            "test": VC_TESTS,
            "gene": GENES,
            "domain": DOMAINS,
            "item": (*range(1, 13), "each"),
        }.get(name, ())
        if choices and value not in choices:
            listed = ", ".join(str(c) for c in choices)
            problems.append((name, f"must be one of {listed} (got {_show(value)})"))
        if name == "except" and not (
            isinstance(value, list) and value and all(v in range(1, 13) for v in value)
        ):
            problems.append((name, f"must be a list of item numbers 1 to 12 (got {value!r})"))
        if name == "stable_days" and (not _is_number(value) or value < 0 or op != "current"):
            problems.append((name, f"must be a number of days, with op 'current' (got {value!r})"))
    if op is not None:
        for name in spec.required:
            if name not in extras:
                problems.append((name, f"is required for factor '{factor}'"))
    if "except" in extras and extras.get("item") != "each":
        problems.append(("except", "is only used with item: each"))
    return problems
