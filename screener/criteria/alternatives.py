"""Two readings of one study that are alternatives, not two requirements.

Different limits on the same thing ("within 2 years of onset" here, "within 4 years" there)
usually mean two groups, so the stricter one is made tentative; an inclusion "A or B" with
both read folds into one criterion (A, unless B is met), so only people who fail both are
turned away. Kept apart from ``completeness`` (what one reading leaves out of its own item):
these rules compare readings with each other.
"""

from __future__ import annotations

import re
from dataclasses import replace

from screener.criteria.context import Found, Section
from screener.criteria.model import Criterion

__all__ = ["alternative_limits", "alternative_requirements"]

_LOWER = {">=", ">"}
_UPPER = {"<=", "<"}
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_SAME_THING = ("test", "item", "gene", "domain", "condition")


def alternative_limits(criteria: list[Criterion]) -> list[Criterion]:
    """Different limits on the same thing in one study are read as alternatives.

    A study that says "within 2 years of onset" in one place and "within 4 years" in another
    almost always means two groups (NCT00677768: ALS ≤ 2 years, suspected ALS ≤ 4 years). A
    person outside the looser limit is outside both; one outside only the stricter limit may
    belong to the other group, so the stricter reading is made tentative.
    """
    bounds: dict[tuple[object, ...], list[tuple[int, str, float]]] = {}
    for index, c in enumerate(criteria):
        for key, direction, value in _bounds(c):
            bounds.setdefault(key + (direction,), []).append((index, direction, value))
    stricter: dict[int, float] = {}
    for entries in bounds.values():
        values = {value for _, _, value in entries}
        if len(values) < 2:
            continue
        direction = entries[0][1]
        loosest = min(values) if direction == "lower" else max(values)
        for index, _, value in entries:
            if value != loosest:
                stricter[index] = loosest
    out = list(criteria)
    for index, loosest in stricter.items():
        c = out[index]
        if c.extra.get("tentative"):
            continue
        reason = (
            f"the study also states a limit of {loosest:g} for this elsewhere, perhaps for "
            "another group"
        )
        out[index] = replace(c, extra={**c.extra, "tentative": reason})
    return out


def _bounds(c: Criterion) -> list[tuple[tuple[object, ...], str, float]]:
    """(what is limited, "lower"/"upper", value) of a text criterion's numeric limits."""
    if c.source != "text" or not c.understood or c.extra.get("tentative"):
        return []
    key: tuple[object, ...] = (c.factor, c.unit) + tuple(
        repr(c.extra.get(name)) for name in _SAME_THING
    )
    op = c.op if c.kind == "inclusion" else _FLIP.get(str(c.op))
    value = c.value
    if c.op == "between" and c.kind == "inclusion" and isinstance(value, list | tuple):
        low, high = value
        if _number(low) and _number(high):
            return [(key, "lower", float(low)), (key, "upper", float(high))]
        return []
    if not _number(value):
        return []
    if op in _LOWER:
        return [(key, "lower", float(value))]
    if op in _UPPER:
        return [(key, "upper", float(value))]
    return []


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_OR = re.compile(r"\bor\b")
_HARMLESS_OR = re.compile(
    r"\bor (?:older|more|greater|higher|above|over|longer|less|fewer|lower|below|under|younger|"
    r"equal\w*|earlier|later)\b|"
    r"\b(?:greater|more|less|lower|higher|equal(?: to)?|older|younger) (?:than )?or\b|"
    r"\b(?:males?|men|females?|women|man|woman) or (?:females?|women|males?|men|woman|man)\b|"
    r"\b(?:sporadic|familial|fals|sals) or (?:sporadic|familial|fals|sals)\b|"
    r"\bor (?:a |his |her |their |the )?(?:legally|legal|authori[sz]ed|caregiver|representative|"
    r"guardian|proxy|next of kin)\b|"
    r"\b(?:svc|fvc|slow|forced|sitting|supine|upright|seated) (?:vital capacity )?or "
    r"(?:svc|fvc|slow|forced|sitting|supine|upright|seated)\b|"
    r"\b(?:clinically |lab(?:oratory)?[- ]supported |probable[- ]lab(?:oratory)?[- ]supported )?"
    r"(?:possible|probable|definite|definitive)[\w ,()-]{0,60}?\bor\b(?= (?:clinically |"
    r"lab(?:oratory)?[- ]supported |probable |definite |possible |definitive )*"
    r"(?:possible|probable|definite|definitive|lab|laboratory))|"
    r"\b(?:pregnant|pregnancy|lactating|breast-?feeding|nursing)\W+(?:and/)?or\b|"
    r"\b(?:als|mnd|amyotrophic lateral sclerosis) or (?:motor neu?rone? disease|mnd|als)\b|"
    r"\bwhether or not\b|\bor not\b|\bor assent\b|\bor equivalent\b|\bor [\"'“]?likely\b|"
    r"\bor (?:is|are) (?:considered|thought|believed|predicted|known)\b|"
    r"(?:riluzole|rilutek|edaravone|radicava|tofersen|amx0035|relyvrio|naive|naïve)[^,;]{0,40}?"
    r"\bor\b|\bor\b(?=[^,;]{0,40}(?:riluzole|edaravone|stable dose|stable regimen))"
)
_SUBSTANCE = re.compile(
    r"\d|sod1|c9orf72|\bfus\b|tardbp|\bgenes?\b|mutation|variant|carrier|\bfvc\b|\bsvc\b|"
    r"vital capacity|alsfrs|als-frs|onset|diagnos|symptom|\bage\b|aged|years?|months?|weeks?|"
    r"\bniv\b|ventilat|trache|gastrostom|\bpeg\b|feeding|slope|score|\bitems?\b|progress"
)


