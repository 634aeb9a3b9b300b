"""Person × study accuracy on the gold set: does the extractor turn away people the labels keep?

Run ``python benchmarks/gold_people.py [--split all|tune|held] [--people N] [--seed S]``.

The criteria scorer (``gold_score.py``) compares readings; what a patient meets is a verdict.
This benchmark draws ``N`` seeded random people (realistic ranges, some answers missing) and
screens each against every gold study twice, criterion by criterion:

* with the **gold labels** as criteria — crisp labels decide, judgement labels count as "the
  study team decides" (a person failing only a judgement label is neither kept nor excluded,
  and is left out of both rates);
* with the **extractor's** criteria (``extract_criteria`` on the snapshot record, no rule files,
  as an unseen study would be read).

It prints, per split: **false exclusions** (the extractor excludes a person who fails no gold
label, crisp or judgement: the worst bug), and **true exclusions caught with the right
factor** (a person failing a crisp gold label whom the extractor excludes on that factor).
Both are what the outside checks on unseen studies measure; here they are measured on the
104 labelled studies, tuned-on and held-aside apart.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "benchmarks"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from gold_score import load_gold, select_split  # noqa: E402

from screener.criteria import Criterion, Kind, extract_criteria  # noqa: E402
from screener.person.profile import Profile, parse_profile  # noqa: E402
from screener.registry.snapshot import SNAPSHOT_PATH  # noqa: E402
from screener.registry.source import from_snapshot  # noqa: E402
from screener.screening.evaluate import evaluate  # noqa: E402

AS_OF = date(2026, 11, 1)
_LABEL_KEYS = ("factor", "kind", "op", "value", "unit")


def random_person(rng: random.Random) -> Profile:
    """One seeded, plausible person with ALS; each answer is missing one time in six."""

    def maybe(value: Any) -> Any:
        return None if rng.random() < 1 / 6 else value

    onset_months = rng.uniform(2, 96)
    onset = AS_OF - timedelta(days=onset_months * 30.44)
    diagnosis = onset + timedelta(days=rng.uniform(1, min(onset_months - 0.5, 24)) * 30.44)
    ventilation = rng.choice(["none", "none", "none", "niv_night", "niv_day_and_night", "invasive"])
    items = [rng.choice([0, 1, 2, 3, 4, 4, 4]) for _ in range(12)]
    answers: dict[str, Any] = {
        "as_of": AS_OF.isoformat(),
        "age_years": maybe(rng.randint(16, 88)),
        "sex": maybe(rng.choice(["female", "male"])),
        "onset_date": maybe(onset.isoformat()),
        "diagnosis_date": maybe(diagnosis.isoformat()),
        "diagnosis_category": maybe(
            rng.choice(["definite", "probable", "probable_laboratory_supported", "possible"])
        ),
        "gold_coast": maybe(rng.random() < 0.8),
        "familial": maybe(rng.random() < 0.15),
        "genes": maybe(
            {
                g: rng.choice(["positive", "negative", "negative", "not_tested"])
                for g in ("SOD1", "C9orf72", "FUS", "TARDBP")
            }
        ),
        "alsfrs_r": maybe({"items": items} if rng.random() < 0.6 else {"total": sum(items)}),
        "vital_capacity": maybe(
            {"test": rng.choice(["svc", "fvc"]), "percent_predicted": round(rng.uniform(25, 120))}
        ),
        "ventilation": maybe(ventilation),
        "tracheostomy": maybe(ventilation == "invasive" or rng.random() < 0.03),
        "gastrostomy": maybe(rng.random() < 0.25),
        "can_swallow_pills": maybe(rng.random() < 0.85),
        "riluzole": maybe(
            rng.choice(
                [
                    {"status": "never"},
                    {"status": "past"},
                    {
                        "status": "current",
                        "stable_since": (AS_OF - timedelta(days=rng.randint(5, 900))).isoformat(),
                    },
                ]
            )
        ),
        "edaravone": maybe({"status": rng.choice(["never", "never", "current", "past"])}),
        "tofersen": maybe({"status": rng.choice(["never", "never", "never", "current"])}),
        "investigational_drug_last_dose": maybe(
            rng.choice(["never", (AS_OF - timedelta(days=rng.randint(5, 400))).isoformat()])
        ),
        "pregnant": None,
        "breastfeeding": None,
        "dementia": maybe(rng.random() < 0.1),
        "other_neurological_disease": maybe(rng.random() < 0.08),
    }
    if answers["sex"] == "female":
        answers["pregnant"] = maybe(rng.random() < 0.05)
        answers["breastfeeding"] = maybe(rng.random() < 0.05)
    elif answers["sex"] == "male":
        answers["pregnant"] = False
        answers["breastfeeding"] = False
    if ventilation == "niv_night":
        answers["niv_hours_per_day"] = maybe(rng.randint(4, 10))
    elif ventilation == "niv_day_and_night":
        answers["niv_hours_per_day"] = maybe(rng.randint(11, 24))
    elif ventilation == "none":
        answers["niv_hours_per_day"] = maybe(0)
    return parse_profile({k: v for k, v in answers.items() if v is not None})


def gold_criteria(doc: Mapping[str, Any], key: str) -> list[Criterion]:
    """The gold study's crisp (``criteria``) or ``judgement`` labels as engine criteria."""
    out: list[Criterion] = []
    for item in doc["items"]:
        for label in item.get(key, []):
            extra = {k: v for k, v in label.items() if k not in _LABEL_KEYS}
            kind: Kind = "exclusion" if label["kind"] == "exclusion" else "inclusion"
            out.append(
                Criterion(
                    label["factor"],
                    kind,
                    label["op"],
                    label["value"],
                    label.get("unit"),
                    item["text"],
                    extra,
                )
            )
    return out


