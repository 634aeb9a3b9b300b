"""Score the criteria extractor against the hand-labelled gold set in ``tests/gold/``.

Run ``python benchmarks/gold_score.py [--verbose] [--json] [--gold DIR]``. For every gold study
the script extracts criteria from the study's normalised record (the bundled snapshot, as the
engine sees it), aligns the record's items with the gold items (the splitter may cut them
differently), matches each understood criterion to the gold labels of its item, and prints
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
SPLIT_FILE = ROOT / "benchmarks" / "gold_split.json"
"""The studies held aside while the extractor is changed; scored apart with ``--split held``."""
for _path in (ROOT, ROOT / "benchmarks"):
    if str(_path) not in sys.path:
        # Run as a plain script (`python benchmarks/gold_score.py`): nothing is installed.
        sys.path.insert(0, str(_path))

from gold_match import (  # noqa: E402
    CORE_FACTORS,
    align,
    ratios,
    score_item,
    tentative,
    understood,
)

TARGET_PRECISION = 0.97
TARGET_RECALL = 0.93
"""The issue's targets on the core factors."""


@dataclass(slots=True)
class Mismatch:
    """One false positive or miss, with where it happened."""

    nct_id: str
    item_kind: str
    text: str
    criterion: Mapping[str, Any]


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
    gold_items: int = 0
    gold_items_realigned: int = 0
    unaligned_record_items: int = 0
    false_positives: list[Mismatch] = field(default_factory=list)
    misses: list[Mismatch] = field(default_factory=list)
    firm: int = 0
    """Readings that can exclude (understood and not tentative)."""
    downgraded: Counter[str] = field(default_factory=Counter)
    """Readings the completeness gate made tentative, by what the gold says of them."""
    downgraded_rows: list[Mismatch] = field(default_factory=list)

    def add_block(
        self,
        nct: str,
        where: str,
        gold_items: Sequence[Mapping[str, Any]],
        extracted: Sequence[Mapping[str, Any]],
    ) -> None:
        """Fold one aligned block (gold items and the record items covering them) in."""
        gold = [c for item in gold_items for c in item["criteria"]]
        judgement = [c for item in gold_items for c in item.get("judgement", [])]
        outcome = score_item(gold, judgement, extracted)
        self.firm += sum(1 for c in extracted if understood(c))
        gated = [
            {k: v for k, v in c.items() if k != "tentative"} for c in extracted if tentative(c)
        ]
        if gated:
            as_read = score_item(gold, judgement, gated)
            self.downgraded["crisp gold label"] += len(as_read.true_positives)
            self.downgraded["judgement label"] += len(as_read.judgement_hits)
            self.downgraded["no gold label (a wrong reading kept from excluding)"] += len(
                as_read.false_positives
            )
            self.downgraded_rows.extend(
                Mismatch(nct, where, " | ".join(i["text"] for i in gold_items), c)
                for c in extracted
                if tentative(c)
            )
        self.judgement_labels += len(judgement)
        self.judgement_hits += len(outcome.judgement_hits)
        self.duplicates += outcome.duplicates
        text = " | ".join(item["text"] for item in gold_items) or "(no gold item)"
        for c in outcome.true_positives:
            self.tp[c["factor"]] += 1
        for c in outcome.false_positives:
            self.fp[c["factor"]] += 1
            self.false_positives.append(Mismatch(nct, where, text, c))
        for c in outcome.misses:
            self.fn[c["factor"]] += 1
            self.misses.append(Mismatch(nct, where, text, c))

    def add_record_item(self, extracted: Sequence[Mapping[str, Any]]) -> None:
        """Count one record item for the needs_review share (the engine's view of items)."""
        self.items += 1
        if not extracted:
            self.items_nothing += 1
        elif not any(understood(c) for c in extracted):
            self.items_all_review += 1


def load_gold(directory: Path = GOLD_DIR) -> list[dict[str, Any]]:
    """Every gold study file, sorted by NCT id."""
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("NCT*.json"))
    ]


def held_aside(path: Path = SPLIT_FILE) -> frozenset[str]:
    """The NCT ids held aside from tuning (``benchmarks/gold_split.json``)."""
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["held_aside"])


