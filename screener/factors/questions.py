"""The question behind each profile key, once, in the three ways it is worded.

The engine names what would settle an ``unknown`` by profile key ("onset_date"); the reason
text asks it as a phrase ("Not answered yet: when your first symptoms began"), the results
page as a question that sends the person to its step ("When was the first symptom?"), and
the printable summary labels the answer for the neurologist ("First symptom"). Each
wording is kept apart because each reader is different; the key owns all three.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KeyQuestion", "KEY_QUESTIONS", "PHRASES", "QUESTIONS", "LABELS"]


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyQuestion:
    """One profile key: how the screen asks about it, and how the summary labels it."""

    key: str
    phrase: str | None = None
    """The question inside a sentence, to the person ("your age")."""
    question: str | None = None
    """The question as the results page asks it ("How old is the person with ALS?")."""
    step: str | None = None
    """The questions step (slug) that asks it."""
    label: str | None = None
    """A neutral label for the summary page (read by the neurologist too): "Age (years)"."""


def _ask(key: str, phrase: str | None, question: str, step: str, label: str) -> KeyQuestion:
    return KeyQuestion(key=key, phrase=phrase, question=question, step=step, label=label)


KEY_QUESTIONS: tuple[KeyQuestion, ...] = (
    KeyQuestion(key="as_of", label="Screening date"),
    _ask("age_years", "your age", "How old is the person with ALS?", "about", "Age (years)"),
    _ask("sex", "your sex", "Sex as the registry records it", "about", "Sex"),
    _ask(
        "onset_date",
        "when your first symptoms began",
        "When was the first symptom?",
        "dates",
        "First symptom",
    ),
    _ask(
        "diagnosis_date", "when ALS was diagnosed", "When was ALS diagnosed?", "dates", "Diagnosis"
    ),
    _ask(
        "diagnosis_category",
        "your diagnosis category (El Escorial), as your neurologist recorded it",
        "Which El Escorial category did the neurologist record?",
        "diagnosis",
        "El Escorial category (as recorded)",
    ),
    _ask(
        "gold_coast",
        "whether you meet the Gold Coast criteria",
        "Does it meet the Gold Coast criteria?",
        "diagnosis",
        "Meets Gold Coast criteria",
    ),
    _ask(
        "familial",
        "whether ALS or FTD runs in your family",
        "Has anyone in the family had ALS or FTD?",
        "diagnosis",
        "Family history of ALS or FTD",
    ),
    _ask(
        "genes",
        "your ALS gene test results",
        "What did genetic testing show?",
        "genes",
        "Gene tests",
    ),
    _ask(
        "alsfrs_r",
        "your ALSFRS-R score",
        "What is the latest ALSFRS-R score?",
        "alsfrs",
        "ALSFRS-R (self-reported)",
    ),
    KeyQuestion(key="alsfrs_r.items", phrase="your 12 ALSFRS-R item scores"),
    _ask(
        "vital_capacity",
        "your latest breathing test (vital capacity, % predicted, and which test)",
        "What was the latest breathing test result (% predicted)?",
        "breathing",
        "Vital capacity",
    ),
    _ask(
        "vital_capacity_other",
        "your result on the other breathing test (FVC if you gave SVC)",
        "What was the result of the other breathing test (FVC if SVC was given)?",
        "breathing",
        "Other breathing test",
    ),
    _ask(
        "ventilation",
        "what breathing support you use",
        "What breathing support is used now?",
        "support",
        "Breathing support",
    ),
    _ask(
        "niv_hours_per_day",
        "how many hours a day you use NIV",
        "How many hours a day on the mask machine (NIV)?",
        "support",
        "NIV hours a day",
    ),
    _ask(
        "tracheostomy",
        "whether you have a tracheostomy",
        "Is there a tracheostomy?",
        "support",
        "Tracheostomy",
    ),
    _ask(
        "gastrostomy",
        "whether you have a feeding tube",
        "Is there a feeding tube?",
        "support",
        "Feeding tube (gastrostomy)",
    ),
    _ask(
        "can_swallow_pills",
        "whether you can swallow tablets and liquids safely",
        "Can tablets and liquids be swallowed safely?",
        "support",
        "Can swallow tablets and liquids",
    ),
    # A medicine's phrase names the medicine and the part asked ("when you last took
    # riluzole"): screening's wording builds it from the key.
    _ask(
        "riluzole",
        None,
        "Is riluzole taken, and since when on the same dose?",
        "medicines",
        "Riluzole",
    ),
    _ask(
        "edaravone",
        None,
        "Is edaravone taken, and how many cycles are done?",
        "medicines",
        "Edaravone",
    ),
    _ask("tofersen", None, "Has tofersen been taken?", "medicines", "Tofersen"),
    _ask(
        "phenylbutyrate_taurursodiol",
        None,
        "Has AMX0035 (Relyvrio) been taken?",
        "medicines",
        "AMX0035 / phenylbutyrate, TUDCA or UDCA",
    ),
    _ask(
        "investigational_drug_last_dose",
        "when you last took a study drug",
        "When was the last dose of any study drug?",
        "health",
        "Last dose of any study drug",
    ),
    _ask("pregnant", "whether you are pregnant", "Pregnant now?", "health", "Pregnant"),
    _ask(
        "breastfeeding",
        "whether you are breastfeeding",
        "Breastfeeding now?",
        "health",
        "Breastfeeding",
    ),
    _ask(
        "dementia",
        "whether dementia or FTD has been diagnosed",
        "Has dementia or FTD been diagnosed?",
        "health",
        "Dementia or FTD diagnosed",
    ),
    _ask(
        "other_neurological_disease",
        "whether you have another neurological disease",
        "Is there another neurological disease?",
        "health",
        "Other neurological disease",
    ),
    _ask("location", None, "Where do you live?", "location", "Location"),
    _ask("max_distance_km", None, "How far can you travel?", "location", "Can travel (km)"),
)
"""Every profile key the screen asks about, in the order the summary lists the answers."""

PHRASES: dict[str, str] = {q.key: q.phrase for q in KEY_QUESTIONS if q.phrase is not None}
QUESTIONS: dict[str, tuple[str, str]] = {
    q.key: (q.question, q.step)
    for q in KEY_QUESTIONS
    if q.question is not None and q.step is not None
}
"""(question, step slug) per profile key, for "answer it now" on the results page."""
LABELS: dict[str, str] = {q.key: q.label for q in KEY_QUESTIONS if q.label is not None}
"""Neutral labels per profile key, in the summary's order."""