def unmet(profile: Profile, criteria: Sequence[Criterion]) -> set[str]:
    """Factors of the criteria this person definitely does not meet."""
    return {c.factor for c in criteria if evaluate(profile, c).status == "not_met"}


def run(docs: Sequence[Mapping[str, Any]], people: int, seed: int) -> Counter[str]:
    """Counts over people × studies (see the module docstring)."""
    records = {r.nct_id: r for r in from_snapshot(SNAPSHOT_PATH).records}
    rng = random.Random(seed)
    persons = [random_person(rng) for _ in range(people)]
    tally: Counter[str] = Counter()
    for doc in docs:
        record = records[doc["nct_id"]]
        read = [c for c in extract_criteria(record) if c.source == "text"]
        crisp = gold_criteria(doc, "criteria")
        judgement = gold_criteria(doc, "judgement")
        for person in persons:
            gold_unmet = unmet(person, crisp)
            judged_unmet = unmet(person, judgement)
            got = unmet(person, read)
            if not gold_unmet and not judged_unmet:
                tally["meets the words"] += 1
                if got:
                    tally["false exclusions"] += 1
                    tally[f"false exclusion on {sorted(got)[0]}"] += 1
            elif gold_unmet:
                tally["truly excluded"] += 1
                if got & gold_unmet:
                    tally["caught with the right factor"] += 1
                else:
                    tally["caught on another factor" if got else "missed"] += 1
                    tally[f"missed on {sorted(gold_unmet)[0]}"] += 1
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("all", "tune", "held"), default="all")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    docs = select_split(load_gold(), args.split)
    tally = run(docs, args.people, args.seed)
    meets, false = tally["meets the words"], tally["false exclusions"]
    truly, caught = tally["truly excluded"], tally["caught with the right factor"]
    print(
        f"gold people ({args.split}): {len(docs)} studies × {args.people} people (seed {args.seed})"
    )
    print(
        f"false exclusions: {false} of {meets} who meet the study's words "
        f"({false / max(meets, 1):.2%})"
    )
    print(
        f"true exclusions caught with the right factor: {caught} of {truly} "
        f"({caught / max(truly, 1):.1%}); on another factor: {tally['caught on another factor']}"
    )
    for key, count in sorted(tally.items()):
        if key.startswith(("false exclusion on", "missed on")):
            print(f"  {key}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
