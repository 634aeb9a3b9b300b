"""The fixed words some factors' values and extra fields are made of.

Shared by the factor table, the rule checks, the readers and the questions, so a gene or a
diagnosis category is spelled one way everywhere.
"""

from __future__ import annotations

__all__ = ["DIAGNOSIS_CATEGORIES", "MAIN_GENES", "DOMAINS", "VC_TESTS"]

DIAGNOSIS_CATEGORIES: tuple[str, ...] = (
    "definite",
    "probable",
    "probable_laboratory_supported",
    "possible",
)
"""Revised El Escorial categories, most certain first."""
MAIN_GENES: tuple[str, ...] = ("SOD1", "C9orf72", "FUS", "TARDBP")
"""The ALS genes the questions ask about one by one (others are asked as "other")."""
DOMAINS: tuple[str, ...] = ("bulbar", "fine_motor", "gross_motor", "respiratory")
"""ALSFRS-R domains, in item order."""
VC_TESTS: tuple[str, ...] = ("svc", "fvc", "any")
"""Breathing tests a vital-capacity limit may name ("any": the text does not say)."""
