"""A criterion as JSON and back, exactly: the same values of the same types.

The compiled cache (``rules/compiled.py``) keeps criteria as JSON; a tuple must come back a
tuple and a mapping a mapping, or a cached criterion would not equal a freshly built one.
A value JSON cannot hold exactly (NaN, infinities, odd keys) raises ``NotCacheable``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from screener.criteria.model import Criterion
from screener.errors import NotCacheable as _NotCacheable

__all__ = ["encode_criterion", "decode_criterion"]


def _encode(value: Any) -> Any:
    """JSON for a criterion's value or extras that decodes to an equal value of the same types."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotCacheable(repr(value))
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise _NotCacheable(repr(value))
        return {"d": {k: _encode(v) for k, v in value.items()}}
    raise _NotCacheable(f"{type(value).__name__}: {value!r}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "t" in value:
            return tuple(_decode(v) for v in value["t"])
        return {k: _decode(v) for k, v in value["d"].items()}
    return value


def encode_criterion(c: Criterion) -> list[Any]:
    """One criterion as a JSON list (raises ``ValueError`` when it cannot round-trip)."""
    return [
        c.factor,
        c.kind,
        c.op,
        _encode(c.value),
        c.unit,
        c.text,
        _encode(dict(c.extra)),
        c.source,
    ]


def decode_criterion(row: Sequence[Any]) -> Criterion:
    """The criterion ``encode_criterion`` wrote."""
    factor, kind, op, value, unit, text, extra, source = row
    return Criterion(factor, kind, op, _decode(value), unit, text, _decode(extra), source)
