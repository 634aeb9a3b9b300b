"""The gold set of hand-labelled ALS criteria is valid, and the scorer's matching rules hold."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from screener.factors import FACTORS, SPECS
from screener.registry.records import StudyRecord
from screener.registry.snapshot import SNAPSHOT_PATH
from screener.registry.source import from_snapshot

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
NUMERIC = {"<", "<=", ">", ">=", "between"}
DRUG_OPS = {"stable_or_none", "current", "within", "ever", "cycles_or_none"}
BOOLEAN_FACTORS = {
    "tracheostomy",
    "invasive_ventilation",
    "gastrostomy",
    "swallow_pills",
    "familial",
    "gold_coast",
    "pregnancy",
    "breastfeeding",
    "dementia",
    "other_neurological_disease",
    "healthy_volunteers",
}
NUMERIC_FACTORS = (
    "age_years",
    "months_since_onset",
    "months_since_diagnosis",
    "alsfrs_r_total",
    "alsfrs_r_item",
    "alsfrs_r_subscore",
    "alsfrs_r_slope",
    "vital_capacity",
)
OPS: dict[str, set[str]] = {
    **{f: {"=="} for f in BOOLEAN_FACTORS},
    **{f: NUMERIC for f in NUMERIC_FACTORS},
    **{f: DRUG_OPS for f in ("riluzole", "edaravone", "tofersen", "phenylbutyrate_taurursodiol")},
    "sex": {"in"},
    "diagnosis_category": {"in"},
    "niv": {"=="} | NUMERIC,
    "gene": {"=="},
    "investigational_drug": {"within", "ever"},
}
UNITS = {factor: SPECS[factor].unit for factor in NUMERIC_FACTORS}
CATEGORIES = {"definite", "probable", "probable_laboratory_supported", "possible"}
CORE_KEYS = {"factor", "kind", "op", "value", "unit"}
EXTRA_KEYS = {"test", "item", "gene", "domain", "except", "original", "condition", "stable_days"}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gs = _load("gold_match")
runner = _load("gold_score")
GOLD = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("NCT*.json"))]


@pytest.fixture(scope="module")
def records() -> dict[str, StudyRecord]:
    """The bundled snapshot's records, normalised as the engine sees them."""
    return {r.nct_id: r for r in from_snapshot(SNAPSHOT_PATH).records}


