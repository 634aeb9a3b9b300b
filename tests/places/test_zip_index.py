"""The committed ZIP index: exactly the zipcodes package's points, and a safe fallback."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import zipcodes

from screener.places import geocode as geo
from screener.places import zip_index

REBUILD = "python -m screener build-zip-index"
VERSION = str(zipcodes.__version__)


@pytest.fixture(scope="module")
def package_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = zipcodes.list_all()
    return rows


@pytest.fixture
def no_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The index file missing, so geo must ask the package itself."""
    monkeypatch.setattr(zip_index, "INDEX_PATH", tmp_path / "missing.bin")
    zip_index.zip_points.cache_clear()
    yield
    zip_index.zip_points.cache_clear()


def test_committed_index_is_what_the_package_gives(package_rows: list[dict[str, object]]) -> None:
    """The committed file is byte for byte the index built from the installed package."""
    built = zip_index.build(package_rows, VERSION)
    assert zip_index.INDEX_PATH.read_bytes() == built, f"stale ZIP index: run `{REBUILD}`"


def test_every_zip_code_gives_the_package_point(package_rows: list[dict[str, object]]) -> None:
    """Each of the package's ~42,800 codes gives exactly float(lat), float(long)."""
    index = zip_index.zip_points()
    assert index is not None, f"ZIP index unusable: run `{REBUILD}`"
    assert len(index) == len(package_rows)
    for row in package_rows:
        expected = (float(str(row["lat"])), float(str(row["long"])))
        assert index.get(str(row["zip_code"])) == expected, row["zip_code"]


def test_index_agrees_with_the_package_on_a_sample(package_rows: list[dict[str, object]]) -> None:
    """geo with the index and geo asking the package give the same answers (incl. misses)."""
    rng = random.Random(14)
    codes = [str(r["zip_code"]) for r in rng.sample(package_rows, 60)]
    codes += ["00000", "99999", "12345-6789", "02114-1234", "09001", "00501"]
    for code in codes:
        from_index = geo.locate({"postal_code": code, "country": "US"})
        assert from_index == _without_index(code), code


def _without_index(code: str) -> object:
    point = geo._package_zip(code)
    return None if point is None or point == (0.0, 0.0) else point


def test_codes_the_package_places_at_zero_zero_stay_unknown() -> None:
    """APO 09001 is listed at (0, 0): a distance from there would be a guess, so None."""
    assert geo._package_zip("09001") == (0.0, 0.0)
    assert geo.locate({"postal_code": "09001", "country": "US"}) is None


def test_missing_index_falls_back_to_the_package(no_index: None) -> None:
    """Without the file, lookups still give the package's answers (just more slowly)."""
    assert zip_index.zip_points() is None
    assert geo.locate({"postal_code": "02114", "country": "US"}) == (42.3611, -71.0682)
    assert geo.locate({"postal_code": "00000", "country": "US"}) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data.replace(VERSION.encode(), b"0.0.0-other", 1),  # another package version
        lambda data: b"not an index",
        lambda data: data[:20] + bytes(len(data) - 20),  # zeroed body
    ],
)
def test_damaged_or_foreign_index_is_never_trusted(damage: object) -> None:
    """A damaged file, or one built for another zipcodes version, reads as unusable."""
    data = zip_index.INDEX_PATH.read_bytes()
    assert zip_index.read(data, VERSION) is not None
    assert zip_index.read(damage(data), VERSION) is None  # type: ignore[operator]
