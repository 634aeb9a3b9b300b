"""The candidate CSV's columns (contract §4): each column's parser and its place in a profile.

The column names are the contract's; a column's ``path`` is the profile key it fills, so one
table serves reading a file, writing a template and naming the column behind a question.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from screener.triage.candidate_values import (
    Parsed,
    choice,
    parse_alsfrs_item,
    parse_alsfrs_total,
    parse_bool,
    parse_count,
    parse_date,
    parse_date_or_never,
    parse_number,
    parse_percent,
    parse_text,
)

__all__ = ["Column", "COLUMNS", "BY_NAME", "column_for_key", "flatten_profile", "question_column"]


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
