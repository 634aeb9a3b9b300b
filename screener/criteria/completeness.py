"""Whether a reading accounts for the whole item: the gate every finding passes through.

A pattern family reads the words it knows ("tracheostomy", "FVC ≥ 60 %"); the item may say
more that changes the meaning: a cohort it applies to ("Cohort B: SOD1 carriers"), "only",
"unless", a second condition joined by "and" ("bedridden and tracheotomised"), or something
narrower than the person's answer ("non-invasive *volume* ventilation"). Such a finding may
still be shown and may still settle a criterion in the person's favour, but it must never
turn anyone away: :func:`unaccounted` names the words left over, and the extractor marks
the finding ``tentative`` (a ``not_met`` is then reported as ``unknown``, "we read this as
…; the study team decides").

Which words matter depends on the side. An exclusion is "excluded if S": S = "A and B" is
narrower than A alone, so a reading of A alone is too broad; "A or B" is fine. An inclusion
is "required R": R = "A or B" is wider than A alone, so a reading of A alone is too strict;
"A and B" is fine. Words that change any reading (cohorts, "only", "unless", "except") count
on both sides.
"""

from __future__ import annotations

import re
from dataclasses import replace

from screener.criteria.context import PERMISSIVE, Found, Section, clauses
from screener.criteria.model import Criterion

__all__ = [
    "COHORT_LABEL",
    "alternative_limits",
    "alternative_requirements",
    "joined_by_and",
    "unaccounted",
]

COHORT_LABEL = re.compile(
    r"\b(?:cohorts?|arms?|groups?|parts?|panels?)\s+(?:[a-e]|[1-5]|i{1,3}|iv|one|two|three)\b|"
    r"\bcohorts\b|"
    r"\b(?:in|for) (?:the |each )?(?:[\w-]+ ){0,2}(?<!muscle )(?:cohort|group|arm)\b(?! of)|"
    r"\(\s*(?![^()]*\b(?:women|females?|men|males?)\b)[^()]{0,60}\bonly\s*\)|"
    r"\b(?:fals|sals|sod1|c9orf72|fus|pls|pma|ftd|als-ftd|suspected als)\s+"
    r"(?:volunteers|participants|patients|subjects|group|cohort)\s*(?::|only\b)|"
    r"\b(?:als|pals|mnd)\s+(?:group|cohort)\s*(?::|only\b)|"
    r"\bfor (?:pd|parkinson\w*|alzheimer\w*|ms|multiple sclerosis|controls?|healthy|"
    r"caregivers?|relatives)\b[^:]{0,30}:|"
    r"^for (?:the )?(?:[\w/-]+ ){0,3}(?:cohorts?|groups?|arms?|parts?|fals|sals|"
    r"controls?|carriers?|relatives)\b[^:]{0,30}:|"
    r"\bsuspected als\b|\bpresymptomatic\b|\bcarriers? cohort\b"
)
"""Words that tie an item to one group among several ("Cohort B", "(Part A only)")."""

_ANY_SIDE = re.compile(
    r"(?<!not )(?<!if )\bonly\b(?! (?:patients|participants|subjects|individuals|people|"
    r"those|persons|men|women|males|females)\b)|\bunless\b|\bexcept\b|\bexcepting\b|"
    r"\bother than\b|\bapart from\b|\bwith the exception\b|"
    r"(?<!\()\bif\b(?! (?:applicable|any|known|possible|available|female|of childbearing|"
    r"unable|not able)\b)|"
    r"\b(?:for|in) (?:the )?(?:participants|patients|subjects|people|those|individuals|persons|"
    r"adolescents|children|carriers)\b(?! (?:with|who have|diagnosed with) (?:als|amyotrophic|"
    r"a diagnosis))|\bfor (?:sod1|c9orf72|fus|tardbp)\b"
)
"""Words that change a reading whichever side it is on ("≤ 36 months for SOD1 carriers")."""
_ITEM_WIDE = re.compile(
    r"(?<!not )\bonly\b(?! (?:patients|participants|subjects|individuals|people|those|persons|"
    r"men|women|males|females)\b)|\bunless\b|\bexcept\b|\bother than\b|\bapart from\b"
)
"""The part of ``_ANY_SIDE`` that changes every clause of its item."""

