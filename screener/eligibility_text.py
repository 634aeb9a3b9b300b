"""Split a study's free-text eligibility criteria into inclusion and exclusion items.

Registry text arrives in many shapes: markdown bullets (``* ``), dashes, numbered lists,
``•`` bullets, the flattened `` * `` bullets of some mirrors, escaped ``\\>``/``\\<``,
"Key inclusion criteria", headings without colons, or no headings at all. Items that sit
before any heading are kept apart as ``unlabelled``: the text does not say which side they
are on, so nobody may treat them as an exclusion by guesswork.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPE = re.compile(r"\\([<>\[\]()*_#~`|.!+=-])")
_HEADING = re.compile(
    r"(?:^|(?<=[\s.:;]))"
    r"(?:key\s+|main\s+|main\s+key\s+|general\s+)?"
    r"(?P<side>inclusion|exclusion|exclusionary|eligibility)"
    r"(?:\s+criteria|\s+criterion)?"
    r"(?P<colon>\s*:|\s*\n|\s*$)",
    re.IGNORECASE,
)
_BULLET_LINE = re.compile(r"^\s*(?:[*\-•·▪◦]|\d{1,2}[.)](?!\d)|\(?[a-z][.)](?=\s)|\(\d{1,2}\))\s*")
_FLAT_BULLET = re.compile(r"\s+\*\s+")
_INLINE_NUMBER = re.compile(r"(?<=[.;:a-z)])\s+(?=\d{1,2}\.\s+[A-Z])")
_CONTINUES = re.compile(r"(?:[,;:]|\b(?:or|and|of|with|to|the|a|an|in|for))\s*$", re.IGNORECASE)
_SENTENCE_SPLIT_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class EligibilityItems:
    """The items of one eligibility text, by the side the study put them on."""

    inclusion: tuple[str, ...]
    exclusion: tuple[str, ...]
    unlabelled: tuple[str, ...]


def unescape(text: str) -> str:
    """Undo markdown escapes such as ``\\>`` and ``\\<`` that mirrors keep."""
    return _ESCAPE.sub(r"\1", text)


def split_eligibility(text: str | None) -> EligibilityItems:
    """Split eligibility text into inclusion, exclusion and unlabelled items.

    Never raises: any string (or None) gives a result, possibly empty.
    """
    if not text or not text.strip():
        return EligibilityItems((), (), ())
    clean = unescape(text.replace("\r\n", "\n").replace("\r", "\n"))
    sections: dict[str, list[str]] = {"inclusion": [], "exclusion": [], "unlabelled": []}
    for side, body in _sections(clean):
        sections[side].extend(_items(body))
    return EligibilityItems(
        tuple(sections["inclusion"]), tuple(sections["exclusion"]), tuple(sections["unlabelled"])
    )


def _sections(text: str) -> list[tuple[str, str]]:
    """Cut the text at its headings; text before the first heading is unlabelled."""
    found: list[tuple[int, int, str]] = []
    for match in _HEADING.finditer(text):
        word = match.group("side").lower()
        if word == "eligibility":
            # "Eligibility criteria:" introduces the whole text; it is not a side.
            side = "unlabelled"
        else:
            side = "inclusion" if word == "inclusion" else "exclusion"
        # A heading stands at a line start or is followed by a colon; a passing mention
        # such as "meets all inclusion criteria" in a sentence is not a heading.
        line_start = match.start() == 0 or text[: match.start()].rstrip(" \t").endswith(
            ("\n", "*", "•", ":", ".")
        )
        has_colon = ":" in match.group("colon")
        if not (has_colon or (line_start and match.group("colon").strip() == "")):
            continue
        if not line_start and not has_colon:
            continue
        found.append((match.start(), match.end(), side))
    result: list[tuple[str, str]] = []
    cursor = 0
    current = "unlabelled"
    for start, end, side in found:
        result.append((current, text[cursor:start]))
        current, cursor = side, end
    result.append((current, text[cursor:]))
    return [(side, body) for side, body in result if body.strip()]


def _items(body: str) -> list[str]:
    """Split one section body into items, joining wrapped lines back together."""
    body = _FLAT_BULLET.sub("\n* ", " " + body)
    body = _INLINE_NUMBER.sub("\n", body)
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
    return _merge_lead_ins(items)


def _merge_lead_ins(items: list[str]) -> list[str]:
    """Join "diagnosed with:" to the short sub-items that complete its sentence."""
    merged: list[str] = []
    open_lead = False
    for item in items:
        if open_lead and merged and len(merged[-1]) < _SENTENCE_SPLIT_LIMIT:
            merged[-1] = f"{merged[-1]} {item}"
        else:
            merged.append(item)
        open_lead = bool(_CONTINUES.search(merged[-1])) and merged[-1].rstrip().endswith(
            (":", ",", " or", " and")
        )
    return merged
