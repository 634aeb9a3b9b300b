"""The structured criterion: one condition a study sets on a person, with its own words.

A criterion states a condition about the person (``factor`` ``op`` ``value``) and ``kind``
says what the study does with it:

* ``inclusion``: the person must meet the condition;
* ``exclusion``: meeting the condition excludes the person.

Negations are normalised to the side they really belong on: an inclusion "no tracheostomy"
is an *exclusion* of ``tracheostomy == True``; an exclusion "FVC < 60 %" and an inclusion
"FVC ≥ 60 %" both describe the same limit. ``op is None`` means the item mentions the factor
but was not understood well enough: the engine reports it as ``needs_review``, never as a verdict.

Factor conventions (``factor``: ``op`` / ``value`` / ``unit`` / ``extra``); the factors
themselves, with their operators, ranges and units as data, are ``screener.factors``:

=============================== ==================================================================
age_years                        ``>= > <= <`` number, or ``between`` [lo, hi] (inclusive); "years"
sex                              ``in`` ["female"] / ["male"]
months_since_onset               ``<= < >= >`` number, or ``between``; unit "months" (weeks/years
months_since_diagnosis           converted; extra ``original`` keeps "2 years")
diagnosis_category               ``in`` subset of definite, probable, probable_laboratory_supported,
                                 possible
gold_coast                       ``==`` True
alsfrs_r_total                   numeric op, "points"
alsfrs_r_item                    numeric op, "points"; extra ``item``: 1..12 or "each"; optional
                                 extra ``except``: [items] for "each of the other items"
alsfrs_r_subscore                numeric op, "points"; extra ``domain``: bulbar | fine_motor |
                                 gross_motor | respiratory
alsfrs_r_slope                   numeric op or ``between``; "points_per_month" (ΔFS, positive =
                                 losing points)
vital_capacity                   numeric op or ``between``; "percent"; extra ``test``: svc | fvc |
                                 any (text says "VC" or does not name the test)
tracheostomy, invasive_ventilation, gastrostomy, swallow_pills, familial, gold_coast, pregnancy,
breastfeeding, dementia, other_neurological_disease, healthy_volunteers
                                 ``==`` True / False (the person has / is ...)
niv                              ``==`` True (uses NIV at all), ``==`` "daytime" (breathing
                                 support while awake: day-and-night NIV), or a numeric op on hours
                                 a day with unit "hours_per_day"
gene                             ``==`` "positive" / "negative"; extra ``gene``: SOD1 | C9orf72 |
                                 FUS | TARDBP | any
riluzole, edaravone, tofersen, phenylbutyrate_taurursodiol
                                 ``stable_or_none`` days: not taking, or on a stable dose >= days
                                 ``current`` True: must be taking it (extra ``stable_days``)
                                 ``within`` days: took it in the last N days (current counts)
                                 ``ever`` True: has ever taken it
                                 ``cycles_or_none`` n: edaravone not taken, or >= n cycles done
investigational_drug             ``within`` days (current counts), or ``ever`` True
=============================== ==================================================================

``extra["condition"]`` holds a condition that limits when the criterion applies, as
``{"factor": ..., "op": ..., "value": ..., "text": ...}``; a criterion whose condition is not
met does not apply, and one whose condition is unknown is unknown.

Further ``extra`` keys the text extractor sets (informative, except ``tentative`` and
``broader``, which only ever keep a criterion from deciding against the person):

=============================== ==================================================================
``original``                     the words a converted limit came from ("within 3 years",
                                 "18 years or older") — age, onset and diagnosis limits
``system``                       diagnosis_category: "el_escorial", or "awaji" (Awaji lists are
                                 always ``op`` None: an Awaji category can be higher than the
                                 person's El Escorial one, so it is never applied as is)
``note``                         a caveat for the study team: "also accepts suspected ALS",
                                 "includes past use" (niv), the half-lives alternative of an
                                 investigational-drug window (the days given are the minimum)
``about``                        investigational_drug read from taking part in another trial
``scope``                        "neurodegenerative": an other_neurological_disease mention
                                 narrower than the factor, kept for review
``from``                         pregnancy read from a required negative pregnancy test
``tentative``                    the item says more than the reading accounts for (a cohort label,
                                 "only", "and bedridden"…): a ``not_met`` is reported as
                                 ``unknown`` ("we read this as …; the study team decides")
``broader``                      an exclusion whose words reach further than the answer
                                 ("cognitive impairment" read as dementia): not meeting it is
                                 ``unknown``, not ``met``
=============================== ==================================================================

Side normalisations the extractor applies beyond the table: an exclusion "absence of
treatment with riluzole" is the inclusion ``current`` True; an exclusion "newly started
riluzole within 4 weeks" is the inclusion ``stable_or_none`` 28 days.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Kind", "UNCLASSIFIED", "Criterion", "condition_criterion"]

Kind = Literal["inclusion", "exclusion"]

UNCLASSIFIED = "other"
"""Factor of an item the extractor could not tie to any factor (always needs review)."""


@dataclass(frozen=True, slots=True)
class Criterion:
    """One condition of a study, with the exact item text it came from."""

    factor: str
    kind: Kind
    op: str | None
    value: Any
    unit: str | None
    text: str
    extra: Mapping[str, Any] = field(default_factory=dict)
    source: str = "text"
    """Where it came from: "text" (extractor), "registry" (structured fields), "rule:<file>"."""

    @property
    def understood(self) -> bool:
        """False for items kept only for review (no operator could be read)."""
        return self.op is not None and self.factor != UNCLASSIFIED

    def to_dict(self) -> dict[str, Any]:
        """The contract's criterion shape: factor, kind, op, value, unit, text, plus extras."""
        data: dict[str, Any] = {
            "factor": self.factor,
            "kind": self.kind,
            "op": self.op,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
        }
        for key, value in self.extra.items():
            data.setdefault(key, value)
        data["source"] = self.source
        if not self.understood:
            data["needs_review"] = True
        return data


_CONDITION_KEYS = frozenset({"factor", "op", "value", "unit", "text", "alternative"})


def condition_criterion(condition: Mapping[str, Any]) -> Criterion:
    """An ``extra["condition"]`` as the inclusion criterion it is read as (its other keys,
    ``item`` or ``test`` for example, become the criterion's extras)."""
    return Criterion(
        factor=str(condition.get("factor", "")),
        kind="inclusion",
        op=condition.get("op"),
        value=condition.get("value"),
        unit=condition.get("unit"),
        text=str(condition.get("text", "")),
        extra={k: v for k, v in condition.items() if k not in _CONDITION_KEYS},
    )
