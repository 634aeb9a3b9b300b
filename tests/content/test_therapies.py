"""Therapy and care content: sourced, dated, consistent with the research notes, strict."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from screener.content import therapies
from screener.content.therapies import (
    CONTENT_DIR,
    PipelineDrug,
    Therapy,
    content_intros,
    content_last_reviewed,
    load_not_approved,
    load_supportive_care,
    load_symptom_care,
    load_therapies,
)
from screener.errors import ContentError

RESEARCH = Path(__file__).resolve().parents[2].parent / "shared" / "research" / "als-domain.md"
CONTENT_FILES = ("therapies.yaml", "symptom_care.yaml", "supportive_care.yaml")


@pytest.fixture(scope="module")
def research() -> str:
    """The shared research notes the content was written from."""
    if not RESEARCH.is_file():
        pytest.fail(f"{RESEARCH} is missing: tests run with ../shared beside the project")
    return RESEARCH.read_text(encoding="utf-8")


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _all_items() -> list[Any]:
    return [*load_therapies(), *load_not_approved(), *load_symptom_care(), *load_supportive_care()]


def test_every_item_has_sources_and_a_review_date() -> None:
    """Each therapy, pipeline drug, symptom and service names sources and a last_reviewed date."""
    items = _all_items()
    assert len(items) >= 25
    for item in items:
        assert item.sources, item.id
        assert isinstance(item.last_reviewed, date), item.id
        assert item.last_reviewed <= date.today(), item.id


def test_every_source_url_comes_from_the_research_notes(research: str) -> None:
    """No source URL is invented: each one is cited in als-domain.md."""
    for item in _all_items():
        for url in item.sources:
            assert url in research, f"{item.id}: {url} is not in the research notes"


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_no_content_text_says_unverified(name: str) -> None:
    """Nothing marked UNVERIFIED in the research leaks into the content, not even the word."""
    raw = yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))
    for text in _strings(raw):
        assert "unverified" not in text.lower(), text


def test_unverified_claims_are_left_out() -> None:
    """Claims the research could not confirm (Nuedexta warnings, pain/fatigue drugs) are absent."""
    texts = " ".join(
        " ".join(_strings(yaml.safe_load((CONTENT_DIR / n).read_text(encoding="utf-8"))))
        for n in CONTENT_FILES
    ).lower()
    for claim in ("nsaid", "modafinil", "thrombocytopenia", "cyp2d6 interactions", "king's"):
        assert claim not in texts, claim
    nuedexta = next(t for t in load_therapies() if t.id == "dextromethorphan_quinidine")
    assert not any("qt" in w.lower().split() for w in nuedexta.warnings)
    pain = next(s for s in load_symptom_care() if s.id == "pain")
    assert pain.what_may_help == ()
    assert pain.not_covered and "ask your als team" in pain.not_covered.lower()


def _keywords(item: Any) -> set[str]:
    words = [item.name, *getattr(item, "brands", ())]
    tokens = {w.lower() for text in words for w in re.findall(r"[A-Za-z][A-Za-z0-9-]{4,}", text)}
    return tokens - {"tablets", "liquid", "taken", "generic", "injection", "ultra-high"}


def test_every_dated_fact_is_in_the_research_notes_beside_its_drug(research: str) -> None:
    """Each fact's date is written as in als-domain.md, on a line that names the same drug."""
    lines = research.lower().splitlines()
    checked = 0
    items: list[Therapy | PipelineDrug] = [*load_therapies(), *load_not_approved()]
    for item in items:
        keys = _keywords(item)
        for fact in item.facts:
            hits = [ln for ln in lines if fact.when.lower() in ln]
            assert hits, f"{item.id}: {fact.when!r} is not in the research notes"
            assert any(k in ln for ln in hits for k in keys), (
                f"{item.id}: no research line with {fact.when!r} names any of {sorted(keys)}"
            )
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("therapy", "when", "words"),
    [
        ("phenylbutyrate_taurursodiol", "29 Aug 2025", "withdraw"),
        ("phenylbutyrate_taurursodiol", "4 Apr 2024", "new patients"),
        ("tofersen", "25 Apr 2023", "accelerated"),
        ("edaravone", "5 May 2017", "iv"),
        ("mecobalamin", "24 Sep 2024", "japan"),
        ("riluzole", "12 Dec 1995", "rilutek"),
    ],
)
def test_key_dated_facts(therapy: str, when: str, words: str) -> None:
    """The dates clinicians will check first are present and say the right thing."""
    item = next(t for t in load_therapies() if t.id == therapy)
    facts = [f for f in item.facts if f.when == when]
    assert facts, f"{therapy}: no fact dated {when}"
    assert words in facts[0].what.lower()


