"""When two criteria mean the same thing: one key for the rule book and the batch screener.

``frozen(value)`` turns a criterion's value or extras into something hashable that compares
the way a reader compares them: 18 and 18.0 are the same age, but True is not the number 1
(a reader may treat a yes/no differently from a count). ``meaning_key(criterion)`` is what a
criterion says, leaving out where it came from and how it is worded; the rule book keeps one
criterion per key, and the batch screener shares statuses between criteria whose key (plus
what the verdict reads besides) is the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.criteria.model import Criterion

__all__ = ["PROVENANCE", "frozen", "meaning_key"]

PROVENANCE = ("rule", "note", "original", "curated_by")
"""Extras that say where a criterion came from or why, not what it asks."""


def frozen(value: Any) -> Any:
    """A hashable form of ``value`` that is equal exactly when a reader would read it so."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted(repr(v) for v in value)))
    if isinstance(value, bool):
        return ("bool", value)
    try:
        hash(value)
    except TypeError:
        return ("repr", type(value).__name__, repr(value))
    return value


def meaning_key(criterion: Criterion) -> tuple[Any, ...]:
    """What a criterion says; criteria with the same key say the same thing.

    An unread criterion says only its words. A conditional one ("… unless on riluzole")
    is keyed by the condition's factor, op and value, not by how the condition was phrased.
    """
    if not criterion.understood:
        return ("review", criterion.factor, criterion.kind, criterion.text)
    extras = {k: v for k, v in criterion.extra.items() if k not in PROVENANCE}
    condition = extras.pop("condition", None)
    if isinstance(condition, Mapping):
        extras["condition"] = (condition.get("factor"), condition.get("op"), condition.get("value"))
    return (
        criterion.factor,
        criterion.kind,
        criterion.op,
        frozen(criterion.value),
        frozen(extras),
    )
