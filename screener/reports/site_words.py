"""Study sites in words and rows: the nearest site's sentence and the map's table.

Distances come from ``screener.registry.sites``; the person's point never leaves this process.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from screener.registry.records import StudyRecord
from screener.registry.sites import sites_with_distance
from screener.reports.result_view import Row, status_words

__all__ = ["site_rows", "nearest_site_words"]


def site_rows(rows: Iterable[Row], point: tuple[float, float] | None) -> list[dict[str, Any]]:
    """Every site with coordinates of these studies, nearest first (the map's data, as a table)."""
    found: list[dict[str, Any]] = []
    for record, _ in rows:
        for placed in sites_with_distance(point, record.sites):
            site = placed.site
            if site.lat is None or site.lon is None:
                continue
            found.append(
                {
                    # Distance first: it is what the table is sorted by and read for, and a
                    # narrow screen cut it off when it came last.
                    "Distance (km)": placed.km,
                    "Study": record.nct_id,
                    "Site": site.facility or "Not named",
                    "Place": ", ".join(p for p in (site.city, site.state, site.country) if p),
                    "Site status": status_words(site.status),
                    "lat": site.lat,
                    "lon": site.lon,
                }
            )
    return sorted(found, key=lambda r: (r["Distance (km)"] is None, r["Distance (km)"] or 0.0))


def nearest_site_words(
    record: StudyRecord, point: tuple[float, float] | None, km: object
) -> str | None:
    """ "Nearest site: <facility>, <place>, about 12 km (7 miles)", or None when unknown."""
    if not isinstance(km, int | float) or isinstance(km, bool):
        return None
    placed = [s for s in sites_with_distance(point, record.sites) if s.km is not None]
    match = next((s for s in placed if abs((s.km or 0.0) - float(km)) < 0.5), None)
    where = ""
    if match is not None:
        site = match.site
        parts = [p for p in (site.facility, site.city, site.country) if p]
        where = ", ".join(parts) + ", " if parts else ""
    return f"Nearest study site: {where}about {float(km):.0f} km ({float(km) * 0.621:.0f} miles)."
