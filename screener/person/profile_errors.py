"""Turn one pydantic validation error into one plain line that names the key path.

People fix their own answers from these messages, so each says where ("alsfrs_r.items[6]
(item 7)"), what is allowed and what was given, and suggests the key meant by a typo.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence, Sized
from typing import Any

from pydantic import BaseModel

from screener.inputs.untrusted import shown

__all__ = ["RANGES", "key_path", "allowed_keys", "describe_error"]

RANGES: dict[str, tuple[float | None, float | None, str]] = {
    "age_years": (0, 120, " years"),
    "items": (0, 4, ""),
    "total": (0, 48, ""),
    "percent_predicted": (0, 200, " %"),
    "niv_hours_per_day": (0, 24, " hours"),
    "max_distance_km": (0, None, " km"),
    "cycles_completed": (0, None, ""),
    "lat": (-90, 90, ""),
    "lon": (-180, 180, ""),
}
_NUMBER_TYPES = {"float_type", "float_parsing"}
_INT_TYPES = {"int_type", "int_parsing", "int_from_float"}
_BOUND_TYPES = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}


def key_path(loc: Sequence[int | str]) -> str:
    """``('alsfrs_r', 'items', 6)`` → ``alsfrs_r.items[6] (item 7)``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    if len(loc) >= 2 and loc[-2] == "items" and isinstance(loc[-1], int):
        text += f" (item {loc[-1] + 1})"
    return text


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType or origin is typing.Annotated:
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None


def allowed_keys(root: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys allowed in the object at ``loc`` (a path of field names)."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None or not isinstance(part, str) or part not in model.model_fields:
            return []
        model = _model_of(model.model_fields[part].annotation)
    return list(model.model_fields) if model is not None else []


def _range_text(name: str, ctx: Mapping[str, Any]) -> str:
    lo, hi, unit = RANGES.get(name, (None, None, ""))
    if lo is not None and hi is not None:
        return f"must be {lo:g}–{hi:g}{unit}"
    if lo is not None:
        return f"must be {lo:g}{unit} or more"
    for key, words in (
        ("ge", "at least"),
        ("gt", "more than"),
        ("le", "at most"),
        ("lt", "less than"),
    ):
        if key in ctx:
            return f"must be {words} {ctx[key]}"
    return "is out of range"


def _field_name(loc: Sequence[int | str]) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else ""


def describe_error(error: Mapping[str, Any], root: type[BaseModel]) -> str:
    """One line: ``<key path>: <problem>, got <value>``."""
    loc: tuple[int | str, ...] = tuple(error.get("loc", ()))
    kind = str(error.get("type", ""))
    given = error.get("input")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    where = key_path(loc)
    if kind == "extra_forbidden":
        import difflib  # only an unknown key needs it: a valid profile never loads it

        key = str(loc[-1]) if loc else "?"
        parent = loc[:-1]
        close = difflib.get_close_matches(key, allowed_keys(root, parent), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        place = f" in {key_path(parent)}" if parent else ""
        return f"unknown key '{key}'{place}{hint}"
    if kind in _BOUND_TYPES:
        problem = _range_text(_field_name(loc), ctx)
    elif kind == "literal_error":
        problem = f"must be {ctx.get('expected', 'one of the allowed values')}"
    elif kind in {"bool_type", "bool_parsing"}:
        problem = "must be true or false"
    elif kind in _INT_TYPES:
        problem = "must be a whole number"
    elif kind in _NUMBER_TYPES:
        problem = "must be a number"
    elif kind == "finite_number":
        problem = "must be a finite number"
    elif kind in {"too_short", "too_long"} and _field_name(loc) == "items":
        count = len(given) if isinstance(given, Sized) else "?"
        return f"{where}: needs 12 item scores in the standard order, got {count}"
    elif kind in {"tuple_type", "list_type"}:
        problem = "must be a list"
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        problem = "must be an object"
    elif kind == "string_type":
        problem = "must be text"
    elif kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        # Cross-field checks name their own keys; field checks get the path prefixed.
        return f"{where}: {message}" if where else message
    else:
        problem = str(error.get("msg", "is not valid"))
    got = shown(given)
    return f"{where}: {problem}, got {got}" if where else f"{problem}, got {got}"
