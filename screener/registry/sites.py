"""Distances from the person to a study's sites, computed locally (never sent anywhere)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from screener.places.geocode import Point, haversine_km, valid_point
from screener.registry.records import Site

__all__ = ["OPEN_SITE_STATUSES", "SiteDistance", "nearest_site_km", "sites_with_distance"]

OPEN_SITE_STATUSES: tuple[str, ...] = ("RECRUITING", "NOT_YET_RECRUITING")


@dataclass(frozen=True, slots=True)
class SiteDistance:
    """A study site and its distance from the person (None when either point is unknown)."""

    site: Site
    km: float | None

    @property
    def is_open(self) -> bool:
        """Whether the site itself lists recruitment as open or about to open."""
        return self.site.status in OPEN_SITE_STATUSES


def _site_point(site: Site) -> Point | None:
    return valid_point(site.lat, site.lon)


def nearest_site_km(
    point: Point | None,
    sites: Iterable[Site],
    statuses: Sequence[str] = OPEN_SITE_STATUSES,
) -> float | None:
    """Distance to the nearest site, preferring sites whose own status is in ``statuses``.

    A study's overall status can say "recruiting" while some sites are closed, so the open
    sites are measured when any has coordinates; otherwise every site with coordinates is.
    """
    if point is None:
        return None
    placed = [(s, p) for s in sites if (p := _site_point(s)) is not None]
    preferred = [p for s, p in placed if s.status in statuses]
    candidates = preferred or [p for _, p in placed]
    if not candidates:
        return None
    return round(min(haversine_km(point, p) for p in candidates), 1)


def sites_with_distance(point: Point | None, sites: Iterable[Site]) -> list[SiteDistance]:
    """Every site with its distance, nearest first; sites without a distance come last."""
    rows = [
        SiteDistance(
            site,
            None
            if point is None or (p := _site_point(site)) is None
            else round(haversine_km(point, p), 1),
        )
        for site in sites
    ]
    return sorted(rows, key=lambda r: (r.km is None, r.km or 0.0))
