"""What sort of study a record is, and whether it is meant for ALS alone.

Both come from registry facts only (study type, interventions, phases, conditions, title), so
the engine can rank by them and the results page can word them from one place.
"""

from __future__ import annotations

import re
from functools import cache

from screener.registry.records import StudyRecord

__all__ = [
    "TREATMENT_TYPES",
    "ALS",
    "study_kind",
    "kind_is_guess",
    "treatment_rank",
    "als_specific",
]

TREATMENT_TYPES = frozenset({"DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT"})
ALS = re.compile(r"\bALS\b|amyotrophic|motor neu?rone? disease|\bMND\b|lou gehrig", re.I)
# Conditions of the ALS family: a study listing ALS with PLS, PMA or ALS-FTD is still an ALS
# study; one listing ALS among arthritis, asthma and cancer is not.
_ALS_FAMILY = re.compile(
    ALS.pattern + r"|primary lateral sclerosis|\bPLS\b|progressive muscular atrophy|\bPMA\b"
    r"|progressive bulbar palsy|\bPBP\b|kennedy|spinobulbar|TDP-43|\bSOD1\b|C9orf72|\bFUS\b"
    r"|frontotemporal|\bFTD\b",
    re.I,
)


def study_kind(record: StudyRecord) -> str:
    """What sort of study this is; see ``kind_is_guess`` for when it is inferred."""
    kind = (record.study_type or "").upper()
    if kind == "EXPANDED_ACCESS" or record.status == "AVAILABLE":
        return "expanded_access"
    if kind == "OBSERVATIONAL":
        return "observational"
    types = {i.type for i in record.interventions}
    if kind == "INTERVENTIONAL":
        return "treatment" if types & TREATMENT_TYPES or not types else "other_intervention"
    if "expanded access" in record.title.lower():
        return "expanded_access"
    if types & TREATMENT_TYPES or any(p not in ("NA",) for p in record.phases):
        return "treatment"
    if record.interventions:
        return "other_intervention"
    return "no_intervention_listed"


def kind_is_guess(record: StudyRecord) -> bool:
    """True when the registry's study type is missing (offline data) and the kind is inferred."""
    return not record.study_type and record.status != "AVAILABLE"


def treatment_rank(record: StudyRecord) -> int:
    """0 for drug, biological, genetic or device studies; 1 other interventions; 2 observational."""
    kind = study_kind(record)
    if kind == "treatment" or any(i.type == "DEVICE" for i in record.interventions):
        return 0
    if kind in ("other_intervention", "expanded_access"):
        return 1
    return 2


def als_specific(record: StudyRecord) -> bool:
    """Whether the study is meant for ALS (or its close family), not ALS among many conditions.

    The title naming ALS settles it; otherwise most of the listed conditions must be of the ALS
    family. A study listing no conditions and not naming ALS is not called ALS-specific.
    """
    return _als_specific(record.title, record.conditions)


@cache
def _als_specific(title: str, conditions: tuple[str, ...]) -> bool:
    # Cached: every screen ranks the same studies again, whoever the person is.
    if ALS.search(title):
        return True
    family = sum(1 for c in conditions if _ALS_FAMILY.search(c))
    return family > 0 and family >= len(conditions) - family
