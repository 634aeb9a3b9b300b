"""Pregnancy, breastfeeding, dementia/FTD, other neurological disease, healthy volunteers.

Contraception and "able to become pregnant" are promises a person makes, not states that
exclude them: they give no criterion. A negative pregnancy test required for inclusion is
an exclusion of pregnancy. Dementia and other-disease exclusions that hang on a judgement
("dementia sufficient to impair consent", "clinically significant", "as judged by the
investigator") are kept for review: a yes to "diagnosed dementia" does not settle them.
"Cognitive impairment" without the word dementia or FTD is reviewed for the same reason.
"""

from __future__ import annotations

import re

from screener.criteria.context import (
    JUDGEMENT,
    PERMISSIVE,
    Found,
    Section,
    negated_at,
    review,
    state,
)

__all__ = [
    "find_pregnancy",
    "find_breastfeeding",
    "find_dementia",
    "find_other_neurological",
    "find_healthy",
]

_PREGNANT = re.compile(r"pregnan\w*")
_TEST = re.compile(r"pregnancy test|pregnancy result|result for pregnancy")
_NEGATIVE_TEST = re.compile(
    r"negative (?:\w+ ){0,3}?(?:pregnancy test|result for pregnancy)|"
    r"pregnancy test (?:is |must be )?negative"
)
_POSITIVE_TEST = re.compile(r"positive (?:\w+ ){0,2}?pregnancy test")
_PLANNING = re.compile(
    r"(?:plan\w*|intend\w*|intention|become|becoming|get|getting|avoid\w*|able to become)\s+"
    r"(?:to\s+)?(?:become\s+|get\s+)?$"
)
_POSSIBILITY = re.compile(r"possibility of (?:pregnancy|becoming pregnant)")
_BREASTFEEDING = re.compile(
    r"(?:non-?)?lactat\w*|breast-?feed\w*|breastfeed\w*|\bnursing\b(?! home)"
)

_DEMENTIA = re.compile(r"dementia|demented|frontotemporal|\bftd\b|ftd-|-ftd\b|\bftld\b")
_COGNITIVE_IMPAIRMENT = re.compile(
    r"cognitive(?:ly)? (?:impair\w*|dysfunction|deficits?|decline|disorders?)|"
    r"impaired cognition"
)
_COGNITIVE = re.compile(r"cognitive|cognition|mental capacity|mentally|\bmmse\b|\bmoca\b")
_OTHER_NEURO = re.compile(
    r"(?:other|another|concomitant|coexisting|co-existing|additional|concurrent|associated)\s+"
    r"(?!than\b)(?:\w+\s+){0,2}?(?:neurolog\w*|neurodegenerative|neuromuscular)\s+(?:\w+\s+)?"
    r"(?:disease|disorder|condition|illness|patholog)\w*|"
    r"(?:neurolog\w*|neurodegenerative) (?:disease|disorder|"
    r"condition)s?(?: \(?other than| besides)|neurological (?:disease|disorder|condition)s?"
)
_NEURO_NOT_PERSON = re.compile(
    r"motor neurone? diseases? other than|first-degree relative|family history"
)
_HEALTHY = re.compile(
    r"^(?:healthy|medically healthy)\b|"
    r"\bhealthy (?:adult|volunteer|subject|male|female|elderly)s?\b"
)
_LIST_ADJECTIVES = {
    "or",
    "and",
    "any",
    "other",
    "clinically",
    "medical",
    "psychiatric",
    "neurological",
    "neurologic",
    "cardiac",
    "cardiovascular",
    "pulmonary",
    "respiratory",
    "renal",
    "hepatic",
    "systemic",
    "endocrine",
    "hematological",
    "haematological",
    "metabolic",
    "infectious",
    "cognitive",
    "mental",
    "behavioural",
    "behavioral",
    "neurodegenerative",
    "concomitant",
}
_WHOLE_SENTENCE_JUDGEMENT = re.compile(
    r"in the opinion|opinion of|as judged|judged by|at the discretion|discretion of|"
    r"investigator'?s? (?:judg|opinion)|as determined by"
)
_EXAMPLES = re.compile(r"\bincluding\b|such as|e\.g|i\.e|for example")
_ANOTHER_ENTRY = re.compile(r"\b(?:or|and)\s+(?:any\s+)?(?:other|another)\b")
_SEGMENT = re.compile(r",|\bor\b|\band\b|/")
_RELATIVE = re.compile(r"\b(?:that|which|who|precluding|sufficient|rendering|making)\b.*")


def find_pregnancy(clause: str, item: str, section: Section) -> list[Found]:
    """Pregnancy as an exclusion (never a requirement; contraception sets no limit)."""
    found: list[Found] = []
    if _POSSIBILITY.search(clause):
        # Whether it means "may be pregnant" or "could become pregnant", excluding those who
        # are pregnant is right under both readings.
        if section == "exclusion":
            return [Found("pregnancy", "exclusion", "==", True)]
        return [review("pregnancy", section)]
    for match in _PREGNANT.finditer(clause):
        before = clause[max(0, match.start() - 30) : match.start()]
        if _TEST.match(clause, match.start()) or _TEST.search(
            clause[max(0, match.start() - 20) : match.end() + 10]
        ):
            if _POSITIVE_TEST.search(clause):
                found.append(Found("pregnancy", "exclusion", "==", True))
            elif _NEGATIVE_TEST.search(clause) and section == "inclusion":
                found.append(
                    Found(
                        "pregnancy",
                        "exclusion",
                        "==",
                        True,
                        None,
                        {"from": "negative pregnancy test"},
                    )
                )
            elif section == "exclusion":
                found.append(review("pregnancy", section))
            continue
        if _PLANNING.search(before) and "ongoing" not in before:
            continue
        found.append(state("pregnancy", section, negated_at(clause, match.start())))
        break
    return _first_understood(found)


