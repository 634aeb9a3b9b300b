"""Score the criteria extractor against the hand-labelled gold set in ``tests/gold/``.

Run ``python benchmarks/gold_score.py [--verbose] [--json]``. For every gold study the script
extracts criteria from the study's normalised record (the bundled snapshot, as the engine sees
it), matches each understood criterion to the gold labels of the item it came from, and prints
precision, recall and F1 per factor, the share of items left entirely as ``needs_review``, and
(with ``--verbose``) every mismatch, false positives first: a wrong criterion can turn a patient
away, a missed one only becomes "ask the study team".

Judgement labels (``"judgement"`` in an item) are criteria a careful reader may or may not
extract: an extracted criterion matching one is neither a true nor a false positive, and a
judgement label nobody extracted is not a miss. They are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
if str(ROOT) not in sys.path:
    # Run as a plain script (`python benchmarks/gold_score.py`): the project is not installed.
    sys.path.insert(0, str(ROOT))

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
    """An extracted criterion the engine would act on (not a needs_review entry)."""
    return criterion.get("op") is not None and criterion.get("factor") != "other"


@dataclass(slots=True)
class Mismatch:
    """One false positive or miss, with where it happened."""

    nct_id: str
    item_kind: str
    text: str
    criterion: Mapping[str, Any]


@dataclass(slots=True)
class ItemOutcome:
    """How the extraction of one item compares with its gold labels."""

    true_positives: list[Mapping[str, Any]] = field(default_factory=list)
    false_positives: list[Mapping[str, Any]] = field(default_factory=list)
    misses: list[Mapping[str, Any]] = field(default_factory=list)
    judgement_hits: list[Mapping[str, Any]] = field(default_factory=list)
    duplicates: int = 0


def score_item(
    gold: Sequence[Mapping[str, Any]],
    judgement: Sequence[Mapping[str, Any]],
    extracted: Iterable[Mapping[str, Any]],
) -> ItemOutcome:
    """Match one item's understood extracted criteria to its gold and judgement labels."""
    outcome = ItemOutcome()
    matched = [False] * len(gold)
    for got in (c for c in extracted if understood(c)):
        hit = next(
            (i for i, g in enumerate(gold) if not matched[i] and criteria_match(g, got)), None
        )
        if hit is not None:
            matched[hit] = True
            outcome.true_positives.append(gold[hit])
        elif any(criteria_match(g, got) for g in gold):
            # The same condition stated twice is noise, not a wrong verdict.
            outcome.duplicates += 1
        elif any(criteria_match(j, got) for j in judgement):
            outcome.judgement_hits.append(got)
        else:
            outcome.false_positives.append(got)
    outcome.misses = [g for g, done in zip(gold, matched, strict=True) if not done]
    return outcome


@dataclass(slots=True)
class Tally:
    """Counts over the whole gold set."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    judgement_hits: int = 0
    judgement_labels: int = 0
    duplicates: int = 0
    items: int = 0
    items_all_review: int = 0
    items_nothing: int = 0
    labelled_items_all_review: int = 0
    labelled_items: int = 0
    false_positives: list[Mismatch] = field(default_factory=list)
    misses: list[Mismatch] = field(default_factory=list)

    def add(
        self, nct: str, item: Mapping[str, Any], extracted: Sequence[Mapping[str, Any]]
    ) -> None:
        """Fold one item's outcome into the totals."""
        gold = item["criteria"]
        judgement = item.get("judgement", [])
        outcome = score_item(gold, judgement, extracted)
        self.items += 1
        self.judgement_labels += len(judgement)
        self.judgement_hits += len(outcome.judgement_hits)
        self.duplicates += outcome.duplicates
        if gold:
            self.labelled_items += 1
        if not extracted:
            self.items_nothing += 1
        elif not any(understood(c) for c in extracted):
            self.items_all_review += 1
            self.labelled_items_all_review += bool(gold)
        for c in outcome.true_positives:
            self.tp[c["factor"]] += 1
        for c in outcome.false_positives:
            self.fp[c["factor"]] += 1
            self.false_positives.append(Mismatch(nct, item["kind"], item["text"], c))
        for c in outcome.misses:
            self.fn[c["factor"]] += 1
            self.misses.append(Mismatch(nct, item["kind"], item["text"], c))


def ratios(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1; None where the denominator is zero."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None or precision + recall == 0:
        return precision, recall, None
    return precision, recall, 2 * precision * recall / (precision + recall)


def load_gold(directory: Path = GOLD_DIR) -> list[dict[str, Any]]:
    """Every gold study file, sorted by NCT id."""
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("NCT*.json"))
    ]


def group_by_item(
    record: Any, criteria: Iterable[Mapping[str, Any]]
) -> tuple[dict[tuple[str, str], list[Mapping[str, Any]]], list[Mapping[str, Any]]]:
    """Text criteria keyed by (item kind, item text); criteria tied to no item come back apart.

    A criterion's ``text`` is its item's exact words; if the extractor quotes only part of an
    item, the criterion goes to the first item that contains the quote.
    """
    items = [
        (kind, text)
        for kind in ("inclusion", "exclusion", "unlabelled")
        for text in getattr(record, kind)
    ]
    grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = {key: [] for key in items}
    loose: list[Mapping[str, Any]] = []
    for c in criteria:
        if c.get("source", "text") != "text":
            continue
        text = str(c.get("text", ""))
        key = next((k for k in items if k[1] == text), None) or next(
            (k for k in items if text and text in k[1]), None
        )
        if key is None:
            loose.append(c)
        else:
            grouped[key].append(c)
    return grouped, loose


def _extractor() -> Callable[[Any], Sequence[Any]]:
    """``extract_criteria(record)``, or item by item with ``extract_item`` if that is all there is.

    Unlabelled items go to ``extract_item`` as "inclusion" when it takes only the two sides;
    their criteria are still scored against the unlabelled item's gold.
    """
    import screener.criteria as module

    whole = getattr(module, "extract_criteria", None)
    if whole is not None:
        return whole  # type: ignore[no-any-return]
    one = module.extract_item

    def by_item(record: Any) -> list[Any]:
        found: list[Any] = []
        for kind in ("inclusion", "exclusion", "unlabelled"):
            for text in getattr(record, kind):
                side: Any = kind
                try:
                    found.extend(one(text, side))
                except ValueError:
                    found.extend(one(text, "inclusion"))
        return found

    return by_item


def run(gold_docs: Sequence[Mapping[str, Any]]) -> tuple[Tally, float, int]:
    """Extract and score every gold study; returns the tally, seconds spent, loose criteria."""
    from screener.data import from_snapshot
    from screener.snapshot import SNAPSHOT_PATH

    extract = _extractor()
    records = {r.nct_id: r for r in from_snapshot(SNAPSHOT_PATH).records}
    tally = Tally()
    spent = 0.0
    loose_count = 0
    for doc in gold_docs:
        record = records[doc["nct_id"]]
        start = time.perf_counter()
        criteria = [c.to_dict() for c in extract(record)]
        spent += time.perf_counter() - start
        grouped, loose = group_by_item(record, criteria)
        for c in loose:
            loose_count += 1
            if understood(c):
                tally.fp[c["factor"]] += 1
                tally.false_positives.append(Mismatch(doc["nct_id"], "?", str(c.get("text")), c))
        for item in doc["items"]:
            tally.add(doc["nct_id"], item, grouped.get((item["kind"], item["text"]), []))
    return tally, spent, loose_count


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def report_lines(tally: Tally) -> list[str]:
    """The per-factor table, core factors first, then the totals."""
    factors = set(tally.tp) | set(tally.fp) | set(tally.fn)
    others = sorted(factors - set(CORE_FACTORS))
    lines = [f"{'factor':28} {'gold':>5} {'tp':>5} {'fp':>4} {'fn':>4}  precis  recall     F1"]

    def row(name: str, tp: int, fp: int, fn: int) -> str:
        p, r, f = ratios(tp, fp, fn)
        return f"{name:28} {tp + fn:5d} {tp:5d} {fp:4d} {fn:4d}  {_fmt(p)}  {_fmt(r)} {_fmt(f)}"

    for group, names in (("core factors", list(CORE_FACTORS)), ("other factors", others)):
        lines.append(f"-- {group}")
        for name in names:
            lines.append(row(name, tally.tp[name], tally.fp[name], tally.fn[name]))
        lines.append(
            row(
                f"ALL {group}",
                sum(tally.tp[n] for n in names),
                sum(tally.fp[n] for n in names),
                sum(tally.fn[n] for n in names),
            )
        )
    lines.append(
        row("ALL factors", sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values()))
    )
    return lines


