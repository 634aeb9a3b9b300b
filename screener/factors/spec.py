"""The shape of one factor: what a criterion about it may say and what it reads of a person.

Data only: the rules layer checks rule files against these fields, the screening layer
refuses limits in other units, triage groups people by the profile keys a factor reads and
the questions page sends the person to the factor's step. None of that behaviour lives here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NUMERIC_OPS", "RANGE_OPS", "DRUG_OPS", "UNIT_FACTORS", "FactorSpec"]

NUMERIC_OPS: tuple[str, ...] = (">=", ">", "<=", "<")
RANGE_OPS: tuple[str, ...] = (*NUMERIC_OPS, "between")
DRUG_OPS: tuple[str, ...] = ("stable_or_none", "current", "within", "ever")

_DAYS_PER_MONTH = 365.25 / 12
UNIT_FACTORS: dict[str, dict[str, float]] = {
    "months": {"months": 1.0, "weeks": 7 / _DAYS_PER_MONTH, "years": 12.0},
    "days": {"days": 1.0, "weeks": 7.0},
}
"""Units a rule may be written in, converted to the first (canonical) one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorSpec:
    """One factor: its operators, value range and units, the answers it reads, where it is asked."""

    name: str
    ops: tuple[str, ...]
    unit: str | None = None
    """The canonical unit of the factor's number (None: the value is not a number)."""
    low: float = 0.0
    high: float = 0.0
    """The range a number must fall in (in ``unit``)."""
    categories: tuple[str, ...] = ()
    """The words an ``==`` or ``in`` value may take ("true", "female", "probable"...)."""
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    """Extra fields a criterion must / may carry (``item``, ``test``, ``gene``...)."""
    also_units: tuple[str, ...] = ()
    """Units besides ``unit`` a criterion may carry ("cycles" for an edaravone course)."""
    reads: tuple[str, ...]
    """Profile keys the factor's reader reads (``as_of`` aside, which every reader may use)."""
    flag_key: str | None = None
    """For a yes/no factor: the profile key holding the person's yes or no."""
    step: str | None = None
    """The questions step (slug) that asks about it; None when no step does."""
    label: str | None = None
    """Its name inside a sentence ("time since diagnosis"), for numeric factors."""

    def units(self) -> tuple[str, ...]:
        """Units a rule file may write for this factor's number (canonical first)."""
        if self.unit is None:
            return ()
        return tuple(UNIT_FACTORS.get(self.unit, {self.unit: 1.0}))

    def criterion_units(self) -> frozenset[str | None]:
        """Units a structured criterion of this factor may carry (None: no unit given)."""
        return frozenset({None, self.unit, *self.also_units})
