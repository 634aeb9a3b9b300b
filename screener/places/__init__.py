"""Offline geocoding: a postal code or city → a point, and great-circle distances; nothing leaves
the machine.
"""

__all__ = []
