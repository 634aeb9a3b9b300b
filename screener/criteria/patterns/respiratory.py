"""Breathing: vital capacity limits, tracheostomy, invasive ventilation and NIV.

Vital capacity names its test: "slow vital capacity"/SVC (or a slow expiration) is ``svc``,
"forced"/FVC is ``fvc``, a bare "VC" or "vital capacity" is ``any``. A limit belongs to
the nearest breathing-test word before it, and stops at any other measure (MIP, SNIP,
PaCO2, a score…): "FVC ≤ 50 % or MIP > -60" gives only the FVC limit.
"""

from __future__ import annotations

import re

from screener.criteria.context import (
    PERMISSIVE,
    Found,
    Section,
    negated_at,
    review,
    state,
    threshold,
)
from screener.criteria.numbers import (
    COMPARATOR,
    NUMBER,
    POST_COMPARATOR,
    comparator_op,
    find_ranges,
    find_thresholds,
    post_op,
    to_number,
)

__all__ = ["find_vital_capacity", "find_ventilation"]

_VC = re.compile(r"vital capacity|%\s*fvc|\bfvc\b|\bsvc\b|\bvc\b|vc\s*%")
_OTHER_MEASURE = re.compile(
    r"\bmip\b|\bmep\b|\bsnip\b|sniff|pco2|paco2|sao2|spo2|tidal|\bbmi\b|body mass|moca|"
    r"cognition|alsfrs|\bscore\b|pressure|weight|creatinine|egfr|platelet|peak cough|\bcm\b|"
    r"mmhg|kpa|\bkg\b"
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per cent|percentage)")
_UNIT_AFTER = re.compile(r"\s*(?:cm|mm|ml|cc|kg|l\b|years?|months?|days?|weeks?|hours?|mg)")
_ALTERNATIVES = re.compile(
    r"at least (?:one|1) of|(?:one|1) of the following|any of the following|\beither\b"
)
_CONDITIONAL = re.compile(r"\bunless\b|\bexcept\b|\bif\b")

_TRACH = re.compile(r"trache?ost\w*|tracheot\w*")
_INVASIVE = re.compile(
    r"(?<!non-)(?<!non)invasive (?:mechanical )?ventilat\w*|invasive ventilatory|"
    r"mechanical ventilation|permanent assisted ventilation|\bpav\b|intubat\w*"
)
_INVASIVE_UNCLEAR = re.compile(r"ventilator-assisted|ventilator assisted|respirator\b|ventilator\b")
_NIV = re.compile(
    r"non-?invasive (?:positive pressure |volume )?(?:ventilat\w*|respiratory support)|\bniv\b|"
    r"\bnippv\b|\bnppv\b|bipap|bi-level|bilevel|\bcpap\b|continuous positive airway pressure|"
    r"(?<![-\w])assisted ventilation|ventilatory assistance|ventilatory support"
)
_VIA_TRACH = re.compile(r"\s+(?:mechanical\s+)?ventilat")
_ANY_ASSISTANCE = re.compile(
    r"(?<![-\w])(?<!invasive )(?:ventilatory assistance|assisted ventilation|ventilatory support)"
)
_INVASIVE_ASSIST = re.compile(r"(?<!non-)(?<!non)invasive (?:ventilatory|assisted|ventilation)")
_NIV_QUALIFIED = re.compile(
    r"need to start|to start|commence|initiat\w*|indication|intoleran\w*|contraindicat\w*|"
    r"tolerat\w*|refus\w*|wish\w*|accept\b|from the outset|requiring niv|when awake|while awake|"
    r"for more than|for at least|in the previous|lie supine|able to|ability to|apnea|apnoea|"
    r"\bcontinuous (?!positive)|support niv|planned|anticipat\w*|likely"
)
_NIV_QUALIFIED_NOT_TIMING = re.compile(
    r"need to start|to start|commence|initiat\w*|indication|intoleran\w*|contraindicat\w*|"
    r"tolerat\w*|refus\w*|wish\w*|planned|anticipat\w*|likely|able to|ability to"
)
_HOURS = re.compile(
    rf"{COMPARATOR}\s*(?P<num>{NUMBER})\s*(?:hours?|hrs?|h)\s*(?:/|per|a|each)\s*(?:day|24)"
)
_HOURS_POST = re.compile(
    rf"(?P<num>{NUMBER})\s*{POST_COMPARATOR}\s*(?:hours?|hrs?|h)\s*(?:/|per|a|each)\s*(?:day|24)"
)
_TREATED_BY = re.compile(
    r"(?:treated|ventilated|managed) (?:by|with)\s*(?:\w+\s+)?$|"
    r"(?:currently|already) (?:using|on)\s*$"
)
_EVER = re.compile(r"\bprior\b|previous|history of|\bhad\b|\bever\b")


