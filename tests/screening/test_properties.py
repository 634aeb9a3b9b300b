"""Properties of the engine over generated profiles and the real snapshot's criteria.

Profiles are generated coherent (a man is never pregnant, NIV hours fit the ventilation
answer): with contradictory answers no rule can be monotone, and a person cannot hold them.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.criteria import Criterion
from screener.person.profile import parse_profile
from screener.registry.records import StudyRecord
from screener.registry.source import load_studies
from screener.rules.book import load_rulebook
from screener.screening.engine import screen_study
from screener.screening.evaluate import evaluate

AS_OF = date(2026, 11, 1)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def studies() -> tuple[tuple[StudyRecord, tuple[Criterion, ...]], ...]:
    """Every snapshot study with eligibility text, with the criteria the rulebook gives it."""
    book = load_rulebook()
    records = load_studies(offline=True).records
    return tuple((r, tuple(book.criteria_for(r))) for r in records if r.eligibility_text)


@cache
def understood() -> tuple[Criterion, ...]:
    return tuple(c for _, cs in studies() for c in cs if c.understood)


def test_the_snapshot_gives_understood_criteria_to_test_against() -> None:
    """The properties below run on real criteria, not on an empty list."""
    assert len(understood()) >= 50
    assert len({c.factor for c in understood()}) >= 10


def a_date(draw: st.DrawFn, start: date = date(2015, 1, 1)) -> str:
    day = draw(st.dates(min_value=start, max_value=AS_OF))
    return day.isoformat()[:7] if draw(st.booleans()) else day.isoformat()


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A coherent profile in the contract's JSON shape, any key possibly missing."""
    d: dict[str, Any] = {"as_of": AS_OF.isoformat()}

    def maybe(key: str, value: Any) -> None:
        if draw(st.booleans()):
            d[key] = value

    maybe("age_years", draw(st.integers(16, 90)))
    sex = draw(st.sampled_from(["female", "male"]))
    maybe("sex", sex)
    maybe("onset_date", a_date(draw))
    maybe("diagnosis_date", a_date(draw, date(2018, 1, 1)))
    categories = ["definite", "probable", "probable_laboratory_supported", "possible", "unknown"]
    maybe("diagnosis_category", draw(st.sampled_from(categories)))
    for key in ("gold_coast", "familial", "gastrostomy", "can_swallow_pills", "tracheostomy",
                "dementia", "other_neurological_disease"):  # fmt: skip
        maybe(key, draw(st.booleans()))
    if sex == "female":
        maybe("pregnant", draw(st.booleans()))
        maybe("breastfeeding", draw(st.booleans()))
    else:
        maybe("pregnant", False)
    results = st.sampled_from(["positive", "negative", "not_tested"])
    names = ("SOD1", "C9orf72", "FUS", "TARDBP", "other")
    genes = {g: draw(results) for g in names if draw(st.booleans())}
    maybe("genes", genes)
    items = draw(st.lists(st.integers(0, 4), min_size=12, max_size=12))
    score: dict[str, Any] = {"items": items} if draw(st.booleans()) else {"total": sum(items)}
    if draw(st.booleans()):
        score["date"] = a_date(draw, date(2026, 1, 1))
    maybe("alsfrs_r", score)
    vc: dict[str, Any] = {"percent_predicted": draw(st.integers(20, 130))}
    if draw(st.booleans()):
        vc["test"] = draw(st.sampled_from(["svc", "fvc"]))
    maybe("vital_capacity", vc)
    ventilation = draw(
        st.sampled_from([None, "none", "niv_night", "niv_day_and_night", "invasive"])
    )
    if ventilation:
        d["ventilation"] = ventilation
    hours = {None: (0, 24), "none": (0, 0), "niv_night": (1, 12), "niv_day_and_night": (12, 24)}
    if ventilation in hours:
        lo, hi = hours[ventilation]
        maybe("niv_hours_per_day", draw(st.integers(lo, hi)))
    for drug in ("riluzole", "edaravone", "tofersen", "phenylbutyrate_taurursodiol"):
        status = draw(st.sampled_from(["never", "current", "past"]))
        answer: dict[str, Any] = {"status": status}
        if status == "current" and drug in ("riluzole", "edaravone") and draw(st.booleans()):
            answer["stable_since"] = a_date(draw, date(2024, 1, 1))
        if status == "past" and drug != "tofersen" and draw(st.booleans()):
            answer["last_dose"] = a_date(draw, date(2024, 1, 1))
        if drug == "edaravone" and status != "never" and draw(st.booleans()):
            answer["cycles_completed"] = draw(st.integers(0, 20))
        maybe(drug, answer)
    maybe("investigational_drug_last_dose", "never" if draw(st.booleans()) else a_date(draw))
    return d


def statuses(answers: dict[str, Any], criteria: tuple[Criterion, ...]) -> list[str]:
    profile = parse_profile(answers)
    return [evaluate(profile, c).status for c in criteria]


