"""Readers of yes/no answers and breathing support: flags, invasive ventilation, NIV."""

from __future__ import annotations

from screener.criteria.model import Criterion
from screener.errors import Unreadable
from screener.factors import SPECS
from screener.person.profile import Profile
from screener.screening.reading import (
    Fact,
    Reader,
    fmt,
    numeric,
    reads,
    register,
    unknown,
)

__all__ = [
    "PHRASES",
    "FLAGS",
    "flag_phrase",
    "flag_reader",
    "invasive_ventilation",
    "DAYTIME",
    "niv",
]

PHRASES: dict[str, tuple[str, str]] = {
    # factor: ("You said you …" when yes, … when no); the profile key is the factor's flag_key
    "gold_coast": ("meet the Gold Coast criteria", "do not meet the Gold Coast criteria"),
    "familial": ("have a family history of ALS or FTD", "have no family history of ALS or FTD"),
    "tracheostomy": ("have a tracheostomy", "do not have a tracheostomy"),
    "gastrostomy": ("have a feeding tube", "do not have a feeding tube"),
    "swallow_pills": (
        "can swallow tablets and liquids safely",
        "cannot swallow tablets and liquids safely",
    ),
    "pregnancy": ("are pregnant", "are not pregnant"),
    "breastfeeding": ("are breastfeeding", "are not breastfeeding"),
    "dementia": ("have dementia or FTD", "do not have dementia or FTD"),
    "other_neurological_disease": (
        "have another neurological disease",
        "do not have another neurological disease",
    ),
}
"""How each yes/no factor's answer is said back to the person."""
FLAGS: frozenset[str] = frozenset(PHRASES)
"""The yes/no factors (each has a ``flag_key`` in the factor table)."""


def flag_phrase(factor: str, value: bool) -> str:
    """ "have a tracheostomy" / "do not have a tracheostomy" for condition wording."""
    yes, no = PHRASES[factor]
    return yes if value else no


def flag_reader(factor: str) -> Reader:
    """The reader of a yes/no factor: the person's yes or no under the factor's flag key."""
    flag_key, (yes, no) = SPECS[factor].flag_key, PHRASES[factor]
    if flag_key is None:
        raise ValueError(f"factor {factor!r} is not a yes/no answer")
    key: str = flag_key

    def read(p: Profile, c: Criterion) -> Fact:
        if not isinstance(c.value, bool):
            raise Unreadable(f"{factor} needs true or false, got {c.value!r}")
        answer: bool | None = getattr(p, key)
        if answer is None and factor in ("pregnancy", "breastfeeding") and p.sex == "male":
            # Not a guess: the question does not apply to a man.
            return Fact(not c.value, "This does not apply: you said your sex is male.")
        if answer is None:
            return unknown(key)
        said = f"You said you {yes if answer else no}."
        if factor == "familial" and answer:
            # The question asks about ALS *or FTD* in the family; a study's "sporadic" or
            # "familial ALS" is about ALS. A yes cannot tell the two apart, a no settles both.
            note = (
                f"{said} This study's rule is about ALS in the family, so if the relative had "
                "FTD only, the study team decides."
            )
            return Fact(None, said, False, (), note)
        if factor == "swallow_pills" and not answer:
            # The question asks about tablets *and* liquids; a study asks about one or the
            # other (mostly tablets). A no may mean only thin liquids are unsafe; a yes settles it.
            note = (
                f"{said} The question asked about tablets and liquids together; whether you "
                "can take what this study gives, the study team decides."
            )
            return Fact(None, said, False, (), note)
        scope = c.extra.get("scope")
        if scope and answer and c.value is True:
            # "Another neurodegenerative disease": a yes to the wider question does not settle it.
            note = f"{said} This study means only {scope} diseases; the study team can say."
            return Fact(None, said, False, (), note)
        return Fact(answer == c.value, said)

    return read


for _factor in PHRASES:
    register(_factor, flag_reader(_factor))


@reads("invasive_ventilation")
def invasive_ventilation(p: Profile, c: Criterion) -> Fact:
    if not isinstance(c.value, bool):
        raise Unreadable(f"invasive_ventilation needs true or false, got {c.value!r}")
    if p.ventilation is None:
        return unknown("ventilation")
    invasive = p.ventilation == "invasive"
    person = _ventilation_text(p.ventilation)
    return Fact(invasive == c.value, person)


def _ventilation_text(ventilation: str) -> str:
    return {
        "none": "You said you use no breathing machine.",
        "niv_night": "You said you use non-invasive ventilation (NIV) at night.",
        "niv_day_and_night": "You said you use non-invasive ventilation (NIV) day and night.",
        "invasive": "You said you are on invasive ventilation (through a tracheostomy or tube).",
    }[ventilation]


DAYTIME = "daytime"
"""``niv == "daytime"``: uses a breathing machine while awake, not only at night."""
_DAYTIME_HOURS = 12
"""More hours a day than a night's sleep: some of them are spent awake."""


@reads("niv")
def niv(p: Profile, c: Criterion) -> Fact:
    if c.value == DAYTIME:
        return _niv_daytime(p)
    if c.unit == "hours_per_day" or not isinstance(c.value, bool):
        return _niv_hours(p, c)
    if p.ventilation == "invasive":
        return unknown(
            note="You are on invasive ventilation; whether that counts here is for the study team."
        )
    if p.ventilation is not None:
        uses = p.ventilation in ("niv_night", "niv_day_and_night")
        return Fact(uses == c.value, _ventilation_text(p.ventilation))
    if p.niv_hours_per_day is not None:
        uses = p.niv_hours_per_day > 0
        return Fact(
            uses == c.value, f"You said you use NIV {fmt(p.niv_hours_per_day)} hours a day."
        )
    return unknown("ventilation")


def _niv_daytime(p: Profile) -> Fact:
    """Breathing support while awake: day-and-night NIV yes, night-time NIV no.

    Invasive ventilation can be used at night only, so it does not settle it.
    """
    if p.ventilation == "invasive":
        note = "You are on invasive ventilation; whether you use it while awake is for the team."
        return unknown(note=note)
    if p.ventilation is not None and p.ventilation != "niv_night":
        return Fact(p.ventilation != "none", _ventilation_text(p.ventilation))
    hours = p.niv_hours_per_day
    if hours is not None and (hours == 0 or hours > _DAYTIME_HOURS):
        return Fact(hours > 0, f"You said you use NIV {fmt(hours)} hours a day.")
    if p.ventilation == "niv_night":
        return Fact(False, _ventilation_text(p.ventilation))
    return unknown("ventilation")


def _niv_hours(p: Profile, c: Criterion) -> Fact:
    if p.niv_hours_per_day is not None:
        h = p.niv_hours_per_day
        return numeric(f"Your time on NIV ({fmt(h)} hours a day)", h, h, c)
    if p.ventilation == "none":
        return numeric("Your time on NIV (none)", 0.0, 0.0, c)
    return unknown("niv_hours_per_day")
