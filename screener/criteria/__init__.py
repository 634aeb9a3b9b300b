"""Turn a study's eligibility items into structured criteria with the study's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screener.criteria.model import UNCLASSIFIED, Criterion, Kind
from screener.factors import FACTORS

if TYPE_CHECKING:
    from screener.criteria.extract import extract_criteria, extract_item

__all__ = ["FACTORS", "UNCLASSIFIED", "Criterion", "Kind", "extract_criteria", "extract_item"]


def __getattr__(name: str) -> Any:
    # The extractor compiles a few hundred patterns on import; a screen whose criteria come
    # from the compiled cache (screener.rules.compiled) never needs it, so it loads on first use.
    if name in ("extract_criteria", "extract_item"):
        from screener.criteria import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
