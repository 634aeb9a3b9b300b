"""A criterion status as a small integer, so statuses of thousands of people sit in numpy."""

from __future__ import annotations

__all__ = ["MET", "REVIEW", "UNKNOWN", "NOT_MET", "STATUS_CODE", "STATUS_NAME"]

MET, REVIEW, UNKNOWN, NOT_MET = 0, 1, 2, 3
STATUS_CODE: dict[str, int] = {
    "met": MET,
    "needs_review": REVIEW,
    "unknown": UNKNOWN,
    "not_met": NOT_MET,
}
STATUS_NAME: tuple[str, ...] = ("met", "needs_review", "unknown", "not_met")
"""The engine's status word of each code (``STATUS_NAME[STATUS_CODE[s]] == s``)."""