def _substantive_or(text: str) -> bool:
    """Whether an "or" joins an alternative requirement ("or SVC ≥ 60 %", "or FUS mutation"),
    not a place, a wording variant or a consent route ("Edmonton or Calgary")."""
    plain = _HARMLESS_OR.sub(" ", text)
    for match in _OR.finditer(plain):
        after = re.split(r"[,;:]|\.\s", plain[match.end() :])[0].split()[:8]
        if _SUBSTANCE.search(" ".join(after)):
            return True
    return False


_NEGATABLE = frozenset({">=", ">", "<=", "<"})
_POSITIVE_EXEMPT = frozenset(
    {
        "diagnosis_category",
        "sex",
        "familial",
        "gold_coast",
        "riluzole",
        "edaravone",
        "tofersen",
        "phenylbutyrate_taurursodiol",
        "investigational_drug",
    }
)
"""Families that read their own "or" ("probable or definite", "naive or on a stable dose")."""


def alternative_requirements(text: str, found: list[Found], section: Section) -> list[Found]:
    """An inclusion "A or B" with both read: A applies only when B fails; else tentative.

    "FVC ≥ 65 % or SVC ≥ 60 %", "SOD1 or FUS mutation", "onset ≤ 24 months or diagnosis ≤ 12
    months": each alone is not required. Two readings fold into one criterion (A, on the
    condition that B is not met), which excludes exactly the people who fail both. Any other
    inclusion reading beside an "or" the families did not read is tentative.
    """
    if section == "exclusion":
        return found
    found = _gold_coast_or_el_escorial(text, found)
    if not _substantive_or(text):
        return found
    positive = [
        i
        for i, f in enumerate(found)
        if f.kind == "inclusion"
        and f.op is not None
        and f.factor not in _POSITIVE_EXEMPT
        # "no SOD1 and/or FUS mutation": an "or" under a negation asks for neither
        and f.value is not False
        and f.value != "negative"
    ]
    if not positive:
        return found
    out = list(found)
    if len(positive) == 2:
        first, second = (found[i] for i in positive)
        negated = _negation(second)
        if negated is not None and not first.extra.get("condition"):
            condition = {
                **second.extra,
                "factor": second.factor,
                "op": negated[0],
                "value": negated[1],
                "unit": second.unit,
                "text": text,
                "alternative": True,
            }
            out[positive[0]] = replace(first, extra={**first.extra, "condition": condition})
            del out[positive[1]]
            return out
    for i in positive:
        f = out[i]
        if not f.extra.get("tentative"):
            reason = "the study's words give an alternative ('or')"
            out[i] = replace(f, extra={**f.extra, "tentative": reason})
    return out


_GOLD_COAST_OR = re.compile(
    r"gold coast.{0,60}\bor\b.{0,60}(?:escorial|possible|probable|definite)|"
    r"(?:escorial|possible|probable|definite).{0,60}\bor\b.{0,60}gold coast"
)


def _gold_coast_or_el_escorial(text: str, found: list[Found]) -> list[Found]:
    """'Gold Coast criteria or El Escorial probable or definite': either diagnosis qualifies,
    so the El Escorial list applies only to people who do not meet Gold Coast."""
    if not _GOLD_COAST_OR.search(text):
        return found
    gold = [f for f in found if f.factor == "gold_coast" and f.op == "==" and f.value is True]
    if not gold:
        return found
    out: list[Found] = []
    for f in found:
        if f.factor == "gold_coast":
            continue
        if f.factor == "diagnosis_category" and f.op is not None and f.kind == "inclusion":
            condition = {"factor": "gold_coast", "op": "==", "value": False, "unit": None}
            condition.update(text=text, alternative=True)
            f = replace(f, extra={**f.extra, "condition": condition})
        out.append(f)
    return out


def _negation(f: Found) -> tuple[str, object] | None:
    """(op, value) of "f is not met", when one criterion can say it."""
    if f.op in _NEGATABLE:
        return _FLIP[str(f.op)], f.value
    if f.op == "==" and isinstance(f.value, bool):
        return "==", not f.value
    if f.factor == "gene" and f.op == "==" and f.value in ("positive", "negative"):
        return "==", "negative" if f.value == "positive" else "positive"
    return None