def find_vital_capacity(clause: str, item: str, section: Section) -> list[Found]:
    """Vital capacity limits (% predicted) with the test they name."""
    keys = list(_VC.finditer(clause))
    if not keys:
        return []
    if (section != "exclusion" and _ALTERNATIVES.search(clause)) or _CONDITIONAL.search(clause):
        return [review("vital_capacity", section)]
    percent_context = bool(re.search(r"percent|predicted|%", clause))
    found: list[Found] = []
    used: set[int] = set()
    for key in keys:
        window_end = min(len(clause), key.end() + 140)
        other = _OTHER_MEASURE.search(clause, key.end(), window_end)
        window = clause[key.end() : other.start() if other else window_end]
        limit = _first_percent_limit(window, percent_context)
        if limit is None:
            continue
        op, value, offset = limit
        if key.end() + offset in used:
            continue
        used.add(key.end() + offset)
        extra = {"test": _test(clause)}
        found.append(threshold("vital_capacity", section, op, value, "percent", extra))
    if not found:
        return [review("vital_capacity", section)]
    return found


def _first_percent_limit(window: str, percent_context: bool) -> tuple[str, object, int] | None:
    candidates: list[tuple[int, str, object, int]] = []
    for limit in find_ranges(window):
        after = window[limit.end :]
        if _PERCENT_AFTER.match(after):
            candidates.append((limit.start, limit.op, limit.value, limit.start))
    for limit in find_thresholds(window):
        after = window[limit.end :]
        if _UNIT_AFTER.match(after):
            continue
        if _PERCENT_AFTER.match(after) or "%" in limit.original or percent_context:
            candidates.append((limit.start, limit.op, limit.value, limit.start))
    if not candidates:
        return None
    _, op, value, offset = min(candidates, key=lambda c: c[0])
    if op == "==":
        return None
    return op, value, offset


def _test(clause: str) -> str:
    slow = bool(re.search(r"slow vital capacity|\bsvc\b|slow expiration|\bslow\b", clause))
    forced = bool(re.search(r"forced vital capacity|\bfvc\b|functional vital capacity", clause))
    if slow and not forced:
        return "svc"
    if forced and not slow:
        return "fvc"
    return "any"


_AWAKE = re.compile(r"when awake|while awake|during (?:the )?(?:day|daytime)\b|daytime|diurnal")
_SUPPORT = re.compile(r"ventilat\w*|\bniv\b|bipap|bi-level|bilevel|breathing (?:support|machine)")
_DEPENDENT = re.compile(
    r"(?:ventilator|ventilation|respirator|respiratory|breathing)[- ]dependen\w*|"
    r"dependen\w* (?:up)?on (?:a |the )?(?:mechanical |assisted |non-invasive |invasive )?"
    r"(?:ventilat\w*|respirator|breathing support|ventilatory support)|"
    r"permanent (?:mechanical )?ventilation"
)


