"""Time since symptom onset and time since diagnosis: two different factors.

Each duration in a clause ("within 24 months", "≤ 2 years", "more than 6 months") belongs
to the nearest word that anchors it. Onset anchors ("onset", "first symptom", "disease
duration"), diagnosis anchors ("diagnosed", "diagnosis") and *blockers* (a drug, a stable
dose, a breathing test, a trial, survival…) compete; a duration whose nearest anchor is a
blocker is not about the disease's age ("FVC < 50 % within the last 3 months").
"""

from __future__ import annotations

import re

from screener.criteria.context import Found, Section, review, threshold
from screener.criteria.numbers import (
    COMPARATOR,
    NUMBER,
    POST_COMPARATOR,
    TIME_UNIT,
    comparator_op,
    post_op,
    to_months,
    to_number,
)

__all__ = ["ONSET", "DIAGNOSIS", "find_time"]

ONSET = "months_since_onset"
DIAGNOSIS = "months_since_diagnosis"

_ONSET_ANCHOR = re.compile(
    r"onset(?! of (?:the )?(?:study|treatment|dosing|therapy|drug|intervention|investigational))|"
    r"first (?:als |als-related |clinical )?(?:symptoms?|signs?|weakness|manifestation)|"
    r"first appearance|beginning of symptoms|symptoms?|disease duration|"
    r"duration of (?:the )?(?:disease|illness|als|amyotrophic lateral sclerosis)|"
    r"(?:als|disease|illness) duration|evolution of|weakness"
)
# "diagnosed dementia" is the diagnosis of something else, not of ALS.
_DIAGNOSIS_ANCHOR = re.compile(
    r"diagnos\w*(?!\s+(?:with\s+|of\s+)?(?:dementia|psychiatric|depression|cancer|another|other|"
    r"a psychiatric|diabetes|epilepsy))"
)
_DURATION_FROM_DIAGNOSIS = re.compile(r"duration from (?:the )?diagnos\w*")
_BLOCKER = re.compile(
    r"riluzole|rilutek|edaravone|radicava|tofersen|amx\d+|relyvrio|phenylbutyrate|"
    r"taurursodiol|tudca|udca|\bdose\b|dosing|dosage|stable|treat\w*|therap\w*|medication|"
    r"investigational|trial|stud(?:y|ies)|participat\w*|ventilat\w*|\bniv\b|bipap|cpap|"
    r"\bfvc\b|\bsvc\b|vital capacity|alsfrs\w*|slope|decline|progression|survival|"
    r"expectancy|surgery|trauma|injury|hospitali\w*|infection|pregnan\w*|contracept\w*|"
    r"menopaus\w*|amenorrh\w*|steril\w*|spasticity|observation|run-in|smok\w*|oxygen|"
    r"exposure|washout|wash-out|abuse|vaccin\w*|evaluation|assessment|examination|\bexam\b|"
    r"remission|episode|attack"
)
_ONSET_TO_DIAGNOSIS = re.compile(
    r"between (?:the )?(?:first |onset of )?(?:symptoms?|onset|weakness).{0,40}?"
    r"and (?:the )?diagnos"
    r"|(?:onset|symptoms?) to (?:the )?diagnos|diagnostic delay"
)
_VAGUE_DURATION = re.compile(
    r"(?:als|amyotrophic lateral sclerosis|disease) history|\b(?:als|disease)\b[^.;]{0,60}"
    r"\bpresent for|\bhad als for|\bals for (?:at least|more than|less than|no more than)"
)
_AGE_AT_ONSET = re.compile(
    r"age (?:of|at) (?:\w+ )?onset|onset age|onset (?:before|after) (?:the )?age|"
    r"(?:onset|first symptoms?)\b[^.;,]{0,60}\bat\s*(?:<=|>=|<|>)?\s*\d+\s*years? of age|"
    r"(?:onset|first symptoms?)\b[^.;,]{0,60}\bfrom\s*(?:<=|>=|<|>)?\s*\d+\s*years? of age"
)
_STRONG_ONSET = re.compile(
    r"onset|first (?:als )?symptom|disease duration|duration of (?:the )?(?:disease|als)"
)
_TIME_CMP = re.compile(
    rf"{COMPARATOR}\s*(?:the\s+)?(?:(?:past|last|previous|preceding|prior)\s+)?"
    rf"(?P<num>{NUMBER})\s*{TIME_UNIT}\b(?:'s?)?"
)
_TIME_POST = re.compile(rf"(?P<num>{NUMBER})\s*{TIME_UNIT}\b\s*{POST_COMPARATOR}")
_TIME_RANGE = re.compile(rf"(?P<lo>{NUMBER})\s*(?:-|to)\s*(?P<num>{NUMBER})\s*{TIME_UNIT}\b")
_AGE_AFTER = re.compile(r"\s*(?:of age|old|of life)")
_AGE_BEFORE = re.compile(r"\bage[sd]?\s*:?\s*(?:between\s+)?$")
_PER = re.compile(r"per\s*$|/\s*$")
_MAX_DISTANCE = 160
_COMMA_PENALTY = 40


