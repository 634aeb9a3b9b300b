"""ALSFRS-R arithmetic: items, domain subscores, ΔFS and MiToS stage (pure functions).

Item order and domains follow the standard scale (Cedarbaum et al. 1999); item 5 is 5a or
5b, so there are always 12 scored items. MiToS follows Chiò et al., JNNP 2015;86:38.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

__all__ = [
    "ITEM_COUNT",
    "ITEM_MAX",
    "TOTAL_MAX",
    "DAYS_PER_MONTH",
    "ITEM_NAMES",
    "DOMAINS",
    "DOMAIN_LABELS",
    "item_name",
    "check_items",
    "total",
    "subscore",
    "months_between",
    "delta_fs",
    "mitos_domains_lost",
    "mitos_stage",
    "item_range_from_total",
]

ITEM_COUNT = 12
ITEM_MAX = 4
TOTAL_MAX = ITEM_COUNT * ITEM_MAX
DAYS_PER_MONTH = 30.44
"""Months are days / 30.44 (an implementation choice noted in als-domain §2.2)."""

ITEM_NAMES: tuple[str, ...] = (
    "speech",
    "salivation",
    "swallowing",
    "handwriting",
    "cutting food and handling utensils",
    "dressing and hygiene",
    "turning in bed",
    "walking",
    "climbing stairs",
    "shortness of breath",
    "breathing when lying flat",
    "breathing support",
)
DOMAINS: dict[str, tuple[int, ...]] = {
    "bulbar": (1, 2, 3),
    "fine_motor": (4, 5, 6),
    "gross_motor": (7, 8, 9),
    "respiratory": (10, 11, 12),
}
DOMAIN_LABELS: dict[str, str] = {
    "bulbar": "speech and swallowing (bulbar)",
    "fine_motor": "hand function (fine motor)",
    "gross_motor": "walking and moving (gross motor)",
    "respiratory": "breathing (respiratory)",
}


def item_name(number: int) -> str:
    """The plain name of item 1..12."""
    return ITEM_NAMES[number - 1]


def check_items(items: Sequence[int]) -> None:
    """Raise ValueError unless there are 12 integer scores, each 0–4."""
    if len(items) != ITEM_COUNT:
        raise ValueError(f"needs {ITEM_COUNT} item scores, got {len(items)}")
    for index, score in enumerate(items):
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= ITEM_MAX:
            raise ValueError(f"item {index + 1} must be 0–{ITEM_MAX}, got {score!r}")


def total(items: Sequence[int]) -> int:
    """The ALSFRS-R total (0–48) of 12 item scores."""
    check_items(items)
    return sum(items)


def subscore(items: Sequence[int], domain: str) -> int:
    """The sum (0–12) of one domain's three items."""
    check_items(items)
    return sum(items[n - 1] for n in DOMAINS[domain])


def months_between(start: date, end: date) -> float:
    """Months from ``start`` to ``end`` as days / 30.44 (negative if end is earlier)."""
    return (end - start).days / DAYS_PER_MONTH


def delta_fs(score_total: int, months_from_onset: float) -> float | None:
    """ΔFS = (48 − total) / months from onset to the rating; None when months ≤ 0."""
    if months_from_onset <= 0:
        return None
    return (TOTAL_MAX - score_total) / months_from_onset


def mitos_domains_lost(items: Sequence[int]) -> tuple[str, ...]:
    """The MiToS domains lost (functional score 1) by these items."""
    check_items(items)
    i = {n: items[n - 1] for n in range(1, ITEM_COUNT + 1)}
    lost: list[str] = []
    if i[8] <= 1 or i[6] <= 1:
        lost.append("walking/self-care")
    if i[3] <= 1:
        lost.append("swallowing")
    if i[1] <= 1 and i[4] <= 1:
        lost.append("communicating")
    if i[10] <= 1 or i[12] <= 2:
        lost.append("breathing")
    return tuple(lost)


def mitos_stage(items: Sequence[int]) -> int:
    """MiToS stage 0–4: the number of domains lost (stage 5, death, is never computed)."""
    return len(mitos_domains_lost(items))


def item_range_from_total(score_total: int, items_in_group: int = 1) -> tuple[int, int]:
    """The least and most a group of items can sum to, knowing only the total.

    The other items score 0–4 each, so a group of ``k`` items sums to at least
    ``total − 4·(12 − k)`` and at most ``min(4·k, total)``.
    """
    others_max = ITEM_MAX * (ITEM_COUNT - items_in_group)
    return max(0, score_total - others_max), min(ITEM_MAX * items_in_group, score_total)