_OWN_WORDS: dict[str, re.Pattern[str]] = {
    "tracheostomy": re.compile(r"trache?ost\w*|tracheot\w*"),
    "invasive_ventilation": re.compile(
        r"invasive (?:mechanical )?ventilat\w*|mechanical(?:ly)? ventilat\w*|"
        r"trache?ost\w* ventilat\w*|tracheot\w* ventilat\w*|intubat\w*|"
        r"permanent assisted ventilation|ventilatory (?:assistance|support)|"
        r"assisted ventilation"
    ),
    "niv": re.compile(
        r"non-?invasive (?:positive pressure |volume )?(?:ventilat\w*|respiratory support)|"
        r"\bniv\b|\bnippv\b|\bnppv\b|bipap|bi-level|bilevel|\bcpap\b|"
        r"continuous positive airway pressure|ventilatory (?:assistance|support)|"
        r"assisted ventilation"
    ),
    "gastrostomy": re.compile(
        r"gastrostom\w*|gastronom\w*|\bpeg\b|\brig\b|\bpej\b|feeding tube|tube feed\w*|"
        r"enteral"
    ),
    "pregnancy": re.compile(r"pregnan\w*|childbearing|child-bearing"),
    "breastfeeding": re.compile(r"breast[- ]?feed\w*|lactat\w*|nursing"),
    "dementia": re.compile(r"dementia|demented|frontotemporal|\bftd\b|als-ftd|\bftld\b"),
    "other_neurological_disease": re.compile(r"neurolog\w*|neurodegenerat\w*"),
}
"""The words each yes/no factor is read from (for the "and" and "or" neighbour rules)."""

_WHEN = (
    r"|within (?:the (?:last|past) )?\d+|in the (?:last|past|previous|prior) \d+|planned|\bplan\b|"
    r"expected|anticipat\w*|scheduled|likely to|will (?:need|require|undergo)|"
    r"during the (?:study|trial|treatment)|recent(?:ly)?|newly"
)
"""Timing that narrows a yes/no state: "placed within 30 days", "planned", "expected to need"."""
_NARROWER: dict[str, re.Pattern[str]] = {
    "niv": re.compile(
        r"\bvolume\b|cough assist|mouthpiece|\bsip\b|daytime|during the day|diurnal|awake|"
        r"full[- ]time|continuous(?! positive)|permanent|dependen\w*|\b24 ?h" + _WHEN
    ),
    "invasive_ventilation": re.compile(
        r"daytime|during the day|diurnal|awake|\bwhen\b|\bwhile\b" + _WHEN
    ),
    "tracheostomy": re.compile(
        r"bedridden|bed-ridden|bedbound|bed-bound|\bwhen\b|\bwhile\b" + _WHEN
    ),
    "gastrostomy": re.compile(r"\bwhen\b|\bwhile\b|exclusive\w*|sole source|\bonly\b" + _WHEN),
    "dementia": re.compile(
        r"incompeten\w*|in question|(?:ability|capacity|capable|able) (?:to )?(?:give |grant |"
        r"provide )?(?:informed )?consent|consent"
    ),
}
"""Words that make the item's thing narrower than the person's yes/no answer."""

_LIST_AND = re.compile(r",[^,]*$")
_PAIRED_AND = {frozenset({"pregnancy", "breastfeeding"})}
"""'Pregnant and lactating women' means either: the idiom is read as 'or'."""

_CONNECTIVE_AFTER = re.compile(r"^\s*\)?\s*(?P<word>and/or|and|or|with(?! or without))\b")
_CONNECTIVE_BEFORE = re.compile(r"\b(?P<word>and/or|and|or)\s*\(?\s*$")
_PHRASE_WORDS = 3
"""Words after a factor's own word that still belong to its phrase ("pregnant *women* or…")."""
_FILLER = re.compile(
    r"^(?:\s*(?:\([^()]*\)|women|woman|men|patients?|participants?|subjects?|mothers?|"
    r"females?|individuals?|tube|placement|insertion|ventilation|use|of|the|a|an|any|type|"
    r"kind|or|and/or|in place|currently|current|present|diseases?|disorders?|illness(?:es)?|"
    r"conditions?|syndromes?|diagnosis|diagnosed|of any kind)\b)*"
)