def test_edaravone_sulfite_warning_is_prominent() -> None:
    """Edaravone's alert (shown first) and its warnings both carry the sulfite warning."""
    edaravone = next(t for t in load_therapies() if t.id == "edaravone")
    assert edaravone.alert is not None
    assert "sulfite" in edaravone.alert.lower()
    assert "bisulfite" in edaravone.alert.lower()
    assert any("sulfite" in w.lower() for w in edaravone.warnings)
    assert "not authorised in the eu" in edaravone.status_note.lower()


def test_status_as_of_2026() -> None:
    """AMX0035 withdrawn, tofersen SOD1-only, mecobalamin Japan-only, pipeline listed."""
    by_id = {t.id: t for t in load_therapies()}
    assert by_id["phenylbutyrate_taurursodiol"].status == "withdrawn"
    amx = by_id["phenylbutyrate_taurursodiol"]
    assert {"Relyvrio (US)", "Albrioza (Canada)"} <= set(amx.brands)
    assert "sod1" in (by_id["tofersen"].alert or "").lower()
    assert "japan only" in by_id["mecobalamin"].status_note.lower()
    assert {d.id for d in load_not_approved()} == {
        "masitinib",
        "cnm_au8",
        "ulefnersen",
        "pridopidine",
        "fnp122",
    }
    for drug in load_not_approved():
        assert drug.status_note.lower().startswith("not approved")


def test_eligibility_effects_follow_the_trial_rules(research: str) -> None:
    """Stable-dose, edaravone-cycle and 3-month AMX0035/TUDCA rules from §1.10 are explained."""
    by_id = {t.id: " ".join(t.trial_eligibility).lower() for t in load_therapies()}
    assert "30 days" in by_id["riluzole"] and "≥30 days" in research
    assert "require you to be taking riluzole" in by_id["riluzole"]
    assert "1 full cycle" in by_id["edaravone"] and "≥1 completed cycle" in research
    assert "3 months" in by_id["phenylbutyrate_taurursodiol"]
    assert "tudca" in by_id["phenylbutyrate_taurursodiol"]


def test_the_brief_s_symptoms_and_services_are_all_covered() -> None:
    """Every symptom and supportive service the app promises has an entry."""
    assert {s.id for s in load_symptom_care()} >= {
        "cramps",
        "spasticity",
        "constipation",
        "fatigue",
        "saliva",
        "phlegm",
        "pain",
        "depression_anxiety",
        "sleep",
        "pseudobulbar_affect",
        "breathing",
    }
    assert {s.id for s in load_supportive_care()} == {
        "breathing_support",
        "physical_therapy",
        "occupational_therapy",
        "speech_therapy",
        "nutrition",
        "psychological_social_support",
    }


def test_intros_frame_content_as_background() -> None:
    """Each section opens by saying it is background and pointing to the ALS team."""
    intros = content_intros()
    assert set(intros) == {"therapies", "symptoms", "supportive"}
    assert "not medical advice" in intros["therapies"].lower()
    assert "als team" in intros["symptoms"].lower()


def test_content_last_reviewed_is_the_oldest_date() -> None:
    """The page shows the oldest review date, so no item looks fresher than it is."""
    assert content_last_reviewed() == min(i.last_reviewed for i in _all_items())


def test_unknown_keys_are_rejected() -> None:
    """A typo'd key in a therapy entry is an error, not silently ignored."""
    raw = yaml.safe_load((CONTENT_DIR / "therapies.yaml").read_text(encoding="utf-8"))
    entry = dict(raw["therapies"][0], warnigns=["typo"])
    with pytest.raises(ValidationError, match="warnigns"):
        Therapy.model_validate(entry)


def test_bad_content_file_names_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A malformed content file raises ContentError naming the file and the field."""
    for name in CONTENT_FILES:
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text(encoding="utf-8"))
    bad = (tmp_path / "therapies.yaml").read_text(encoding="utf-8")
    (tmp_path / "therapies.yaml").write_text(bad.replace("when: 5 May 2017", "when: soon", 1))
    monkeypatch.setattr(therapies, "CONTENT_DIR", tmp_path)
    therapies._therapy_file.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"therapies\.yaml: therapies\.1\.facts\.1\.when"):
            load_therapies()
    finally:
        therapies._therapy_file.cache_clear()


def test_limited_approvals_say_so_in_their_header_and_match_their_note() -> None:
    """Mecobalamin is "Japan only", Nuedexta "pseudobulbar affect only": the note says the same."""
    from screener.content.therapies import load_therapies

    limited = {t.id: t for t in load_therapies() if t.limited_to}
    assert limited["mecobalamin"].limited_to == "Japan only"
    assert "Japan only" in limited["mecobalamin"].status_note
    assert limited["dextromethorphan_quinidine"].limited_to == "pseudobulbar affect only"
    assert "pseudobulbar affect" in limited["dextromethorphan_quinidine"].status_note
    assert "SOD1" in (limited["tofersen"].alert or "")
