"""The ``screen --format table`` text: results a person can read in a terminal.

Verdicts are given in words; every "not a fit" row says which of the study's rules was not
met, in the study's own words. The data source and date head the table, and the
"pre-screen, not medical advice" line is always there.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from screener.registry.source import StudySource
from screener.reports.wording import DISCLAIMER_LINE, source_name
from screener.screening.engine import StudyResult
from screener.screening.evaluate import question
from screener.screening.verdicts import VERDICTS

__all__ = ["VERDICT_WORDS", "DISCLAIMER", "WIDTH", "TITLE_WIDTH", "results_table"]

VERDICT_WORDS: dict[str, str] = {v: words.table for v, words in VERDICTS.items()}
DISCLAIMER = DISCLAIMER_LINE
WIDTH = 100
TITLE_WIDTH = 52


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _months(result: StudyResult) -> str:
    if result.months_left is None:
        return ""
    clock = {"onset": "onset", "diagnosis": "diag."}.get(result.months_left_clock or "", "")
    return f"{result.months_left:g} {clock}".strip()


def _km(result: StudyResult) -> str:
    if result.nearest_site_km is None:
        return "unknown" if result.distance == "unknown" else ""
    far = "!" if result.distance == "beyond" else ""
    return f"{far}{result.nearest_site_km:,.0f} km"


def _checked(result: StudyResult) -> str:
    cover = result.coverage
    return f"{cover.checked}/{cover.stated}"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def results_table(source: StudySource, results: Sequence[StudyResult]) -> str:
    """A plain-text table of the results, grouped by verdict, with reasons for each not-a-fit."""
    kind = source_name(source.source)
    lines = [
        f"ALS study pre-screen · data: {kind}, as of {source.retrieved} · "
        f"{len(results)} studies screened",
        DISCLAIMER,
    ]
    if source.notice:
        lines.append(source.notice)
    counts = {v: sum(1 for r in results if r.verdict == v) for v in VERDICT_WORDS}
    lines.append(" · ".join(f"{VERDICT_WORDS[v]}: {n}" for v, n in counts.items()))
    lines.append("")
    header = (
        f"{'Verdict':<13} {'Study':<12} {'Title':<{TITLE_WIDTH}} {'Checked':>7} "
        f"{'Months left':>11} {'Site':>9}"
    )
    lines += [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{VERDICT_WORDS[r.verdict]:<13} {r.nct_id:<12} "
            f"{_cut(r.title, TITLE_WIDTH):<{TITLE_WIDTH}} {_checked(r):>7} "
            f"{_months(r):>11} {_km(r):>9}"
        )
        if r.not_yet is not None:
            lines += _wrap(f"⏳ {r.not_yet.words()}", "    ")
        for c in r.not_met():
            lines += _wrap(f"✗ {c.why}", "    ")
            lines += _wrap(f'Study\'s words: "{_cut(c.criterion.text, 300)}"', "      ")
        review = sum(1 for c in r.criteria if c.status == "needs_review")
        if r.verdict == "likely" and review:
            lines += _wrap(
                f"~ {review} of {len(r.criteria)} criteria are for the study team to check", "    "
            )
        if r.verdict == "possible" and r.open_questions:
            asked = "; ".join(question(k) for k in r.open_questions)
            lines += _wrap(f"? Would help to know: {asked}", "    ")
    lines += [
        "",
        "Checked: criteria the answers settled, of all the criteria the study states.",
        "Months left: time before you pass the study's limit on months since first symptom "
        "(onset) or since diagnosis (diag.).",
        "Site: '!' marks a nearest site beyond the distance you can travel; 'unknown': no site "
        "location in this data.",
        "Read each study's whole record at https://clinicaltrials.gov/study/<Study>.",
    ]
    return "\n".join(lines)
