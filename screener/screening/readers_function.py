"""Readers for function and breathing: ALSFRS-R total, items, subscores, ΔFS, vital capacity.

When only the ALSFRS-R total is known, an item or subscore is a range (the other items score
0–4 each), so a total can still settle a limit: a total of 48 means every item is 4.
"""

from __future__ import annotations

from collections.abc import Sequence

from screener.criteria.model import Criterion
from screener.errors import Unreadable
from screener.person import alsfrs
from screener.person.profile import Profile, month_only
from screener.screening.reading import (
    MONTH_SLACK_DAYS,
    Fact,
    compare,
    fmt,
    numeric,
    reads,
    unknown,
)

__all__ = [
    "alsfrs_r_total",
    "alsfrs_r_item",
    "alsfrs_r_subscore",
    "alsfrs_r_slope",
    "vital_capacity",
    "items_of",
]


def _rated(p: Profile) -> str:
    if p.alsfrs_r is not None and p.alsfrs_r.date is not None:
        return f", on {p.alsfrs_r.date.isoformat()}"
    return ""


@reads("alsfrs_r_total")
def alsfrs_r_total(p: Profile, c: Criterion) -> Fact:
    total = p.alsfrs_total
    if total is None:
        return unknown("alsfrs_r")
    return numeric(f"Your ALSFRS-R total ({total}{_rated(p)})", total, total, c)


def items_of(c: Criterion) -> tuple[int, ...]:
    """The ALSFRS-R item numbers an ``alsfrs_r_item`` criterion is about (1–12)."""
    which = c.extra.get("item")
    if which == "each":
        skip = c.extra.get("except") or ()
        if not isinstance(skip, Sequence) or isinstance(skip, str):
            raise Unreadable(f"'except' needs a list of item numbers, got {skip!r}")
        return tuple(n for n in range(1, alsfrs.ITEM_COUNT + 1) if n not in skip)
    if isinstance(which, int) and not isinstance(which, bool) and 1 <= which <= 12:
        return (which,)
    raise Unreadable(f"alsfrs_r_item needs item 1–12 or 'each', got {which!r}")


def _item_label(n: int) -> str:
    return f"item {n}, {alsfrs.item_name(n)}"


@reads("alsfrs_r_item")
def alsfrs_r_item(p: Profile, c: Criterion) -> Fact:
    numbers = items_of(c)
    if p.alsfrs_r is None:
        return unknown("alsfrs_r")
    if p.alsfrs_r.items is not None:
        return _from_items(p.alsfrs_r.items, numbers, c)
    return _items_from_total(p.alsfrs_r.score, numbers, c)


def _from_items(items: Sequence[int], numbers: tuple[int, ...], c: Criterion) -> Fact:
    results = {n: compare(items[n - 1], items[n - 1], c.op, c.value) for n in numbers}
    failing = [n for n, ok in results.items() if not ok]
    if len(numbers) == 1:
        n = numbers[0]
        return Fact(
            results[n],
            f"Your ALSFRS-R item {n} score ({alsfrs.item_name(n)}: {items[n - 1]})",
            True,
        )
    # For "each item …" the telling item is one that fails, else the lowest (or highest).
    lowest = c.op in (">=", ">", "between")
    pick = failing or sorted(numbers, key=lambda n: items[n - 1], reverse=not lowest)
    n = pick[0]
    word = "lowest" if lowest else "highest"
    shown = f"Your {word} ALSFRS-R item score ({_item_label(n)}: {items[n - 1]})"
    if len(failing) > 1:
        also = ", ".join(f"{_item_label(k)}: {items[k - 1]}" for k in failing[1:])
        shown = f"Your ALSFRS-R item {n} score ({alsfrs.item_name(n)}: {items[n - 1]}; also {also})"
    return Fact(not failing, shown, True)


def _items_from_total(total: int, numbers: tuple[int, ...], c: Criterion) -> Fact:
    lo, hi = alsfrs.item_range_from_total(total, 1)
    per_item = compare(lo, hi, c.op, c.value)
    if len(numbers) == 1:
        person = f"Your ALSFRS-R item {numbers[0]} score (from your total of {total}: {lo}–{hi})"
    else:
        person = f"Your ALSFRS-R item scores (from your total of {total}: each {lo}–{hi})"
    if per_item is True or (per_item is False and len(numbers) == 1):
        return Fact(per_item, person, True)
    if len(numbers) > 1 and not _each_possible(total, len(numbers), c):
        return Fact(False, person, True)
    return unknown(
        "alsfrs_r.items",
        note=f"This study sets a limit on ALSFRS-R item scores; your total ({total}) "
        "does not tell them. The 12 item scores would settle it.",
    )


