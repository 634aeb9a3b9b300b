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

from screener.criteria.context import PERMISSIVE, Found, Section, clauses

__all__ = ["COHORT_LABEL", "joined_by_and", "unaccounted"]

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
