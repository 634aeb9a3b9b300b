"""Wording the questions use: the ALSFRS-R items and the El Escorial categories.

ALSFRS-R: Cedarbaum et al., J Neurol Sci 1999;169:13 (the revised scale), anchors as listed in
../shared/research/als-domain.md §2.1. The scale's own words are kept (clinicians recognise
them); a short plain gloss follows in brackets where the scale uses jargon. Item 5 is 5a
without a feeding tube and 5b with one; either way it is the fifth of twelve scored items.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ScaleItem",
    "DOMAINS",
    "ALSFRS_ITEMS",
    "ITEM_5B",
    "item",
    "EL_ESCORIAL",
    "EL_ESCORIAL_INTRO",
    "GOLD_COAST_HELP",
]


@dataclass(frozen=True, slots=True)
class ScaleItem:
    """One ALSFRS-R item: its number, name, domain and answer wording for scores 4 to 0."""

    number: int
    code: str
    name: str
    domain: str
    answers: tuple[str, str, str, str, str]

    def wording(self, score: int) -> str:
        """The answer text for a score (4 = normal ... 0 = lost)."""
        return self.answers[4 - score]


DOMAINS: dict[str, str] = {
    "bulbar": "Speech and swallowing",
    "fine_motor": "Hands and arms",
    "gross_motor": "Moving about",
    "respiratory": "Breathing",
}

ALSFRS_ITEMS: tuple[ScaleItem, ...] = (
    ScaleItem(
        1,
        "1",
        "Speech",
        "bulbar",
        (
            "Normal speech processes",
            "Detectable speech disturbance",
            "Intelligible with repeating",
            "Speech combined with non-vocal communication",
            "Loss of useful speech",
        ),
    ),
    ScaleItem(
        2,
        "2",
        "Salivation",
        "bulbar",
        (
            "Normal",
            "Slight but definite excess of saliva in mouth; may have night-time drooling",
            "Moderately excessive saliva; may have minimal drooling",
            "Marked excess of saliva with some drooling",
            "Marked drooling; requires constant tissue or handkerchief",
        ),
    ),
    ScaleItem(
        3,
        "3",
        "Swallowing",
        "bulbar",
        (
            "Normal eating habits",
            "Early eating problems – occasional choking",
            "Dietary consistency changes (softer or thickened food)",
            "Needs supplemental tube feeding",
            "NPO (nothing by mouth: exclusively tube or intravenous feeding)",
        ),
    ),
    ScaleItem(
        4,
        "4",
        "Handwriting",
        "fine_motor",
        (
            "Normal",
            "Slow or sloppy: all words are legible",
            "Not all words are legible",
            "Able to grip pen but unable to write",
            "Unable to grip pen",
        ),
    ),
    ScaleItem(
        5,
        "5a",
        "Cutting food and handling utensils (no feeding tube)",
        "fine_motor",
        (
            "Normal",
            "Somewhat slow and clumsy, but no help needed",
            "Can cut most foods, although clumsy and slow; some help needed",
            "Food must be cut by someone, but can still feed slowly",
            "Needs to be fed",
        ),
    ),
    ScaleItem(
        6,
        "6",
        "Dressing and hygiene",
        "fine_motor",
        (
            "Normal function",
            "Independent and complete self-care with effort or decreased efficiency",
            "Intermittent assistance or substitute methods",
            "Needs attendant for self-care",
            "Total dependence",
        ),
    ),
    ScaleItem(
        7,
        "7",
        "Turning in bed and adjusting bed clothes",
        "gross_motor",
        (
            "Normal",
            "Somewhat slow and clumsy, but no help needed",
            "Can turn alone or adjust sheets, but with great difficulty",
            "Can initiate, but not turn or adjust sheets alone",
            "Helpless",
        ),
    ),
    ScaleItem(
        8,
        "8",
        "Walking",
        "gross_motor",
        (
            "Normal",
            "Early ambulation difficulties (early walking problems)",
            "Walks with assistance (a person, cane or walker)",
            "Non-ambulatory functional movement only (cannot walk; can move the legs)",
            "No purposeful leg movement",
        ),
    ),
    ScaleItem(
        9,
        "9",
        "Climbing stairs",
        "gross_motor",
        ("Normal", "Slow", "Mild unsteadiness or fatigue", "Needs assistance", "Cannot do"),
    ),
    ScaleItem(
        10,
        "10",
        "Dyspnea (shortness of breath)",
        "respiratory",
        (
            "None",
            "Occurs when walking",
            "Occurs with one or more of: eating, bathing, dressing",
            "Occurs at rest: difficulty breathing when either sitting or lying",
            "Significant difficulty: considering using mechanical respiratory support",
        ),
    ),
    ScaleItem(
        11,
        "11",
        "Orthopnea (breathless lying flat)",
        "respiratory",
        (
            "None",
            "Some difficulty sleeping at night due to shortness of breath; "
            "does not routinely use more than two pillows",
            "Needs extra pillows in order to sleep (more than two)",
            "Can only sleep sitting up",
            "Unable to sleep",
        ),
    ),
    ScaleItem(
        12,
        "12",
        "Respiratory insufficiency (breathing machine use)",
        "respiratory",
        (
            "None",
            "Intermittent use of BiPAP (a breathing machine with a mask)",
            "Continuous use of BiPAP during the night",
            "Continuous use of BiPAP during the night and day",
            "Invasive mechanical ventilation by intubation or tracheostomy",
        ),
    ),
)

ITEM_5B = ScaleItem(
    5,
    "5b",
    "Handling utensils and fastenings (with a feeding tube)",
    "fine_motor",
    (
        "Normal",
        "Clumsy but able to perform all manipulations independently",
        "Some help needed with closures and fasteners",
        "Provides minimal assistance to caregiver",
        "Unable to perform any aspect of task",
    ),
)


def item(number: int, gastrostomy: bool | None) -> ScaleItem:
    """The item to ask as number ``number``; 5 becomes 5b when there is a feeding tube."""
    if number == 5 and gastrostomy is True:
        return ITEM_5B
    return ALSFRS_ITEMS[number - 1]


EL_ESCORIAL: dict[str, tuple[str, str]] = {
    "definite": (
        "Clinically definite ALS",
        "Signs of both upper and lower motor nerve damage in three body regions "
        "(for example mouth and throat, arms, legs).",
    ),
    "probable": (
        "Clinically probable ALS",
        "Signs of both upper and lower motor nerve damage in at least two body regions.",
    ),
    "probable_laboratory_supported": (
        "Clinically probable – laboratory supported",
        "Signs in one region, and a nerve test (EMG) shows damage in at least two regions.",
    ),
    "possible": (
        "Clinically possible ALS",
        "Signs in only one body region so far, or only upper motor nerve signs.",
    ),
}
"""Revised El Escorial categories: (name as written in the notes, plain explanation)."""

EL_ESCORIAL_INTRO = (
    "Neurologists often record how certain the diagnosis is, using the 'El Escorial' "
    "categories. You may find it in a clinic letter. Many studies accept only 'definite' "
    "or 'probable'. If you do not know, skip it: the study team can check."
)
GOLD_COAST_HELP = (
    "The Gold Coast criteria (2020) are a newer, simpler way to say 'this is ALS'. "
    "A few studies use them instead of El Escorial."
)
