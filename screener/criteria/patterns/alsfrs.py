"""ALSFRS-R: total, single items (by number or name), "each item", sub-scores and slope.

Each limit in an ALSFRS-R clause is tied to what stands right after it ("≥ 2 on each
item", "at least 3 on item #3", "≥ 4 in the three respiratory items") or right before it
("item 12 ≥ 2", "swallowing ≥ 3", "ALSFRS-R total score ≤ 44"). A limit followed by
"points per month" is a slope; the "48" of a written-out ΔFS formula is never a limit.
Values outside the scale (a total of 2, an item of 7) are read as a misunderstanding and
sent to review.
"""

from __future__ import annotations

import re

from screener.criteria.context import Found, Section, review, threshold
from screener.criteria.numbers import Threshold, find_ranges, find_thresholds, to_number

__all__ = ["CONTEXT", "ITEM_NAMES", "find_alsfrs", "Target"]

CONTEXT = re.compile(
    r"alsfrs\S*|als-frs\S*|als frs|als functional rating scale|functional rating scale|"
    r"sclerosis rating scale|rating scale[- ]revised|"
    r"\bitem\s*#?\s*\d{1,2}\s*\((?:speech|salivation|swallowing|handwriting|cutting|dressing|"
    r"turning|walking|climbing|dyspn|orthopn|respiratory insufficiency)|"
    r"\bδfs\b|delta ?fs|\bdfs\b|pre-?slope"
)
ITEM_NAMES: tuple[tuple[str, int], ...] = (
    ("speech", 1),
    ("salivation", 2),
    ("saliva", 2),
    ("swallowing", 3),
    ("handwriting", 4),
    ("cutting food", 5),
    ("handling utensils", 5),
    ("dressing", 6),
    ("hygiene", 6),
    ("turning in bed", 7),
    ("walking", 8),
    ("climbing stairs", 9),
    ("stairs", 9),
    ("dyspnea", 10),
    ("dyspnoea", 10),
    ("orthopnea", 11),
    ("orthopnoea", 11),
    ("respiratory insufficiency", 12),
)
_NAME = "|".join(name for name, _ in ITEM_NAMES)
_DOMAIN_ITEMS = {"bulbar": [1, 2, 3], "respiratory": [10, 11, 12]}
_DOMAINS = {"bulbar": "bulbar", "fine motor": "fine_motor", "gross motor": "gross_motor"}
_DOMAINS["respiratory"] = "respiratory"

_PER_MONTH = re.compile(r"^\s*(?:points?|pts?)?\s*(?:per|/|a|each)\s*month")
_SLOPE_WORDS = re.compile(
    r"slope|progression|rate of decline|δfs|delta ?fs|\bdfs\b|decline|\bloss\b|\blost\b|"
    r"\bdrop\b|decrease|deteriorat"
)
_DOUBT = re.compile(
    r"if documented|\bor item|\bunless\b|(?:one|1) of the following|at least (?:one|1) of"
)
# "≥ 2 points for each [item]": the unit "points" with "each" says per item.
_DOUBT_EITHER = re.compile(r"\bunless\b|\bexcept\b|\bif\b|\bboth\b|\ball of\b")
_POINTS_FOR_EACH = re.compile(r"^\s*points?\s+(?:on|in|for)\s+each\b(?P<other>)")
_AFTER_ITEM = re.compile(
    r"^\s*(?:points?)?\s*(?:on|in|at|for)\s+(?:the\s+)?(?:item|question)\s*#?\s*(\d{1,2})\b"
)
_AFTER_EACH = re.compile(
    r"^\s*(?:points?)?\s*(?:on|in|at|for)\s+(?:each|every|all)(?:\s+of)?(?:\s+the)?"
    r"(?:\s+(?P<other>other|remaining))?(?:\s+\d+)?(?:\s+(?:alsfrs\S*|individual|component|"
    r"als-frs\S*))*\s+(?:items?|questions?|sub-?scores?|domains?|subdomains?)"
)
_AFTER_NAMES = re.compile(
    rf"^\s*(?:points?)?\s*(?:on|in|at|for)\s+(?:the\s+)?(?:\w+\s+){{0,3}}?(?:items?\s+)?"
    rf"(?:for\s+|related to\s+|of\s+)?[\"'“”]?(?P<names>(?:{_NAME}|bulbar items|respiratory items)"
    rf"(?:[\"'“”]?\s*(?:,|and|or|\()\s*(?:and\s+)?[\"'“”]?(?:{_NAME}))*)"
)
_BEFORE_ITEM = re.compile(
    r"(?:item|question)\s*#?\s*(\d{1,2})\s*(?:\([^)]*\))?\s*(?:score\s*)?(?:of\s*)?$"
)
_BEFORE_NAME = re.compile(rf"(?P<name>{_NAME})\s*(?:item\s*)?(?:sub-?score|score)?\s*(?:of\s*)?$")
_BEFORE_DOMAIN = re.compile(
    r"(?P<domain>bulbar|fine motor|gross motor|respiratory)\s+(?:sub-?score|domain|subdomain|"
    r"sub-?domain)\s*(?:score\s*)?(?:of\s*)?$"
)
_BEFORE_TOTAL = re.compile(
    r"(?:alsfrs\S*|als-frs\S*|als frs|rating scale|revised|total|overall|\))\s*(?:\[[^\]]*\]\s*)?"
    r"(?:total\s+)?(?:score\s*)?(?:(?!or\b|and\b|with\b)\w+\s+){0,5}?"
    r"(?:of|is|be|should be|must be)?\s*$"
)
_BEFORE_SLOPE = re.compile(
    r"(?:δfs|delta ?fs|\bdfs\b|slope|pre-?slope|progression rate|rate of (?:progression|decline))"
    r"\s*(?:\([^)]*\)\s*)?(?:of\s*|is\s*|must be\s*)?$"
)
_AFTER_TOTAL = re.compile(r"^\s*(?:points?\s*)?(?:/\s*48|overall|total|in total)")


