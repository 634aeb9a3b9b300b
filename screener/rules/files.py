"""Reading rule files: YAML text → checked ``StudyRules`` / ``GeneralRules``, or messages.

Every problem becomes one message naming the file, the rule, the field and what is allowed;
``load_rule_file`` raises them as ``RuleFileProblems`` (a ``RuleFileError``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from screener.criteria import FACTORS, Criterion
from screener.errors import RuleFileProblems, UnreadableYAML
from screener.inputs.untrusted import parse_yaml, quote
from screener.registry.eligibility_text import unescape
from screener.rules.model import RULE_FIELDS, RuleSpec, StudyFileSpec, StudyRules
from screener.rules.registry_rules import (
    GeneralFileSpec,
    GeneralRules,
    RegistryRuleSpec,
    template_problem,
)
from screener.rules.rule_checks import (
    file_problems,
    pydantic_problems,
    rule_problems,
    to_criterion,
)

__all__ = [
    "RULES_DIR",
    "normalise_text",
    "parse_study_rules",
    "parse_general_rules",
    "display_name",
    "read_text",
    "load_rule_file",
]

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
_FILE_FIELDS = tuple(StudyFileSpec.model_fields)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text for quote matching: markdown escapes removed, whitespace runs made one space."""
    return _SPACE.sub(" ", unescape(text)).strip()


def _read_yaml(text: str, name: str) -> tuple[Any, list[str]]:
    try:
        return parse_yaml(text), []
    except UnreadableYAML as exc:
        return None, [f"{name}: {exc}"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = (
            text.splitlines()[mark.line]
            if mark is not None and mark.line < len(text.splitlines())
            else ""
        )
        hint = ' (put operators in quotes, e.g. op: ">=")' if re.search(r":\s*>", line) else ""
        return None, [f"{name}: {where}not valid YAML: {problem}{hint}"]


def _not_mapping(name: str, data: object, keys: Iterable[str]) -> list[str]:
    if isinstance(data, dict):
        return []
    got = "an empty file" if data is None else f"a {type(data).__name__}"
    return [f"{name}: must be a mapping with the keys {', '.join(keys)} (got {got})"]


def parse_study_rules(text: str, name: str) -> tuple[StudyRules | None, list[str]]:
    """A study rule file's rules, or None with one message per problem."""
    data, errors = _read_yaml(text, name)
    if errors or (errors := _not_mapping(name, data, _FILE_FIELDS)):
        return None, errors
    try:
        spec = StudyFileSpec.model_validate(data)
    except ValidationError as exc:
        return None, [f"{name}: field '{f}' {m}" for f, m in pydantic_problems(exc, _FILE_FIELDS)]
    errors = [f"{name}: field '{fld}' {message}" for fld, message in file_problems(spec)]
    source = f"rule:{name}"
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for number, raw in enumerate(spec.rules, start=1):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        label = f"rule {quote(rule_id)}" if isinstance(rule_id, str) else f"rule {number}"
        if not isinstance(raw, dict):
            errors.append(f"{name}: {label}: must be a mapping of fields (got {quote(raw)})")
            continue
        try:
            rule = RuleSpec.model_validate(raw)
        except ValidationError as exc:
            errors.extend(
                f"{name}: {label}: field '{f}' {m}" for f, m in pydantic_problems(exc, RULE_FIELDS)
            )
            continue
        problems = rule_problems(rule)
        if rule.id in seen:
            problems.append(("id", f"is used twice in this file ({quote(rule.id)})"))
        seen.add(rule.id)
        if rule.op is not None and rule.factor in FACTORS and rule.factor not in spec.covers:
            problems.append(("factor", f"'{rule.factor}' must also be listed in 'covers'"))
        errors.extend(f"{name}: {label}: field '{f}' {m}" for f, m in problems)
        if not problems:
            # Who wrote the rule goes with it: the results say so beside the study's rules.
            criterion = to_criterion(rule, source)
            extra = {**criterion.extra, "curated_by": spec.curated_by}
            criteria.append(replace(criterion, extra=extra))
    if errors:
        return None, errors
    read_from = f"{spec.read_from.source} ({spec.read_from.date})"
    if spec.read_from.version:
        read_from += f", version {spec.read_from.version}"
    rules = StudyRules(
        name=name,
        nct_id=spec.nct_id,
        title=spec.title,
        read_from=read_from,
        curated_by=spec.curated_by,
        covers=frozenset(spec.covers),
        criteria=tuple(criteria),
        notes=tuple(spec.notes),
    )
    return rules, []


def parse_general_rules(text: str, name: str) -> tuple[GeneralRules | None, list[str]]:
    """The general rules, or None with one message per problem."""
    data, errors = _read_yaml(text, name)
    if errors or (errors := _not_mapping(name, data, GeneralFileSpec.model_fields)):
        return None, errors
    try:
        spec = GeneralFileSpec.model_validate(data)
    except ValidationError as exc:
        fields = tuple(GeneralFileSpec.model_fields)
        return None, [f"{name}: field '{f}' {m}" for f, m in pydantic_problems(exc, fields)]
    rules: list[RegistryRuleSpec] = []
    for number, raw in enumerate(spec.registry, start=1):
        label = (
            f"rule {quote(raw['id'])}"
            if isinstance(raw, dict) and "id" in raw
            else f"rule {number}"
        )
        try:
            rule = RegistryRuleSpec.model_validate(raw)
        except ValidationError as exc:
            fields = tuple(RegistryRuleSpec.model_fields)
            errors.extend(
                f"{name}: {label}: field '{f}' {m}" for f, m in pydantic_problems(exc, fields)
            )
            continue
        problem = template_problem(rule)
        if problem:
            errors.append(f"{name}: {label}: field '{problem[0]}' {problem[1]}")
        else:
            rules.append(rule)
    return (None, errors) if errors else (GeneralRules(tuple(rules)), [])


def display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(RULES_DIR.parent).as_posix()
    except ValueError:
        return str(path)


def read_text(path: Path, name: str) -> tuple[str | None, list[str]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{name}: cannot be read ({exc.__class__.__name__}: {exc})"]


def load_rule_file(path_or_text: Path | str, name: str | None = None) -> StudyRules:
    """One study rule file (a ``Path``, or YAML text); raises ``RuleFileError`` naming problems.

    A ``str`` is always YAML text, never a path: an uploaded file that happens to hold a
    file name must not make the server read its own files.
    """
    if isinstance(path_or_text, str):
        text: str | None = path_or_text
        name = name or "rule file"
        errors: list[str] = []
    else:
        path = Path(path_or_text)
        name = name or display_name(path)
        text, errors = read_text(path, name)
    if text is not None:
        rules, errors = parse_study_rules(text, name)
        if rules is not None:
            return rules
    raise RuleFileProblems(errors)
