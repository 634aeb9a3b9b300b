"""A problem with the person's answers, said in their words, and the step that asks it.

The profile's checks speak in key paths ("your answers: onset_date: 2027-01 is after the
screening date 2026-12-02"): right for a file someone wrote, not for a person who typed a
date on a form. The app screens as of today, so "the screening date" is today.
"""

from __future__ import annotations

import re

from screener.factors.questions import LABELS, QUESTIONS

__all__ = ["Problem", "answer_problem"]

Problem = tuple[str, str | None]
"""(the problem in plain words, slug of the step that asks that question, or None)."""

_AFTER_TODAY = re.compile(r"^(?P<given>\S+) is after the screening date (?P<today>\S+)$")


def answer_problem(message: str) -> Problem:
    """``message`` (a ``ProfileError`` of the app's answers) as the person reads it."""
    _, _, rest = message.partition(": ")
    key, _, problem = rest.partition(": ")
    head = re.split(r"[.\[ ]", key, maxsplit=1)[0]
    if not problem or head not in LABELS:
        return message, None
    after = _AFTER_TODAY.match(problem)
    if after:
        problem = (
            f"the date given ({after['given']}) is after today ({after['today']}); please check it"
        )
    step = QUESTIONS.get(head, (None, None))[1]
    label = LABELS[head]
    part = re.search(r"\((item \d+)\)", key)  # "alsfrs_r.items[6] (item 7)"
    if part:
        label = f"{label}, {part[1]}"
    return f"{label}: {problem}.", step
