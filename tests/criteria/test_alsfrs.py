"""ALSFRS-R totals, items by number and name, "each item", slopes with written formulas."""
# ruff: noqa: E501  (real registry sentences are quoted whole, as the evidence they are)

from __future__ import annotations

import pytest

from screener.criteria import extract_item
from tests.criteria_cases import real, reviewed


def _alsfrs(text: str, kind: str) -> set[tuple[str, str | None, object, object]]:
    found: set[tuple[str, str | None, object, object]] = set()
    for c in extract_item(text, kind):  # type: ignore[arg-type]
        if c.factor.startswith("alsfrs_r") and c.understood:
            target = c.extra.get("item", c.extra.get("domain"))
            found.add((c.factor, c.op, c.value, target))
    return found


CASES = [
    (
        "NCT02039401",
        "Revised Amyotrophic Lateral Sclerosis Functional Rating Scale (ALSFRS-R) ≥ 30",
        "inclusion",
        {("alsfrs_r_total", ">=", 30, None)},
    ),
    ("NCT00353665", "ALS-FRS < 25", "exclusion", {("alsfrs_r_total", "<", 25, None)}),
    (
        "NCT02710110",
        "Amyotrophic Lateral Sclerosis Rating Scale Revised score greater than 34",
        "inclusion",
        {("alsfrs_r_total", ">", 34, None)},
    ),
    # The second sentence ("45 or higher may be rescreened") is not a limit.
    (
        "NCT04944784",
        "ALSFRS-R total score ≤ 44 at screening. Patients with a total score of 45 or higher may be rescreened 60±7 days following the original screening date.",
        "inclusion",
        {("alsfrs_r_total", "<=", 44, None)},
    ),
    (
        "NCT04293484",
        'Score ≥ 2 at the item "swallowing" of the ALS Functional Rating Scale Revised',
        "inclusion",
        {("alsfrs_r_item", ">=", 2, 3)},
    ),
    (
        "NCT04293484",
        'Score ≥ 2 at the item "walking" of the ALS Functional Rating Scale Revised',
        "inclusion",
        {("alsfrs_r_item", ">=", 2, 8)},
    ),
    (
        "NCT06513546",
        "Has a score of at least 26 overall, including a score of at least 3 on item #3 and at least 2 on each of the 12 ALSFRS-R individual component items at Screening",
        "inclusion",
        {
            ("alsfrs_r_total", ">=", 26, None),
            ("alsfrs_r_item", ">=", 3, 3),
            ("alsfrs_r_item", ">=", 2, "each"),
        },
    ),
    (
        "NCT06598202",
        "A score of ≥2 on each item of the revised ALS Functional Rating Scale (ALSFRS-R), with a score of 4 for items related to dyspnea, orthopnea, and respiratory insufficiency",
        "inclusion",
        {
            ("alsfrs_r_item", ">=", 2, "each"),
            ("alsfrs_r_item", ">=", 4, 10),
            ("alsfrs_r_item", ">=", 4, 11),
            ("alsfrs_r_item", ">=", 4, 12),
        },
    ),
    (
        "NCT06645197",
        "Amyotrophic Lateral Sclerosis Functional Rating Scale-Revised (ALSFRS-R) score ≥ 26 during the screening period, with scores of ≥ 4 in the three respiratory items (dyspnea, orthopnea, an",
        "inclusion",
        {
            ("alsfrs_r_total", ">=", 26, None),
            ("alsfrs_r_item", ">=", 4, 10),
            ("alsfrs_r_item", ">=", 4, 11),
            ("alsfrs_r_item", ">=", 4, 12),
        },
    ),
    # "≥ 2 points for each": points per item, whatever noun follows (here a typo).
    (
        "NCT04391361",
        "ALS functional scale score (ALSFRS-R) should be ≥ 2 points for each patients.",
        "inclusion",
        {("alsfrs_r_item", ">=", 2, "each")},
    ),
    # The "48" of the written-out formula is never a total.
    (
        "NCT04172792",
        "Slope of ALS Functional Rating Scale Revised (ALSFRS-R) of \\>0.25 points per month at baseline visit based on the formula (48 - score at baseline visit) / (time between date of first symptom and baseline visit)",
        "inclusion",
        {("alsfrs_r_slope", ">", 0.25, None)},
    ),
    (
        "NCT06051123",
        "ALSFRS-R slope of decline of at least 0.5 points per month on the ALSFRSR, calculated as (48-score at screening)/ (months since onset of weakness).",
        "inclusion",
        {("alsfrs_r_slope", ">=", 0.5, None)},
    ),
]


@pytest.mark.parametrize(("nct", "sentence", "kind", "expected"), CASES)
def test_alsfrs_limits_find_their_target(
    nct: str, sentence: str, kind: str, expected: set[tuple[str, str, object, object]]
) -> None:
    """Each limit is tied to the total, an item (by number or name), "each item" or the slope."""
    assert _alsfrs(real(nct, sentence), kind) == expected


@pytest.mark.parametrize(
    ("nct", "sentence", "kind"),
    [
        # Item 1 OR item 4 at 0: a disjunction the criterion shape cannot hold.
        (
            "NCT00786032",
            "Subject will have lost the ability to communicate either verbally or in writing (item 1 or item 4 on the ALS Functional Rating Scale-Revised (ALSFRS-R) score of 0, Appendix A) .",
            "inclusion",
        ),
        # A decline over a run-in, not a slope from onset.
        (
            "NCT03548311",
            "Decline of ALSFRSR being 1 or 2 during observation period of 12 weeks",
            "inclusion",
        ),
        # "If documented": a condition nobody can check.
        (
            "NCT06513546",
            "If documented, patient with an ALSFRS-R score progression between onset of the disease and Screening of > 0.3 per month, confirmed with an ALSFRS-R score progression of ≥ 1 point during a 12 week prior to randomisation.",
            "inclusion",
        ),
        # Several items in an exclusion: all of them, or any one?
        (
            "NCT03214224",
            "ALS Functional Rating Scale (ALSFRS-R) [Cedarbaum1999] score on day of screening of ≥2 on items for speech, swallowing, and salivation.",
            "exclusion",
        ),
    ],
)
def test_alsfrs_wording_that_cannot_be_read_safely_is_reviewed(
    nct: str, sentence: str, kind: str
) -> None:
    """Ambiguous ALSFRS-R wording gives no limit, only a review entry for an ALSFRS-R factor."""
    text = real(nct, sentence)
    assert _alsfrs(text, kind) == set()
    assert any(f.startswith("alsfrs_r") for f in reviewed(text, kind))  # type: ignore[arg-type]


def test_slope_and_total_in_one_item_both_kept() -> None:
    """NCT06051123: one item with a total and a slope gives both, and reviews the sub-score part."""
    sentence = real(
        "NCT06051123",
        "ALSFRS-R equal or superior to 24/48 at screening, with no more than one subscore under 2/4. ALSFRS-R slope of decline of at least 0.5 points per month on the ALSFRSR, calculated as (48-score at screening)/ (months since onset of weakness).",
    )
    assert _alsfrs(sentence, "inclusion") == {
        ("alsfrs_r_total", ">=", 24, None),
        ("alsfrs_r_slope", ">=", 0.5, None),
    }
    assert "alsfrs_r_subscore" in reviewed(sentence, "inclusion")


def test_each_of_the_other_items_names_its_exceptions() -> None:
    """ "≥ 1 on each of the other 10 items" excepts the items named before it.

    No study in the shared texts words it this way; the sentence follows the NCT07174492
    thresholds quoted in shared/research/als-domain.md §1.4.
    """
    sentence = "ALSFRS-R item 3 (swallowing) ≥ 3, item 12 (respiratory insufficiency) ≥ 2, and ≥ 1 on each of the other 10 items at screening"
    found = [c for c in extract_item(sentence, "inclusion") if c.understood]
    assert {(c.op, c.value, c.extra["item"], tuple(c.extra.get("except", ()))) for c in found} == {
        (">=", 3, 3, ()),
        (">=", 2, 12, ()),
        (">=", 1, "each", (3, 12)),
    }
