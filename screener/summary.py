"""What the person takes away: a printable summary for the neurologist, a CSV, the answers.

The HTML page is self-contained (inline CSS, no scripts, no fonts or images from anywhere):
it must print and open offline, and it must not make the person's browser call a server.
Every string that comes from the registry or from the person is escaped. These builders
return bytes or text for the person's own download; nothing is written on the server side.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from screener.data import StudySource
from screener.engine import StudyResult
from screener.evaluate import question
from screener.profile import Profile
from screener.result_view import phase_words, status_words
from screener.spreadsheet import defuse

DISCLAIMER = (
    "This is a pre-screen, not medical advice. It compares the answers below with each "
    "study's published eligibility criteria. Only the study team can decide who may take part."
)
CSV_COLUMNS: tuple[str, ...] = (
    "nct_id",
    "title",
    "verdict",
    "status",
    "nearest_site_km",
    "months_left",
    "not_met",
    "open_questions",
    "url",
)
SEPARATOR = " | "
MAX_POSSIBLE = 40
"""Enough for a consultation; with offline data most studies are 'possible' (hundreds)."""
LABELS: dict[str, str] = {
    "as_of": "Screening date",
    "age_years": "Age (years)",
    "sex": "Sex",
    "onset_date": "First symptom",
    "diagnosis_date": "Diagnosis",
    "diagnosis_category": "El Escorial category (as recorded)",
    "gold_coast": "Meets Gold Coast criteria",
    "familial": "Family history of ALS or FTD",
    "genes": "Gene tests",
    "alsfrs_r": "ALSFRS-R (self-reported)",
    "vital_capacity": "Vital capacity",
    "ventilation": "Breathing support",
    "niv_hours_per_day": "NIV hours a day",
    "tracheostomy": "Tracheostomy",
    "gastrostomy": "Feeding tube (gastrostomy)",
    "can_swallow_pills": "Can swallow pills and liquids",
    "riluzole": "Riluzole",
    "edaravone": "Edaravone",
    "tofersen": "Tofersen",
    "phenylbutyrate_taurursodiol": "AMX0035 / phenylbutyrate, TUDCA or UDCA",
    "investigational_drug_last_dose": "Last dose of any study drug",
    "pregnant": "Pregnant",
    "breastfeeding": "Breastfeeding",
    "dementia": "Dementia or FTD diagnosed",
    "other_neurological_disease": "Other neurological disease",
    "location": "Location",
    "max_distance_km": "Can travel (km)",
}
VERDICT_HEADINGS: dict[str, str] = {
    "likely": "Likely fits: no rule failed and every answer needed was given",
    "possible": "Possible fits: some answers are missing or some rules need the study team",
    "excluded": "Not a fit on at least one rule (listed briefly)",
}
STILL_TO_CHECK: dict[str, str] = {"unknown": "Not answered", "needs_review": "Study team to check"}
_SOURCE_WORDS: dict[str, str] = {
    "snapshot": "the bundled offline snapshot of ClinicalTrials.gov",
    "live": "ClinicalTrials.gov (live)",
    "file": "a study file given to the screener",
}
_KEY = re.compile(r"^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?$")
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#111;
max-width:60rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:2px solid #444;
margin-top:1.8rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.disclaimer{border:2px solid #333;padding:.6rem .8rem;font-weight:600;background:#f4f4f4}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border:1px solid #999;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}.study{border:1px solid #bbb;padding:.2rem .8rem .6rem;margin:.8rem 0;
page-break-inside:avoid}.meta{color:#333}.small{font-size:.9rem}ul{margin:.2rem 0}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:#000}
a[href]::after{content:" (" attr(href) ")";font-size:.85em}.study{break-inside:avoid}
.disclaimer{background:none}}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _fmt(value: object) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return " ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {_fmt(v)}" for k, v in value.items())
    return str(value).replace("_", " ")


def _number(value: float | None, digits: int, unit: str = "") -> str:
    return "not known" if value is None else f"{round(value, digits):g}{unit}"


def question_words(key: str) -> str:
    """A profile key as the plain question it stands for; other text is returned as is."""
    return question(key) if _KEY.match(key) else key


def _derived_rows(profile: Profile) -> list[tuple[str, str]]:
    mitos = profile.mitos_stage
    return [
        ("Screening date", profile.as_of_date.isoformat()),
        ("Months since first symptom", _number(profile.months_since_onset, 1)),
        ("Months since diagnosis", _number(profile.months_since_diagnosis, 1)),
        ("ALSFRS-R total (0–48)", _number(profile.alsfrs_total, 0)),
        ("ΔFS (points lost a month since onset)", _number(profile.delta_fs, 2)),
        (
            "MiToS stage (0–4)",
            "not known (needs the 12 item scores)" if mitos is None else str(mitos),
        ),
    ]


def _table(rows: Iterable[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th scope='row'>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _source_html(source: StudySource) -> str:
    what = _SOURCE_WORDS.get(source.source, source.source)
    parts = [
        f"<p>Studies from {_e(what)}, data dated <strong>{_e(source.retrieved)}</strong> "
        f"({len(source.records)} studies). Registry records change: check each study's "
        "current record before acting on this page.</p>"
    ]
    if source.notice:
        parts.append(f"<p><strong>Notice:</strong> {_e(source.notice)}</p>")
    if source.limits:
        items = "".join(f"<li>{_e(limit)}</li>" for limit in source.limits)
        parts.append(f"<p>Limits of this data:</p><ul class='small'>{items}</ul>")
    return "".join(parts)


def _link(result: StudyResult) -> str:
    return f"<a href='{_e(result.record.url)}'>{_e(result.nct_id)}</a>"


def _study_html(result: StudyResult) -> str:
    record = result.record
    facts = [
        _e(status_words(record.status)),
        _e(phase_words(record)),
        "Nearest site: "
        + ("not known" if result.nearest_site_km is None else f"{result.nearest_site_km:g} km"),
    ]
    if result.months_left is not None:
        facts.append(f"Months left in its onset window: {result.months_left:g}")
    if record.last_update:
        facts.append(f"Record last updated: {_e(record.last_update)}")
    open_rows = [
        f"<tr><td>{_e(STILL_TO_CHECK[r.status])}</td>"
        f"<td>{_e('Must have' if r.criterion.kind == 'inclusion' else 'Must not have')}</td>"
        f"<td>{_e(r.criterion.text)}</td><td>{_e(r.why)}</td></tr>"
        for r in result.criteria
        if r.status in STILL_TO_CHECK
    ]
    met = [f"<li>{_e(r.criterion.text)}</li>" for r in result.criteria if r.status == "met"]
    parts = [
        f"<section class='study'><h3>{_e(result.title)}</h3>",
        f"<p class='meta'>{_link(result)} · {' · '.join(facts)}</p>",
    ]
    if open_rows:
        parts.append(
            "<p><strong>Still to check</strong> (the study's own words):</p><table><tr>"
            "<th>Why open</th><th>Rule</th><th>The study's words</th><th>Reason</th></tr>"
            + "".join(open_rows)
            + "</table>"
        )
    if met:
        parts.append(f"<p><strong>Met</strong>:</p><ul class='small'>{''.join(met)}</ul>")
    if not open_rows and not met:
        parts.append("<p>No criteria could be read for this study; see its record.</p>")
    notes = "".join(f"<li>{_e(n)}</li>" for n in result.notes)
    if notes:
        parts.append(f"<ul class='small'>{notes}</ul>")
    parts.append("</section>")
    return "".join(parts)


def _excluded_html(results: Sequence[StudyResult]) -> str:
    items = []
    for result in results:
        unmet = "".join(f"<li>{_e(r.criterion.text)}</li>" for r in result.not_met())
        items.append(f"<li>{_e(result.title)} ({_link(result)})<ul class='small'>{unmet}</ul></li>")
    return f"<ul>{''.join(items)}</ul>"


def summary_html(
    profile: Profile,
    results: Sequence[StudyResult],
    source: StudySource,
    *,
    max_possible: int | None = MAX_POSSIBLE,
) -> str:
    """A self-contained printable HTML page for the neurologist.

    Likely and possible studies are shown in the order given (the engine puts nearer sites
    and closing windows first): every likely one, and at most ``max_possible`` possible ones
    so the page stays printable; the page says how many more there are (all are in the CSV).
    """
    answers = answers_dict(profile)
    answer_rows = [(label, _fmt(answers.get(key))) for key, label in LABELS.items()]
    groups = {v: [r for r in results if r.verdict == v] for v in VERDICT_HEADINGS}
    counts = ", ".join(f"{len(groups[v])} {v}" for v in VERDICT_HEADINGS)
    body = [
        "<h1>ALS clinical-trial pre-screen: summary for the neurologist</h1>",
        f"<p class='disclaimer'>{_e(DISCLAIMER)}</p>",
        "<h2>Where the study data come from</h2>",
        _source_html(source),
        "<h2>Answers given</h2>",
        "<p class='small'>As entered by the person or their caregiver; "
        "unanswered questions are shown as such and were never treated as 'no'.</p>",
        _table(answer_rows),
        "<h2>Derived values</h2>",
        _table(_derived_rows(profile)),
        "<h2>Studies</h2>",
        f"<p>{_e(counts)}.</p>",
    ]
    for verdict in ("likely", "possible"):
        body.append(f"<h2>{_e(VERDICT_HEADINGS[verdict])}</h2>")
        if not groups[verdict]:
            body.append("<p>None.</p>")
        shown = groups[verdict][: max_possible if verdict == "possible" else None]
        body.extend(_study_html(r) for r in shown)
        hidden = len(groups[verdict]) - len(shown)
        if hidden:
            body.append(
                f"<p><strong>{hidden} more {verdict} studies are not shown here</strong>; "
                "they are all in the results CSV download.</p>"
            )
    if groups["excluded"]:
        body.append(f"<h2>{_e(VERDICT_HEADINGS['excluded'])}</h2>")
        body.append(_excluded_html(groups["excluded"]))
    body.append(f"<p class='small'>{_e(DISCLAIMER)}</p>")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>ALS trial pre-screen summary</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def results_csv(results: Sequence[StudyResult]) -> bytes:
    """One row per study (UTF-8 with BOM so spreadsheet programs read the accents).

    Cells a spreadsheet would run as formulas are defused (see screener.spreadsheet).
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        row = {
            "nct_id": r.nct_id,
            "title": r.title,
            "verdict": r.verdict,
            "status": r.record.status or "",
            "nearest_site_km": "" if r.nearest_site_km is None else r.nearest_site_km,
            "months_left": "" if r.months_left is None else r.months_left,
            "not_met": SEPARATOR.join(c.criterion.text for c in r.not_met()),
            "open_questions": SEPARATOR.join(question_words(q) for q in r.open_questions),
            "url": r.record.url,
        }
        writer.writerow({key: defuse(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def answers_dict(profile: Profile) -> dict[str, Any]:
    """The answers in the contract §1 shape (unanswered keys left out)."""
    data: dict[str, Any] = profile.model_dump(mode="json", exclude_none=True)
    return data


def answers_json(profile: Profile) -> bytes:
    """The answers as JSON the app and ``parse_profile`` load back unchanged."""
    return json.dumps(answers_dict(profile), indent=2, ensure_ascii=False).encode("utf-8")