def _labels(item: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [*item["criteria"], *item.get("judgement", [])]


def _items_of(nct: str) -> list[Mapping[str, Any]]:
    return list(next(d for d in GOLD if d["nct_id"] == nct)["items"])


def _item(nct: str, kind: str, start: str) -> Mapping[str, Any]:
    return next(i for i in _items_of(nct) if i["kind"] == kind and i["text"].startswith(start))


def _check_value(c: Mapping[str, Any]) -> None:
    factor, op, value = c["factor"], c["op"], c["value"]
    if op == "between":
        assert isinstance(value, list) and len(value) == 2 and value[0] <= value[1], c
    elif op in NUMERIC:
        assert isinstance(value, int | float) and not isinstance(value, bool), c
    elif factor == "diagnosis_category":
        assert value == sorted(set(value)) and set(value) <= CATEGORIES and value, c
    elif factor == "sex":
        assert value in (["female"], ["male"]), c
    elif factor == "gene":
        assert value in ("positive", "negative"), c
        assert c["gene"] in ("SOD1", "C9orf72", "FUS", "TARDBP", "any"), c
    elif op in ("stable_or_none", "within", "cycles_or_none"):
        assert isinstance(value, int) and not isinstance(value, bool) and value >= 0, c
    elif factor == "niv" and value == "daytime":
        assert op == "==", c  # breathing support while awake (model.py)
    else:
        assert value is True or (op == "==" and value is False), c
    if factor in UNITS:
        assert c["unit"] == UNITS[factor], c
    if factor == "alsfrs_r_item":
        assert c["item"] == "each" or c["item"] in range(1, 13), c
    if factor == "alsfrs_r_subscore":
        assert c["domain"] in ("bulbar", "fine_motor", "gross_motor", "respiratory"), c
    if factor == "vital_capacity":
        assert c["test"] in ("svc", "fvc", "any"), c


def test_gold_set_is_big_enough_and_covers_every_enrolling_study(shared_data: Path) -> None:
    """At least 45 studies, including every recruiting or not-yet-recruiting one."""
    lines = (shared_data / "als-eligibility/als-eligibility.jsonl").read_text(encoding="utf-8")
    enrolling = {
        row["nctId"]
        for row in map(json.loads, lines.splitlines())
        if (row.get("registry2026") or {}).get("status") in ("RECRUITING", "NOT_YET_RECRUITING")
    }
    labelled = {d["nct_id"] for d in GOLD}
    assert len(labelled) >= 45
    assert enrolling <= labelled, sorted(enrolling - labelled)


@pytest.mark.parametrize("doc", GOLD, ids=[d["nct_id"] for d in GOLD])
def test_gold_items_cover_exactly_the_words_of_the_record(
    doc: Mapping[str, Any], records: dict[str, StudyRecord]
) -> None:
    """Every record item is in the gold, and every labelled gold item in the record."""
    # Items are compared as aligned blocks, so a splitter that cuts or joins items differently
    # from the gold still scores against the right labels; a gold item the splitter no longer
    # keeps (a heading such as "Key Part A") must hold no label.
    record = records[doc["nct_id"]]
    assert doc["labelled_by"] and doc["notes"]
    items = runner.record_items(record)
    blocks = gs.align([i["text"] for i in doc["items"]], [t for _, t in items])
    missing = [doc["items"][i] for g, r in blocks if not r for i in g]
    missing = [i["text"] for i in missing if i["criteria"] or i.get("judgement")]
    # A short fragment (a heading word such as "Volunteers") aligns with nothing, but its
    # words must still be in the gold.
    everything = " ".join(gs.squash(i["text"]) for i in doc["items"])
    unlabelled = [
        items[j][1]
        for g, r in blocks
        if not g
        for j in r
        if len(gs.squash(items[j][1])) >= gs.MIN_CONTAINED
        or gs.squash(items[j][1]) not in everything
    ]
    assert not missing and not unlabelled


@pytest.mark.parametrize("doc", GOLD, ids=[d["nct_id"] for d in GOLD])
def test_gold_labels_score_perfectly_through_the_record(
    doc: Mapping[str, Any], records: dict[str, StudyRecord]
) -> None:
    """Gold labels fed back as extractor output, quoting the record's items, score 1.0."""
    record = records[doc["nct_id"]]
    items = runner.record_items(record)
    fed: list[Mapping[str, Any]] = []
    for gold_idx, record_idx in gs.align([i["text"] for i in doc["items"]], [t for _, t in items]):
        if not record_idx:
            continue
        quote = items[record_idx[-1]][1]
        fed += [{**c, "text": quote} for i in gold_idx for c in doc["items"][i]["criteria"]]
    tally = runner.Tally()
    runner.score_study(tally, doc, record, fed)
    labels = sum(len(i["criteria"]) for i in doc["items"])
    assert sum(tally.tp.values()) == labels
    assert not tally.fp and not tally.fn


@pytest.mark.parametrize("doc", GOLD, ids=[d["nct_id"] for d in GOLD])
def test_gold_labels_follow_the_model_conventions(doc: Mapping[str, Any]) -> None:
    """Known factors, sides, ops per factor, value shapes, units and extra keys only."""
    for item in doc["items"]:
        assert set(item) <= {"kind", "text", "criteria", "judgement", "note"}
        for c in _labels(item):
            assert c["factor"] in FACTORS, c
            assert c["kind"] in ("inclusion", "exclusion"), c
            assert c["op"] in OPS[c["factor"]], c
            assert set(c) >= CORE_KEYS and set(c) - CORE_KEYS <= EXTRA_KEYS, c
            _check_value(c)


def test_gold_labels_score_perfectly_against_themselves() -> None:
    """Extracting exactly the gold labels gives no false positive and no miss in any item."""
    for doc in GOLD:
        for item in doc["items"]:
            outcome = gs.score_item(item["criteria"], item.get("judgement", []), item["criteria"])
            assert not outcome.false_positives and not outcome.misses, (doc["nct_id"], item)


def test_exclusion_limit_matches_the_same_inclusion_limit() -> None:
    """An exclusion "FVC < 50 %" is the inclusion "FVC >= 50 %" of the same test, not of SVC."""
    item = _item("NCT07071935", "exclusion", "Forced vital capacity <50%")
    as_inclusion = {**item["criteria"][0], "kind": "inclusion", "op": ">="}
    assert gs.criteria_match(item["criteria"][0], as_inclusion)
    assert not gs.criteria_match(item["criteria"][0], {**as_inclusion, "test": "svc"})
    assert not gs.criteria_match(item["criteria"][0], {**as_inclusion, "op": ">"})


def test_boolean_exclusion_matches_negated_inclusion_only() -> None:
    """Tracheostomy == True as exclusion equals tracheostomy == False as inclusion."""
    gold = _item("NCT07071935", "exclusion", "Current tracheostomy")["criteria"][0]
    assert gs.criteria_match(gold, {**gold, "kind": "inclusion", "value": False})
    assert not gs.criteria_match(gold, {**gold, "kind": "inclusion"})
    assert not gs.criteria_match(gold, {**gold, "value": 1})


def test_months_allow_conversion_rounding_but_not_other_limits() -> None:
    """Months match within ±0.5 (weeks or years converted), other numbers exactly."""
    gold = _item("NCT06051123", "inclusion", "Onset of weakness")["criteria"][0]
    assert gs.criteria_match(gold, {**gold, "value": 24.3})
    assert not gs.criteria_match(gold, {**gold, "value": 25})
    vc = _item("NCT06051123", "inclusion", "SVC greater")["criteria"][0]
    assert not gs.criteria_match(vc, {**vc, "value": 60.3})


def test_range_and_category_list_matching() -> None:
    """Ranges compare element-wise; El Escorial lists as sets, their exclusion as the complement."""
    age = _item("NCT06607900", "inclusion", "Age 18-80")["criteria"][0]
    assert gs.criteria_match(age, {**age, "value": [18.0, 80.0]})
    assert not gs.criteria_match(age, {**age, "value": [18, 75]})
    cat = _item("NCT07118319", "inclusion", "Diagnosed of definite")["criteria"][0]
    assert gs.criteria_match(cat, {**cat, "value": ["probable", "definite"]})
    assert not gs.criteria_match(cat, {**cat, "value": ["probable", "definite", "possible"]})
    other_side = ["possible", "probable_laboratory_supported"]
    assert gs.criteria_match(cat, {**cat, "kind": "exclusion", "value": other_side})


def test_a_range_equals_its_two_inclusive_limits() -> None:
    """A range [6, 36] is found by ">= 6" and "<= 36", two limits by one range; not by "> 6"."""
    item = _item("NCT00136110", "inclusion", "A disease duration at inclusion")
    (gold,) = item["criteria"]
    low, high = {**gold, "op": ">=", "value": 6}, {**gold, "op": "<=", "value": 36}
    both = gs.score_item([gold], [], [low, high])
    assert both.true_positives == [gold] and not both.false_positives
    half = gs.score_item([gold], [], [low])
    assert half.misses == [gold] and not half.false_positives
    strict = gs.score_item([gold], [], [{**low, "op": ">"}, high])
    assert strict.misses == [gold] and len(strict.false_positives) == 1
    pair = _item("NCT02039401", "inclusion", "Age ≥ 21 years")["criteria"]
    ranged = {**pair[0], "op": "between", "value": [21, 75]}
    assert gs.score_item(pair, [], [ranged]).true_positives == pair


def test_drug_ops_are_never_turned_around() -> None:
    """A washout exclusion ("within 28 days") is not the same as "stable for 28 days"."""
    gold = _item("NCT03548311", "exclusion", "Those who had edaravone")["criteria"][0]
    stable = {**gold, "kind": "inclusion", "op": "stable_or_none"}
    assert gs.criteria_match(gold, dict(gold))
    assert not gs.criteria_match(gold, stable)


def test_item_number_and_gene_name_distinguish_criteria() -> None:
    """Item 3 >= 3 is not "each item >= 3"; "item 10 == 4" is "item 10 >= 4"; SOD1 is not FUS."""
    labels = _item("NCT06513546", "unlabelled", "Has a score of at least 26")["criteria"]
    item3 = next(c for c in labels if c.get("item") == 3)
    assert not gs.criteria_match(item3, {**item3, "item": "each"})
    assert gs.criteria_match(item3, {**item3, "item": "3", "value": 3.0})
    labels = _item("NCT06598202", "inclusion", "A score of ≥2 on each item")["criteria"]
    item10 = next(c for c in labels if c.get("item") == 10)
    assert gs.criteria_match(item10, {**item10, "op": "==", "value": 4})
    assert not gs.criteria_match(item10, {**item10, "op": "==", "value": 3})
    gene = _item("NCT07287397", "inclusion", "Confirmed absence")["criteria"][0]
    assert not gs.criteria_match(gene, {**gene, "gene": "SOD1" if gene["gene"] == "FUS" else "FUS"})


def test_conditional_gold_needs_a_condition_on_the_same_factor() -> None:
    """A cohort-conditional slope label is not matched by the same slope without its condition."""
    label = _item("NCT04768972", "inclusion", "Participants in: Cohort A")["judgement"][0]
    bare = {k: v for k, v in label.items() if k != "condition"}
    assert gs.criteria_match(label, {**bare, "condition": {"factor": "age_years"}})
    assert not gs.criteria_match(label, bare)


def test_score_item_sorts_hits_false_positives_judgement_and_review() -> None:
    """True positives, false positives, judgement hits, duplicates and misses are told apart."""
    item = _item("NCT06513546", "unlabelled", "If treated with riluzole, edaravone")
    core, judgement = item["criteria"], item["judgement"]
    extracted = [
        core[0],
        core[0],
        judgement[0],
        {"factor": "age_years", "kind": "inclusion", "op": ">=", "value": 21, "unit": "years"},
        {"factor": "riluzole", "kind": "inclusion", "op": None, "value": None, "unit": None},
        {"factor": "other", "kind": "inclusion", "op": "==", "value": True, "unit": None},
    ]
    outcome = gs.score_item(core, judgement, extracted)
    assert outcome.true_positives == [core[0]]
    assert outcome.duplicates == 1
    assert outcome.judgement_hits == [judgement[0]]
    assert [c["value"] for c in outcome.false_positives] == [21]
    assert outcome.misses == core[1:]


def test_alignment_pairs_a_run_on_item_with_its_pieces() -> None:
    """A run-on item and its pieces form one block; "None" links nothing; repeats pair in order."""
    # The trials.co copy of NCT05983211 runs its inclusions together with "; ".
    pieces = [i["text"] for i in _items_of("NCT05983211") if i["kind"] == "inclusion"]
    assert len(pieces) > 5
    gold = "; ".join(pieces)
    other = _item("NCT06266403", "exclusion", "None")["text"]
    blocks = gs.align([gold, other], [*pieces, "None", "Minors"])
    assert ([0], list(range(len(pieces)))) in blocks
    assert ([], [len(pieces) + 1]) in blocks
    repeated = [i["text"] for i in _items_of("NCT05474235") if i["text"] == "> 18 years of age"]
    assert len(repeated) == 3
    assert gs.align(repeated, repeated) == [([0], [0]), ([1], [1]), ([2], [2])]


def test_ratios_handle_empty_counts() -> None:
    """Precision and recall are None, not a crash, when nothing was found or expected."""
    assert gs.ratios(0, 0, 0) == (None, None, None)
    assert gs.ratios(9, 1, 0) == (0.9, 1.0, pytest.approx(2 * 0.9 / 1.9))


def test_group_by_item_ties_quotes_to_items_and_skips_registry(
    records: dict[str, StudyRecord],
) -> None:
    """Criteria go to the item whose words they quote; registry-sourced ones are left out."""
    record = records["NCT05983211"]
    quote = "Age ≥ 18 years"
    item = next(t for t in record.inclusion if quote in t)
    criteria = [
        {"factor": "age_years", "text": quote, "source": "text"},
        {"factor": "age_years", "text": "18 Years", "source": "registry"},
        {"factor": "sex", "text": "nowhere in this study", "source": "text"},
    ]
    grouped, loose = runner.group_by_item(record, criteria)
    assert grouped[("inclusion", item)] == [criteria[0]]
    assert loose == [criteria[2]]


def test_scorer_counts_every_crisp_label_once_on_the_real_extractor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The benchmark runs end to end; found plus missed equals the gold's crisp labels."""
    assert runner.main(["--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    labels = sum(len(i["criteria"]) for d in GOLD for i in d["items"])
    assert figures["all"]["tp"] + figures["all"]["fn"] == labels
    assert figures["studies"] == len(GOLD)
    assert figures["unaligned_record_items"] == 0


def test_no_random_person_is_turned_away_whom_the_tune_split_labels_keep() -> None:
    """Person × study on the studies open for tuning: zero false exclusions (gold_people.py).

    The held-aside split is not scored here: it is read only once, for the closing figures.
    """
    people = _load("gold_people")
    docs = runner.select_split(GOLD, "tune")
    tally = people.run(docs, 25, 7)
    assert tally["meets the words"] > 500
    assert tally["false exclusions"] == 0, {k: v for k, v in tally.items() if "false" in k}
    assert tally["caught with the right factor"] >= 0.9 * tally["truly excluded"]
