"""The factors: every condition a study can set on a person, described once as data.

``screener.factors`` is the bottom layer: it imports nothing else from the screener. The
criteria model, the rule checks, the engine's readers, triage's grouping and the questions
all derive their per-factor tables from :data:`FACTOR_SPECS`; per profile key, the wording
of each question lives in :data:`KEY_QUESTIONS`.
"""

from __future__ import annotations

from screener.factors.questions import KEY_QUESTIONS, KeyQuestion
from screener.factors.spec import FactorSpec
from screener.factors.table import FACTOR_SPECS, FACTORS, SPECS

__all__ = ["FACTORS", "FACTOR_SPECS", "KEY_QUESTIONS", "SPECS", "FactorSpec", "KeyQuestion"]