def unaccounted(
    clause: str, finding: Found, section: Section, read: set[str], item: str = ""
) -> str | None:
    """What ``clause`` (of ``item``) says that ``finding`` leaves out; ``None`` when nothing.

    ``read`` holds the factors read from the same clause: a neighbour that is itself a
    reading is accounted for (two exclusions "A or B" are each read on their own). Cohort
    labels and "only", "unless", "except" count anywhere in the item ("Tracheostomy. (Part A
    only)"); the other words only in the finding's own clause.
    """
    cohort = COHORT_LABEL.search(clause) or COHORT_LABEL.search(item)
    if cohort:
        return f"the study's words tie it to one group ('{cohort.group(0).strip()}')"
    if finding.op is None:
        return None
    elsewhere = _ITEM_WIDE.search(item)
    if elsewhere and finding.factor not in _SELF_LIMITING:
        return f"the study's words say '{elsewhere.group(0)}'"
    allowed = _allowed_elsewhere(clause, item or clause, finding.factor)
    if allowed:
        return f"the study's words allow some people ('{allowed}')"
    if finding.op in _NUMERIC_OPS and finding.kind == "inclusion" and section != "exclusion":
        for segment in _SEGMENT.split(_NEGATED_COMPARATOR.sub(" ", clause)):
            negation = _NOT_NUMERIC.search(segment)
            if negation and re.search(r"\d", segment):
                return f"the study's words say '{negation.group(0)}' beside the limit"
    word = _ANY_SIDE.search(clause)
    if (
        word
        and finding.factor not in _SELF_LIMITING
        and not (word.group(0) == "if" and finding.factor in _SELF_CONDITIONED)
    ):
        return f"the study's words say '{word.group(0)}'"
    narrower = _NARROWER.get(finding.factor)
    if narrower is not None and finding.op == "==" and finding.value is True:
        hit = narrower.search(clause)
        if hit:
            return f"the study's words are narrower than a yes or no ('{hit.group(0)}')"
    own = _OWN_WORDS.get(finding.factor)
    if own is None:
        return None
    return _neighbour(clause, finding, section, own, read)


_NUMERIC_OPS = frozenset({">=", ">", "<=", "<", "between"})
_NEGATED_COMPARATOR = re.compile(
    r"\b(?:no|not) (?:more|less|greater|longer|fewer|lower|higher|older|younger)\b|"
    r"\bnot (?:to )?exceed\w*|\bdoes not exceed\b|\bmust not exceed\b|\bnon-?\w+|"
    r"\bnot (?:be )?(?:below|under|above|over)\b"
)
_NOT_NUMERIC = re.compile(r"\b(?:not|never|no|without|neither|nor)\b")
"""A negation left beside a number limit ("must not require NIV more than 8 hours"): its
direction cannot be trusted, since the family read the limit as written."""
_MENTIONS: dict[str, re.Pattern[str]] = {
    **_OWN_WORDS,
    "age_years": re.compile(r"\bages?\b|\baged\b|older|younger|elderly|adolescen\w*|\byears\b"),
    "vital_capacity": re.compile(r"vital capacity|\bfvc\b|\bsvc\b|\bvc\b"),
    "gene": re.compile(r"sod1|c9orf72|\bfus\b|tardbp|\bgenes?\b|mutation|carrier|variant"),
    "months_since_onset": re.compile(r"onset|symptom|duration"),
    "months_since_diagnosis": re.compile(r"diagnos\w*|duration"),
    "alsfrs_r_total": re.compile(r"alsfrs|als-frs|rating scale"),
    "alsfrs_r_item": re.compile(r"alsfrs|als-frs|\bitems?\b"),
    "diagnosis_category": re.compile(r"possible|probable|definite|escorial|gold coast|awaji"),
}
"""Words that show a clause talks about a factor (for "… may be enrolled" elsewhere)."""


_SEGMENT = re.compile(r",|;|\band\b|\bwith\b")


