"""The triage page's "still to ask" words: a CSV column to fill, or what to ask in words."""

from __future__ import annotations

from screener.ui.views.still_to_ask import entry_words, still_to_ask


def test_a_blank_column_stays_its_name() -> None:
    """A column the person left blank is named as it is, to be filled."""
    assert entry_words("onset_date") == "onset_date"
    assert entry_words("gene_sod1/gene_c9orf72/gene_fus/gene_tardbp") == (
        "gene_sod1/gene_c9orf72/gene_fus/gene_tardbp"
    )


def test_a_month_only_date_asks_for_the_exact_day() -> None:
    """A filled month-only date near a limit: the exact day is what is missing."""
    assert entry_words("diagnosis_date", "2026-06") == (
        "diagnosis_date: the exact day (only the month is given)"
    )
    assert "check it with the person" in entry_words("vc_percent", 88.0)


def test_a_key_with_no_column_is_said_in_words_or_as_its_columns() -> None:
    """No column: the columns under the key (location), else its label and 'ask the person'."""
    assert entry_words("vital_capacity_other") == (
        "Other breathing test (not a CSV column: ask the person)"
    )
    assert entry_words("location") == "postal_code/city/country"
    assert entry_words("vital_capacity.date") == "vc_date"


def test_still_to_ask_rewords_each_entry_once() -> None:
    """Each entry of a row's open questions is reworded, filled cells looked up, none twice."""
    filled = {"diagnosis_date": "2025-03"}
    text = still_to_ask("gold_coast | diagnosis_date | vital_capacity_other", filled.get)
    assert text == (
        "gold_coast | diagnosis_date: the exact day (only the month is given) | "
        "Other breathing test (not a CSV column: ask the person)"
    )
    assert still_to_ask("", filled.get) == ""
