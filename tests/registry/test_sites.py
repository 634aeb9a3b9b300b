"""Distances from the person to a study's sites: nearest open site first, never guessed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from screener.places.geocode import haversine_km, locate
from screener.registry.records import Site, StudyRecord, normalise
from screener.registry.sites import nearest_site_km, sites_with_distance


@pytest.fixture(scope="module")
def many_sites(shared_data: Path) -> StudyRecord:
    """A real v2 record (non-ALS export) with the most sites that carry coordinates."""
    path = shared_data / "ctgov" / "examples-non-als" / "ctg-studies.unl-stat351-2025-10-07.json"
    records = [normalise(raw) for raw in json.loads(path.read_text(encoding="utf-8"))]
    return max(records, key=lambda r: sum(s.lat is not None for s in r.sites))


def test_nearest_site_on_a_real_record(many_sites: StudyRecord) -> None:
    """Standing at one site gives 0 km; elsewhere the answer is the closest of the real sites."""
    placed = [s for s in many_sites.sites if s.lat is not None and s.lon is not None]
    assert len(placed) > 10
    first = (placed[0].lat, placed[0].lon)
    assert nearest_site_km(first, many_sites.sites) == 0.0  # type: ignore[arg-type]
    chicago = locate({"city": "Chicago", "country": "US"})
    expected = min(haversine_km(chicago, (s.lat, s.lon)) for s in placed)  # type: ignore[arg-type]
    assert nearest_site_km(chicago, many_sites.sites) == round(expected, 1)


def test_open_sites_are_preferred(many_sites: StudyRecord) -> None:
    """When some sites are recruiting, the distance is to the nearest recruiting site."""
    chicago = locate({"city": "Chicago", "country": "US"})
    assert chicago is not None
    placed = [s for s in many_sites.sites if s.lat is not None and s.lon is not None]
    by_distance = sorted(placed, key=lambda s: haversine_km(chicago, (s.lat, s.lon)))  # type: ignore[arg-type]
    farthest = dataclasses.replace(by_distance[-1], status="RECRUITING")
    sites = [*by_distance[:-1], farthest]
    got = nearest_site_km(chicago, sites)
    assert got == round(haversine_km(chicago, (farthest.lat, farthest.lon)), 1)  # type: ignore[arg-type]
    assert got is not None and got > nearest_site_km(chicago, by_distance)  # type: ignore[operator]
    closed = [dataclasses.replace(s, status="COMPLETED") for s in sites]
    assert nearest_site_km(chicago, closed) == nearest_site_km(chicago, by_distance)


def test_no_distance_without_coordinates() -> None:
    """No person location, or no site coordinates, gives None."""
    site = Site("Clinic", "RECRUITING", "Boston", None, "United States", None, None)
    assert nearest_site_km((42.36, -71.06), [site]) is None
    assert nearest_site_km(None, [dataclasses.replace(site, lat=42.0, lon=-71.0)]) is None
    assert nearest_site_km((42.36, -71.06), []) is None


def test_sites_with_distance_sorted_nearest_first(many_sites: StudyRecord) -> None:
    """Every site is listed once, nearest first, sites without coordinates last."""
    chicago = locate({"city": "Chicago", "country": "US"})
    no_coords = Site("Unplaced clinic", "RECRUITING", None, None, None, None, None)
    rows = sites_with_distance(chicago, [no_coords, *many_sites.sites])
    assert len(rows) == len(many_sites.sites) + 1
    kms = [r.km for r in rows if r.km is not None]
    assert kms == sorted(kms) and len(kms) >= 10
    first_unplaced = next(i for i, r in enumerate(rows) if r.km is None)
    assert all(r.km is None for r in rows[first_unplaced:])
    tail = [r for r in rows[first_unplaced:] if r.site is no_coords]
    assert len(tail) == 1 and tail[0].is_open
    assert all(r.km is None for r in sites_with_distance(None, many_sites.sites))
