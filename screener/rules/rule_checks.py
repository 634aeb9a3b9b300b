"""A rule file's rules checked for meaning and made into criteria, each problem in words.

Structure is checked by the pydantic shapes in ``rules/model.py``; here each rule is checked
on its own (factor, operator, value, unit, extras, condition) so one bad rule does not hide
the problems of the next, and a good rule becomes a ``Criterion``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import ValidationError

from screener.criteria.model import UNCLASSIFIED, Criterion, Kind
from screener.factors import FACTORS, SPECS
from screener.inputs.untrusted import shown
from screener.rules.factors import (
    ALLOWED_FACTORS,
    Problem,
    canonical_op,
    check_extras,
    check_unit,
    check_value,
)
from screener.rules.model import ConditionSpec, RuleSpec, StudyFileSpec

__all__ = ["pydantic_problems", "rule_problems", "to_criterion", "file_problems"]

_NCT = re.compile(r"^NCT\d{8}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _suggest(got: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(got, allowed, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _got(value: object) -> str:
    return shown(value)


_REQUIRED_HINTS = {
    "source_text": " (the study's own words, quoted exactly from its eligibility text)"
}
_PLAIN_WORDS = (
    ("a valid string", "text"),
    ("a valid list", "a list"),
    ("a valid dictionary or instance of ReadFrom", "a mapping with source, date, version"),
    ("a valid dictionary or instance of ConditionSpec", "a mapping with factor, op, value, text"),
    ("a valid integer", "a whole number"),
    ("a valid number", "a number"),
    ("a valid date", "a date (YYYY-MM-DD)"),
)


def pydantic_problems(exc: ValidationError, allowed_fields: tuple[str, ...]) -> list[Problem]:
    """Pydantic's errors as (field, message) pairs a person can act on."""
    problems: list[Problem] = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"]) or "(file)"
        kind = error["type"]
        if kind == "extra_forbidden":
            field = str(error["loc"][-1])
            problems.append(
                (field, f"is not a known field; allowed fields: {', '.join(allowed_fields)}")
            )
        elif kind == "missing":
            problems.append((loc, "is required" + _REQUIRED_HINTS.get(loc, "")))
        else:
            message = str(error["msg"]).replace("Input should be", "must be")
            for before, after in _PLAIN_WORDS:
                message = message.replace(before, after)
            problems.append((loc, f"{message} (got {_got(error.get('input'))})"))
    return problems


def _condition(spec: ConditionSpec) -> tuple[dict[str, Any] | None, list[Problem]]:
    if spec.factor not in FACTORS:
        return None, [
            ("condition.factor", f"must be one of {', '.join(FACTORS)} (got {_got(spec.factor)})")
        ]
    op = canonical_op(spec.op)
    factor_spec = SPECS[spec.factor]
    if op not in factor_spec.ops or factor_spec.required:
        return None, [("condition.op", f"must be one of {', '.join(factor_spec.ops)} (got {op})")]
    assert isinstance(op, str)
    unit, scale, unit_problem = check_unit(spec.factor, op, spec.unit)
    problems: list[Problem] = [("condition.unit", unit_problem)] if unit_problem else []
    value_problem = check_value(spec.factor, op, spec.value, scale)
    if value_problem:
        problems.append(("condition.value", value_problem))
    value = _scaled(spec.value, scale)
    made = {"factor": spec.factor, "op": op, "value": value, "unit": unit}
    if spec.text:
        made["text"] = spec.text
    return made, problems


def _scaled(value: Any, scale: float) -> Any:
    if scale == 1.0:
        return value
    if isinstance(value, list):
        return [_scaled(v, scale) for v in value]
    converted = round(value * scale, 2)
    return int(converted) if converted == int(converted) else converted


