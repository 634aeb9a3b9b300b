"""`python -m screener screen` and `criteria` end to end on the real snapshot and real records.

Assertions are invariants of the contract (verdict order, exclusions carrying the study's
words, unknown answers never excluding), checked against what the rulebook really says about
each study, not counts copied from a run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from screener.cli.main import main
from screener.criteria import Criterion
from screener.person.profile import load_profile
from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.screening.engine import screen

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
REAL_RECORDS = ROOT.parent / "shared" / "data" / "ctgov" / "als-studies.v2.jsonl"
PROFILES = sorted(EXAMPLES.glob("*.json"))
ORDER = {"likely": 0, "possible": 1, "excluded": 2}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def screen_json(capsys: pytest.CaptureFixture[str], profile: Path, *extra: str) -> dict[str, Any]:
    code, out, err = run(capsys, "screen", "--profile", str(profile), "--offline", *extra)
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


@cache
def rulebook_criteria() -> dict[str, list[Criterion]]:
    book = load_rulebook()
    return {r.nct_id: book.criteria_for(r) for r in load_studies(offline=True).records}


def write(tmp_path: Path, answers: dict[str, Any]) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_screen_json_keeps_the_contract(capsys: pytest.CaptureFixture[str], profile: Path) -> None:
    """Each example: contract shape, enrolling studies only, ordered verdicts, words kept."""
    document = screen_json(capsys, profile)
    assert document["data"]["source"] == "snapshot"
    results = document["results"]
    assert document["data"]["studies"] == len(results) > 0
    assert [ORDER[r["verdict"]] for r in results] == sorted(ORDER[r["verdict"]] for r in results)
    criteria = rulebook_criteria()
    for result in results:
        assert {"nct_id", "title", "verdict", "criteria", "nearest_site_km"} <= set(result)
        assert result["status"] in ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION")
        assert [c["text"] for c in result["criteria"]] == [
            c.text for c in criteria[result["nct_id"]]
        ]
        unmet = [c for c in result["criteria"] if c["status"] == "not_met"]
        assert (result["verdict"] == "excluded") == bool(unmet)
        assert all(c["text"] and c["why"] for c in unmet)
        if result["verdict"] == "likely":
            assert result["criteria_complete"] is True
            assert not any(c["status"] == "unknown" for c in result["criteria"])


def test_dont_know_excludes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the age known: no study is excluded except by the age itself."""
    results = screen_json(capsys, EXAMPLES / "dont-know.json")["results"]
    for result in results:
        unmet = {c["factor"] for c in result["criteria"] if c["status"] == "not_met"}
        assert unmet <= {"age_years"}
    assert any(r["verdict"] == "possible" for r in results)


def test_questions_that_matter_come_from_possible_studies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The JSON ranks unanswered keys by the possible studies whose open questions name them."""
    document = screen_json(capsys, EXAMPLES / "dont-know.json")
    questions = document["questions_that_matter"]
    assert questions, "someone who only gave an age has questions worth answering"
    counts = [q["possible_studies"] for q in questions]
    assert counts == sorted(counts, reverse=True)
    possible = [r for r in document["results"] if r["verdict"] == "possible"]
    for q in questions:
        assert q["question"]
        assert q["possible_studies"] == sum(q["key"] in r["open_questions"] for r in possible)


def test_early_limb_onset_has_studies_to_consider(capsys: pytest.CaptureFixture[str]) -> None:
    """The early limb-onset person is not shut out: some studies are likely or possible."""
    results = screen_json(capsys, EXAMPLES / "early-limb-onset.json")["results"]
    assert sum(r["verdict"] in ("likely", "possible") for r in results) > len(results) // 2
    assert all(r["months_left"] is None or r["months_left"] >= 0 for r in results)


def window_studies(factor: str, below: float) -> set[str]:
    """Studies whose rules admit only people within ``below`` months of onset/diagnosis."""
    found = set()
    for nct, criteria in rulebook_criteria().items():
        for c in criteria:
            if (
                c.factor == factor and c.kind == "inclusion" and c.op in ("<=", "<")
                and isinstance(c.value, int | float) and c.value < below
                and not c.extra.get("condition")
            ):  # fmt: skip
                found.add(nct)
    return found


def test_four_years_from_onset_is_excluded_by_onset_windows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every enrolling study with an onset window under 47 months excludes the 4-year NIV user."""
    results = screen_json(capsys, EXAMPLES / "long-duration-niv.json")["results"]
    windows = window_studies("months_since_onset", 47)
    shown = {r["nct_id"]: r for r in results}
    hits = windows & set(shown)
    assert hits, "the snapshot should hold enrolling studies with an onset window"
    for nct in hits:
        assert shown[nct]["verdict"] == "excluded"
        reasons = [c for c in shown[nct]["criteria"] if c["status"] == "not_met"]
        assert any(c["factor"] == "months_since_onset" for c in reasons)


