"""Checks of the project's own rule files against the text they read (`rules check`)."""

__all__ = []
