"""Numbers, comparators, ranges and durations as eligibility text writes them.

Everything here works on *normalised* text (see :func:`normalise`): lower case, symbols
spelled one way (``>=``, ``<=``), number words turned into digits. Normalising keeps every
character position meaningful only approximately, so callers keep the original item text
for evidence and use the normalised text for matching only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "COMPARATOR",
    "POST_COMPARATOR",
    "NUMBER",
    "TIME_UNIT",
    "normalise",
    "comparator_op",
    "post_op",
    "flip",
    "to_number",
    "to_months",
    "to_days",
    "Threshold",
    "find_ranges",
    "find_thresholds",
]

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
    "twenty four": 24,
    "thirty": 30,
    "thirty-six": 36,
    "thirty six": 36,
    "forty": 40,
    "forty-eight": 48,
    "sixty": 60,
    "ninety": 90,
}
_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True)) + r")\b"
)
# "two (2) years" says the number twice; keep one.
_DOUBLED = re.compile(r"\b(\d+)\s*\(\s*\1\s*\)")

_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("≥", " >= "),
    ("≤", " <= "),
    ("⩾", " >= "),
    ("⩽", " <= "),
    ("＞", " > "),
    ("＜", " < "),
    ("&gt;", ">"),
    ("&lt;", "<"),
    ("\\>", ">"),
    ("\\<", "<"),
    ("–", "-"),
    ("—", "-"),
    ("−", "-"),
    ("~", "-"),
    ("’", "'"),
)
_SYMBOL_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r">\s*or\s*=|=\s*>|>\s*=|=>"), " >= "),
    (re.compile(r"<\s*or\s*=|=\s*<|<\s*=|=<"), " <= "),
)

# Longest phrases first so that "greater than or equal to" wins over "greater than".
_COMPARATOR_PHRASES: tuple[tuple[str, str], ...] = (
    # Every "equal or more" wording, in either order ("equal or over", "above or equal to").
    (
        r"equal(?: to)? or (?:greater|more|higher|larger|superior|above|over|older|longer)"
        r"(?: than| to)?|(?:greater|more|higher|larger|superior|above|over|older|longer)"
        r"(?: than| to)? or equal(?: to)?",
        ">=",
    ),
    (r"at least|no less than|not less than|a minimum of|minimum of|minimum", ">="),
    (
        r"equal(?: to)? or (?:less|lower|smaller|fewer|inferior|below|under|younger|shorter)"
        r"(?: than| to)?|(?:less|lower|smaller|fewer|inferior|below|under|younger|shorter)"
        r"(?: than| to)? or equal(?: to)?",
        "<=",
    ),
    (r"no more than|not more than|no greater than|not greater than|no longer than", "<="),
    (r"not longer than|must not exceed|not to exceed|not exceeding|does not exceed", "<="),
    (r"a maximum of|maximum of|up to|within the (?:last|past|previous|preceding|prior)", "<="),
    (r"within|in the (?:last|past|previous|preceding)|during the (?:last|past|previous)", "<="),
    (r"over the (?:last|past|previous|preceding)", "<="),
    (r"greater than|more than|higher than|older than|longer than|superior to|exceeding", ">"),
    (r"exceeds|exceed|above|over", ">"),
    (r"less than|fewer than|lower than|younger than|shorter than|inferior to|below|under", "<"),
)
COMPARATOR = r"(?P<cmp>>=|<=|>|<|=|" + "|".join(phrase for phrase, _ in _COMPARATOR_PHRASES) + r")"
_PHRASE_OPS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:{phrase})$"), op) for phrase, op in _COMPARATOR_PHRASES
]
POST_COMPARATOR = (
    r"(?P<post>or (?:more|greater|higher|older|above|longer|over)|and (?:older|above|over)|"
    r"or (?:less|fewer|lower|younger|below|shorter|under)|and (?:younger|below|under)|\+)"
)
NUMBER = r"\d+(?:\.\d+)?"
TIME_UNIT = r"(?P<unit>years?|yrs?|months?|mos?|weeks?|wks?|days?)"

_UNIT_MONTHS = {"y": 12.0, "m": 1.0, "w": 12 / 52.1775, "d": 12 / 365.25}
_UNIT_DAYS = {"y": 365.0, "m": 30.0, "w": 7.0, "d": 1.0}


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case text with comparators as ``>=``/``<=``/``>``/``<`` and numbers as digits."""
    out = text.lower()
    for old, new in _SYMBOLS:
        out = out.replace(old, new)
    for pattern, new in _SYMBOL_RES:
        out = pattern.sub(new, out)
    out = _WORD_RE.sub(lambda m: str(_WORD_NUMBERS[m.group(1)]), out)
    out = _DOUBLED.sub(r"\1", out)
    out = re.sub(r"(\d),(\d{3})\b", r"\1\2", out)
    return re.sub(r"[ \t]+", " ", out)


