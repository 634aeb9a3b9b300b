"""The order studies are shown in, within each verdict: what a person with ALS looks for first.

1. ALS-specific studies before studies listing ALS among many conditions;
2. treatment studies (drug, biological, genetic, device) before observational ones, unless
   the person asked for observational studies first;
3. how much of the study was checked: criteria met ÷ criteria the study states;
4. a site within the person's distance, then distance unknown, then sites beyond it;
5. fewest months left in an onset or diagnosis window; then nearest site; then NCT number.

One key serves the engine (StudyResult) and the results page (record + result dict).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol

from screener.registry.kinds import als_specific, treatment_rank
from screener.registry.records import StudyRecord
from screener.screening.verdicts import VERDICT_RANK

__all__ = ["DISTANCE_RANK", "RankKey", "Ranked", "key", "rank_key", "row_key"]

DISTANCE_RANK: dict[str | None, int] = {"within": 0, None: 1, "unknown": 1, "beyond": 2}
RankKey = tuple[int, int, int, float, int, float, float, str]


class Ranked(Protocol):
    """What the engine's StudyResult offers the ranking."""

    @property
    def record(self) -> StudyRecord: ...
    @property
    def verdict(self) -> str: ...
    @property
    def nearest_site_km(self) -> float | None: ...
    @property
    def months_left(self) -> float | None: ...
    @property
    def distance(self) -> str | None: ...
    @property
    def criteria(self) -> tuple[Any, ...]: ...


def key(
    record: StudyRecord,
    verdict: str,
    met: int,
    stated: int,
    distance: str | None,
    months_left: float | None,
    km: float | None,
    *,
    observational_first: bool = False,
) -> RankKey:
    """The sort key of one study (smaller comes first)."""
    kind = treatment_rank(record)
    return (
        VERDICT_RANK.get(verdict, 9),
        0 if als_specific(record) else 1,
        2 - kind if observational_first else kind,
        -(met / stated) if stated else 0.0,
        DISTANCE_RANK.get(distance, 1),
        math.inf if months_left is None else months_left,
        math.inf if km is None else km,
        record.nct_id,
    )


def rank_key(result: Ranked) -> RankKey:
    """The sort key of an engine result."""
    met = sum(1 for r in result.criteria if r.status == "met")
    return key(
        result.record,
        result.verdict,
        met,
        len(result.criteria),
        result.distance,
        result.months_left,
        result.nearest_site_km,
    )


def row_key(
    record: StudyRecord, result: Mapping[str, Any], *, observational_first: bool = False
) -> RankKey:
    """The sort key of a results-page row (a result's ``to_dict()``)."""
    criteria = result.get("criteria", [])
    km = result.get("nearest_site_km")
    left = result.get("months_left")
    return key(
        record,
        str(result.get("verdict")),
        sum(1 for c in criteria if c.get("status") == "met"),
        len(criteria),
        result.get("distance"),
        float(left) if isinstance(left, int | float) else None,
        float(km) if isinstance(km, int | float) else None,
        observational_first=observational_first,
    )
