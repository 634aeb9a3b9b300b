"""ALS medicines (riluzole, edaravone, tofersen, AMX0035 and its parts) and study drugs.

Shapes (see ``model.py``): ``stable_or_none`` days ("if taking riluzole, stable for 30
days" — the condition is part of the operator), ``current`` (must be taking it),
``within`` days (took it recently: an exclusion), ``ever`` (prior exposure),
``cycles_or_none`` (edaravone cycles). Drugs written as a list ("riluzole and/or
edaravone") share the duration that follows the list; a duration belongs to the drug
list just before it, or (with no comma between) just after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from screener.criteria.context import Found, Section, clauses, negated_at, review
from screener.criteria.numbers import COMPARATOR, NUMBER, comparator_op, to_days

__all__ = ["DRUGS", "find_drugs"]

DRUGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("riluzole", re.compile(r"riluzole|rilutek|\bril\b")),
    ("edaravone", re.compile(r"edaravone|radicava|mci-?186|mt-?1186")),
    ("tofersen", re.compile(r"tofersen|qalsody|biib067")),
    (
        "phenylbutyrate_taurursodiol",
        re.compile(
            r"amx0035|amx005\b|relyvrio|albrioza|phenylbutyrate|taurursodiol|tudca|\budca\b|"
            r"ursodiol|ursodeoxycholic|ursodoxicoltaurine"
        ),
    ),
)
_DURATION = re.compile(
    rf"(?:{COMPARATOR}\s*(?:the\s+)?(?:past\s+|last\s+|previous\s+)?|\bfor\s+(?:a\s+)?)"
    rf"(?P<num>{NUMBER})\s*(?P<unit>years?|months?|weeks?|days?|day)\b"
    rf"|(?P<pnum>{NUMBER})\s*(?P<punit>months?|weeks?|days?)\s+or\s+(?:more|longer|greater)"
)
_CYCLES = re.compile(
    r"(?P<num>\d+)\s+(?:completed\s+|full\s+|treatment\s+)?(?:treatment\s+)?cycles?"
)
_IF_TAKING = re.compile(
    r"\bif\b|not taking|not currently|not receiving|naive|naïve|or (?:have|has) not|"
    r"have not (?:taken|received)|or on a stable|or receiving a stable|undergoing|"
    r"(?:patients|subjects|participants|those) (?:who are )?(?:receiving|taking|on|treated)|"
    r"allowed|permitted|discontinued|are eligible"
)
_NOT_ON = re.compile(
    r"\b(?:not|never) (?:currently )?(?:on|taking|receiving|treated with|using)\b|"
    r"\bif not\b|\bnaive\b|\bnaïve\b|willing not to|not (?:to )?(?:start|initiate|begin)"
)
_TAKING = re.compile(
    r"intake|treatment|therapy|treated|taking|receiving|concomitant|stable|steady|tolerating|"
    r"\bon (?:a |the )?(?:stable |steady )?(?:dose of )?|regimen|must be on"
)
_UNCLEAR = re.compile(
    r"will be started|may be screened|changed|change in|"
    r"hypersensitiv\w*|allerg\w*|intoleran\w*|contraindicat\w*|intravenous"
)
_AFTER_DOSING = re.compile(r"after (?:the )?(?:last|final) dose|last dose of")
_NEWLY = re.compile(r"newly|started|initiated|began|begun|initiation of")
_EXPOSURE = re.compile(
    r"\buse\b|used|exposure|took|taken|\bhad\b|treat\w*|received|receiving|taking"
)
_EVER = re.compile(
    r"prior exposure|previous(?:ly)? (?:treated|received|exposure)|ever (?:received|taken)|"
    r"history of (?:treatment|exposure)|prior treatment|has received|have received|any prior"
)
_ABSENT_BEFORE = re.compile(
    r"(?:absence of|\bno\b|\bnot\b|without|lack of)\s+(?:\w+\s+){0,3}?(?:treatment|therapy)\s+"
    r"(?:with\s+)?$"
)
_NEAR_BEFORE = 15
_LIST_GLUE = re.compile(r"^\s*(?:\(oral\)\s*)?(?:,|/|and/or|or|and|,\s*or|,\s*and)\s*$")


@dataclass(frozen=True, slots=True)
class _Group:
    drugs: tuple[str, ...]
    start: int
    end: int


def find_drugs(item: str, section: Section) -> list[Found]:
    """ALS medicine criteria of one item, one per drug (a drug read two ways is reviewed)."""
    per_drug: dict[str, list[Found]] = {}
    for clause in clauses(item):
        for group in _groups(clause):
            for drug in group.drugs:
                read = _read(drug, group, clause, item, section)
                if read is not None:
                    per_drug.setdefault(drug, []).append(read)
    out: list[Found] = []
    for drug, found in per_drug.items():
        understood = [f for f in found if f.op is not None]
        distinct = {(f.kind, f.op, repr(f.value)) for f in understood}
        if len(distinct) == 1:
            out.append(understood[0])
        else:
            out.append(review(drug, section))
    return out


def _groups(clause: str) -> list[_Group]:
    mentions: list[tuple[int, int, str]] = []
    for drug, pattern in DRUGS:
        mentions.extend((m.start(), m.end(), drug) for m in pattern.finditer(clause))
    mentions.sort()
    groups: list[_Group] = []
    for start, end, drug in mentions:
        if (
            groups
            and _LIST_GLUE.match(clause[groups[-1].end : start])
            and not _in_parens(clause, start)
        ):
            last = groups[-1]
            drugs = last.drugs if drug in last.drugs else (*last.drugs, drug)
            groups[-1] = _Group(drugs, last.start, end)
        elif (
            groups
            and clause[groups[-1].end : start].strip(" ,") in {"", "("}
            and drug in groups[-1].drugs
        ):
            groups[-1] = _Group(groups[-1].drugs, groups[-1].start, end)
        else:
            groups.append(_Group((drug,), start, end))
    return groups


def _in_parens(clause: str, position: int) -> bool:
    return clause.rfind("(", 0, position) > clause.rfind(")", 0, position)


def _read(drug: str, group: _Group, clause: str, item: str, section: Section) -> Found | None:
    if _AFTER_DOSING.search(clause):
        return None  # "3 months after the last dose of AMX0035": a time, not a criterion
    if _UNCLEAR.search(clause) or "will be started" in item:
        return review(drug, section)
    days, cycles = _amount(drug, group, clause)
    if section == "exclusion":
        return _exclusion(drug, group, clause, days)
    if section == "unlabelled" and not _IF_TAKING.search(clause):
        return review(drug, section)
    if negated_at(clause, group.start) and not _IF_TAKING.search(clause):
        return review(drug, section)
    if cycles is not None and drug == "edaravone":
        return Found(drug, "inclusion", "cycles_or_none", cycles)
    if _IF_TAKING.search(clause):
        if days is None:
            return review(drug, section)
        return Found(drug, "inclusion", "stable_or_none", days, "days")
    if _TAKING.search(clause):
        extra: dict[str, object] = {"stable_days": days} if days is not None else {}
        if _NOT_ON.search(item):
            # "Receiving riluzole; patients not on riluzole must be willing not to start it":
            # the item also takes people not on it, so it does not require the drug.
            extra["tentative"] = "the study's words also describe people who are not taking it"
        return Found(drug, "inclusion", "current", True, None, extra)
    return review(drug, section)


def _exclusion(drug: str, group: _Group, clause: str, days: int | None) -> Found:
    if _ABSENT_BEFORE.search(clause[: group.start]):
        # "Absence of treatment with riluzole" excludes those not taking it.
        return Found(drug, "inclusion", "current", True)
    if days is not None and _NEWLY.search(clause):
        # "Newly started within 4 weeks" excludes a dose not yet stable for 4 weeks.
        return Found(drug, "inclusion", "stable_or_none", days, "days")
    if days is not None and _EXPOSURE.search(clause):
        return Found(drug, "exclusion", "within", days, "days")
    if _EVER.search(clause):
        return Found(drug, "exclusion", "ever", True)
    return review(drug, "exclusion")


def _amount(drug: str, group: _Group, clause: str) -> tuple[int | None, int | None]:
    """(days, cycles) that belong to this drug group."""
    paren = re.search(
        rf"(?P<num>{NUMBER})\s*(?P<unit>weeks?|days?|months?|(?:treatment\s+)?cycles?)\s*\(\s*{drug[:6]}",
        clause,
    )
    if paren:
        if "cycle" in paren.group("unit"):
            return None, int(float(paren.group("num")))
        return to_days(float(paren.group("num")), paren.group("unit")), None
    tail = clause[group.end :]
    nxt = _next_other_group(clause, group)
    if nxt is not None:
        tail = clause[group.end : nxt]
    head = clause[max(0, group.start - 60) : group.start]
    cycles = _CYCLES.search(tail)
    if cycles is not None and _in_parens(tail, cycles.start()):
        cycles = None
    if cycles is None and re.search(r"cycles?\s+(?:of|with)\s*$", head):
        cycles = _CYCLES.search(head)
    duration = _DURATION.search(tail)
    if duration is None:
        # "Stable dose (greater than 30 days) of riluzole": a duration just before the drug.
        near = [d for d in _DURATION.finditer(head) if len(head) - d.end() <= _NEAR_BEFORE]
        duration = near[-1] if near else None
    days = _days(duration) if duration else None
    return days, (int(cycles.group("num")) if cycles else None)


def _next_other_group(clause: str, group: _Group) -> int | None:
    starts = [
        m.start()
        for drug, pattern in DRUGS
        if drug not in group.drugs
        for m in pattern.finditer(clause, group.end)
    ]
    return min(starts) if starts else None


def _days(match: re.Match[str]) -> int | None:
    if match.group("pnum"):
        return to_days(float(match.group("pnum")), match.group("punit"))
    cmp = match.group("cmp")
    if cmp:
        op = comparator_op(cmp)
        if op not in {">=", ">", "<=", "<"}:
            return None
    return to_days(float(match.group("num")), match.group("unit"))
