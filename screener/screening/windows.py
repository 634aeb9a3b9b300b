"""How long a person has before a study's onset or diagnosis window closes.

A study that takes people "within 24 months of first symptom" or "diagnosed less than 6
months ago" sets a window; the tightest one, counted on its own clock, is the "months left"
the engine, the triage table and every report show.
"""

from __future__ import annotations

from collections.abc import Iterable

from screener.criteria.model import Criterion
from screener.person.profile import Profile

__all__ = ["CLOCKS", "months_left", "tightest_window", "upper_limit"]

_WINDOW_FACTORS = {
    "months_since_onset": "months_since_onset",
    "months_since_diagnosis": "months_since_diagnosis",
}
CLOCKS: dict[str, str] = {"months_since_onset": "onset", "months_since_diagnosis": "diagnosis"}
"""Which clock a window counts on: first symptom ("onset") or diagnosis."""


def upper_limit(c: Criterion) -> float | None:
    """The most months since onset/diagnosis a criterion allows, if it sets one."""
    if c.factor not in _WINDOW_FACTORS or not c.understood or c.extra.get("condition"):
        return None
    value = c.value
    if c.kind == "inclusion":
        if c.op in ("<=", "<"):
            return _num(value)
        if c.op == "between" and isinstance(value, list | tuple) and len(value) == 2:
            return _num(value[1])
    elif c.op in (">", ">="):
        return _num(value)
    return None


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def months_left(profile: Profile, criteria: Iterable[Criterion]) -> float | None:
    """Months before the person passes the study's tightest onset/diagnosis window."""
    window = tightest_window(profile, criteria)
    return None if window is None else window[0]


def tightest_window(profile: Profile, criteria: Iterable[Criterion]) -> tuple[float, str] | None:
    """(months left, clock) of the tightest onset/diagnosis window, each on its own clock.

    "6 months since diagnosis" is counted from the diagnosis date, "24 months since first
    symptom" from onset; the clock is kept so the words say which one closes.
    """
    if profile.onset_date is None and profile.diagnosis_date is None:
        return None
    left: list[tuple[float, str]] = []
    for c in criteria:
        limit = upper_limit(c)
        months = getattr(profile, _WINDOW_FACTORS.get(c.factor, "as_of"), None)
        if limit is not None and isinstance(months, float):
            left.append((limit - months, CLOCKS[c.factor]))
    if not left:
        return None
    months, clock = min(left)
    if months < 0:
        return None
    return round(months, 1), clock