def _timing_or_dependence(clause: str, section: Section) -> list[Found] | None:
    """Breathing support while awake, or dependence on it; None when the clause says neither.

    "Ventilation when awake" is met by day-and-night NIV or invasive ventilation, and not by
    night-time NIV (``niv == "daytime"``). "Ventilator dependent" is met by invasive
    ventilation; whether a person's NIV makes them dependent is for the study team, so that
    reading is tentative.
    """
    if section != "exclusion":
        return None
    awake = _AWAKE.search(clause)
    if awake and _SUPPORT.search(clause) and not negated_at(clause, awake.start()):
        if _NIV_QUALIFIED_NOT_TIMING.search(clause) or PERMISSIVE.search(clause):
            return [review("niv", section)]
        return [Found("niv", "exclusion", "==", "daytime")]
    dependent = _DEPENDENT.search(clause)
    if dependent and not negated_at(clause, dependent.start()):
        tentative = "the study's words say dependence, which NIV use alone does not settle"
        return [
            Found("invasive_ventilation", "exclusion", "==", True),
            Found("niv", "exclusion", "==", True, None, {"tentative": tentative}),
        ]
    return None


def find_ventilation(clause: str, item: str, section: Section) -> list[Found]:
    """Tracheostomy, invasive ventilation and NIV (use, hours a day, while awake)."""
    special = _timing_or_dependence(clause, section)
    if special is not None and not _hours(clause):
        # "Ventilator dependence or tracheostomy": the tracheostomy is read as usual.
        trachs = [
            state("tracheostomy", section, negated_at(clause, t.start()))
            for t in _TRACH.finditer(clause)
            if not _VIA_TRACH.match(clause, t.end())
        ]
        return [*special, *trachs]
    found: list[Found] = []
    for trach in _TRACH.finditer(clause):
        negated = negated_at(clause, trach.start())
        if _VIA_TRACH.match(clause, trach.end()):
            # "tracheostomy ventilation" is ventilation through a tracheostomy: invasive.
            found.append(state("invasive_ventilation", section, negated))
        else:
            found.append(state("tracheostomy", section, negated))
    invasive = _INVASIVE.search(clause)
    if invasive:
        if re.search(r"when awake|while awake|during the day", clause):
            found.append(review("invasive_ventilation", section))
        else:
            negated = negated_at(clause, invasive.start())
            found.append(state("invasive_ventilation", section, negated))
    elif _INVASIVE_UNCLEAR.search(clause) and not _NIV.search(clause):
        found.append(review("invasive_ventilation", section))
    niv = _niv(clause, section)
    found.extend(niv)
    generic = _ANY_ASSISTANCE.search(clause)
    if generic and not invasive and any(f.op == "==" for f in niv):
        # "ventilatory assistance, including BiPAP" covers every kind of assisted ventilation.
        negated = negated_at(clause, generic.start())
        found.append(state("invasive_ventilation", section, negated))
    if special is not None:
        # "NIV more than 12 hours a day or while awake": both alternatives exclude.
        found.extend(f for f in special if f.value == "daytime")
    return found


def _niv(clause: str, section: Section) -> list[Found]:
    niv = _NIV.search(clause)
    hours = _hours(clause)
    if hours is not None and (niv or re.search(r"ventilat", clause)):
        op, value = hours
        return [threshold("niv", section, op, value, "hours_per_day")]
    if niv is None or _INVASIVE_ASSIST.search(clause, max(0, niv.start() - 12), niv.end()):
        return []
    treated = _TREATED_BY.search(clause, max(0, niv.start() - 30), niv.start())
    if section == "inclusion" and treated and not negated_at(clause, niv.start()):
        # "treated by non-invasive ventilation (for more than a month)": NIV is required.
        return [Found("niv", "inclusion", "==", True)]
    if _NIV_QUALIFIED.search(clause) or PERMISSIVE.search(clause):
        return [review("niv", section)]
    extra = {"note": "includes past use"} if _EVER.search(clause) else {}
    return [state("niv", section, negated_at(clause, niv.start()), extra=extra)]


def _hours(clause: str) -> tuple[str, object] | None:
    match = _HOURS.search(clause)
    if match:
        op = comparator_op(match.group("cmp"))
        if op and op != "==":
            return op, to_number(match.group("num"))
    post = _HOURS_POST.search(clause)
    if post:
        return post_op(post.group("post")), to_number(post.group("num"))
    return None
