"""Keep downloaded CSV cells from being run as formulas when opened in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets; registry text and ids in interest lists are
not ours to trust. Such a cell gets a leading apostrophe, which spreadsheets show as text.
Only files offered for download are defused; the command line prints exact values.
"""

from __future__ import annotations

__all__ = ["defuse"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: object) -> object:
    """The cell as a spreadsheet will show it as text, never evaluate it."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell
