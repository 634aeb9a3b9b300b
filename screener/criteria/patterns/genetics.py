"""Genes (SOD1, C9orf72, FUS, TARDBP) and familial versus sporadic ALS.

An inclusion that requires a gene may be narrower than the gene ("a protocol-defined
rapidly progressive SOD1 mutation"): requiring the gene is still right, and the narrower
part is left to the study team. An *exclusion* narrower than the gene ("SOD1 mutation
sites at nucleotides 44-66") is not an exclusion of every carrier, so it goes to review.
"""

from __future__ import annotations

import re

from screener.criteria.context import Found, Section, clauses, negated_at, review

__all__ = ["find_genes", "find_familial"]

_GENES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SOD1", re.compile(r"\bsod-?1\b|superoxide dismutase")),
    ("C9orf72", re.compile(r"\bc9orf72\b|\bc9\b")),
    ("FUS", re.compile(r"\bfus\b|fused in sarcoma")),
    ("TARDBP", re.compile(r"\btardbp\b|\btdp-?43\b")),
)
_GENE_WORDS = re.compile(
    r"mutation|variant|carr(?:y|ier|iers)|\bgenes?\b|genetic|positive|pathogenic|expansion|repeat"
)
_ABSENT = re.compile(
    r"absence of|to exclude|excluding|exclude[sd]?|negative for|\bwithout\b|\bno\b|\bnot\b|"
    r"non-carrier"
)
_NARROWER = re.compile(r"\bsites?\b|nucleotide|p\.\w|specific|other than|except|\d")
_GENE_NAMES = re.compile("|".join(pattern.pattern for _, pattern in _GENES))
_NOT_PERSON = re.compile(r"^(?:relative|blood relative|family member)|\brelative of\b")

_EITHER = re.compile(
    r"(?:familial|sporadic|fals|sals|isolated)\s*(?:als\s*)?(?:,\s*)?(?:or|and|and/or|/)\s*"
    r"(?:familial|sporadic|fals|sals|isolated)(?:\s+als)?"
)
_FAMILIAL = re.compile(
    r"\bfamilial (?:als|amyotrophic)|\bfals\b|family history of (?:als|amyotrophic)"
)
_SPORADIC = re.compile(
    r"\bsporadic (?:als|amyotrophic|motor neuron|mnd|cases?|form|disease)|\bsals\b"
)


def find_genes(item: str, section: Section) -> list[Found]:
    """Gene requirements and exclusions named in one item."""
    found: list[Found] = []
    seen: set[str] = set()
    not_person = bool(_NOT_PERSON.search(item))
    for clause in clauses(item):
        for gene, pattern in _GENES:
            match = pattern.search(clause)
            if match is None or gene in seen:
                continue
            seen.add(gene)
            found.append(_gene(gene, clause, match.start(), section, not_person))
    return found


def _gene(gene: str, clause: str, position: int, section: Section, not_person: bool) -> Found:
    if not_person or not _GENE_WORDS.search(clause):
        return review("gene", section, gene=gene)
    window = clause[max(0, position - 90) : position]
    absent = bool(_ABSENT.search(window))
    if section == "exclusion":
        if absent or _NARROWER.search(_GENE_NAMES.sub(" ", clause)):
            return review("gene", section, gene=gene)
        return Found("gene", "exclusion", "==", "positive", None, {"gene": gene})
    return Found(
        "gene", "inclusion", "==", "negative" if absent else "positive", None, {"gene": gene}
    )


def find_familial(item: str, section: Section) -> list[Found]:
    """Familial or sporadic ALS; "familial or sporadic" sets no condition."""
    text = _EITHER.sub(" ", item)
    if _NOT_PERSON.search(item):
        return [review("familial", section)] if _FAMILIAL.search(text) else []
    familial = _FAMILIAL.search(text)
    if familial:
        negated = negated_at(text, familial.start())
        if section == "exclusion":
            if negated:
                return [review("familial", section)]
            return [Found("familial", "exclusion", "==", True)]
        if negated:
            return [Found("familial", "exclusion", "==", True)]
        return [Found("familial", "inclusion", "==", True)]
    sporadic = _SPORADIC.search(text)
    if sporadic:
        if section == "exclusion" or negated_at(text, sporadic.start()):
            return [review("familial", section)]
        return [Found("familial", "inclusion", "==", False)]
    return []
