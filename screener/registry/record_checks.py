"""Raw v2 objects → clean records, and whether a live answer is good enough to be shown.

A registry answer can be well-formed JSON and still be wrong: a new schema without the
modules we read, records without NCT ids, a query that suddenly matches a tenth of the
studies. Shown as it is, such an answer would tell a person that nothing is open, so both
``refresh`` and the live source check it against the snapshot they would replace.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from screener.errors import CTGovUnavailable, StudyFileError
from screener.registry.records import StudyRecord, nct_id_of, normalise, status_of

__all__ = [
    "log",
    "MIN_READABLE_SHARE",
    "MIN_SHARE_OF_CURRENT",
    "NEEDED_MODULES",
    "normalise_all",
    "answer_problem",
    "trusted_records",
]

log = logging.getLogger(__name__)

MIN_READABLE_SHARE = 0.9
MIN_SHARE_OF_CURRENT = 0.5
# Modules every enrolling study has and the screener cannot work without; missing from
# most records means the API's format changed under us (schema drift).
NEEDED_MODULES: tuple[str, ...] = ("identificationModule", "statusModule", "eligibilityModule")


def normalise_all(
    raws: Iterable[Mapping[str, Any]],
    where: str,
    statuses: Collection[str] | None = None,
) -> tuple[tuple[StudyRecord, ...], tuple[str, ...]]:
    """Normalise raw v2 objects; a record without a valid NCT id is skipped with a warning.

    With ``statuses``, only studies whose overall status is one of them are normalised (a
    screen needs the enrolling ones only, and normalising costs more than reading the JSON);
    the others are still checked for their NCT id, so what is skipped, and why, is the same.
    """
    records: list[StudyRecord] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(raws, start=1):
        try:
            nct = nct_id_of(raw)
        except StudyFileError as exc:
            skipped.append(f"{where}, study {number}: skipped ({exc})")
            continue
        if nct in seen:
            skipped.append(f"{where}, study {number}: skipped (duplicate {nct})")
            continue
        seen.add(nct)
        if statuses is None or status_of(raw) in statuses:
            records.append(normalise(raw))
    for message in skipped:
        log.warning(message)
    return tuple(records), tuple(skipped)


def answer_problem(
    raws: Sequence[Mapping[str, Any]], records: Sequence[StudyRecord], current: int | None
) -> str | None:
    """Why a live answer must not replace the snapshot (None when it may).

    ``current`` is how many enrolling studies the snapshot in use holds (None if unknown).
    """
    if not raws:
        return "the answer holds no studies"
    sections = [r.get("protocolSection") for r in raws]
    if not records or not any(isinstance(s, Mapping) for s in sections):
        return "no record in the answer has an NCT id or a protocolSection"
    if len(records) < MIN_READABLE_SHARE * len(raws):
        return (
            f"only {len(records)} of {len(raws)} records could be read "
            f"(at least {MIN_READABLE_SHARE:.0%} are needed)"
        )
    missing = [
        name
        for name in NEEDED_MODULES
        if sum(1 for s in sections if isinstance(s, Mapping) and name in s) < len(raws) / 2
    ]
    if missing:
        return f"most records lack {', '.join(missing)}: the registry's format may have changed"
    if current and len(records) < MIN_SHARE_OF_CURRENT * current:
        return (
            f"it lists only {len(records)} studies, fewer than half of the {current} "
            "enrolling studies in the current snapshot"
        )
    return None


def trusted_records(
    raws: Sequence[Mapping[str, Any]], current: int | None, where: str = "ClinicalTrials.gov"
) -> tuple[tuple[StudyRecord, ...], tuple[str, ...]]:
    """The answer's records and skip notes; raises CTGovUnavailable when it is not trusted."""
    records, skipped = normalise_all(raws, where)
    problem = answer_problem(raws, records, current)
    if problem:
        raise CTGovUnavailable(f"{where} gave an answer that cannot be trusted: {problem}")
    return records, skipped