def _allowed_elsewhere(clause: str, item: str, factor: str) -> str | None:
    """Permissive words about the same factor anywhere in the item ("History of tracheostomy
    is not exclusionary"; "participants older than 80 may be enrolled with sponsor
    approval"), in the same part of a sentence ("…, and both sexes are acceptable" says
    nothing of age)."""
    mentions = _MENTIONS.get(factor)
    if mentions is None or factor in _SELF_LIMITING:
        return None
    for part in (clause, *clauses(item)):
        for segment in _SEGMENT.split(part):
            allowed = PERMISSIVE.search(segment)
            if allowed and mentions.search(segment):
                return allowed.group(0)
    return None


_SELF_LIMITING = frozenset(
    {"riluzole", "edaravone", "tofersen", "phenylbutyrate_taurursodiol", "investigational_drug"}
)
"""Drug rules carry their own conditions ("only if on a stable dose"): read by their family."""
_SELF_CONDITIONED = frozenset({"pregnancy", "breastfeeding"})
"""'If female, not pregnant': a pregnant person is always the one the condition names."""


def _neighbour(
    clause: str, finding: Found, section: Section, own: re.Pattern[str], read: set[str]
) -> str | None:
    """The "A and B" (exclusion) or "A or B" (inclusion) neighbour left unread, if any."""
    stated_as_exclusion = section == "exclusion"
    if stated_as_exclusion != (finding.kind == "exclusion"):
        # A negated statement ("may not be pregnant, lactating or breastfeeding", "not using
        # NIV and without tracheostomy"): each part excludes on its own, whatever joins them.
        return None
    for match in own.finditer(clause):
        after = _after_phrase(clause, match.end())
        before = _CONNECTIVE_BEFORE.search(clause[: match.start()])
        for connective, other in (
            (after[0], after[1]),
            (before.group("word") if before else None, _before_phrase(clause, match.start())),
        ):
            if connective is None:
                continue
            others = _factors_in(other) - {finding.factor}
            if stated_as_exclusion and connective in ("and", "with"):
                if connective == "and" and _LIST_AND.search(clause[: match.start()]):
                    continue  # "A, B and C" lists alternatives
                if any(frozenset({finding.factor, o}) in _PAIRED_AND for o in others):
                    continue
                if others & read:
                    continue
                return f"the study's words add a second condition ('{connective} {other}')"
            if not stated_as_exclusion and connective == "or":
                if _factors_in(other) & ({finding.factor} | read):
                    continue
                return f"the study's words give an alternative ('or {other}')"
    return None


def joined_by_and(clause: str, finding: Found, section: Section, read: set[str]) -> str | None:
    """The other read factor an exclusion joins with "and" ("tracheotomy and mechanical
    ventilation"): the item excludes only people who meet both, so one becomes the other's
    condition. ``None`` when there is no such partner."""
    own = _OWN_WORDS.get(finding.factor)
    if section != "exclusion" or finding.kind != "exclusion" or own is None or finding.op != "==":
        return None
    for match in own.finditer(clause):
        connective, other = _after_phrase(clause, match.end())
        if connective != "and" or _LIST_AND.search(clause[: match.start()]):
            continue
        for partner in sorted((_factors_in(other) - {finding.factor}) & read):
            if frozenset({finding.factor, partner}) not in _PAIRED_AND:
                return partner
    return None


def _after_phrase(clause: str, end: int) -> tuple[str | None, str]:
    """The connective after a factor's phrase and the words it joins (a few at most)."""
    rest = clause[end:]
    skipped = _FILLER.match(rest)
    position = skipped.end() if skipped else 0
    words = rest[:position].split()
    if len(words) > _PHRASE_WORDS:
        return None, ""
    connective = _CONNECTIVE_AFTER.match(rest[position:])
    if connective is None:
        return None, ""
    tail = rest[position + connective.end() :]
    return connective.group("word"), " ".join(re.split(r"[,;:]", tail)[0].split()[:6])


def _before_phrase(clause: str, start: int) -> str:
    head = clause[:start]
    head = _CONNECTIVE_BEFORE.sub("", head)
    return " ".join(re.split(r"[,;:(]", head)[-1].split()[-6:])


def _factors_in(text: str) -> set[str]:
    return {factor for factor, own in _OWN_WORDS.items() if own.search(text)}


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
