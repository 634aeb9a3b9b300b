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
3. the extractor's other criteria, less the unread items the study file quotes; with the
   general healthy-volunteer rule on, its healthy-volunteer criteria are kept for review only;

then criteria meaning the same (``screener.criteria.meaning.meaning_key``) are kept once, the
first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from screener.criteria import Criterion, extract_criteria
from screener.criteria.meaning import meaning_key
from screener.errors import RuleFileProblems
from screener.registry.records import StudyRecord
from screener.rules.files import (
    RULES_DIR,
    display_name,
    load_rule_file,
    normalise_text,
    parse_general_rules,
    parse_study_rules,
    read_text,
)
from screener.rules.model import StudyRules
from screener.rules.registry_rules import GeneralRules

__all__ = [
    "RULES_DIR",
    "RuleBook",
    "RuleFileProblems",
    "StudyRules",
    "dedupe",
    "load_rule_file",
    "load_rulebook",
    "normalise_text",
    "log",
    "GENERAL_FILE",
    "STUDIES_DIR",
]

log = logging.getLogger(__name__)

GENERAL_FILE = "general.yaml"
STUDIES_DIR = "studies"


def dedupe(criteria: Iterable[Criterion]) -> list[Criterion]:
    """Criteria saying the same thing kept once: the first (registry and rules come first)."""
    seen: set[tuple[Any, ...]] = set()
    kept: list[Criterion] = []
    for criterion in criteria:
        key = meaning_key(criterion)
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
        if "healthy_volunteers" in registry_factors:
            kept = [_for_review(c) if c.factor == "healthy_volunteers" else c for c in kept]
        return dedupe([*general, *ruled, *kept])


def _for_review(criterion: Criterion) -> Criterion:
    """A healthy-volunteer criterion read from text, kept for the study team to judge.

    Studies that take healthy volunteers often take people with ALS too, in another group;
    the text rarely says which group an item is for, so it must never exclude on its own.
    """
    note = "Whether people with ALS can join this study is for the study team to say."
    extra = {**criterion.extra, "note": note}
    return replace(criterion, op=None, value=None, unit=None, extra=extra)


def _read_by_curator(text: str, quotes: list[str]) -> bool:
    item = normalise_text(text)
    return bool(item) and any(item in quote or quote in item for quote in quotes)


def load_rulebook(path: Path = RULES_DIR) -> RuleBook:
    """Load ``general.yaml`` and every ``studies/*.yaml`` under ``path``; bad files are skipped."""
    errors: list[str] = []
    general: GeneralRules | None = None
    general_path = path / GENERAL_FILE
    if general_path.is_file():
        name = display_name(general_path)
        text, errors = read_text(general_path, name)
        if text is not None:
            general, errors = parse_general_rules(text, name)
    studies: dict[str, StudyRules] = {}
    for file in sorted((path / STUDIES_DIR).glob("*.y*ml")):
        name = display_name(file)
        text, problems = read_text(file, name)
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
