"""Offline geocoding: known places, never-guess rules, distance maths."""

from __future__ import annotations

import logging
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.places.geocode import (
    EARTH_RADIUS_KM,
    city_index,
    country_code,
    haversine_km,
    locate,
)

points = st.tuples(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)


def _close(a: tuple[float, float] | None, b: tuple[float, float], tol: float = 0.05) -> bool:
    return a is not None and abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


def test_us_zip_code_is_located() -> None:
    """02114 (with or without +4) is in Boston, about 42.36 N, 71.07 W."""
    assert _close(locate({"postal_code": "02114", "country": "US"}), (42.36, -71.07))
    assert _close(locate({"postal_code": " 02114-1234 ", "country": "USA"}), (42.36, -71.07))


@pytest.mark.parametrize(
    "country", ["US", "us", "USA", "United States", "United States of America"]
)
def test_city_with_any_spelling_of_the_country(country: str) -> None:
    """Chicago is found whichever way the US is written."""
    assert _close(locate({"city": "Chicago", "country": country}), (41.85, -87.65))


def test_city_picks_the_most_populous_match_in_that_country() -> None:
    """Same-named cities: the country decides, then population, unless a state is given."""
    boston_us = locate({"city": "boston", "country": "US"})
    boston_gb = locate({"city": "Boston", "country": "United Kingdom"})
    assert _close(boston_us, (42.36, -71.06)) and boston_gb is not None
    assert haversine_km(boston_us, boston_gb) > 5000  # type: ignore[arg-type]
    portland = locate({"city": "Portland", "country": "US"})
    portland_me = locate({"city": "Portland", "country": "US", "state": "ME"})
    assert portland is not None and portland[1] < -120  # Oregon, the largest Portland
    assert portland_me is not None and portland_me[1] > -72


def test_alternate_and_accented_names() -> None:
    """München finds Munich, and "New York" finds New York City, through alternate names."""
    assert _close(locate({"city": "München", "country": "Germany"}), (48.14, 11.58))
    assert _close(locate({"city": "new york", "country": "US"}), (40.71, -74.01))


def test_lat_lon_passes_through() -> None:
    """Coordinates the person gives are used as they are."""
    assert locate({"lat": 51.5, "lon": -0.12}) == (51.5, -0.12)
    assert locate({"lat": 0, "lon": 180}) == (0.0, 180.0)


@pytest.mark.parametrize(
    "location",
    [
        {"postal_code": "SW1A 1AA", "country": "GB"},
        {"postal_code": "10115", "country": "Germany"},
        {"postal_code": "02114", "country": "DE"},
        {"postal_code": "02114"},
        {"postal_code": "99999", "country": "US"},
        {"postal_code": "2114", "country": "US"},
        {"postal_code": 2114, "country": "US"},
        {"city": "Nowhereville", "country": "US"},
        {"city": "Chicago"},
        {"city": "Chicago", "country": "Atlantis"},
        {"city": "", "country": "US"},
        {"city": "Portland", "country": "US", "state": "ZZ"},
        {"lat": 91, "lon": 0},
        {"lat": 0, "lon": -181},
        {"lat": True, "lon": 0},
        {"lat": "42.3", "lon": "-71"},
        {"lat": float("nan"), "lon": 0},
        {"lat": 42.3},
        {},
        None,
    ],
)
def test_unknown_or_foreign_inputs_give_none(location: Any) -> None:
    """Anything that cannot be placed without guessing gives None, never a nearby point."""
    assert locate(location) is None


def test_unknown_postal_code_falls_back_to_the_city_given() -> None:
    """A postal code we cannot place does not hide the city the person also typed."""
    loc = {"postal_code": "SW1A 1AA", "city": "London", "country": "UK"}
    assert _close(locate(loc), (51.51, -0.13))


def test_country_codes() -> None:
    """Country names, alpha-2 and alpha-3 codes and registry spellings map to alpha-2."""
    assert country_code("Korea, Republic of") == "KR"
    assert country_code("DEU") == "DE"
    assert country_code("the Netherlands") == "NL"
    assert country_code("Narnia") is None
    assert country_code(None) is None


def test_city_index_is_built_once() -> None:
    """The city index is cached for the process and holds the geonames cities (≥15,000 people)."""
    assert city_index() is city_index()
    assert len(city_index().by_name) > 20000


def test_location_is_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Looking up a place writes nothing to the logs (privacy)."""
    with caplog.at_level(logging.DEBUG):
        locate({"postal_code": "02114", "country": "US"})
        locate({"city": "Chicago", "country": "US"})
        locate({"city": "Zzyzx-unknown", "country": "US"})
    assert caplog.records == []


def test_known_distance_boston_chicago() -> None:
    """Boston to Chicago is about 1,370 km as the crow flies; pole to pole is half the globe."""
    boston, chicago = (42.3601, -71.0589), (41.8781, -87.6298)
    assert 1350 < haversine_km(boston, chicago) < 1390
    assert haversine_km((90, 0), (-90, 0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)


@given(points, points)
def test_haversine_is_symmetric_and_bounded(a: tuple[float, float], b: tuple[float, float]) -> None:
    """Distance is symmetric and between 0 and half the Earth's circumference."""
    d = haversine_km(a, b)
    assert d == pytest.approx(haversine_km(b, a), abs=1e-6)
    assert 0 <= d <= math.pi * EARTH_RADIUS_KM + 1e-6


@given(points)
def test_haversine_self_distance_is_zero(a: tuple[float, float]) -> None:
    """A point is 0 km from itself."""
    assert haversine_km(a, a) == pytest.approx(0, abs=1e-6)


@given(points, points, points)
def test_haversine_triangle_inequality(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]
) -> None:
    """Going via a third point is never shorter."""
    assert haversine_km(a, c) <= haversine_km(a, b) + haversine_km(b, c) + 1e-6
