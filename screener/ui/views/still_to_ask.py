"""The triage page's "still to ask": each open question as a CSV column to fill, or in words.

The triage output's ``open_questions`` (the command's, and the download's) names the CSV
column behind each question and falls back to the profile key when no column answers it
(``vital_capacity_other``), and it names a column even when that column is filled but not
precisely enough (a month-only ``diagnosis_date`` near a limit). On the page a coordinator
reads every entry as something to do: a blank column to fill, or the thing to ask, in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from screener.factors.questions import LABELS
from screener.triage.candidate_columns import BY_NAME, COLUMNS
from screener.triage.run import SEPARATOR

__all__ = ["still_to_ask", "entry_words"]

_MONTH_ONLY = re.compile(r"^\d{4}-\d{2}$")


def _columns_under(key: str) -> list[str]:
    """The CSV columns whose profile path starts with ``key``'s (``location`` → postal_code…)."""
    parts = tuple(key.split("."))
    return [c.name for c in COLUMNS if c.path[: len(parts)] == parts]


def _is_columns(entry: str) -> bool:
    """Whether the entry names CSV columns only (one, ``a/b/c`` or ``alsfrs_r_1..alsfrs_r_12``)."""
    names = entry.replace("..", "/").split("/")
    return all(name in BY_NAME for name in names)


def entry_words(entry: str, value: object = None) -> str:
    """One open question as the page shows it; ``value`` is the person's cell when filled."""
    if _is_columns(entry):
        if value is None or "/" in entry or ".." in entry:
            return entry
        if isinstance(value, str) and _MONTH_ONLY.match(value):
            return f"{entry}: the exact day (only the month is given)"
        return f"{entry}: filled, but not enough to settle a criterion: check it with the person"
    key = entry.split(" (", 1)[0]
    under = _columns_under(key)
    if under:
        return "/".join(under)
    label = LABELS.get(key) or LABELS.get(key.split(".", 1)[0]) or key
    return f"{label} (not a CSV column: ask the person)"


def still_to_ask(open_questions: str, cell: Callable[[str], object]) -> str:
    """A row's ``open_questions`` in the page's words; ``cell(column)`` is the person's value
    of that column (None when blank)."""
    if not open_questions:
        return ""
    entries = open_questions.split(SEPARATOR)
    words = [entry_words(e, cell(e) if e in BY_NAME else None) for e in entries]
    return SEPARATOR.join(dict.fromkeys(words))
