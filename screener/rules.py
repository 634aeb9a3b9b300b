"""Rule files: curated study rules and general rules, applied over the text extractor.

``load_rulebook()`` reads ``rules/general.yaml`` and every ``rules/studies/*.yaml``. A bad file
is reported in ``RuleBook.errors`` (one message per problem: file, rule, field, allowed values)
and skipped; the others still load. ``load_rule_file`` reads one coordinator's file for
``triage --rules`` and raises ``RuleFileError`` instead.

Precedence in ``RuleBook.criteria_for(record)``:

1. the registry criteria of the general rules (the extractor's own registry criteria for the
   same factors are dropped);
2. the study file's rules: for each factor the file ``covers``, the extractor's criteria are
   dropped. A rule whose quote is no longer in a whole, current eligibility text is stale: it
   is dropped and its factor goes back to the extractor;
3. the extractor's other criteria, less the unread items the study file quotes;

then criteria meaning the same (factor, kind, op, value, extras) are kept once, the first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from screener.criteria import FACTORS, Criterion, extract_criteria
from screener.errors import RuleFileError
from screener.registry_rules import (
    GeneralFileSpec,
    GeneralRules,
    RegistryRuleSpec,
    template_problem,
)
from screener.rule_model import (
    RULE_FIELDS,
    RuleSpec,
    StudyFileSpec,
    StudyRules,
    file_problems,
    pydantic_problems,
    rule_problems,
    to_criterion,
)
from screener.studies import StudyRecord

log = logging.getLogger(__name__)

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
GENERAL_FILE = "general.yaml"
STUDIES_DIR = "studies"
_FILE_FIELDS = tuple(StudyFileSpec.model_fields)
_SPACE = re.compile(r"\s+")
_ESCAPE = re.compile(r"\\([<>\[\]*_~])")


class RuleFileProblems(RuleFileError):
    """A rule file with one or more problems; ``problems`` lists every message."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


def normalise_text(text: str) -> str:
    """Text for quote matching: markdown escapes removed, whitespace runs made one space."""
    return _SPACE.sub(" ", _ESCAPE.sub(r"\1", text)).strip()


def _read_yaml(text: str, name: str) -> tuple[Any, list[str]]:
    try:
        return yaml.safe_load(text), []
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
        label = f"rule '{rule_id}'" if isinstance(rule_id, str) else f"rule {number}"
        if not isinstance(raw, dict):
            errors.append(f"{name}: {label}: must be a mapping of fields (got {raw!r})")
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
            problems.append(("id", f"is used twice in this file ({rule.id!r})"))
        seen.add(rule.id)
        if rule.op is not None and rule.factor in FACTORS and rule.factor not in spec.covers:
            problems.append(("factor", f"'{rule.factor}' must also be listed in 'covers'"))
        errors.extend(f"{name}: {label}: field '{f}' {m}" for f, m in problems)
        if not problems:
            criteria.append(to_criterion(rule, source))
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
        label = f"rule '{raw['id']}'" if isinstance(raw, dict) and "id" in raw else f"rule {number}"
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


def _display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(RULES_DIR.parent).as_posix()
    except ValueError:
        return str(path)


def _read_text(path: Path, name: str) -> tuple[str | None, list[str]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{name}: cannot be read ({exc.__class__.__name__}: {exc})"]


def load_rule_file(path_or_text: Path | str, name: str | None = None) -> StudyRules:
    """One study rule file (a path, or YAML text); raises ``RuleFileError`` naming every problem.

    A ``str`` is read as a path when it names an existing ``.yaml``/``.yml`` file, else as text.
    """
    if isinstance(path_or_text, str) and not (
        "\n" not in path_or_text
        and path_or_text.endswith((".yaml", ".yml"))
        and Path(path_or_text).is_file()
    ):
        text: str | None = path_or_text
        name = name or "rule file"
        errors: list[str] = []
    else:
        path = Path(path_or_text)
        name = name or _display_name(path)
        text, errors = _read_text(path, name)
    if text is not None:
        rules, errors = parse_study_rules(text, name)
        if rules is not None:
            return rules
    raise RuleFileProblems(errors)


def _key(criterion: Criterion) -> tuple[Any, ...]:
    """What a criterion means; criteria with the same key say the same thing."""
    if not criterion.understood:
        return ("review", criterion.factor, criterion.kind, criterion.text)
    extras = {k: v for k, v in criterion.extra.items() if k not in ("rule", "note", "original")}
    condition = extras.pop("condition", None)
    if isinstance(condition, Mapping):
        extras["condition"] = (condition.get("factor"), condition.get("op"), condition.get("value"))
    return (
        criterion.factor,
        criterion.kind,
        criterion.op,
        _freeze(criterion.value),
        _freeze(extras),
    )


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def dedupe(criteria: Iterable[Criterion]) -> list[Criterion]:
    """Criteria saying the same thing kept once: the first (registry and rules come first)."""
    seen: set[tuple[Any, ...]] = set()
    kept: list[Criterion] = []
    for criterion in criteria:
        key = _key(criterion)
        if key not in seen:
            seen.add(key)
            kept.append(criterion)
    return kept


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Curated study rules and general rules, applied over the text extractor."""

    studies: Mapping[str, StudyRules] = field(default_factory=dict)
    general: GeneralRules | None = None
    errors: tuple[str, ...] = ()

    def with_study(self, rules: StudyRules) -> RuleBook:
        """The same rule book with ``rules`` in place of any file for that study."""
        return replace(self, studies={**self.studies, rules.nct_id: rules})

    def stale_rules(self, record: StudyRecord) -> list[Criterion]:
        """The study file's rules whose quote is not in the record's whole eligibility text."""
        rules = self.studies.get(record.nct_id)
        if rules is None or not record.eligibility_text or record.criteria_complete is not True:
            return []
        text = normalise_text(record.eligibility_text)
        return [c for c in rules.criteria if normalise_text(c.text) not in text]

    def criteria_for(self, record: StudyRecord) -> list[Criterion]:
        """The criteria to screen this study on (see the module docstring for precedence)."""
        general = self.general.criteria_for(record) if self.general else []
        registry_factors = self.general.factors if self.general else frozenset()
        study = self.studies.get(record.nct_id)
        ruled: list[Criterion] = []
        covered: set[str] = set()
        if study is not None:
            stale = self.stale_rules(record)
            for criterion in stale:
                log.warning(
                    "%s: rule %s: quote not in %s's text; dropped",
                    study.name,
                    criterion.extra.get("rule"),
                    record.nct_id,
                )
            stale_factors = {c.factor for c in stale}
            ruled = [c for c in study.criteria if c.factor not in stale_factors]
            covered = set(study.covers) - stale_factors
        quotes = [normalise_text(c.text) for c in ruled]
        kept = [
            c
            for c in extract_criteria(record)
            if c.factor not in covered
            and not (c.source == "registry" and c.factor in registry_factors)
            and not (not c.understood and _read_by_curator(c.text, quotes))
        ]
        return dedupe([*general, *ruled, *kept])


def _read_by_curator(text: str, quotes: list[str]) -> bool:
    item = normalise_text(text)
    return bool(item) and any(item in quote or quote in item for quote in quotes)


def load_rulebook(path: Path = RULES_DIR) -> RuleBook:
    """Load ``general.yaml`` and every ``studies/*.yaml`` under ``path``; bad files are skipped."""
    errors: list[str] = []
    general: GeneralRules | None = None
    general_path = path / GENERAL_FILE
    if general_path.is_file():
        name = _display_name(general_path)
        text, errors = _read_text(general_path, name)
        if text is not None:
            general, errors = parse_general_rules(text, name)
    studies: dict[str, StudyRules] = {}
    for file in sorted((path / STUDIES_DIR).glob("*.y*ml")):
        name = _display_name(file)
        text, problems = _read_text(file, name)
        rules = None
        if text is not None:
            rules, problems = parse_study_rules(text, name)
        if rules is not None and rules.nct_id != file.stem:
            problems = [f"{name}: field 'nct_id' must match the file name (got {rules.nct_id!r})"]
        elif rules is not None and rules.nct_id in studies:
            problems = [f"{name}: a second file for {rules.nct_id}; the first one is used"]
        if problems or rules is None:
            errors.extend(problems)
            continue
        studies[rules.nct_id] = rules
    for message in errors:
        log.warning(message)
    return RuleBook(studies=studies, general=general, errors=tuple(errors))