def find_alsfrs(clause: str, item: str, section: Section) -> list[Found]:
    """ALSFRS-R limits in one clause; any part that cannot be tied to a target is reviewed."""
    if not CONTEXT.search(clause):
        return []
    either = _either_item(clause, section)
    if either is not None:
        return either
    if _DOUBT.search(clause):
        factor = "alsfrs_r_item" if re.search(r"\bitems?\b", clause) else "alsfrs_r_slope"
        return [review(factor, section)]
    found: list[Found] = []
    unread = False
    limits = _limits(clause)
    for limit in limits:
        targets = _targets(clause, limit)
        if targets is None:
            unread = True
            continue
        found.extend(_build(targets, limit, section, _named_items(clause)))
    if not any(f.op is not None for f in found) and _SLOPE_WORDS.search(clause):
        return [review("alsfrs_r_slope", section)]
    if unread or not found:
        factor = (
            "alsfrs_r_subscore" if re.search(r"sub-?score|domain", clause) else "alsfrs_r_total"
        )
        if re.search(r"\bitems?\b|" + _NAME, clause):
            factor = "alsfrs_r_item"
        found.append(review(factor, section))
    return _dedupe(found)


_ITEM_ALTERNATIVES = re.compile(
    r"(?:items?|questions?)\s*#?\s*\d{1,2}(?:\s*\([^()]*\))?"
    r"(?:\s*(?:,|\bor\b)\s*(?:(?:item|question)\s*#?\s*)?\d{1,2}(?:\s*\([^()]*\))?)+"
)
_LOW_SCORE = re.compile(
    r"(?:a\s+)?(?:sub-?)?scores?\s+(?:of\s+)?(?P<op><=|<|≤|=)?\s*(?P<value>[0-4])\b"
    r"(?!\s*(?:-|to\b|or (?:more|higher|greater|above)|points? or more|\.\d))"
)


def _either_item(clause: str, section: Section) -> list[Found] | None:
    """ "A score of 0 on item 1 or item 4" as an exclusion: either item alone excludes.

    Only the excluding side is read this way ("or" between alternatives that each rule the
    person out is complete); an inclusion "item 1 or item 4 ≥ 3" stays for review.
    """
    if section != "exclusion":
        return None
    items = _ITEM_ALTERNATIVES.search(clause)
    if items is None or not re.search(r"\bor\b", items.group(0)) or " and " in items.group(0):
        return None
    score = _LOW_SCORE.search(clause)
    if score is None or _DOUBT_EITHER.search(clause):
        return None
    value = int(score.group("value"))
    op = {"<": "<", "<=": "<=", "≤": "<="}.get(score.group("op") or "", "==")
    if op == "==":
        if value != 0:
            return None  # "a score of 2 on item 3 or 4": exactly 2, or 2 or less? Not read.
        op = "<="  # 0 is the lowest score: "a score of 0" is "0 or less"
    unparened = re.sub(r"\([^()]*\)", " ", items.group(0))
    numbers = sorted({int(n) for n in re.findall(r"\d{1,2}", unparened)})
    if not numbers or any(not 1 <= n <= 12 for n in numbers):
        return None
    return [threshold("alsfrs_r_item", section, op, value, "points", {"item": n}) for n in numbers]