def test_pregnant_person_is_excluded_where_studies_exclude_pregnancy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A pregnant woman: every study whose rules exclude pregnancy says so, with its words."""
    answers = json.loads((EXAMPLES / "sod1-carrier.json").read_text())
    path = write(tmp_path, {**answers, "pregnant": True})
    results = screen_json(capsys, path)["results"]
    rules = rulebook_criteria()
    checked = 0
    for result in results:
        excludes = [
            c for c in rules[result["nct_id"]]
            if c.factor == "pregnancy" and c.kind == "exclusion" and c.value is True
            and not c.extra.get("condition")
        ]  # fmt: skip
        if excludes:
            checked += 1
            assert result["verdict"] == "excluded"
            unmet = [c for c in result["criteria"] if c["status"] == "not_met"]
            assert any(c["factor"] == "pregnancy" and c["text"] for c in unmet)
    assert checked > 0
    not_pregnant = screen_json(capsys, EXAMPLES / "sod1-carrier.json")["results"]
    for result in not_pregnant:
        assert not any(
            c["factor"] == "pregnancy" and c["status"] == "not_met" for c in result["criteria"]
        )


def unconditional(nct: str, factor: str, kind: str) -> list[Criterion]:
    return [
        c for c in rulebook_criteria()[nct]
        if c.factor == factor and c.kind == kind and c.understood and not c.extra.get("condition")
    ]  # fmt: skip


def test_feeding_tube_is_excluded_where_studies_exclude_one() -> None:
    """Bulbar onset with a PEG: every snapshot study excluding a feeding tube says so."""
    records = load_studies(offline=True).records
    book = load_rulebook()
    profile = load_profile(EXAMPLES / "bulbar-onset-peg.json")
    checked = 0
    for result in screen(profile, records, book):
        rules = unconditional(result.nct_id, "gastrostomy", "exclusion")
        if any(c.value is True for c in rules):
            checked += 1
            assert result.verdict == "excluded"
            assert any(
                r.criterion.factor == "gastrostomy" and r.status == "not_met"
                for r in result.criteria
            )
    assert checked > 0


def test_sod1_carrier_meets_sod1_studies_and_fails_sod1_negative_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A SOD1 carrier: a 'SOD1 positive' rule is met; a 'SOD1 negative' rule excludes."""
    results = screen_json(capsys, EXAMPLES / "sod1-carrier.json")["results"]
    seen = {"positive": 0, "negative": 0}
    for result in results:
        rules = rulebook_criteria()[result["nct_id"]]
        for rule, shown in zip(rules, result["criteria"], strict=True):
            if (
                rule.factor != "gene"
                or rule.extra.get("gene") != "SOD1"
                or rule.kind != "inclusion"
            ):
                continue
            if rule.extra.get("condition"):
                continue
            seen[rule.value] += 1
            assert shown["status"] == ("met" if rule.value == "positive" else "not_met")
            if rule.value == "negative":
                assert result["verdict"] == "excluded"
    assert seen["positive"] > 0 and seen["negative"] > 0


def test_as_of_moves_the_clock(capsys: pytest.CaptureFixture[str]) -> None:
    """--as-of overrides the profile's date: years later, onset windows are passed."""
    profile = EXAMPLES / "early-limb-onset.json"
    now = screen_json(capsys, profile)["results"]
    later = screen_json(capsys, profile, "--as-of", "2031-01-01")["results"]

    def onset_unmet(results: list[dict[str, Any]]) -> set[str]:
        return {
            r["nct_id"]
            for r in results
            for c in r["criteria"]
            if c["factor"] == "months_since_onset" and c["status"] == "not_met"
        }

    assert onset_unmet(now) < onset_unmet(later)