def comparator_op(phrase: str) -> str | None:
    """The operator a comparator phrase or symbol stands for, or None (``=`` gives ``==``)."""
    phrase = re.sub(r"\s+", " ", phrase.strip())
    if phrase in {">=", "<=", ">", "<"}:
        return phrase
    if phrase == "=":
        return "=="
    for pattern, op in _PHRASE_OPS:
        if pattern.match(phrase):
            return op
    return None


def post_op(phrase: str) -> str:
    """The operator of a trailing phrase such as "or more" / "or younger" / "+"."""
    if phrase == "+" or re.search(r"more|greater|higher|older|above|longer|over", phrase):
        return ">="
    return "<="


def flip(op: str) -> str:
    """The operator read from the other side: ``18 <= age`` is ``age >= 18``."""
    return {">=": "<=", "<=": ">=", ">": "<", "<": ">"}.get(op, op)


def to_number(text: str) -> float | int:
    """A number as an int when it is whole, else a float."""
    value = float(text)
    return int(value) if value.is_integer() else value


def to_months(value: float, unit: str) -> float | int:
    """A duration in months (weeks and days converted, rounded to 0.1)."""
    months = value * _UNIT_MONTHS[_unit_key(unit)]
    return to_number(f"{months:.1f}")


def to_days(value: float, unit: str) -> int:
    """A duration in days (a month counts 30 days, a week 7)."""
    return round(value * _UNIT_DAYS[_unit_key(unit)])


def _unit_key(unit: str) -> str:
    return unit.strip().lower()[0]


@dataclass(frozen=True, slots=True)
class Threshold:
    """One limit read from text: ``op value`` (or ``between`` [lo, hi]) with its unit word."""

    op: str
    value: float | int | list[float | int]
    unit: str | None
    start: int
    end: int
    original: str


_RANGE_RE = re.compile(
    rf"(?:between\s+(?:the\s+ages?\s+of\s+)?)?(?P<lo>{NUMBER})\s*(?P<lounit>years?|months?)?\s*"
    rf"(?:-|to|and)\s*(?P<hi>{NUMBER})\b"
)
_BETWEEN_RE = re.compile(
    rf"between\s+(?:the\s+ages?\s+of\s+)?(?P<lo>{NUMBER})\s*\S*\s*and\s*(?P<hi>{NUMBER})"
)


def find_ranges(text: str) -> list[Threshold]:
    """Ranges "between 18 and 80", "18-75", "18 to 80" as ``between`` [lo, hi] (inclusive)."""
    found: list[Threshold] = []
    for pattern in (_BETWEEN_RE, _RANGE_RE):
        for match in pattern.finditer(text):
            if any(t.start <= match.start() < t.end for t in found):
                continue
            lo, hi = to_number(match.group("lo")), to_number(match.group("hi"))
            if lo >= hi:
                continue
            found.append(
                Threshold("between", [lo, hi], None, match.start(), match.end(), match.group(0))
            )
    return found


_CMP_NUM_RE = re.compile(rf"{COMPARATOR}\s*(?:the\s+)?(?:past\s+|last\s+)?(?P<num>{NUMBER})")
_NUM_POST_RE = re.compile(rf"(?P<num>{NUMBER})\s*(?P<mid>[a-z%'/ ]{{0,24}}?)\s*{POST_COMPARATOR}")


def find_thresholds(text: str) -> list[Threshold]:
    """Every "comparator number" and "number ... or more" in the text, in order."""
    found: list[Threshold] = []
    for match in _CMP_NUM_RE.finditer(text):
        op = comparator_op(match.group("cmp"))
        if op is None:
            continue
        if not _word_bounded(text, match.start("cmp"), match.group("cmp")):
            continue
        found.append(
            Threshold(
                op, to_number(match.group("num")), None, match.start(), match.end(), match.group(0)
            )
        )
    for match in _NUM_POST_RE.finditer(text):
        if any(t.start <= match.start("num") < t.end for t in found):
            continue
        op = post_op(match.group("post"))
        found.append(
            Threshold(
                op, to_number(match.group("num")), None, match.start(), match.end(), match.group(0)
            )
        )
    return sorted(found, key=lambda t: t.start)


def _word_bounded(text: str, start: int, phrase: str) -> bool:
    """A word comparator ("over") must start a word: "moreover" is not a comparator."""
    if not phrase[0].isalpha():
        return True
    return start == 0 or not text[start - 1].isalpha()
