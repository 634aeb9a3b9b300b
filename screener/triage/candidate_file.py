"""A candidate file's bytes → a table of text cells (before any column is understood).

Spreadsheets save "CSV" in many ways: UTF-8 with or without a byte-order mark, UTF-16
"Unicode text", the Windows code page, commas, semicolons or tabs. This reads all of them
into one frame of strings, and refuses with one message what is not a CSV at all (empty,
binary, JSON). Nothing in the file is logged.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import IO

import pandas as pd  # type: ignore[import-untyped]

from screener.errors import CandidateFileError

__all__ = ["CandidateInput", "read_bytes", "text_frame", "decoded_frame"]

CandidateInput = bytes | str | Path | IO[bytes] | IO[str]


def read_bytes(source: CandidateInput) -> tuple[bytes, str]:
    """(the bytes, the name messages call the file by) of a path, bytes or an open file."""
    if isinstance(source, bytes):
        return source, "candidates"
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise CandidateFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    data = source.read()
    name = str(getattr(source, "name", "candidates"))
    return (data.encode("utf-8") if isinstance(data, str) else data), name


def _decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise CandidateFileError(f"{name}: is empty (expected a CSV with a header row)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Spreadsheets' "Unicode text" export; its NUL bytes are not a sign of a binary file.
        try:
            return _not_json(raw.decode("utf-16"), name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw[:8192]:
        raise CandidateFileError(
            f"{name}: is not a CSV file (it looks like a spreadsheet or other binary file; "
            "save it as CSV)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows still save CSVs in this code page.
        text = raw.decode("cp1252", errors="replace")
    return _not_json(text, name)


def _not_json(text: str, name: str) -> str:
    if text.lstrip()[:1] in ("{", "["):
        raise CandidateFileError(f"{name}: looks like JSON, not a CSV (expected a header row)")
    return text


def _delimiter(text: str) -> str:
    header = text.lstrip().split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def text_frame(text: str, name: str) -> pd.DataFrame:
    """Every cell as a string (no NaN, no type guessing), blank lines kept to be counted."""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=_delimiter(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except pd.errors.EmptyDataError:
        raise CandidateFileError(f"{name}: is empty (expected a CSV with a header row)") from None
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).replace("Error tokenizing data. C error: ", "").strip()
        raise CandidateFileError(f"{name}: is not a readable CSV ({detail})") from None
    return frame.fillna("")


def decoded_frame(raw: bytes, name: str) -> pd.DataFrame:
    """The file's cells as strings, header row included (blank cells are empty strings)."""
    return text_frame(_decode(raw, name), name)
