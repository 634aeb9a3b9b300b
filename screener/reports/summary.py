"""What the person takes away: a printable summary for the neurologist, a CSV, the answers.

The HTML page is self-contained (inline CSS, no scripts, no fonts or images from anywhere):
it must print and open offline, and it must not make the person's browser call a server.
Every string that comes from the registry or from the person is escaped. These builders
return bytes or text for the person's own download; nothing is written on the server side.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from html import escape

from screener.person.profile import Profile
from screener.registry.kinds import study_kind
from screener.registry.records import StudyRecord
from screener.registry.source import StudySource
from screener.reports.answers import answer_rows, ask_words, derived_rows, question_words
from screener.reports.result_view import KIND_WORDS, phase_words, status_words
from screener.reports.spreadsheet import defuse
from screener.reports.summary_studies import (
    MAX_POSSIBLE,
    OPEN_STATUSES,
    listing,
    open_criteria_html,
)
from screener.reports.wording import DISCLAIMER_PAGE, age_words, source_name
from screener.screening.engine import StudyResult
from screener.screening.evaluate import CriterionResult
from screener.screening.verdicts import VERDICTS

__all__ = [
    "DISCLAIMER",
    "CSV_COLUMNS",
    "SEPARATOR",
    "STATUS_ORDER",
    "VERDICT_WORDS",
    "kind_words",
    "summary_html",
    "results_csv",
]

DISCLAIMER = DISCLAIMER_PAGE
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
STATUS_ORDER: tuple[str, ...] = ("met", "not_met", "unknown", "needs_review")
VERDICT_WORDS: dict[str, str] = {v: words.summary for v, words in VERDICTS.items()}
_CSS = """
body{font:14px/1.35 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#111;
max-width:60rem;margin:1.2rem auto;padding:0 1rem}
h1{font-size:1.35rem;margin:.1rem 0}h2{font-size:1.1rem;border-bottom:2px solid #444;
margin:1rem 0 .3rem}h3{font-size:1rem;margin:.6rem 0 .2rem}
.disclaimer{border:2px solid #333;padding:.4rem .6rem;font-weight:600;background:#f4f4f4}
table{border-collapse:collapse;width:100%;margin:.3rem 0}
th,td{border:1px solid #999;padding:.15rem .35rem;text-align:left;vertical-align:top}
th{background:#eee}.study{border:1px solid #bbb;padding:.1rem .6rem .4rem;margin:.6rem 0}
.answers td,.answers th{width:25%}.meta{color:#333}.small{font-size:.85em}ul{margin:.1rem 0}
.open-title{margin:.3rem 0 0}.open{padding-left:1rem}.open li{margin:0}
@media print{@page{size:A4;margin:12mm}body{margin:0;max-width:none;font-size:9pt}
a{color:#000}.disclaimer{background:none}.study{break-inside:avoid}tr{break-inside:avoid}
.open-title{break-after:avoid}.open li{break-inside:avoid}.open li.review{break-inside:auto}
.open-list{column-count:2;column-gap:6mm;font-size:8pt}.open-list h2{column-span:all}}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _pairs_table(rows: Sequence[tuple[str, str]]) -> str:
    """Label/answer pairs two to a row, so the answers fit half a page."""
    cells = [f"<th scope='row'>{_e(k)}</th><td>{_e(v)}</td>" for k, v in rows]
    if len(cells) % 2:
        cells.append("<td></td><td></td>")
    body = "".join(f"<tr>{cells[i]}{cells[i + 1]}</tr>" for i in range(0, len(cells), 2))
    return f"<table class='answers'>{body}</table>"


def _source_html(source: StudySource, screened_on: date) -> str:
    """Where the studies come from, and how old the data were on the screening day."""
    what = source_name(source.source, long=True)
    age = age_words(source.retrieved, screened_on)
    when = "from the screening day" if age == "today" else f"{age} on the screening day"
    parts = [
        f"<p class='small'>Studies from {_e(what)}, data dated <strong>{_e(source.retrieved)}"
        f"</strong>" + (f" (<strong>{_e(when)}</strong>)" if age else "") + f", "
        f"{len(source.records)} studies. Registry records change: check each "
        "study's current record before acting on this page.</p>"
    ]
    if source.notice:
        parts.append(f"<p><strong>Notice:</strong> {_e(source.notice)}</p>")
    if source.limits:
        items = "".join(f"<li>{_e(limit)}</li>" for limit in source.limits)
        parts.append(f"<ul class='small'>{items}</ul>")
    return "".join(parts)


def kind_words(record: StudyRecord) -> str:
    """The kind of study in a few words ("Treatment study")."""
    return KIND_WORDS[study_kind(record)].split(" (")[0]


def _link(result: StudyResult) -> str:
    return f"<a href='{_e(result.record.url)}'>{_e(result.nct_id)}</a>"


def _months_left(result: StudyResult) -> str:
    if result.months_left is None:
        return "—"
    clock = {"onset": "since first symptom", "diagnosis": "since diagnosis"}
    return f"{result.months_left:g} (window {clock.get(result.months_left_clock or '', '')})"


def _site(result: StudyResult) -> str:
    if result.nearest_site_km is None:
        return "unknown"
    beyond = " — beyond the distance given" if result.distance == "beyond" else ""
    return f"{result.nearest_site_km:,.0f} km{beyond}"


def _overview_html(results: Sequence[StudyResult]) -> str:
    """Likely and possible studies in one table: what fits, how much was checked, what to ask."""
    rows = []
    for r in results:
        asked = "; ".join(ask_words(k) for k in r.open_questions)
        if not asked:
            left = any(c.status in OPEN_STATUSES for c in r.criteria)
            asked = "the study team (criteria listed below)" if left else "—"
        rows.append(
            f"<tr><td>{_e(VERDICT_WORDS[r.verdict])}</td>"
            f"<td>{_e(r.title)} ({_link(r)})<br><span class='small'>"
            f"{_e(kind_words(r.record))} · {_e(phase_words(r.record))}</span></td>"
            f"<td>{_e(r.coverage.words)}</td><td>{_e(_months_left(r))}</td>"
            f"<td>{_e(_site(r))}</td><td class='small'>{_e(asked)}</td></tr>"
        )
    return (
        "<table><tr><th>Fit</th><th>Study</th><th>Checked</th><th>Months left</th>"
        "<th>Nearest site</th><th>Would settle it</th></tr>" + "".join(rows) + "</table>"
    )


def _criteria_list(title: str, items: Sequence[CriterionResult], with_why: bool) -> str:
    if not items:
        return ""
    rows = "".join(
        f"<li>{_e(r.criterion.text)}" + (f" <em>— {_e(r.why)}</em>" if with_why else "") + "</li>"
        for r in items
    )
    return f"<p><strong>{_e(title)}</strong></p><ul class='small'>{rows}</ul>"


def _study_html(result: StudyResult) -> str:
    """One likely study: met, unmet and unknown criteria; unread ones listed once, unexplained."""
    record = result.record
    facts = [
        status_words(record.status),
        phase_words(record),
        result.coverage.words,
        f"nearest site: {_site(result)}",
    ]
    if result.months_left is not None:
        facts.append(f"months left: {_months_left(result)}")
    if record.last_update:
        facts.append(f"record last updated {record.last_update}")
    by = {s: [r for r in result.criteria if r.status == s] for s in STATUS_ORDER}
    review = by["needs_review"]
    parts = [
        f"<section class='study'><h3>{_e(result.title)}</h3>",
        f"<p class='meta small'>{_link(result)} · {_e(' · '.join(facts))}</p>",
        _criteria_list("Met", by["met"], with_why=False),
        _criteria_list("Not met", by["not_met"], with_why=True),
        _criteria_list("Not answered", by["unknown"], with_why=True),
    ]
    if review:
        parts.append(
            _criteria_list(
                f"For the study team ({len(review)} criteria the screener could not read; "
                "the study's words)",
                review,
                with_why=False,
            )
        )
    notes = [n for n in result.notes if "could not be checked automatically" not in n]
    if notes:
        parts.append("<ul class='small'>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def _excluded_html(results: Sequence[StudyResult]) -> str:
    items = []
    for result in results:
        unmet = "".join(f"<li>{_e(r.criterion.text)}</li>" for r in result.not_met())
        later = f"<br><strong>{_e(result.not_yet.words())}</strong>" if result.not_yet else ""
        items.append(
            f"<li>{_e(result.title)} ({_link(result)}){later}<ul class='small'>{unmet}</ul></li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def summary_html(
    profile: Profile,
    results: Sequence[StudyResult],
    source: StudySource,
    *,
    max_possible: int | None = MAX_POSSIBLE,
) -> str:
    """A self-contained printable HTML page for the neurologist.

    Page 1: the answers, then the likely and possible studies in one table (every likely one,
    at most ``max_possible`` possible ones, in the engine's order, with a count of the rest);
    then one section per likely study; then, for each possible study listed, its criteria still
    open (quoted, with why); then the studies that do not fit, briefly.
    """
    groups = {v: [r for r in results if r.verdict == v] for v in VERDICT_WORDS}
    counts = ", ".join(f"{len(groups[v])} {VERDICT_WORDS[v].lower()}" for v in VERDICT_WORDS)
    listed = listing(results, max_possible)
    shown, hidden = listed.shown, listed.left_out
    body = [
        "<h1>ALS clinical-trial pre-screen: summary for the neurologist</h1>",
        f"<p class='disclaimer'>{_e(DISCLAIMER)}</p>",
        f"<h2>Answers given (screening date {_e(profile.as_of_date.isoformat())})</h2>",
        "<p class='small'>As entered by the person or their caregiver; unanswered questions "
        "were never treated as 'no'.</p>",
        _pairs_table(answer_rows(profile)[1:] + derived_rows(profile)),
        f"<h2>Studies to discuss ({_e(counts)})</h2>",
        "<p class='small'>'Checked': criteria the answers settled, of all the study states. "
        "'Likely' needs every answer it asks for and its core ALS criteria checked.</p>",
        _overview_html(shown) if shown else "<p>No likely or possible studies.</p>",
    ]
    if hidden:
        body.append(
            f"<p><strong>{hidden} more possible studies are not shown here</strong>; "
            "they are all in the results CSV download.</p>"
        )
    if groups["likely"]:
        body.append("<h2>Likely studies, criterion by criterion</h2>")
        body.extend(_study_html(r) for r in groups["likely"])
    if listed.possible:
        body.append("<h2>Possible studies: the criteria still open, in the study's words</h2>")
        body.append(f"<div class='open-list'>{open_criteria_html(listed.possible)}</div>")
    if groups["excluded"]:
        body.append("<h2>Not a fit on at least one rule (the rule in the study's words)</h2>")
        body.append(_excluded_html(groups["excluded"]))
    body += ["<h2>Where the study data come from</h2>", _source_html(source, profile.as_of_date)]
    body.append(f"<p class='small'>{_e(DISCLAIMER)}</p>")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>ALS trial pre-screen summary</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def results_csv(results: Sequence[StudyResult]) -> bytes:
    """One row per study (UTF-8 with BOM so spreadsheet programs read the accents).

    Cells a spreadsheet would run as formulas are defused (see screener.reports.spreadsheet).
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
