"""Matching rules of the gold-set scorer: when an extracted criterion equals a gold label.

Kept apart from the runner (``gold_score.py``) so the rules can be read and tested alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CORE_FACTORS: tuple[str, ...] = (
    "age_years",
    "months_since_onset",
    "months_since_diagnosis",
    "diagnosis_category",
    "alsfrs_r_total",
    "alsfrs_r_item",
    "alsfrs_r_slope",
    "vital_capacity",
    "tracheostomy",
    "invasive_ventilation",
    "niv",
    "gastrostomy",
    "gene",
    "riluzole",
    "edaravone",
    "pregnancy",
)
CATEGORIES = frozenset({"definite", "probable", "probable_laboratory_supported", "possible"})
MONTH_FACTORS = frozenset({"months_since_onset", "months_since_diagnosis"})
MONTH_TOLERANCE = 0.5
"""Months converted from weeks or years may differ by rounding (26 weeks = 5.98 or 6)."""
NUMBER_TOLERANCE = 1e-6
DISTINGUISHING_EXTRAS: tuple[str, ...] = ("test", "item", "gene", "domain")
NEGATED_OP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
ALSFRS_ITEM_MAX = 4


@dataclass(frozen=True, slots=True)
class Canonical:
    """A criterion reduced to what matching compares, with exclusions turned into inclusions."""

    factor: str
    kind: str
    op: str | None
    value: Any
    extras: tuple[tuple[str, str], ...]
    condition_factor: str | None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def canonical(criterion: Mapping[str, Any]) -> Canonical:
    """Rewrite a criterion so that equivalent forms compare equal.

    An exclusion "FVC < 50" is the inclusion "FVC >= 50"; an exclusion "tracheostomy == True"
    is the inclusion "tracheostomy == False"; an exclusion of some El Escorial categories is
    the inclusion of the others; an ALSFRS-R item "== 4" is "item >= 4" (4 is the top score).
    Drug ops and gene results are left as written: their two sides are not equivalent.
    """
    factor = str(criterion["factor"])
    kind = str(criterion["kind"])
    op = criterion.get("op")
    value = criterion.get("value")
    if factor == "alsfrs_r_item" and op == "==" and value == ALSFRS_ITEM_MAX:
        op = ">="
    if kind == "exclusion":
        if op in NEGATED_OP and _is_number(value):
            kind, op = "inclusion", NEGATED_OP[op]
        elif op == "==" and isinstance(value, bool):
            kind, value = "inclusion", not value
        elif factor == "diagnosis_category" and op == "in" and isinstance(value, list):
            kind, value = "inclusion", sorted(CATEGORIES - {str(v) for v in value})
    extras = tuple(
        (key, str(criterion[key]).lower()) for key in DISTINGUISHING_EXTRAS if key in criterion
    )
    condition = criterion.get("condition")
    condition_factor = str(condition.get("factor")) if isinstance(condition, Mapping) else None
    return Canonical(factor, kind, op, value, extras, condition_factor)


def values_match(factor: str, gold: object, got: object) -> bool:
    """Numbers within tolerance (±0.5 for months), ranges element-wise, lists as sets."""
    tolerance = MONTH_TOLERANCE if factor in MONTH_FACTORS else NUMBER_TOLERANCE
    if _is_number(gold) and _is_number(got):
        return abs(float(gold) - float(got)) <= tolerance  # type: ignore[arg-type]
    if isinstance(gold, list | tuple) and isinstance(got, list | tuple):
        if all(_is_number(v) for v in [*gold, *got]):
            return len(gold) == len(got) and all(
                values_match(factor, a, b) for a, b in zip(gold, got, strict=True)
            )
        return {str(v).lower() for v in gold} == {str(v).lower() for v in got}
    if isinstance(gold, str) and isinstance(got, str):
        return gold.lower() == got.lower()
    return type(gold) is type(got) and gold == got


def criteria_match(gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    """Whether an extracted criterion states the same condition as a gold label."""
    a, b = canonical(gold), canonical(got)
    if (a.factor, a.kind, a.op, a.extras) != (b.factor, b.kind, b.op, b.extras):
        return False
    if a.condition_factor is not None and a.condition_factor != b.condition_factor:
        return False
    return values_match(a.factor, a.value, b.value)


def understood(criterion: Mapping[str, Any]) -> bool:
    """An extracted criterion that can exclude (not needs_review, not ``tentative``).

    A tentative reading (the completeness gate found words it does not account for) can only
    settle a criterion in the person's favour, so it is neither a true nor a false exclusion;
    the scorer counts those readings apart.
    """
    return (
        criterion.get("op") is not None
        and criterion.get("factor") != "other"
        and not criterion.get("tentative")
    )


def tentative(criterion: Mapping[str, Any]) -> bool:
    """A reading the completeness gate downgraded: it may say "met", never "not met"."""
    return criterion.get("op") is not None and bool(criterion.get("tentative"))


@dataclass(slots=True)
class ItemOutcome:
    """How the extraction of one item compares with its gold labels."""

    true_positives: list[Mapping[str, Any]] = field(default_factory=list)
    false_positives: list[Mapping[str, Any]] = field(default_factory=list)
    misses: list[Mapping[str, Any]] = field(default_factory=list)
    judgement_hits: list[Mapping[str, Any]] = field(default_factory=list)
    duplicates: int = 0


def bounds(criterion: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """An inclusion range as its two inclusive limits; any other criterion as itself.

    "between [6, 36]" and the pair ">= 6", "<= 36" state the same condition, whichever way
    the text or the extractor writes it.
    """
    value = criterion.get("value")
    if (
        criterion.get("op") == "between"
        and criterion.get("kind") == "inclusion"
        and isinstance(value, list | tuple)
        and len(value) == 2
    ):
        return [
            {**criterion, "op": ">=", "value": value[0]},
            {**criterion, "op": "<=", "value": value[1]},
        ]
    return [criterion]


def score_item(
    gold: Sequence[Mapping[str, Any]],
    judgement: Sequence[Mapping[str, Any]],
    extracted: Iterable[Mapping[str, Any]],
) -> ItemOutcome:
    """Match one item's understood extracted criteria to its gold and judgement labels.

    Matching works on limits (see ``bounds``): a gold label is found when all its limits are,
    and an extracted criterion is wrong when any of its limits matches no label.
    """
    outcome = ItemOutcome()
    gold_limits = [(index, limit) for index, g in enumerate(gold) for limit in bounds(g)]
    judgement_limits = [limit for j in judgement for limit in bounds(j)]
    used: set[int] = set()
    for got in (c for c in extracted if understood(c)):
        limits = bounds(got)
        fresh: list[int] = []
        for limit in limits:
            spare = next(
                (
                    k
                    for k, (_, g) in enumerate(gold_limits)
                    if k not in used and k not in fresh and criteria_match(g, limit)
                ),
                None,
            )
            if spare is not None:
                fresh.append(spare)
            elif not any(criteria_match(g, limit) for _, g in gold_limits):
                break
        else:
            used.update(fresh)
            if not fresh:
                # The same condition stated twice is noise, not a wrong verdict.
                outcome.duplicates += 1
            continue
        if all(
            any(criteria_match(label, limit) for label in judgement_limits)
            or any(criteria_match(g, limit) for _, g in gold_limits)
            for limit in limits
        ):
            outcome.judgement_hits.append(got)
        else:
            outcome.false_positives.append(got)
    found = {index for k, (index, _) in enumerate(gold_limits) if k in used}
    missed = {index for k, (index, _) in enumerate(gold_limits) if k not in used}
    outcome.true_positives = [g for i, g in enumerate(gold) if i in found and i not in missed]
    outcome.misses = [g for i, g in enumerate(gold) if i in missed]
    return outcome


def ratios(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1; None where the denominator is zero."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None or precision + recall == 0:
        return precision, recall, None
    return precision, recall, 2 * precision * recall / (precision + recall)


MIN_CONTAINED = 12
"""Shorter texts align only when equal: "None" or "Minors" occur inside too many other items."""


_LEADING_MARKS = re.compile(r"^(?:[\s•*·▪◦-]|\(?\d{1,2}[.)]|[①-⑳])+")


def squash(text: str) -> str:
    """Text compared for alignment: leading bullets dropped, whitespace collapsed, case folded."""
    return " ".join(_LEADING_MARKS.sub("", text).split()).casefold()


def _linked(a: str, b: str) -> bool:
    if a == b:
        return bool(a)
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MIN_CONTAINED and short in long


def align(
    gold_texts: Sequence[str], record_texts: Sequence[str]
) -> list[tuple[list[int], list[int]]]:
    """Group gold items and record items that hold the same words.

    Equal texts pair first, in order (a study may repeat "> 18 years of age" for each group).
    The rest link when one text contains the other: the splitter may cut an item the gold
    holds whole (a run-on paragraph becomes eight items) or join two. Each block pairs the
    gold items and record items that cover the same words and is scored as one; a block with
    no gold item, or no record item, is a misalignment.
    """
    gold = [squash(t) for t in gold_texts]
    record = [squash(t) for t in record_texts]
    parent = list(range(len(gold) + len(record)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    waiting: dict[str, list[int]] = {}
    for i, text in enumerate(gold):
        waiting.setdefault(text, []).append(i)
    paired_gold: set[int] = set()
    paired_record: set[int] = set()
    for j, text in enumerate(record):
        if text and waiting.get(text):
            i = waiting[text].pop(0)
            parent[find(i)] = find(len(gold) + j)
            paired_gold.add(i)
            paired_record.add(j)
    for i, a in enumerate(gold):
        for j, b in enumerate(record):
            if i not in paired_gold and j not in paired_record and _linked(a, b):
                parent[find(i)] = find(len(gold) + j)
    blocks: dict[int, tuple[list[int], list[int]]] = {}
    for node in range(len(parent)):
        block = blocks.setdefault(find(node), ([], []))
        if node < len(gold):
            block[0].append(node)
        else:
            block[1].append(node - len(gold))
    return sorted(blocks.values(), key=lambda b: (b[0] or [len(gold)])[0])