def find_time(clause: str, item: str, section: Section) -> list[Found]:
    """Limits on months since onset and since diagnosis in one clause."""
    onset = [m.span() for m in _ONSET_ANCHOR.finditer(clause)]
    diagnosis = [m.span() for m in _DIAGNOSIS_ANCHOR.finditer(clause)]
    for match in _DURATION_FROM_DIAGNOSIS.finditer(clause):
        onset = [s for s in onset if not (match.start() - 20 <= s[0] <= match.end())]
    if not onset and not diagnosis:
        if _VAGUE_DURATION.search(clause) and _durations(clause):
            # "ALS history must not exceed 5 years": since onset or since diagnosis?
            return [review(ONSET, section)]
        return []
    durations = _durations(clause)
    if _AGE_AT_ONSET.search(clause):
        # "Age of onset was less than 50 years" is an age, not a time since onset.
        return [review(ONSET, section)] if durations else []
    if _ONSET_TO_DIAGNOSIS.search(clause):
        return [review(ONSET, section)] if durations else []
    blockers = [m.span() for m in _BLOCKER.finditer(clause)]
    inclusive = "inclusive" in clause and "exclusive" not in clause
    found: list[Found] = []
    for start, end, op, value, original in durations:
        owner = _nearest(clause, start, end, onset, diagnosis, blockers)
        if owner is None:
            continue
        if inclusive:
            op = {"<": "<=", ">": ">="}.get(op, op)
        found.append(threshold(owner, section, op, value, "months", {"original": original}))
    if not found and durations and _STRONG_ONSET.search(clause) and not blockers:
        return [review(ONSET, section)]
    return found


def _durations(clause: str) -> list[tuple[int, int, str, object, str]]:
    """(start, end, op, value in months, original words) for every duration in the clause."""
    out: list[tuple[int, int, str, object, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _TIME_RANGE.finditer(clause):
        if _is_age(clause, match.start(), match.end()):
            continue
        unit = match.group("unit")
        lo = to_months(float(match.group("lo")), unit)
        hi = to_months(float(match.group("num")), unit)
        if lo < hi:
            out.append((match.start(), match.end(), "between", [lo, hi], match.group(0)))
            taken.append(match.span())
    for match in _TIME_CMP.finditer(clause):
        if _overlaps(match.span(), taken) or _is_age(clause, match.start(), match.end()):
            continue
        op = comparator_op(match.group("cmp"))
        if op is None or op == "==" or _PER.search(clause[: match.start("num")]):
            continue
        if (
            match.group("cmp")[0].isalpha()
            and match.start() > 0
            and clause[match.start() - 1].isalpha()
        ):
            continue
        value = to_months(float(match.group("num")), match.group("unit"))
        out.append((match.start(), match.end(), op, value, _original(match)))
        taken.append(match.span())
    for match in _TIME_POST.finditer(clause):
        if _overlaps(match.span(), taken) or _is_age(clause, match.start(), match.end()):
            continue
        value = to_months(float(match.group("num")), match.group("unit"))
        out.append(
            (match.start(), match.end(), post_op(match.group("post")), value, match.group(0))
        )
    return sorted(out, key=lambda d: d[0])


def _original(match: re.Match[str]) -> str:
    number = to_number(match.group("num"))
    return f"{match.group('cmp')} {number} {match.group('unit')}".strip()


def _is_age(clause: str, start: int, end: int) -> bool:
    return bool(_AGE_AFTER.match(clause[end:]) or _AGE_BEFORE.search(clause[:start]))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


def _distance(clause: str, start: int, end: int, anchor: tuple[int, int]) -> tuple[int, int]:
    """(ranking distance, plain distance): a comma between them ranks the anchor further."""
    if anchor[1] <= start:
        gap = clause[anchor[1] : start]
    elif anchor[0] >= end:
        gap = clause[end : anchor[0]]
    else:
        return 0, 0
    return len(gap) + _COMMA_PENALTY * gap.count(","), len(gap)


def _nearest(
    clause: str,
    start: int,
    end: int,
    onset: list[tuple[int, int]],
    diagnosis: list[tuple[int, int]],
    blockers: list[tuple[int, int]],
) -> str | None:
    """The factor whose anchor is nearest the duration, or None when a blocker is nearer."""
    best: tuple[int, str | None] | None = None
    for spans, owner in ((onset, ONSET), (diagnosis, DIAGNOSIS), (blockers, None)):
        for span in spans:
            rank, plain = _distance(clause, start, end, span)
            if plain > _MAX_DISTANCE:
                continue
            if best is None or rank < best[0] or (rank == best[0] and owner is None):
                best = (rank, owner)
    return best[1] if best else None
