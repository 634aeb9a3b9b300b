"""One-key answers and where the keyboard focus goes next: decided here, without Streamlit.

Every single-choice question takes one key per answer, shown before the answer's words
("1 – Female", "Y – Yes", "4 – Normal speech processes", "S – I don't know / skip"):

- yes / no questions: Y and N;
- ALSFRS-R items (answers are the scores 0 to 4): the score's own digit;
- any other choice: 1, 2, 3 … in the order shown (at most nine; later ones take no key);
- "I don't know / skip": S, everywhere.

After an answer changes, focus moves to the question after it; after the last question of a
step, to the button that goes on (Next, or See results on the last step). After a step change
it lands on the step's first question.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["SKIP_KEY", "GO_ON", "option_keys", "keyed", "focus_after"]

SKIP_KEY = "s"
GO_ON = "@go_on"
"""Focus target meaning "the control that leaves this step" (Next or See results)."""


def option_keys(values: Sequence[Any], skip: Any) -> list[str]:
    """The key that answers each value, in order ("" when a value takes no key)."""
    answers = [v for v in values if v != skip]
    keys: list[str] = []
    if answers and all(isinstance(v, bool) for v in answers):
        keys = ["y" if v else "n" for v in answers]
    elif answers and all(isinstance(v, int) and 0 <= v <= 9 for v in answers):
        keys = [str(v) for v in answers]
    else:
        keys = [str(n) if n <= 9 else "" for n in range(1, len(answers) + 1)]
    picked = iter(keys)
    return [SKIP_KEY if v == skip else next(picked) for v in values]


def keyed(key: str, words: str) -> str:
    """An answer's label with its key in front ("Y – Yes"); unchanged when it takes no key."""
    if not key:
        return words
    prefix = f"{key.upper()} – "
    return words if words.startswith(prefix) else prefix + words


def focus_after(order: Sequence[str], answered: str | None) -> str:
    """Where focus goes: the first question (``answered`` None), the next one, or GO_ON."""
    if answered is None:
        return order[0] if order else GO_ON
    if answered not in order:  # the question is gone (an earlier answer hid it)
        return order[0] if order else GO_ON
    at = order.index(answered)
    return order[at + 1] if at + 1 < len(order) else GO_ON