@pytest.mark.parametrize(
    ("answers", "names"),
    [
        ({"onset_dat": "2024-01"}, "onset_date"),
        ({"alsfrs_r": {"items": [4, 4, 4, 4, 4, 4, 7, 4, 4, 4, 4, 4]}}, "alsfrs_r.items[6]"),
        ({"vital_capacity": {"test": "fvc", "percent_predicted": -5}}, "percent_predicted"),
        ({"as_of": "2026-01-01", "onset_date": "2027-01-01"}, "onset_date"),
        ({"age_years": 300}, "age_years"),
    ],
)
def test_bad_profile_exits_2_with_one_line_and_screens_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers: dict[str, Any], names: str
) -> None:
    """A bad profile: exit 2, one stderr line naming the file and key, nothing on stdout."""
    path = write(tmp_path, answers)
    code, out, err = run(capsys, "screen", "--profile", str(path), "--offline")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err and names in err


def test_missing_profile_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A profile path that does not exist is bad input, not a crash."""
    code, out, err = run(capsys, "screen", "--profile", str(tmp_path / "nope.json"), "--offline")
    assert (code, out) == (2, "")
    assert "nope.json" in err


def test_table_format_reads_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    """--format table: source and date, the not-medical-advice line, verdicts in words, reasons."""
    profile = EXAMPLES / "long-duration-niv.json"
    code, out, err = run(
        capsys, "screen", "--profile", str(profile), "--offline", "--format", "table"
    )
    assert code == 0, err
    assert "not medical advice" in out
    assert "offline snapshot" in out and "as of " in out
    document = screen_json(capsys, profile)
    excluded = [r for r in document["results"] if r["verdict"] == "excluded"]
    assert excluded
    for result in excluded:
        line = next(x for x in out.splitlines() if result["nct_id"] in x)
        assert line.startswith("Not a fit")
    assert out.count("Study's words:") == sum(
        1 for r in excluded for c in r["criteria"] if c["status"] == "not_met"
    )


def test_studies_file_with_a_location_gives_distances(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--studies screens the file whole; coordinates give a nearest-site distance."""
    first = json.loads(REAL_RECORDS.read_text(encoding="utf-8").splitlines()[0])
    site = first["protocolSection"]["contactsLocationsModule"]["locations"][0]["geoPoint"]
    profile = write(
        tmp_path, {"age_years": 50, "location": {"lat": site["lat"], "lon": site["lon"]}}
    )
    code, out, err = run(
        capsys, "screen", "--profile", str(profile), "--studies", str(REAL_RECORDS)
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["data"]["source"] == "file"
    by_id = {r["nct_id"]: r for r in document["results"]}
    assert by_id[first["protocolSection"]["identificationModule"]["nctId"]]["nearest_site_km"] == 0


def test_criteria_command(capsys: pytest.CaptureFixture[str]) -> None:
    """criteria NCT… prints the contract keys for each criterion; an unknown NCT exits 2."""
    nct = next(n for n, cs in rulebook_criteria().items() if any(c.understood for c in cs))
    code, out, err = run(capsys, "criteria", "--offline", nct)
    assert code == 0, err
    document = json.loads(out)
    assert list(document) == [nct]
    for item in document[nct]:
        assert {"factor", "kind", "op", "value", "unit", "text"} <= set(item)
    code, out, err = run(capsys, "criteria", "--offline", "NCT99999999")
    assert (code, out) == (2, "")
    assert "NCT99999999" in err


def test_real_process_exit_codes(tmp_path: Path) -> None:
    """`python -m screener screen` as a user runs it: 0 on a good profile, 2 on a bad one."""
    good = subprocess.run(
        [sys.executable, "-m", "screener", "screen", "--profile", str(EXAMPLES / "dont-know.json"),
         "--offline", "--format", "table"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert good.returncode == 0, good.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "screener", "screen", "--profile", str(write(tmp_path, {"sex": 1})),
         "--offline"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "sex" in bad.stderr
