"""One function per question step; each draws its questions with skip-able widgets.

The ALSFRS-R step, with its twelve items and live scores, is ``alsfrs_step.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from screener.person import questionnaire as q
from screener.person.question_text import EL_ESCORIAL, EL_ESCORIAL_INTRO, GOLD_COAST_HELP
from screener.places.geocode import locate
from screener.ui import state
from screener.ui.alsfrs_step import alsfrs
from screener.ui.widgets import choice, month_year, number, pick, text, yes_no

__all__ = [
    "STATUS",
    "GENE_RESULT",
    "about",
    "dates",
    "diagnosis",
    "genes",
    "support",
    "breathing",
    "medicines",
    "health",
    "location",
    "RENDER",
]

STATUS = {"never": "Never taken", "current": "Taking it now", "past": "Took it before"}
GENE_RESULT = {
    "positive": "Positive (a variant found)",
    "negative": "Negative",
    "not_tested": "Not tested",
}


def about() -> None:
    """Age and sex."""
    pick(
        state.you("How old are you?", "How old is the person with ALS?"),
        "age_years",
        list(range(5, 101)),
        help="Type the number to jump to it.",
    )
    st.caption(
        "Most studies take adults (18 and over); a few, for example some FUS-ALS studies, "
        "take younger people."
    )
    choice("Sex (as the study registry records it)", "sex", {"female": "Female", "male": "Male"})


def dates() -> None:
    """First symptom and diagnosis, month precision."""
    st.write(
        "Many studies only take people within 2 or 3 years of the **first symptom**. "
        "A best guess of the month is fine."
    )
    month_year(
        "First symptom",
        "onset",
        help="The first weakness, stiffness, slurred speech or swallowing problem.",
    )
    month_year("Diagnosis of ALS", "diagnosis")


def diagnosis() -> None:
    """El Escorial category, Gold Coast, family history."""
    st.write(EL_ESCORIAL_INTRO)
    choice(
        "Diagnosis category recorded by the neurologist (El Escorial)",
        "diagnosis_category",
        {k: name for k, (name, _) in EL_ESCORIAL.items()},
        captions=[plain for _, plain in EL_ESCORIAL.values()],
        horizontal=False,
    )
    yes_no(
        "Does the neurologist say it meets the Gold Coast criteria?",
        "gold_coast",
        help=GOLD_COAST_HELP,
    )
    yes_no("Has anyone else in the family had ALS or frontotemporal dementia (FTD)?", "familial")


def genes() -> None:
    """Genetic test results, gene by gene."""
    st.write(
        "Some studies are only for people with a change in one gene (for example SOD1 "
        "or FUS). If no genetic test was done, choose 'Not tested'."
    )
    for gene in q.GENES:
        name = "another ALS gene" if gene == "other" else gene
        choice(f"Result for {name}", f"gene_{gene}", GENE_RESULT)


def support() -> None:
    """Feeding tube, pills, breathing support."""
    yes_no("Is there a feeding tube (PEG, RIG or gastrostomy)?", "gastrostomy")
    yes_no("Can tablets and liquids be swallowed safely?", "can_swallow_pills")
    ventilation = choice(
        "Breathing support now",
        "ventilation",
        {
            "none": "None",
            "niv_night": "Mask machine (BiPAP/NIV) at night",
            "niv_day_and_night": "Mask machine day and night",
            "invasive": "Ventilator through a tracheostomy or tube",
        },
        horizontal=False,
    )
    if ventilation in ("niv_night", "niv_day_and_night"):
        pick("About how many hours a day on the mask machine?", "niv_hours", list(range(25)))
    yes_no("Is there a tracheostomy (a breathing tube in the neck)?", "tracheostomy")


def breathing() -> None:
    """Vital capacity test."""
    st.write(
        "Most studies ask for a breathing test result: the vital capacity, as a "
        "percentage of what is expected (% predicted). It is in clinic letters."
    )
    choice(
        "Which test?",
        "vc_test",
        {"svc": "Slow vital capacity (SVC)", "fvc": "Forced vital capacity (FVC)"},
        skip_label="I don't know which test",
    )
    pick(
        "Result, % predicted",
        "vc_percent",
        list(range(150, 4, -1)),
        format_func=lambda p: f"{p} %",
        help="Type the number to jump to it. The result only counts once the test is chosen.",
    )
    month_year("Date of the test", "vc")
    first = state.answers().get("vc_test")
    if first in ("svc", "fvc"):
        other = "FVC" if first == "svc" else "SVC"
        # Asked as one yes/no key so that someone with one test leaves the step in one press.
        also = choice(
            f"Do you also have an {other} result? Some studies ask for it instead.",
            "vc2_has",
            {True: "Yes", False: "No"},
        )
        if also is not True and state.answers().get("vc2_percent") is None:
            return
        pick(
            f"{other} result, % predicted",
            "vc2_percent",
            list(range(150, 4, -1)),
            format_func=lambda p: f"{p} %",
        )
        month_year(f"Date of the {other}", "vc2")


def medicines() -> None:
    """Riluzole, edaravone, tofersen, AMX0035."""
    st.write("Studies often ask that ALS medicines are taken at a steady dose for a while.")
    if choice("Riluzole (Rilutek, Tiglutik, Exservan)", "riluzole_status", STATUS) == "current":
        month_year("On the same riluzole dose since", "riluzole_since")
    eda = choice("Edaravone (Radicava)", "edaravone_status", STATUS)
    if eda in ("current", "past"):
        choice(
            "How is edaravone given?",
            "edaravone_form",
            {"iv": "Into a vein (IV)", "oral": "By mouth (oral suspension)"},
        )
        pick("Treatment cycles completed", "edaravone_cycles", list(range(61)))
    if eda == "current":
        month_year("On the same edaravone schedule since", "edaravone_since")
    choice("Tofersen (Qalsody), for SOD1-ALS", "tofersen_status", STATUS)
    pb = choice(
        "AMX0035 (Relyvrio / Albrioza), or sodium phenylbutyrate, TUDCA or UDCA",
        "phenylbutyrate_taurursodiol_status",
        STATUS,
    )
    if pb == "past":
        month_year("AMX0035 last dose", "phenylbutyrate_taurursodiol_last")


def health() -> None:
    """Study drugs, pregnancy, dementia, other neurological disease."""
    drug = choice(
        state.you(
            "Have you taken part in another study with a study drug?",
            "Has the person with ALS taken part in another study with a study drug?",
        ),
        "study_drug",
        {"never": "Never", "yes": "Yes"},
    )
    if drug == "yes":
        month_year("Last dose of the study drug", "study_drug")
    if state.answers().get("sex") != "male":
        st.caption(
            "These two are asked because many drug studies exclude them. Skip if they do not apply."
        )
        yes_no("Pregnant now?", "pregnant")
        yes_no("Breastfeeding now?", "breastfeeding")
    yes_no("Has a doctor diagnosed dementia or FTD?", "dementia")
    yes_no(
        "Is there another disease of the brain or nerves besides ALS?",
        "other_neurological_disease",
        help="For example stroke, Parkinson's or multiple sclerosis.",
    )


def location() -> None:
    """Postal code or city, country, travel distance."""
    st.write(
        "Used only to work out distances to study sites, on this computer. It is not sent anywhere."
    )
    mode = choice(
        state.you("Where do you live?", "Where does the person with ALS live?"),
        "location_mode",
        {"postal_code": "I'll give a postal (ZIP) code", "city": "I'll give a city"},
    )
    if mode in ("postal_code", "city"):
        text("Postal code" if mode == "postal_code" else "City", mode)
        countries = q.countries()
        pick("Country", "country", list(countries), format_func=countries.__getitem__)
        place = q.to_profile(state.answers()).get("location")
        if place is not None and locate(place) is not None:
            st.success("Found on the offline map. Distances to study sites can be shown.")
        elif place is not None:
            st.warning(
                "This place is not in the offline list (postal codes work for the US only; "
                "cities need about 15,000 people or more). Try the nearest larger city. "
                "Without it, distances stay unknown; no study is hidden because of it."
            )
    number(
        state.you(
            "How far can you travel to a study site (km)?",
            "How far can the person with ALS travel to a study site (km)?",
        ),
        "max_distance_km",
        low=1.0,
        high=20000.0,
        step=50.0,
        help="Type any distance in kilometres (100 km is about 62 miles). Leave empty if unsure.",
    )


RENDER: dict[str, Callable[[], None]] = {
    "about": about,
    "dates": dates,
    "diagnosis": diagnosis,
    "genes": genes,
    "support": support,
    "breathing": breathing,
    "alsfrs": alsfrs,
    "medicines": medicines,
    "health": health,
    "location": location,
}
