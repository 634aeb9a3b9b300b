"""Reviewed rule files (`rules/*.yaml`) merged with extracted criteria, and their compiled cache."""

__all__ = []
