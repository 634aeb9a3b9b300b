"""The candidate CSV's columns (contract §4) and their vectorised cell parsers.

Each parser takes a column of stripped strings (blank = unknown) and returns the parsed values
(``None`` where blank) and, for every cell it could not read, the problem in plain words.
Parsing a whole column at once with pandas keeps 10,000 rows well under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from screener.inputs.untrusted import quote

Parsed = tuple[list[Any], list[str]]
"""(values with None where blank, problem text or "" where the cell is fine), one per row."""

_DATE_HELP = "is not a date (write YYYY-MM-DD, YYYY-MM or MM/YYYY)"
_TRUE = ("yes", "y", "true", "t", "1")
_FALSE = ("no", "n", "false", "f", "0")


def _quoted(cells: pd.Series) -> pd.Series:
    """Cells as messages quote them: at most 200 characters, control characters escaped."""
    return cells.map(quote)


def _result(values: pd.Series, problems: pd.Series) -> Parsed:
    return values.astype(object).where(values.notna(), None).tolist(), problems.tolist()


def _no_problems(cells: pd.Series) -> pd.Series:
    return pd.Series("", index=cells.index, dtype=object)


def parse_text(cells: pd.Series) -> Parsed:
    """Free text (ids, postal codes, cities): kept as written."""
    return _result(cells.where(cells != "", None), _no_problems(cells))


def _numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    # A lone decimal comma ("52,5") is how many European spreadsheets write a decimal point;
    # three digits after it ("1,000") may be a thousands separator, so that stays unread.
    text = cells.str.replace(r"^(-?\d+),(\d{1,2})$", r"\1.\2", regex=True)
    numbers = pd.to_numeric(text.where(text != "", None), errors="coerce")
    bad = (cells != "") & (numbers.isna() | ~np.isfinite(numbers.astype(float).fillna(0.0)))
    return numbers.astype(float), bad


def parse_number(cells: pd.Series) -> Parsed:
    """A number such as ``52`` or ``52.5``."""
    numbers, bad = _numbers(cells)
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " is not a number")
    return _result(numbers.where(~bad), problems)


def parse_percent(cells: pd.Series) -> Parsed:
    """A percentage written ``58%`` or ``58``."""
    numbers, bad = _numbers(cells.str.replace(r"\s*%$", "", regex=True))
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " is not a percentage")
    return _result(numbers.where(~bad), problems)


def _integers(cells: pd.Series, low: int, high: int, what: str) -> Parsed:
    numbers, bad = _numbers(cells)
    whole = numbers.notna() & (numbers == numbers.round())
    out = (cells != "") & ~bad & (~whole | (numbers < low) | (numbers > high))
    problems = _no_problems(cells).mask(bad | out, _quoted(cells) + f" is not {what}")
    floats, listed = _result(numbers.where(~bad & ~out), problems)
    return [None if v is None else int(v) for v in floats], listed


def parse_count(cells: pd.Series) -> Parsed:
    """A whole number of zero or more (treatment cycles)."""
    return _integers(cells, 0, 10_000, "a whole number of 0 or more")


def parse_alsfrs_item(cells: pd.Series) -> Parsed:
    """One ALSFRS-R item: a whole number of points from 0 to 4 (the scale's own range)."""
    return _integers(cells, 0, 4, "an ALSFRS-R item score (a whole number from 0 to 4)")


def parse_alsfrs_total(cells: pd.Series) -> Parsed:
    """An ALSFRS-R total: a whole number of points from 0 to 48 (twelve items of 0-4)."""
    return _integers(cells, 0, 48, "an ALSFRS-R total (a whole number from 0 to 48)")


def parse_bool(cells: pd.Series) -> Parsed:
    """yes/no, true/false, 1/0 (any case)."""
    lower = cells.str.lower()
    true, false = lower.isin(_TRUE), lower.isin(_FALSE)
    values = pd.Series(np.where(true, 1.0, np.where(false, 0.0, np.nan)), index=cells.index)
    bad = (cells != "") & ~true & ~false
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " is not yes/no/true/false/1/0")
    floats, listed = _result(values, problems)
    return [None if v is None else v == 1.0 for v in floats], listed


