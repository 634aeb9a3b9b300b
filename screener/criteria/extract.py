"""Eligibility items → structured criteria, each with the exact item text it came from.

Every pattern family reads the item (or each of its clauses) on its own; this module runs
them, settles conditions ("if …, …"), applies the side rules for items with no heading,
and keeps anything not understood as a ``needs_review`` criterion with its own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from screener.criteria.alternatives import alternative_limits, alternative_requirements
from screener.criteria.cohorts import Cohort, cohort_change, mentions_cohorts
from screener.criteria.completeness import joined_by_and, unaccounted
from screener.criteria.context import Found, Section, clauses
from screener.criteria.model import UNCLASSIFIED, Criterion, Kind
from screener.criteria.numbers import normalise
from screener.criteria.patterns.age import find_age
from screener.criteria.patterns.alsfrs import find_alsfrs
from screener.criteria.patterns.conditions import (
    find_breastfeeding,
    find_dementia,
    find_healthy,
    find_other_neurological,
    find_pregnancy,
)
from screener.criteria.patterns.diagnosis import find_diagnosis
from screener.criteria.patterns.drugs import find_drugs
from screener.criteria.patterns.genetics import find_familial, find_genes
from screener.criteria.patterns.nutrition import find_gastrostomy, find_swallow
from screener.criteria.patterns.respiratory import find_ventilation, find_vital_capacity
from screener.criteria.patterns.time import find_time
from screener.criteria.patterns.trials import find_investigational
from screener.criteria.registry_fields import registry_criteria
from screener.registry.records import StudyRecord

__all__ = [
    "ClauseFamily",
    "ItemFamily",
    "CLAUSE_FAMILIES",
    "ITEM_FAMILIES",
    "extract_item",
    "extract_criteria",
]

ClauseFamily = Callable[[str, str, Section], list[Found]]
ItemFamily = Callable[[str, Section], list[Found]]

CLAUSE_FAMILIES: tuple[ClauseFamily, ...] = (
    find_age,
    find_time,
    find_alsfrs,
    find_vital_capacity,
    find_ventilation,
    find_gastrostomy,
    find_swallow,
    find_investigational,
    find_pregnancy,
    find_breastfeeding,
    find_dementia,
    find_other_neurological,
    find_healthy,
)
ITEM_FAMILIES: tuple[ItemFamily, ...] = (find_diagnosis, find_genes, find_familial, find_drugs)

# Findings whose own wording already carries their condition, or that hold whatever the
# condition is (a pregnant woman is always "of childbearing potential").
_SELF_CONDITIONED = {
    "riluzole",
    "edaravone",
    "tofersen",
    "phenylbutyrate_taurursodiol",
    "pregnancy",
    "breastfeeding",
}
_CONDITION = re.compile(
    r"^(?:if|when|in case of|for (?:patients|participants|subjects) (?:aged|with|who))\b"
    r"(?P<cond>[^,:]+)[,:](?P<rest>.+)$"
)
_OWN_CONDITION = re.compile(
    r"female|wom[ae]n|childbearing|child-bearing|of reproductive|sexually active|"
    r"riluzole|edaravone|tofersen|amx0035|relyvrio|albrioza|phenylbutyrate|taurursodiol|"
    r"taking|receiving|treated|on (?:a )?stable|applicable"
)
_REQUIRED = re.compile(r"\b(?:must|should|shall|have to|has to|required to|needs? to)\b")
_STATES = {
    "tracheostomy",
    "invasive_ventilation",
    "niv",
    "gastrostomy",
    "pregnancy",
    "breastfeeding",
    "dementia",
    "other_neurological_disease",
}
_UNLESS = re.compile(r"\bunless\b|\bexcept (?:if|when|for)\b")


def extract_item(text: str, kind: Kind) -> list[Criterion]:
    """The criteria in one item; an item not understood is kept for review."""
    return _extract(text, kind, review_all=False)


def extract_criteria(record: StudyRecord) -> list[Criterion]:
    """Every criterion of a study: registry fields first, then each item in order."""
    found = registry_criteria(record)
    cohort: Cohort = "patient"
    sections: tuple[tuple[Section, Iterable[str]], ...] = (
        ("unlabelled", record.unlabelled),
        ("inclusion", record.inclusion),
        ("exclusion", record.exclusion),
    )
    for section, items in sections:
        if section == "exclusion":
            cohort = "patient"
        heading = ""
        for item in items:
            own, after = cohort_change(normalise(item))
            about = own or cohort
            read = _extract(item, section, review_all=about == "other")
            if about == "subgroup" and own is None:
                read = [_under_heading(c, heading) for c in read]
            found.extend(read)
            if after is not None:
                cohort = after
                heading = item.strip() if after == "subgroup" else ""
    return alternative_limits(found)


def _under_heading(c: Criterion, heading: str) -> Criterion:
    """A criterion listed under one group's heading: it may not apply to the person."""
    if not c.understood or c.extra.get("tentative"):
        return c
    reason = f"the study lists it under '{heading[:60]}', one of its groups"
    return replace(c, extra={**c.extra, "tentative": reason})


