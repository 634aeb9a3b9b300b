"""Split a study's free-text eligibility criteria into inclusion and exclusion items.

Registry text arrives in many shapes: markdown bullets (``* ``), dashes, numbered lists
(also inline: ``1. Age 21 or older. 2. Male or female``), ``•`` and ``①`` bullets, the
flattened `` * `` bullets of some mirrors, escaped ``\\>``/``\\<``, "Key inclusion criteria",
headings without colons or with a qualifier ("Inclusion Criteria for Part 1:"), run-on text
with no separators at all, or no headings at all.

Safety first: items before any heading, and items under a heading that names both sides,
are ``unlabelled`` (the text does not say which side they are on, so nobody may treat them
as exclusions by guesswork). An "Exclusion" section whose items read as requirements
("Between 18 and 80 years of age", "Must be able to...") is a mis-ordered copy: its items
are moved to ``unlabelled`` too, since reading them as exclusions would exclude exactly the
people the study wants. How one section's body becomes items (bullets, inline numbers,
run-on text) is ``eligibility_items``; this module finds the sections and their sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from screener.registry.eligibility_items import section_items

__all__ = ["EligibilityItems", "unescape", "split_eligibility"]

# CommonMark lets any ASCII punctuation be backslash-escaped, and ClinicalTrials.gov's
# markdown uses that (``\&``, ``\>``, ``\(``); the reader wants the character itself.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HEADING_BODY = (
    r"(?P<prefix>(?:(?:key|main|general|additional|other|major)\s+){0,2}"
    r"(?:part\s+[a-z0-9]{1,2}\s+)?)"
    r"(?P<side>inclusion|exclusion|exclusionary|eligibility)"
    r"(?P<both>\s+(?:and|&|/)\s+(?:inclusion|exclusion))?"
    r"(?P<crit>\s+criteri(?:a|on)\b)?\*?"
    r"(?P<tail>[^\S\n]+(?!\d{1,2}[.)]\s)[^:\n*•.;()]{1,60}?(?:\([^()\n]{1,20}\))?)?"
    r"(?P<end>[^\S\n]*:|(?=[^\S\n]*(?:\n|$|\*|•|-\s|\d{1,2}[.)]\s|[①-⑳])))"
)
# Every heading begins with the first letter of one of its words (key, main, general,
# additional, other, major, part, inclusion, exclusion, eligibility): looking at that one
# letter first lets the scan skip every other position at once (half the time of reading a
# snapshot). It changes no match; a test holds it to the plain pattern.
_HEADING_FIRST_LETTER = r"(?=[kmgaopie])"
_HEADING = re.compile(_HEADING_FIRST_LETTER + _HEADING_BODY, re.IGNORECASE)
# A heading starts the text, a line, a bullet, or a sentence.
_LINE_START = ("\n", "*", "•", "-", ":", ".", ";", ")")
_MORE = re.compile(
    r"\(?\s*there (?:are|is|may be) (?:additional|more|other) "
    r"(?:inclusion |exclusion |eligibility )?criteri(?:a|on)[^)\n]*\)?",
    re.IGNORECASE,
)
_REQUIREMENT = re.compile(
    r"^(?:between \d+ and \d+ years|(?:the )?(?:patient|participant|subject)s? must (?:be|have)"
    r"|must (?:be|have|live))",
    re.IGNORECASE,
)
# "Able to become pregnant" can be a true exclusion: it takes two of these to raise doubt.
_WEAK_REQUIREMENT = re.compile(r"^(?:able to|willing to|capable of)", re.IGNORECASE)
# A participant-group label ("Healthy Control", "ALS participants") left at the end of the
# item before the group's own bullets, after that item's last sentence.
_GROUP_TAIL = re.compile(
    r"^(?P<head>.*?[.;)])(?:\s+\d{1,2}[.)])?\s+(?P<label>[A-Z][^\s.;:,]*(?:\s+[^\s.;:,]+){0,5})$",
    re.DOTALL,
)
_GROUP_NOUNS = frozenset(
    ("participants", "patients", "patient", "volunteers", "subjects", "controls", "control")
    + ("group", "cohort", "arm")
)
_PLAIN_GROUP_NOUNS = frozenset(("controls", "volunteers", "participants", "relatives"))
_GROUP_GLUE = frozenset(("of", "with", "and", "or", "the", "without", "to", "for"))


@dataclass(frozen=True, slots=True)
class EligibilityItems:
    """The items of one eligibility text, by the side the study put them on.

    ``more_not_shown``: the text itself says further criteria exist that it does not show
    ("There are additional exclusion criteria"). ``doubtful_sides``: an exclusion section
    read as requirements and was moved to ``unlabelled``. ``groups``: labels of participant
    groups with criteria of their own ("Healthy Control", "ALS participants"): when there are
    any, not every item applies to every person.
    """

    inclusion: tuple[str, ...]
    exclusion: tuple[str, ...]
    unlabelled: tuple[str, ...]
    more_not_shown: bool = False
    doubtful_sides: bool = False
    groups: tuple[str, ...] = ()


def unescape(text: str) -> str:
    """Undo markdown escapes of ASCII punctuation (``\\&``, ``\\>``, ``\\<``...)."""
    return _ESCAPE.sub(r"\1", text)


def split_eligibility(text: str | None) -> EligibilityItems:
    """Split eligibility text into inclusion, exclusion and unlabelled items.

    Never raises: any string (or None) gives a result, possibly empty.
    """
    if not text or not text.strip():
        return EligibilityItems((), (), ())
    clean = unescape(text.replace("\r\n", "\n").replace("\r", "\n"))
    more = bool(_MORE.search(clean))
    clean = _MORE.sub("\n", clean)
    sections: dict[str, list[str]] = {"inclusion": [], "exclusion": [], "unlabelled": []}
    groups: list[str] = []
    parts = _sections(clean)
    for number, (side, body, label) in enumerate(parts):
        if label:
            groups.append(label)
        items = section_items(body)
        last_part = number == len(parts) - 1
        sections[side].extend(_take_groups(items, groups, last_part, side == "unlabelled"))
    exclusion = sections["exclusion"]
    doubtful = any(_REQUIREMENT.match(item) for item in exclusion) or (
        sum(1 for item in exclusion if _WEAK_REQUIREMENT.match(item)) >= 2
    )
    if doubtful:
        sections["unlabelled"].extend(sections["exclusion"])
        sections["exclusion"] = []
    return EligibilityItems(
        tuple(sections["inclusion"]),
        tuple(sections["exclusion"]),
        tuple(sections["unlabelled"]),
        more_not_shown=more,
        doubtful_sides=doubtful,
        groups=tuple(dict.fromkeys(groups)),
    )


def _is_group_label(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(phrase) > 60 or "," in phrase or "criteri" in phrase.lower():
        return False
    if phrase.count("(") != phrase.count(")") or all(w.lower() in _GROUP_GLUE for w in words):
        return False
    if words[-1].lower() in _GROUP_NOUNS:
        return True
    return all(w[:1].isupper() or w[:1] in "(0123456789" or w in _GROUP_GLUE for w in words)


def _names_a_group(item: str) -> bool:
    """A short bullet such as "Healthy controls" or "ALS Patient" that heads a group."""
    words = item.split()
    if not 0 < len(words) <= 5 or not _is_group_label(item):
        return False
    last = words[-1].lower()
    capitalised = all(w[:1].isupper() or w in _GROUP_GLUE for w in words)
    return last in _PLAIN_GROUP_NOUNS or (capitalised and last in _GROUP_NOUNS)


def _take_groups(
    items: list[str], groups: list[str], keep_last: bool, unlabelled: bool
) -> list[str]:
    """Note group labels in ``groups``; a label glued to the end of an item becomes its own
    item. No word is dropped: a label stays in the text a reader sees.
    """
    kept: list[str] = []
    for number, item in enumerate(items):
        is_last = number == len(items) - 1
        # The text's very last item may be cut mid-sentence: never read it as a label.
        if is_last and keep_last:
            kept.append(item)
            continue
        match = _GROUP_TAIL.match(item)
        if match and _is_group_label(match.group("label")):
            kept.extend((match.group("head"), match.group("label")))
            groups.append(match.group("label"))
            continue
        before_heading = unlabelled and is_last
        if _names_a_group(item) or (before_heading and _is_group_label(item)):
            # "Healthy controls" as a bullet, or "ALS Volunteers" right before a heading.
            groups.append(item)
        kept.append(item)
    return kept


def _sections(text: str) -> list[tuple[str, str, str | None]]:
    """Cut the text at its headings: (side, body, group label from the heading or None).

    Text before the first heading is unlabelled.
    """
    found: list[tuple[int, int, str, str | None]] = []
    for match in _HEADING.finditer(text):
        side = _side_of(match, text)
        if side is not None:
            tail = (match.group("tail") or "").strip()
            label = tail if tail and _is_group_label(tail) else None
            found.append((match.start(), match.end(), side, label))
    result: list[tuple[str, str, str | None]] = []
    cursor = 0
    current, current_label = "unlabelled", None
    for start, end, side, label in found:
        if start < cursor:
            continue
        result.append((current, text[cursor:start], current_label))
        current, cursor, current_label = side, end, label
    result.append((current, text[cursor:], current_label))
    return [part for part in result if part[1].strip()]


def _side_of(match: re.Match[str], text: str) -> str | None:
    """The side a heading match opens, or None when it is a passing mention in a sentence."""
    before = text[: match.start()].rstrip(" \t")
    line_start = not before or before.endswith(_LINE_START)
    has_colon = match.group("end").strip() == ":"
    # In flattened text "Exclusion Criteria * item" runs on from the last item: a heading
    # right before a bullet or a list's "1." needs no line of its own.
    after = text[match.end() :].lstrip(" \t")
    bullet_next = not match.group("tail") and (after[:1] in ("*", "•") or after[:2] == "1.")
    if match.group("crit") is None and (
        match.group("tail") or not (line_start or (has_colon and bullet_next))
    ):
        # A bare "Inclusion" is a heading only alone on its line or as "Inclusion: 1. ...".
        return None
    if not line_start and not bullet_next and (not has_colon or match.group("tail")):
        return None
    word = match.group("side").lower()
    if word == "eligibility" or match.group("both"):
        # "Eligibility criteria:" introduces the whole text, and "Inclusion and Exclusion
        # Criteria" names no single side: what follows is unlabelled.
        return "unlabelled"
    return "inclusion" if word == "inclusion" else "exclusion"