def _limits(clause: str) -> list[Threshold]:
    limits = [r for r in find_ranges(clause) if _PER_MONTH.match(clause[r.end :])]
    for limit in find_thresholds(clause):
        if any(r.start <= limit.start < r.end for r in limits):
            continue
        limits.append(limit)
    for match in re.finditer(
        r"(?<![<>=\w])(?:a\s+)?scores?\s+of\s+(\d+)(?!\s*(?:-|to|or|\.\d))", clause
    ):
        limits.append(
            Threshold(
                "==", to_number(match.group(1)), None, match.start(), match.end(), match.group(0)
            )
        )
    return sorted(limits, key=lambda t: t.start)


Target = tuple[str, object]


def _targets(clause: str, limit: Threshold) -> list[Target] | None:
    """What a limit applies to: [("slope", None)], [("item", 3)], [("total", None)]…"""
    after = clause[limit.end :]
    before = clause[max(0, limit.start - 80) : limit.start]
    if _PER_MONTH.match(after):
        return [("slope", None)]
    each = _AFTER_EACH.match(after) or _POINTS_FOR_EACH.match(after)
    if each:
        return [("each", "other" if each.group("other") else None)]
    item = _AFTER_ITEM.match(after)
    if item:
        return [("item", int(item.group(1)))]
    names = _AFTER_NAMES.match(after)
    if names:
        return [("item", n) for n in _item_numbers(names.group("names"))]
    item = _BEFORE_ITEM.search(before)
    if item:
        return [("item", int(item.group(1)))]
    name = _BEFORE_NAME.search(before)
    if name:
        return [("item", n) for n in _item_numbers(name.group("name"))]
    domain = _BEFORE_DOMAIN.search(before)
    if domain:
        return [("subscore", _DOMAINS[domain.group("domain")])]
    if _BEFORE_SLOPE.search(before):
        return [("slope", None)]
    if _AFTER_TOTAL.match(after) or _BEFORE_TOTAL.search(before):
        return [("total", None)]
    return None


def _item_numbers(names: str) -> list[int]:
    numbers: list[int] = []
    for domain, items in _DOMAIN_ITEMS.items():
        if f"{domain} items" in names:
            numbers.extend(items)
    for name, number in ITEM_NAMES:
        if re.search(rf"\b{name}\b", names) and number not in numbers:
            numbers.append(number)
    return numbers


def _named_items(clause: str) -> list[int]:
    """Items a clause names by number or name (for "each of the other items")."""
    numbers = [int(n) for n in re.findall(r"(?:item|question)\s*#?\s*(\d{1,2})\b", clause)]
    numbers += [n for n in _item_numbers(clause) if n not in numbers]
    return sorted(n for n in set(numbers) if 1 <= n <= 12)


def _build(
    targets: list[Target], limit: Threshold, section: Section, named: list[int]
) -> list[Found]:
    op = limit.op
    value = limit.value
    if op == "==" and value == 4:
        op = ">="  # "a score of 4" is the top of an item: the same as ">= 4".
    items = [t for t in targets if t[0] == "item"]
    if section == "exclusion" and len(items) > 1:
        # "≥ 2 on items for speech, swallowing and salivation": all of them, or any one?
        return [review("alsfrs_r_item", section)]
    out: list[Found] = []
    for kind, detail in targets:
        if kind == "slope":
            if not _in_scale(value, 0, 10):
                return [review("alsfrs_r_slope", section)]
            out.append(threshold("alsfrs_r_slope", section, op, value, "points_per_month"))
        elif kind == "total":
            if op == "==" or not _in_scale(value, 10, 48):
                return [review("alsfrs_r_total", section)]
            out.append(threshold("alsfrs_r_total", section, op, value, "points"))
        elif kind == "subscore":
            if not _in_scale(value, 0, 12):
                return [review("alsfrs_r_subscore", section)]
            out.append(
                threshold("alsfrs_r_subscore", section, op, value, "points", {"domain": detail})
            )
        else:
            if not _in_scale(value, 0, 4):
                return [review("alsfrs_r_item", section)]
            extra: dict[str, object] = {"item": "each" if kind == "each" else detail}
            if kind == "each" and detail == "other":
                if not named:
                    return [review("alsfrs_r_item", section)]
                extra["except"] = named
            out.append(threshold("alsfrs_r_item", section, op, value, "points", extra))
    return out


def _in_scale(value: object, low: float, high: float) -> bool:
    if isinstance(value, list):
        return all(_in_scale(v, low, high) for v in value)
    return isinstance(value, int | float) and low <= value <= high


def _dedupe(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for candidate in found:
        if candidate not in out:
            out.append(candidate)
    return out