def parse_date(cells: pd.Series) -> Parsed:
    """A date: ``2025-03-14``, ``2025-03`` or ``03/2025``; a month stays a month (YYYY-MM)."""
    text = cells.str.replace(
        r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$", r"\1", regex=True
    )
    parts = text.str.extract(
        r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})(?:-(?P<d1>\d{1,2}))?|(?P<m2>\d{1,2})/(?P<y2>\d{4}))$"
    )
    year = parts["y1"].fillna(parts["y2"])
    month = parts["m1"].fillna(parts["m2"])
    day = parts["d1"]
    iso = year.str.cat(month.str.zfill(2), sep="-")
    full = iso.str.cat(day.str.zfill(2), sep="-")
    checked = pd.to_datetime(full.fillna(iso + "-01"), format="%Y-%m-%d", errors="coerce")
    values = full.where(day.notna(), iso).where(checked.notna())
    bad = (cells != "") & values.isna()
    problems = _no_problems(cells).mask(bad, _quoted(cells) + " " + _DATE_HELP)
    return _result(values, problems)


def parse_date_or_never(cells: pd.Series) -> Parsed:
    """A date, or ``never``."""
    never = (cells.str.lower() == "never").tolist()
    values, problems = parse_date(cells.mask(cells.str.lower() == "never", ""))
    values = ["never" if n else v for v, n in zip(values, never, strict=True)]
    problems = [p.replace(_DATE_HELP[:-1], _DATE_HELP[:-1] + " or never") for p in problems]
    return values, problems


def choice(*allowed: str, aliases: dict[str, str] | None = None) -> Callable[[pd.Series], Parsed]:
    """A parser for one of ``allowed`` (any case; spaces and hyphens read as underscores)."""
    table = {a: a for a in allowed} | (aliases or {})

    def parse(cells: pd.Series) -> Parsed:
        key = cells.str.lower().str.replace(r"[\s\-]+", "_", regex=True)
        values = key.map(table)
        bad = (cells != "") & values.isna()
        problems = _no_problems(cells).mask(
            bad, _quoted(cells) + " is not one of " + "/".join(allowed)
        )
        return _result(values, problems)

    return parse


@dataclass(frozen=True, slots=True)
class Column:
    """One CSV column: its parser and where its value goes in the profile (a key path)."""

    name: str
    parse: Callable[[pd.Series], Parsed]
    path: tuple[str, ...]


_STATUS = choice("never", "current", "past")
_GENE = choice("positive", "negative", "not_tested")