def less_known(answers: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """The same answers with one removed, or made coarser (items → total, day → month)."""
    keys = sorted(k for k in answers if k != "as_of")
    if not keys:
        return dict(answers)
    key = draw(st.sampled_from(keys))
    reduced = dict(answers)
    value = answers[key]
    how = draw(st.sampled_from(["remove", "coarsen"]))
    if how == "coarsen" and isinstance(value, str) and len(value) == 10:
        reduced[key] = value[:7]
    elif how == "coarsen" and key == "alsfrs_r" and "items" in value:
        reduced[key] = {k: v for k, v in value.items() if k != "items"} | {
            "total": sum(value["items"])
        }
    elif how == "coarsen" and isinstance(value, dict) and len(value) > 1:
        # The ALSFRS-R score itself is not optional inside its answer: drop only its date.
        optional = sorted(value) if key != "alsfrs_r" else ["date"]
        inner = draw(st.sampled_from([k for k in optional if k in value] or sorted(value)))
        reduced[key] = {k: v for k, v in value.items() if k != inner}
        if key == "alsfrs_r" and not ({"items", "total"} & set(reduced[key])):
            del reduced[key]
    else:
        del reduced[key]
    return reduced


@SETTINGS
@given(profiles(), st.data())
def test_less_information_never_makes_anything_unmet(answers: dict[str, Any], data: Any) -> None:
    """Removing or coarsening an answer never makes a criterion unmet or a study excluded."""
    reduced = less_known(answers, data.draw)
    full_p, less_p = parse_profile(answers), parse_profile(reduced)
    for record, criteria in studies():
        before = screen_study(full_p, record, criteria)
        after = screen_study(less_p, record, criteria)
        for b, a in zip(before.criteria, after.criteria, strict=True):
            if b.status != "not_met":
                assert a.status != "not_met", (b.criterion, b.why, a.why, reduced)
        if before.verdict == "possible":
            assert after.verdict != "excluded"


@SETTINGS
@given(profiles())
def test_every_exclusion_names_an_unmet_criterion_in_the_studys_words(
    answers: dict[str, Any],
) -> None:
    """An excluded verdict always carries a not_met criterion with the study's text and a reason."""
    profile = parse_profile(answers)
    for record, criteria in studies():
        result = screen_study(profile, record, criteria)
        if result.verdict == "excluded":
            unmet = result.not_met()
            assert unmet
            assert all(r.criterion.text.strip() and r.why for r in unmet)
            assert all(r.criterion.understood for r in unmet)


def shift_later(text: str) -> str | None:
    """A date (YYYY-MM-DD or YYYY-MM) about two months later, if still before as_of."""
    year, month = int(text[:4]), int(text[5:7]) + 2
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    shifted = f"{year:04d}-{month:02d}" + (text[7:] if len(text) == 10 else "")
    if len(shifted) == 10 and shifted[8:] > "28":
        shifted = shifted[:8] + "28"
    return (
        shifted if shifted[:7] <= AS_OF.isoformat()[:7] and shifted <= AS_OF.isoformat() else None
    )


def improve(answers: dict[str, Any], c: Criterion) -> dict[str, Any] | None:
    """The answers with the criterion's value moved in the direction the criterion allows."""
    up = (c.op in (">=", ">")) == (c.kind == "inclusion")
    better = dict(answers)
    if c.factor == "age_years" and "age_years" in answers:
        better["age_years"] = min(120, answers["age_years"] + (5 if up else -5))
    elif c.factor == "alsfrs_r_total" and "total" in answers.get("alsfrs_r", {}):
        total = answers["alsfrs_r"]["total"]
        better["alsfrs_r"] = {
            **answers["alsfrs_r"],
            "total": min(48, total + 3) if up else max(0, total - 3),
        }
    elif c.factor == "vital_capacity" and "vital_capacity" in answers:
        vc = answers["vital_capacity"]
        pct = vc["percent_predicted"]
        better["vital_capacity"] = {**vc, "percent_predicted": pct + 10 if up else max(0, pct - 10)}
    elif c.factor == "months_since_onset" and "onset_date" in answers and not up:
        later = shift_later(answers["onset_date"])
        if later is None:
            return None
        better["onset_date"] = later
    else:
        return None
    return better


@SETTINGS
@given(profiles())
def test_a_better_value_never_turns_met_into_unmet(answers: dict[str, Any]) -> None:
    """Moving a value the way a one-sided limit allows keeps a met criterion met."""
    profile = parse_profile(answers)
    for c in understood():
        if c.op not in (">=", ">", "<=", "<") or c.extra.get("condition"):
            continue
        if evaluate(profile, c).status != "met":
            continue
        better = improve(answers, c)
        if better is None:
            continue
        assert evaluate(parse_profile(better), c).status == "met", (c, answers, better)