def summary(tally: Tally, spent: float, loose: int, studies: int) -> dict[str, Any]:
    """The figures worth quoting, as JSON-ready data."""
    core = [n for n in CORE_FACTORS]
    p, r, f = ratios(
        sum(tally.tp[n] for n in core),
        sum(tally.fp[n] for n in core),
        sum(tally.fn[n] for n in core),
    )
    ap, ar, af = ratios(sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values()))
    return {
        "studies": studies,
        "items": tally.items,
        "core": {"precision": p, "recall": r, "f1": f},
        "all": {"precision": ap, "recall": ar, "f1": af},
        "per_factor": {
            n: dict(
                zip(
                    ("precision", "recall", "f1"),
                    ratios(tally.tp[n], tally.fp[n], tally.fn[n]),
                    strict=True,
                )
            )
            | {"tp": tally.tp[n], "fp": tally.fp[n], "fn": tally.fn[n]}
            for n in sorted(set(tally.tp) | set(tally.fp) | set(tally.fn))
        },
        "items_all_needs_review": tally.items_all_review,
        "items_all_needs_review_share": tally.items_all_review / tally.items
        if tally.items
        else None,
        "labelled_items_all_needs_review": tally.labelled_items_all_review,
        "labelled_items": tally.labelled_items,
        "items_with_nothing_extracted": tally.items_nothing,
        "judgement_labels": tally.judgement_labels,
        "judgement_hits": tally.judgement_hits,
        "duplicates": tally.duplicates,
        "criteria_tied_to_no_item": loose,
        "extraction_seconds": spent,
    }


def _criterion_text(c: Mapping[str, Any]) -> str:
    shown = {k: v for k, v in c.items() if k not in ("text", "source", "needs_review", "unit")}
    return json.dumps(shown, ensure_ascii=False)


def mismatch_lines(tally: Tally) -> list[str]:
    """False positives first (the dangerous ones), then misses."""
    lines: list[str] = []
    for title, rows in (("FALSE POSITIVES", tally.false_positives), ("MISSED", tally.misses)):
        lines.append(f"== {title} ({len(rows)})")
        for m in rows:
            lines.append(f"{m.nct_id} [{m.item_kind}] {m.text[:160]}")
            lines.append(f"    {_criterion_text(m.criterion)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    docs = load_gold()
    tally, spent, loose = run(docs)
    figures = summary(tally, spent, loose, len(docs))
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"gold set: {len(docs)} studies, {tally.items} items ({tally.labelled_items} with labels)"
    )
    print("\n".join(report_lines(tally)))
    share = figures["items_all_needs_review_share"]
    print(
        f"items left entirely as needs_review: {tally.items_all_review}/{tally.items}"
        f" ({share:.1%}); of labelled items: "
        f"{tally.labelled_items_all_review}/{tally.labelled_items}; "
        f"items with nothing extracted: {tally.items_nothing}"
    )
    print(
        f"judgement labels: {tally.judgement_labels}, extracted: {tally.judgement_hits}; "
        f"duplicates: {tally.duplicates}; criteria tied to no item: {loose}; "
        f"extraction time: {spent * 1000:.1f} ms"
    )
    if args.verbose:
        print("\n".join(mismatch_lines(tally)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
