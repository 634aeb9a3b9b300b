"""The next question must be answerable: a study wanting FVC from someone who gave SVC asks for
the FVC as well, and the profile and questionnaire hold both tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from screener.criteria import Criterion
from screener.person.profile import parse_profile
from screener.person.questionnaire import from_profile, question_for, to_profile
from screener.registry.records import normalise
from screener.reports.answers import answers_dict
from screener.screening.engine import screen_study
from screener.screening.evaluate import evaluate

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
FVC_50 = Criterion(
    "vital_capacity", "inclusion", ">=", 50, "percent", "FVC ≥ 50 %", {"test": "fvc"}
)
SVC_60 = Criterion(
    "vital_capacity", "inclusion", ">=", 60, "percent", "SVC ≥ 60 %", {"test": "svc"}
)


def person(**answers: Any) -> Any:
    base = json.loads((EXAMPLES / "early-limb-onset.json").read_text(encoding="utf-8"))
    return parse_profile({**base, **answers})


def test_svc_given_and_fvc_wanted_asks_for_the_other_test() -> None:
    """The open question is the other test, whose step still has an empty field to fill."""
    result = evaluate(person(), FVC_50)
    assert result.status == "unknown"
    assert result.open_questions == ("vital_capacity_other",)
    question, step = question_for("vital_capacity_other") or ("", "")
    assert "other breathing test" in question and step == "breathing"


def test_both_tests_given_each_study_reads_its_own() -> None:
    """With SVC 88 % and FVC 45 %, an FVC ≥ 50 % study is unmet and an SVC ≥ 60 % one met."""
    p = person(vital_capacity_other={"test": "fvc", "percent_predicted": 45, "date": "2026-10-20"})
    assert evaluate(p, FVC_50).status == "not_met"
    assert evaluate(p, SVC_60).status == "met"
    raw = {"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}}
    assert screen_study(p, normalise(raw), [FVC_50]).verdict == "excluded"


def test_the_questionnaire_round_trips_both_tests() -> None:
    """Answers → profile → answers keeps the second test, its percent and its day."""
    p = person(vital_capacity_other={"test": "fvc", "percent_predicted": 81, "date": "2026-10-21"})
    original = answers_dict(p)
    back = answers_dict(parse_profile(to_profile(from_profile(original), as_of=p.as_of_date)))
    assert back == original
    assert back["vital_capacity_other"] == {
        "test": "fvc",
        "percent_predicted": 81.0,
        "date": "2026-10-21",
    }