def select_split(docs: Sequence[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """The gold studies of one split: "all", "tune" (open for fixing) or "held" (aside)."""
    if split == "all":
        return list(docs)
    held = held_aside()
    return [d for d in docs if (d["nct_id"] in held) == (split == "held")]


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


def record_items(record: Any) -> list[tuple[str, str]]:
    """(kind, text) of every item of a record, inclusion first, as the gold files order them."""
    return [(k, t) for k in ("inclusion", "exclusion", "unlabelled") for t in getattr(record, k)]


def score_study(
    tally: Tally, doc: Mapping[str, Any], record: Any, criteria: Sequence[Mapping[str, Any]]
) -> None:
    """Align one study's gold items with its record items and score every block."""
    items = record_items(record)
    grouped, loose = group_by_item(record, criteria)
    for c in loose:
        if understood(c):
            tally.fp[c["factor"]] += 1
            tally.false_positives.append(Mismatch(doc["nct_id"], "?", str(c.get("text")), c))
    for key in items:
        tally.add_record_item(grouped[key])
    gold_items = doc["items"]
    for gold_idx, record_idx in align([g["text"] for g in gold_items], [t for _, t in items]):
        block_gold = [gold_items[i] for i in gold_idx]
        block_items = [items[j] for j in record_idx]
        tally.gold_items += len(block_gold)
        exact = (
            len(block_gold) == len(block_items) == 1
            and (
                block_gold[0]["kind"],
                block_gold[0]["text"],
            )
            == block_items[0]
        )
        if not exact:
            tally.gold_items_realigned += len(block_gold)
        if not block_gold:
            tally.unaligned_record_items += len(block_items)
        where = "+".join(sorted({k for k, _ in block_items})) or "missing"
        extracted = [c for key in block_items for c in grouped[key]]
        tally.add_block(doc["nct_id"], where, block_gold, extracted)


def run(gold_docs: Sequence[Mapping[str, Any]]) -> tuple[Tally, float]:
    """Extract and score every gold study; returns the tally and the seconds extraction took."""
    from screener.registry.snapshot import SNAPSHOT_PATH
    from screener.registry.source import from_snapshot

    extract = _extractor()
    records = {r.nct_id: r for r in from_snapshot(SNAPSHOT_PATH).records}
    tally = Tally()
    spent = 0.0
    for doc in gold_docs:
        record = records[doc["nct_id"]]
        start = time.perf_counter()
        found = list(extract(record))
        spent += time.perf_counter() - start
        score_study(
            tally, doc, record, [c.to_dict() if hasattr(c, "to_dict") else c for c in found]
        )
    return tally, spent


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


def summary(tally: Tally, spent: float, studies: int) -> dict[str, Any]:
    """The figures worth quoting, as JSON-ready data."""

    def totals(names: Iterable[str]) -> dict[str, Any]:
        names = list(names)
        tp, fp, fn = (sum(c[n] for n in names) for c in (tally.tp, tally.fp, tally.fn))
        p, r, f = ratios(tp, fp, fn)
        return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}

    factors = sorted(set(tally.tp) | set(tally.fp) | set(tally.fn))
    return {
        "studies": studies,
        "record_items": tally.items,
        "core": totals(CORE_FACTORS),
        "all": totals(factors),
        "per_factor": {n: totals([n]) for n in factors},
        "items_all_needs_review": tally.items_all_review,
        "items_all_needs_review_share": tally.items_all_review / tally.items
        if tally.items
        else None,
        "items_with_nothing_extracted": tally.items_nothing,
        "judgement_labels": tally.judgement_labels,
        "judgement_hits": tally.judgement_hits,
        "duplicates": tally.duplicates,
        "gold_items": tally.gold_items,
        "gold_items_realigned": tally.gold_items_realigned,
        "unaligned_record_items": tally.unaligned_record_items,
        "extraction_seconds": spent,
        "firm_readings": tally.firm,
        "downgraded_to_unknown": sum(tally.downgraded.values()),
        "downgraded_by_gold": dict(tally.downgraded),
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
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="gold directory to score")
    parser.add_argument(
        "--split",
        choices=("all", "tune", "held"),
        default="all",
        help="score every study, only those open for tuning, or only the held-aside ones",
    )
    args = parser.parse_args(argv)
    docs = select_split(load_gold(args.gold), args.split)
    tally, spent = run(docs)
    figures = summary(tally, spent, len(docs))
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"gold set ({args.split}): {len(docs)} studies, {tally.gold_items} gold items, "
        f"{tally.items} record items"
    )
    print("\n".join(report_lines(tally)))
    print(
        f"record items left entirely as needs_review: {tally.items_all_review}/{tally.items}"
        f" ({tally.items_all_review / max(tally.items, 1):.1%}); "
        f"with nothing extracted: {tally.items_nothing}"
    )
    print(
        f"judgement labels: {tally.judgement_labels}, extracted: {tally.judgement_hits}; "
        f"duplicates: {tally.duplicates}; extraction time: {spent * 1000:.1f} ms"
    )
    if tally.gold_items_realigned or tally.unaligned_record_items:
        print(
            f"splitter differs from the gold: {tally.gold_items_realigned} gold items scored in "
            f"merged blocks, {tally.unaligned_record_items} record items match no gold item"
        )
    print(
        f"completeness gate: {sum(tally.downgraded.values())} readings downgraded to unknown "
        f"(by the gold: {dict(tally.downgraded)}); {tally.firm} readings can still exclude"
    )
    core = figures["core"]
    met = (core["precision"] or 0) >= TARGET_PRECISION and (core["recall"] or 0) >= TARGET_RECALL
    print(
        f"core targets (precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}): "
        f"{'met' if met else 'NOT met'}"
    )
    if args.verbose:
        print("\n".join(mismatch_lines(tally)))
        print(f"== DOWNGRADED ({len(tally.downgraded_rows)})")
        for m in tally.downgraded_rows:
            print(f"{m.nct_id} [{m.item_kind}] {m.text[:160]}")
            print(f"    {_criterion_text(m.criterion)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