def rule_problems(spec: RuleSpec) -> list[Problem]:
    """Every problem of meaning in one structurally valid rule."""
    problems: list[Problem] = []
    if not _ID.match(spec.id):
        problems.append(("id", f"must be letters, digits, '-', '_' or '.' (got {shown(spec.id)})"))
    if spec.kind not in ("inclusion", "exclusion"):
        problems.append(("kind", f"must be one of inclusion, exclusion (got {_got(spec.kind)})"))
    if not spec.source_text.strip():
        problems.append(("source_text", "must quote the study's own words (got an empty text)"))
    if spec.factor not in ALLOWED_FACTORS:
        allowed = ", ".join(ALLOWED_FACTORS)
        hint = _suggest(spec.factor, ALLOWED_FACTORS)
        problems.append(("factor", f"must be one of {allowed} (got {_got(spec.factor)}{hint})"))
        return problems
    op = canonical_op(spec.op)
    if op is None or spec.factor == UNCLASSIFIED:
        if op is not None or spec.value is not None:
            problems.append(
                ("op", "must be left out for factor 'other' (a rule kept for review only)")
                if op is not None
                else ("value", "must be left out when there is no op (a rule kept for review)")
            )
        return problems
    factor_spec = SPECS[spec.factor]
    if op not in factor_spec.ops:
        hint = ' (write operators in quotes: op: ">=")' if op == "" else ""
        allowed = ", ".join(factor_spec.ops)
        problems.append(("op", f"must be one of {allowed} (got {_got(op)}){hint}"))
        return problems
    assert isinstance(op, str)
    _unit, scale, unit_problem = check_unit(spec.factor, op, spec.unit)
    if unit_problem:
        problems.append(("unit", unit_problem))
    value_problem = check_value(spec.factor, op, spec.value, scale)
    if value_problem:
        problems.append(("value", f"{value_problem}"))
    problems.extend(check_extras(spec.factor, op, _extras(spec)))
    if spec.condition is not None:
        problems.extend(_condition(spec.condition)[1])
    return problems


def _extras(spec: RuleSpec) -> dict[str, Any]:
    named = {
        "test": spec.test,
        "item": spec.item,
        "except": spec.except_,
        "gene": spec.gene,
        "domain": spec.domain,
        "stable_days": spec.stable_days,
    }
    return {key: value for key, value in named.items() if value is not None}


def to_criterion(spec: RuleSpec, source: str) -> Criterion:
    """The criterion a checked rule stands for (call only when ``rule_problems`` is empty)."""
    op = canonical_op(spec.op)
    kind: Kind = "inclusion" if spec.kind == "inclusion" else "exclusion"
    extra: dict[str, Any] = {"rule": spec.id}
    if op is None or spec.factor == UNCLASSIFIED:
        if spec.note:
            extra["note"] = spec.note
        return Criterion(spec.factor, kind, None, None, None, spec.source_text, extra, source)
    assert isinstance(op, str)
    unit, scale, _problem = check_unit(spec.factor, op, spec.unit)
    extra.update(_extras(spec))
    if spec.factor == "vital_capacity":
        extra.setdefault("test", "any")
    if scale != 1.0:
        extra["original"] = f"{spec.value} {spec.unit}"
    if spec.condition is not None:
        extra["condition"] = _condition(spec.condition)[0]
    if spec.note:
        extra["note"] = spec.note
    value = _scaled(spec.value, scale)
    return Criterion(spec.factor, kind, op, value, unit, spec.source_text, extra, source)


def file_problems(spec: StudyFileSpec) -> list[Problem]:
    """Problems of meaning at the top of a file (NCT id, covered factors)."""
    problems: list[Problem] = []
    if not _NCT.match(spec.nct_id):
        problems.append(("nct_id", f"must be NCT followed by 8 digits (got {_got(spec.nct_id)})"))
    for factor in spec.covers:
        if factor not in FACTORS:
            hint = _suggest(factor, FACTORS)
            problems.append(
                (
                    "covers",
                    f"must list factors from {', '.join(FACTORS)} (got {_got(factor)}{hint})",
                )
            )
    return problems
