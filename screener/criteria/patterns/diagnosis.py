"""Diagnostic certainty: revised El Escorial categories, Awaji, Gold Coast.

Decisions (clinical, documented here because the engine relies on them):

* Categories are ordered possible < probable_laboratory_supported < probable < definite.
  An inclusion list is closed upwards ("ALS or probable ALS" and "possible, probable or
  definite" also accept the categories above or between): no trial in the shared texts
  wants a weaker diagnosis but not a stronger one, and a literal gap would turn away a
  patient the study wants.
* Awaji: the Awaji-Shima rules upgrade EMG findings to clinical signs, so a person's
  recorded El Escorial category can be *lower* than their Awaji category. Reading an Awaji
  list as El Escorial could exclude wrongly, so Awaji categories are kept for review
  (``extra["system"] == "awaji"``).
* Any category mention that is negated or conditional ("possible ... eligible if", "cannot
  be proven") puts the item's whole category list up for review.
"""

from __future__ import annotations

import re

from screener.criteria.context import Found, Section, clauses, review

__all__ = ["ORDER", "find_diagnosis"]

ORDER: tuple[str, ...] = ("possible", "probable_laboratory_supported", "probable", "definite")

_CONTEXT = re.compile(
    r"escorial|estorial|airlie|awaji|world federation|\bwfn\b|\bals\b|amyotrophic|"
    r"motor neurone? disease|\bmnd\b"
)
_BOTH_PROBABLE = re.compile(r"probable\s*\(?\s*with or without (?:laboratory|lab) support")
_LSP = re.compile(
    r"(?:clinically\s+)?(?:probable[\s-]*\(?(?:with\s+)?(?:laboratory|lab)[\s-]*(?:results\s+)?"
    r"(?:supported|support)|(?:laboratory|lab)[\s-]*(?:results\s+)?supported(?:[\s-]*probable)?|"
    r"possible[\s-]*(?:laboratory|lab)[\s-]*supported(?![\s-]*(?:clinically[\s-]+)?probabl)|probably[\s-]*laboratory[\s-]*supported)"
)
_DEFINITE = re.compile(r"\bdefinite|\bdefinitive|clinically defined|\bdefined(?= or |\)| als)")
_PROBABLE = re.compile(r"\bprobabl[ey]\b")
_POSSIBLE = re.compile(r"\bpossible\b")
_SUSPECTED = re.compile(r"\bsuspected\b")
_NEGATED = re.compile(
    r"\b(?:not|cannot|excluding|exclude[sd]?|ineligible|except|unless)\b|eligible if|only if"
)
_NOT_A_NEGATION = re.compile(r"but not limited to|not limited to|not only")
_NOT_DIAGNOSIS = re.compile(r"possibly|definitely|possibility|as possible|if possible|probability")
_GOLD_COAST = re.compile(r"gold coast")
_AWAJI = re.compile(r"awaji")
_PARENS = re.compile(r"\([^()]*\)")


def find_diagnosis(item: str, section: Section) -> list[Found]:
    """The El Escorial category list and Gold Coast requirement of one item."""
    found: list[Found] = []
    if _GOLD_COAST.search(item):
        if section == "exclusion" or _NEGATED.search(_PARENS.sub("", item)):
            found.append(review("gold_coast", section))
        else:
            found.append(Found("gold_coast", "inclusion", "==", True))
    categories: set[str] = set()
    doubtful = False
    mentioned = False
    for clause in clauses(item):
        cats = _categories(clause, need_context=False)
        if not cats:
            continue
        if _NEGATED.search(_NOT_A_NEGATION.sub(" ", _PARENS.sub("", clause))):
            doubtful = True
        if not _categories(clause):
            continue
        mentioned = True
        categories |= cats
    if not mentioned:
        return found
    if _AWAJI.search(item):
        return [*found, review("diagnosis_category", section, system="awaji")]
    suspected = bool(_SUSPECTED.search(item))
    if doubtful:
        return [*found, review("diagnosis_category", section)]
    extra: dict[str, object] = {"system": "el_escorial"}
    if suspected:
        extra["note"] = "also accepts suspected ALS"
    if section == "exclusion":
        return [
            *found,
            Found("diagnosis_category", "exclusion", "in", _ordered(categories), None, extra),
        ]
    if categories:
        lowest = min(ORDER.index(c) for c in categories)
        categories = set(ORDER[lowest:])
    return [
        *found,
        Found("diagnosis_category", "inclusion", "in", _ordered(categories), None, extra),
    ]


def _categories(clause: str, need_context: bool = True) -> set[str]:
    """The El Escorial categories a clause names, when it talks about the ALS diagnosis."""
    if need_context and not _CONTEXT.search(clause):
        return set()
    text = _NOT_DIAGNOSIS.sub(" ", clause)
    cats: set[str] = set()
    if _BOTH_PROBABLE.search(text):
        cats |= {"probable", "probable_laboratory_supported"}
        text = _BOTH_PROBABLE.sub(" ", text)
    if _LSP.search(text):
        cats.add("probable_laboratory_supported")
        text = _LSP.sub(" ", text)
    if _DEFINITE.search(text):
        cats.add("definite")
    if _PROBABLE.search(text):
        cats.add("probable")
    if _POSSIBLE.search(text):
        cats.add("possible")
    return cats


def _ordered(categories: set[str]) -> list[str]:
    return [c for c in reversed(ORDER) if c in categories]
