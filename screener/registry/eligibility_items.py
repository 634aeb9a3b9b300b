"""One section of eligibility text cut into items, whatever the copy's list style.

Bullets of every kind (``*``, ``-``, ``•``, ``①``, the flattened `` * `` of some mirrors),
list numbers written inline (``1. Age 21 or older. 2. Male or female``: only numbers that
count up are markers), run-on text with no separators at all, and lead-ins ("diagnosed
with:") joined to the short sub-items that finish their sentence. Wrapped lines are joined
back and no word is dropped.
"""

from __future__ import annotations

import re

__all__ = ["section_items"]

_BULLET_LINE = re.compile(
    r"^\s*(?:(?:[*\-•·▪◦]|[①-⑳]|\d{1,2}[.)](?!\d)|\(?[a-z][.)](?=\s)|\(\d{1,2}\))\s*)+"
)
_FLAT_BULLET = re.compile(r"[^\S\n]+[*•][^\S\n]+")
_NUMBER_MARK = re.compile(
    r"(?:(?<=\s)|^)(?:(\d{1,2})[.)]|\((\d{1,2})\))(?=\s)(?!\s*(?:to|-|–|and|or)\s*\(?\d)"
    r"|([①-⑳])"
)
# Run-on text (trials.co): a new item starts where a lower-case word meets a capitalised
# word followed by a lower-case one ("criteria Between the ages"), or at a sentence end.
_RUN_ON = re.compile(r"\s+(?=[A-Z][a-z]+\s+[a-z(])|(?<=[a-z0-9%)\]][.;])\s+(?=[A-Z≥≤<>])")
_JOINING_WORDS = frozenset(
    (
        *("of", "with", "by", "to", "in", "the", "a", "an", "and", "or", "for", "from"),
        *("per", "as", "than", "on", "at", "vs", "including", "such", "not", "no"),
        *("e.g.", "i.e.", "e.g.,", "i.e.,"),
    )
)
_SEMICOLON = re.compile(r";\s+[A-Z]")
_RUN_ON_MIN = 160
_CONTINUES = re.compile(r"(?:[,:]|\b(?:or|and))\s*$", re.IGNORECASE)
_MERGE_LIMIT = 4000


def section_items(body: str) -> list[str]:
    """Split one section body into items, joining wrapped lines back together."""
    run_on = "\n" not in body.strip() and not _FLAT_BULLET.search(" " + body)
    body = _FLAT_BULLET.sub("\n* ", " " + body)
    body = _split_numbered(body)
    run_on = run_on and "\n" not in body.strip()
    pieces: list[str] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            if pieces and pieces[-1]:
                pieces.append("")
            continue
        bullet = _BULLET_LINE.match(raw)
        text = raw[bullet.end() :].strip() if bullet else line
        if not text:
            continue
        if bullet or not pieces or pieces[-1] == "":
            pieces.append(text)
        else:
            pieces[-1] = f"{pieces[-1]} {text}"
    items = [piece.strip(" \t;") for piece in pieces if piece.strip(" \t;")]
    if run_on:
        items = [part for item in items for part in _split_run_on(item)]
    return _merge_lead_ins(items)


def _split_numbered(body: str) -> str:
    """Put inline list numbers that count up (1. 2. 3. or ① ② ③) at line starts.

    Only a number that continues the count (or restarts it at 1) is a list marker, so
    "FVC ≥ 60%. 2 weeks" or "Stage 3. 4 visits" are left alone.
    """
    expected = 1
    cuts: list[int] = []
    for match in _NUMBER_MARK.finditer(body):
        digits = match.group(1) or match.group(2)
        number = int(digits) if digits else ord(match.group(3)) - ord("①") + 1
        # Copies sometimes skip a circled number (① ② ④): a skip of one still counts.
        skipped = match.group(3) is not None and number == expected + 1
        if number == expected or skipped or (number == 1 and expected > 1):
            cuts.append(match.start())
            expected = number + 1
    if not cuts:
        return body
    parts: list[str] = []
    last = 0
    for cut in cuts:
        parts.append(body[last:cut])
        last = cut
    parts.append(body[last:])
    return "\n".join(parts)


def _split_run_on(item: str) -> list[str]:
    """Split a long item made of criteria run together with no separators."""
    if len(item) < _RUN_ON_MIN:
        return [item]
    # Criteria joined by "; " are split there only: a capital inside one is a name.
    semicolons = len(_SEMICOLON.findall(item)) >= 2
    parts: list[str] = []
    last = 0
    for match in _RUN_ON.finditer(item):
        before = item[last : match.start()]
        words = before.split()
        previous = words[-1] if words else ""
        sentence_end = previous.endswith((".", ";"))
        # "criteria Between": a lower-case word meets a capitalised one; but not a word that
        # runs into a name ("history of Parkinson", "receiving Edaravone treatment").
        lower = previous[:1].islower() or previous[:1].isdigit()
        joining = previous.lower() in _JOINING_WORDS or previous.endswith("ing")
        if sentence_end or (lower and not joining and not semicolons):
            parts.append(before)
            last = match.end()
    parts.append(item[last:])
    return [p.strip(" ;") for p in parts if p.strip(" ;")]


def _merge_lead_ins(items: list[str]) -> list[str]:
    """Join "diagnosed with:" to the short sub-items that complete its sentence."""
    merged: list[str] = []
    open_lead = False
    for item in items:
        if open_lead and merged and len(merged[-1]) < _MERGE_LIMIT:
            merged[-1] = f"{merged[-1]} {item}"
        else:
            merged.append(item)
        open_lead = bool(_CONTINUES.search(merged[-1])) and merged[-1].rstrip().endswith(
            (":", ",", " or", " and")
        )
    return merged
