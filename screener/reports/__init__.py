"""Screening results written out: the CLI table, the printable summary, CSV and JSON downloads."""

__all__ = []