def find_breastfeeding(clause: str, item: str, section: Section) -> list[Found]:
    """Breastfeeding / lactation as an exclusion."""
    match = _BREASTFEEDING.search(clause)
    if match is None:
        return []
    negated = match.group(0).startswith("non") or negated_at(clause, match.start())
    return [state("breastfeeding", section, negated)]


def find_dementia(clause: str, item: str, section: Section) -> list[Found]:
    """Diagnosed dementia or FTD as an exclusion; judgement calls and cognition go to review."""
    match = _DEMENTIA.search(clause)
    if match is None:
        impairment = _COGNITIVE_IMPAIRMENT.search(clause)
        if (
            impairment is not None
            and section == "exclusion"
            and not negated_at(clause, impairment.start())
            and not PERMISSIVE.search(item)
            and not _judged(clause, impairment.start(), impairment.end(), whole_tail=True)
        ):
            # A diagnosed dementia or FTD is a cognitive impairment, so it excludes; no
            # dementia diagnosis does not mean no impairment, so that answer stays unknown.
            broader = "the study's words ('cognitive impairment') reach further than a diagnosis"
            return [Found("dementia", "exclusion", "==", True, None, {"broader": broader})]
        if _COGNITIVE.search(clause):
            return [review("dementia", section)]
        return []
    if PERMISSIVE.search(item) or _judged(clause, match.start(), match.end()):
        return [review("dementia", section)]
    found = state("dementia", section, negated_at(clause, match.start()))
    impairment = _COGNITIVE_IMPAIRMENT.search(clause)
    if (
        found.kind == "exclusion"
        and found.op == "=="
        and section == "exclusion"
        and impairment is not None
        and not _judged(clause, impairment.start(), impairment.end())
    ):
        # "Cognitive impairment, dementia or …": no dementia is not no impairment.
        broader = "the study's words also name cognitive impairment, wider than a diagnosis"
        found = Found("dementia", "exclusion", "==", True, None, {"broader": broader})
    return [found]


def find_other_neurological(clause: str, item: str, section: Section) -> list[Found]:
    """Another neurological disease besides ALS, when named generally and without judgement."""
    match = _OTHER_NEURO.search(clause)
    if match is None:
        return []
    if _NEURO_NOT_PERSON.search(clause) or _judged(
        clause, match.start(), match.end(), whole_tail=True
    ):
        return [review("other_neurological_disease", section)]
    if not re.search(r"neurolog", match.group(0)):
        # "Other neurodegenerative (or neuromuscular) disease" is narrower than the person's
        # "another neurological disease": someone with epilepsy would be excluded wrongly.
        return [review("other_neurological_disease", section, scope="neurodegenerative")]
    extra: dict[str, object] = {}
    return [
        state("other_neurological_disease", section, negated_at(clause, match.start()), extra=extra)
    ]


def find_healthy(clause: str, item: str, section: Section) -> list[Found]:
    """A healthy-volunteer requirement is never trusted to exclude a patient: review only."""
    if _HEALTHY.search(clause):
        return [review("healthy_volunteers", section)]
    return []


def _judged(clause: str, start: int, end: int, *, whole_tail: bool = False) -> bool:
    """Whether a judgement word qualifies the list entry at ``start``..``end``.

    It does when it stands in the entry itself ("significant dementia"), before it in a run
    of shared adjectives ("uncontrolled significant medical, psychiatric or neurological
    disease"), or in a relative clause after it ("… that would impair consent") — unless
    that clause belongs to a later "or any other …" entry. ``whole_tail`` counts any
    judgement word after the entry (for broad lists of diseases).
    """
    if _WHOLE_SENTENCE_JUDGEMENT.search(clause):
        return True
    if JUDGEMENT.search(_segment_at(clause, start)) or _shared_judgement(clause[:start]):
        return True
    rest = clause[end:]
    if whole_tail:
        return bool(JUDGEMENT.search(rest))
    tail = _RELATIVE.search(rest)
    if tail is None or _ANOTHER_ENTRY.search(rest[: tail.start()]):
        return False
    return bool(JUDGEMENT.search(tail.group(0)))


def _shared_judgement(before: str) -> bool:
    """A judgement word followed only by list adjectives up to the entry ("significant
    medical, psychiatric or"), so it qualifies the entry too."""
    matches = list(JUDGEMENT.finditer(before))
    if not matches:
        return False
    between = before[matches[-1].end() :]
    if _EXAMPLES.search(between):
        return True  # "significant psychiatric disorders, including dementia"
    words = re.findall(r"[a-z-]+", between)
    return all(w in _LIST_ADJECTIVES or JUDGEMENT.fullmatch(w) for w in words)


def _segment_at(clause: str, position: int) -> str:
    """The part of a list ("x, y or z") that holds ``position``."""
    starts = [m.end() for m in _SEGMENT.finditer(clause, 0, position)]
    start = starts[-1] if starts else 0
    end_match = _SEGMENT.search(clause, position)
    end = end_match.start() if end_match else len(clause)
    return clause[start:end]


def _first_understood(found: list[Found]) -> list[Found]:
    understood = [f for f in found if f.op is not None]
    if understood:
        return understood[:1]
    return found[:1]