def _extract(text: str, section: Section, *, review_all: bool) -> list[Criterion]:
    norm = normalise(text)
    findings = _find(norm, section)
    if review_all:
        findings = [_as_review(f) for f in findings]
    elif mentions_cohorts(norm):
        # "Cohort A must be 12-65 years…, Cohort B > 30 years": each limit is one group's, and
        # the person may belong to another: read, shown, never excluding.
        reason = "the study's words give it for one of several groups (cohorts)"
        findings = [
            f if f.op is None or f.extra.get("tentative") else _tentative(f, reason)
            for f in findings
        ]
    if section == "unlabelled":
        required = bool(_REQUIRED.search(norm))
        findings = [f if _unheaded_ok(f, required) else _as_review(f) for f in findings]
    findings = _dedupe(findings)
    kind: Kind = "exclusion" if section == "exclusion" else "inclusion"
    if not findings:
        return [Criterion(UNCLASSIFIED, kind, None, None, None, text)]
    return [
        Criterion(f.factor, f.kind, f.op, f.value, f.unit, text, dict(f.extra)) for f in findings
    ]


def _unheaded_ok(finding: Found, required: bool) -> bool:
    """An unheaded item counts when it states a requirement.

    A positive limit is a requirement; a negated state ("must be non-lactating") is one only
    when the item says it is required ("must", "should"): then it is the exclusion it means.
    """
    if finding.kind == "inclusion":
        return True
    return required and finding.op == "==" and finding.factor in _STATES


def _find(norm: str, section: Section) -> list[Found]:
    findings: list[Found] = []
    for item_family in ITEM_FAMILIES:
        findings.extend(_gate(norm, item_family(norm, section), section))
    for clause in clauses(norm):
        findings.extend(_clause_findings(clause, norm, section))
    return findings


def _gate(text: str, found: list[Found], section: Section, item: str = "") -> list[Found]:
    """Every finding checked against the rest of its words (``completeness``).

    A finding the words do not fully account for is kept, marked ``tentative`` with what
    it leaves out: it can show the person meets a criterion, never that they fail one.
    An exclusion "A and B" with both read becomes A on the condition B.
    """
    found = alternative_requirements(text, found, section)
    read = {f.factor for f in found if f.op is not None}
    partners: dict[str, str] = {}
    for finding in found:
        name = joined_by_and(text, finding, section, read)
        if name is not None and name not in partners and finding.factor not in partners.values():
            partners[finding.factor] = name
    out: list[Found] = []
    for finding in found:
        if finding.factor in partners.values() and finding.op is not None:
            continue  # folded into its partner as that one's condition
        partner_name = partners.get(finding.factor)
        if partner_name is not None:
            partner = next(f for f in found if f.factor == partner_name and f.op is not None)
            condition = {
                **partner.extra,
                "factor": partner.factor,
                "op": partner.op,
                "value": partner.value,
                "unit": partner.unit,
                "text": text,
            }
            finding = replace(finding, extra={**finding.extra, "condition": condition})
        reason = unaccounted(text, finding, section, read, item or text)
        if reason is not None and finding.op is not None:
            finding = replace(finding, extra={**finding.extra, "tentative": reason})
        out.append(finding)
    return out


def _clause_findings(clause: str, item: str, section: Section) -> list[Found]:
    conditional = _CONDITION.match(clause)
    if conditional is None:
        found = _gate(clause, _run(clause, item, section), section, item)
        if _UNLESS.search(clause):
            return [f if f.factor in _SELF_CONDITIONED else _as_review(f) for f in found]
        return found
    condition = _condition(conditional.group("cond"), item)
    rest = _gate(
        conditional.group("rest"), _run(conditional.group("rest"), item, section), section, item
    )
    out: list[Found] = []
    for finding in rest:
        if finding.op is None:
            out.append(finding)
        elif finding.factor in _SELF_CONDITIONED:
            if not _OWN_CONDITION.search(conditional.group("cond")):
                # "If enrolled in Part 2, pregnant": a condition that is not about the
                # person being a woman (or taking the drug) limits who is excluded.
                reason = f"the study's words limit it ('{conditional.group('cond').strip()}')"
                finding = _tentative(finding, reason)
            out.append(finding)
        elif len(condition) == 1:
            cond = condition[0]
            info = {**cond.extra, "factor": cond.factor, "op": cond.op, "value": cond.value}
            info.update(unit=cond.unit, text=conditional.group("cond").strip())
            out.append(replace(finding, extra={**finding.extra, "condition": info}))
        else:
            out.append(_as_review(finding))
    return out


def _condition(text: str, item: str) -> list[Found]:
    """The understood findings of an "if …" part, whichever direction its limit takes.

    A condition is not a requirement, so the side rules for misfiled items do not apply:
    "if SVC < 50 %" is read even though an inclusion *maximum* VC alone would be reviewed.
    """
    sides: tuple[Section, ...] = ("inclusion", "exclusion")
    for side in sides:
        found = [f for f in _run(text, item, side) if f.op is not None]
        if found:
            return found
    return []


def _run(clause: str, item: str, section: Section) -> list[Found]:
    found: list[Found] = []
    for family in CLAUSE_FAMILIES:
        found.extend(family(clause, item, section))
    return found


def _tentative(finding: Found, reason: str) -> Found:
    return replace(finding, extra={**finding.extra, "tentative": reason})


def _as_review(finding: Found) -> Found:
    kind: Kind = "inclusion" if finding.kind == "inclusion" else "exclusion"
    extra = {k: v for k, v in finding.extra.items() if k not in ("tentative", "condition")}
    return Found(finding.factor, kind, None, None, None, extra)


def _dedupe(findings: list[Found]) -> list[Found]:
    """One criterion per distinct reading; a review is dropped when its factor was read."""
    understood = {f.factor for f in findings if f.op is not None}
    out: list[Found] = []
    for finding in findings:
        if finding.op is None and finding.factor in understood:
            continue
        if finding not in out:
            out.append(finding)
    return out