def _each_possible(total: int, count: int, c: Criterion) -> bool:
    """Could ``count`` items all meet the limit while the 12 items sum to ``total``?"""
    allowed = [s for s in range(alsfrs.ITEM_MAX + 1) if compare(s, s, c.op, c.value)]
    if not allowed:
        return False
    others = alsfrs.ITEM_MAX * (alsfrs.ITEM_COUNT - count)
    return count * min(allowed) <= total <= count * max(allowed) + others


@reads("alsfrs_r_subscore")
def alsfrs_r_subscore(p: Profile, c: Criterion) -> Fact:
    domain = c.extra.get("domain")
    if domain not in alsfrs.DOMAINS:
        raise Unreadable(f"alsfrs_r_subscore needs a domain, got {domain!r}")
    label = alsfrs.DOMAIN_LABELS[str(domain)]
    if p.alsfrs_r is None:
        return unknown("alsfrs_r")
    if p.alsfrs_r.items is not None:
        score = alsfrs.subscore(p.alsfrs_r.items, str(domain))
        return numeric(f"Your ALSFRS-R {label} subscore ({score})", score, score, c)
    lo, hi = alsfrs.item_range_from_total(p.alsfrs_r.score, 3)
    person = f"Your ALSFRS-R {label} subscore (from your total of {p.alsfrs_r.score}: {lo}–{hi})"
    near = f"Your ALSFRS-R total ({p.alsfrs_r.score}) does not tell the {label} subscore."
    return numeric(person, lo, hi, c, "alsfrs_r.items", near=near)


@reads("alsfrs_r_slope")
def alsfrs_r_slope(p: Profile, c: Criterion) -> Fact:
    missing = tuple(k for k, v in (("onset_date", p.onset_date), ("alsfrs_r", p.alsfrs_r)) if not v)
    if missing:
        return unknown(*missing)
    total = p.alsfrs_total or 0
    months = p.months_onset_to_rating or 0.0
    rated = p.alsfrs_r.date if p.alsfrs_r and p.alsfrs_r.date else p.as_of
    slack = MONTH_SLACK_DAYS * sum(1 for d in (p.onset_date, rated) if month_only(d))
    slack_months = slack / alsfrs.DAYS_PER_MONTH
    if months - slack_months <= 0:
        return unknown(
            "onset_date", note="Your ALSFRS-R was rated too soon after onset to work out ΔFS."
        )
    lost = alsfrs.TOTAL_MAX - total
    shown = lost / months
    to = "" if p.alsfrs_r and p.alsfrs_r.date else f", counted to {p.as_of_date.isoformat()}"
    person = f"Your ALSFRS-R progression rate (ΔFS {fmt(shown, 2)} points a month since onset{to})"
    near = (
        f"{person} is close to this study's limit, and a date was given only to the month; "
        "exact days would settle it."
    )
    lo, hi = lost / (months + slack_months), lost / (months - slack_months)
    return numeric(person, lo, hi, c, "onset_date", near=near)


@reads("vital_capacity")
def vital_capacity(p: Profile, c: Criterion) -> Fact:
    wanted = str(c.extra.get("test", "any")).lower()
    if wanted not in ("svc", "fvc", "any"):
        raise Unreadable(f"vital_capacity test must be svc, fvc or any, got {wanted!r}")
    vc = p.vital_capacity_for(wanted)
    if vc is None or vc.percent_predicted is None:
        return unknown("vital_capacity")
    value = vc.percent_predicted
    test = vc.test.upper() if vc.test else "test not named"
    on = f", on {vc.date.isoformat()}" if vc.date is not None else ""
    person = f"Your breathing test ({test} {fmt(value)} %{on})"
    if wanted != "any" and vc.test != wanted:
        given = f"an {vc.test.upper()} result" if vc.test else "a result without the test named"
        return Fact(
            None,
            person,
            True,
            ("vital_capacity_other" if vc.test else "vital_capacity",),
            f"This study asks for {wanted.upper()} (% predicted); you gave {given} "
            f"({fmt(value)} %), which is a different measurement, so it does not settle this.",
        )
    return numeric(person, value, value, c)
