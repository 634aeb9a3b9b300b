"""A compact US ZIP code → (lat, lon) index, built from the ``zipcodes`` package's own data.

``zipcodes.matching`` decompresses and scans its whole table the first time it is called
(about half a second, more than the rest of a screen). The same points, sorted by ZIP code
as three little-endian int32 arrays (code, lat × 10⁴, lon × 10⁴), zlib-compressed, load in a
few milliseconds and answer by binary search. The package gives every coordinate with at
most four decimals, so ``n / 10_000`` is the very float ``float(text)`` gives (both are the
double nearest the same decimal); ``tests/test_geo.py`` checks the committed file against
the installed package entry by entry and names the command to rebuild it:

    python -m screener.places.zip_index

The file records the ``zipcodes`` version it was built from; with any other version
installed (or a missing or damaged file) ``zip_points()`` is None and the caller asks the
package itself.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["INDEX_PATH", "Point", "build", "ZipPoints", "read", "zip_points", "rebuild"]

INDEX_PATH = Path(__file__).resolve().parents[1] / "data" / "us-zip-points.bin"
_MAGIC = b"ZIPPTS1\n"
_SCALE = 10_000
Point = tuple[float, float]


def _package_version() -> str:
    import zipcodes

    return str(zipcodes.__version__)


def build(rows: list[dict[str, Any]], version: str) -> bytes:
    """The index file for the package's rows (``zipcodes.list_all()``) and its version."""
    points: dict[int, tuple[int, int]] = {}
    for row in rows:
        code = int(row["zip_code"])
        if code in points:  # matching() gives the first row of a code; keep that one
            continue
        lat, lon = (round(float(row[k]) * _SCALE) for k in ("lat", "long"))
        if lat / _SCALE != float(row["lat"]) or lon / _SCALE != float(row["long"]):
            raise ValueError(f"ZIP {row['zip_code']}: coordinates with more than 4 decimals")
        points[code] = (lat, lon)
    codes = sorted(points)
    columns = [array("i", codes), array("i", (points[c][0] for c in codes))]
    columns.append(array("i", (points[c][1] for c in codes)))
    if sys.byteorder != "little":
        for column in columns:
            column.byteswap()
    body = b"".join(column.tobytes() for column in columns)
    head = _MAGIC + struct.pack("<I", len(codes)) + version.encode() + b"\n"
    return head + zlib.compress(body, 9)


class ZipPoints:
    """The loaded index: sorted ZIP codes with their coordinates."""

    def __init__(self, codes: array[int], lats: array[int], lons: array[int]) -> None:
        self._codes, self._lats, self._lons = codes, lats, lons

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, zip5: str) -> Point | None:
        """(lat, lon) of a five-digit ZIP code as the package gives it; None if not a ZIP."""
        code = int(zip5)
        at = bisect_left(self._codes, code)
        if at == len(self._codes) or self._codes[at] != code:
            return None
        return (self._lats[at] / _SCALE, self._lons[at] / _SCALE)


def read(data: bytes, version: str) -> ZipPoints | None:
    """The index in ``data``, or None when it is damaged or built for another version."""
    try:
        if not data.startswith(_MAGIC):
            return None
        (count,) = struct.unpack_from("<I", data, len(_MAGIC))
        built_for, _, packed = data[len(_MAGIC) + 4 :].partition(b"\n")
        if built_for.decode() != version:
            return None
        body = zlib.decompress(packed)
    except (ValueError, struct.error, zlib.error, UnicodeDecodeError):
        return None
    if len(body) != 12 * count:
        return None
    columns: list[array[int]] = []
    for part in range(3):
        column = array("i")
        column.frombytes(body[part * 4 * count : (part + 1) * 4 * count])
        if sys.byteorder != "little":
            column.byteswap()
        columns.append(column)
    return ZipPoints(*columns)


@cache
def zip_points() -> ZipPoints | None:
    """The committed index, loaded on first use; None when it cannot answer for the installed
    ``zipcodes`` package (the caller then asks the package)."""
    try:
        data = INDEX_PATH.read_bytes()
    except OSError:
        return None
    return read(data, _package_version())


def rebuild() -> tuple[Path, int, str]:
    """Rebuild the committed index from the installed ``zipcodes`` package (a maintainer's
    step, ``python -m screener build-zip-index``): the file, its size, the package version."""
    import zipcodes

    data = build(zipcodes.list_all(), _package_version())  # type: ignore[no-untyped-call]
    INDEX_PATH.write_bytes(data)
    return INDEX_PATH, len(data), _package_version()
