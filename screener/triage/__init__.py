"""Coordinator triage: a candidate list (CSV) screened against one study's criteria or many, row by
row.
"""

__all__ = []