COLUMNS: tuple[Column, ...] = (
    Column("id", parse_text, ()),
    Column("as_of", parse_date, ("as_of",)),
    Column("age_years", parse_number, ("age_years",)),
    Column("sex", choice("female", "male", aliases={"f": "female", "m": "male"}), ("sex",)),
    Column("onset_date", parse_date, ("onset_date",)),
    Column("diagnosis_date", parse_date, ("diagnosis_date",)),
    Column(
        "diagnosis_category",
        choice("definite", "probable", "probable_laboratory_supported", "possible", "unknown"),
        ("diagnosis_category",),
    ),
    Column("gold_coast", parse_bool, ("gold_coast",)),
    Column("familial", parse_bool, ("familial",)),
    Column("gene_sod1", _GENE, ("genes", "SOD1")),
    Column("gene_c9orf72", _GENE, ("genes", "C9orf72")),
    Column("gene_fus", _GENE, ("genes", "FUS")),
    Column("gene_tardbp", _GENE, ("genes", "TARDBP")),
    Column("gene_other", _GENE, ("genes", "other")),
    Column("alsfrs_r_total", parse_alsfrs_total, ("alsfrs_r", "total")),
    *(
        Column(f"alsfrs_r_{n}", parse_alsfrs_item, ("alsfrs_r", "items", str(n)))
        for n in range(1, 13)
    ),
    Column("alsfrs_r_date", parse_date, ("alsfrs_r", "date")),
    Column("vc_test", choice("svc", "fvc"), ("vital_capacity", "test")),
    Column("vc_percent", parse_percent, ("vital_capacity", "percent_predicted")),
    Column("vc_date", parse_date, ("vital_capacity", "date")),
    Column(
        "ventilation",
        choice("none", "niv_night", "niv_day_and_night", "invasive"),
        ("ventilation",),
    ),
    Column("niv_hours_per_day", parse_number, ("niv_hours_per_day",)),
    Column("tracheostomy", parse_bool, ("tracheostomy",)),
    Column("gastrostomy", parse_bool, ("gastrostomy",)),
    Column("can_swallow_pills", parse_bool, ("can_swallow_pills",)),
    Column("riluzole_status", _STATUS, ("riluzole", "status")),
    Column("riluzole_stable_since", parse_date, ("riluzole", "stable_since")),
    Column("riluzole_last_dose", parse_date, ("riluzole", "last_dose")),
    Column("edaravone_status", _STATUS, ("edaravone", "status")),
    Column("edaravone_form", choice("iv", "oral"), ("edaravone", "form")),
    Column("edaravone_stable_since", parse_date, ("edaravone", "stable_since")),
    Column("edaravone_cycles_completed", parse_count, ("edaravone", "cycles_completed")),
    Column("edaravone_last_dose", parse_date, ("edaravone", "last_dose")),
    Column("tofersen_status", _STATUS, ("tofersen", "status")),
    Column(
        "phenylbutyrate_taurursodiol_status", _STATUS, ("phenylbutyrate_taurursodiol", "status")
    ),
    Column(
        "phenylbutyrate_taurursodiol_last_dose",
        parse_date,
        ("phenylbutyrate_taurursodiol", "last_dose"),
    ),
    Column(
        "investigational_drug_last_dose", parse_date_or_never, ("investigational_drug_last_dose",)
    ),
    Column("pregnant", parse_bool, ("pregnant",)),
    Column("breastfeeding", parse_bool, ("breastfeeding",)),
    Column("dementia", parse_bool, ("dementia",)),
    Column("other_neurological_disease", parse_bool, ("other_neurological_disease",)),
    Column("postal_code", parse_text, ("location", "postal_code")),
    Column("city", parse_text, ("location", "city")),
    Column("country", parse_text, ("location", "country")),
    Column("max_distance_km", parse_number, ("max_distance_km",)),
)
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}


def column_for_key(key: str) -> str | None:
    """The CSV column a profile key path (``vital_capacity.percent_predicted``) came from."""
    key = key.split(" (", 1)[0]
    parts = tuple(p for p in key.replace("[", ".").replace("]", "").split(".") if p)
    if parts[:2] == ("alsfrs_r", "items") and len(parts) == 3 and parts[2].isdigit():
        # Profile item indices count from 0; the CSV's item columns count from 1.
        return f"alsfrs_r_{int(parts[2]) + 1}"
    for column in COLUMNS:
        if column.path and column.path == parts:
            return column.name
    return None


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def flatten_profile(profile: Mapping[str, Any]) -> dict[str, str]:
    """A contract §1 profile as one CSV row (the columns it answers), for templates and tests."""
    row: dict[str, str] = {}
    for column in COLUMNS:
        node: Any = profile
        for key in column.path[:2] if column.path[:2] == ("alsfrs_r", "items") else column.path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if not column.path or node is None:
            continue
        if column.path[:2] == ("alsfrs_r", "items"):
            node = node[int(column.path[2]) - 1]
        row[column.name] = _cell(node)
    return row


_QUESTION_COLUMNS: dict[str, str] = {
    "alsfrs_r": "alsfrs_r_total",
    "alsfrs_r.items": "alsfrs_r_1..alsfrs_r_12",
    "vital_capacity": "vc_percent",
    "genes": "gene_sod1/gene_c9orf72/gene_fus/gene_tardbp",
}


def question_column(key: str) -> str:
    """The CSV column(s) that answer a profile key the engine asks about (``genes.SOD1`` →
    ``gene_sod1``, ``riluzole`` → ``riluzole_status``); the key itself when no column does."""
    if key in _QUESTION_COLUMNS:
        return _QUESTION_COLUMNS[key]
    name = key.replace(".", "_")
    if key.startswith("genes."):
        name = "gene_" + key[6:].lower()
    for candidate in (name, f"{name}_status"):
        if candidate in BY_NAME:
            return candidate
    return key
