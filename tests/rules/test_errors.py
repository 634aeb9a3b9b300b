"""Malformed rule files: each problem gives one message naming file, rule, field, allowed values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.errors import RuleFileError
from screener.rules.book import RULES_DIR, RuleFileProblems, load_rule_file, load_rulebook

NAME = "rules/studies/NCT04297683.yaml"
GOOD = (RULES_DIR / "studies" / "NCT04297683.yaml").read_text(encoding="utf-8")
VC_OP = 'op: ">="\n    value: 50'


def problems_of(text: str) -> list[str]:
    with pytest.raises(RuleFileProblems) as caught:
        load_rule_file(text, name=NAME)
    assert isinstance(caught.value, RuleFileError)
    return caught.value.problems


def edited(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def test_good_file_loads() -> None:
    """The unedited file the cases below start from loads (so each case tests only its edit)."""
    assert load_rule_file(GOOD, name=NAME).nct_id == "NCT04297683"


def test_bad_op_names_file_rule_field_and_allowed_ops() -> None:
    """A misspelt operator gives the brief's exact message."""
    assert problems_of(edited(VC_OP, 'op: "=>"\n    value: 50')) == [
        "rules/studies/NCT04297683.yaml: rule 'vc-min': field 'op' must be one of "
        ">=, >, <=, <, between (got '=>')"
    ]


def test_unknown_key_lists_allowed_fields() -> None:
    """A misspelt key is rejected, naming the key and every allowed field."""
    assert problems_of(edited("    test: any\n", "    test: any\n    sorce_text: x\n")) == [
        f"{NAME}: rule 'vc-min': field 'sorce_text' is not a known field; allowed fields: id, "
        "factor, kind, op, value, unit, test, item, except, gene, domain, stable_days, "
        "condition, source_text, note"
    ]


def test_unknown_factor_suggests_the_close_name() -> None:
    """An unknown factor lists the factors and suggests the nearest one."""
    [problem] = problems_of(edited("factor: vital_capacity", "factor: vital_capacityy"))
    assert problem.startswith(f"{NAME}: rule 'vc-min': field 'factor' must be one of age_years, ")
    assert problem.endswith("(got 'vital_capacityy'; did you mean 'vital_capacity'?)")


def test_value_of_the_wrong_type() -> None:
    """A word where a number belongs is named with what was found."""
    assert problems_of(edited("value: 50\n", "value: fifty\n")) == [
        f"{NAME}: rule 'vc-min': field 'value' must be a number (got 'fifty')"
    ]


def test_value_out_of_range_names_the_range_and_unit() -> None:
    """A VC of 250 % is outside 0–200 %."""
    assert problems_of(edited("value: 50\n", "value: 250\n")) == [
        f"{NAME}: rule 'vc-min': field 'value' must be between 0 and 200 percent "
        "for factor 'vital_capacity' (got 250)"
    ]


def test_category_outside_the_allowed_set() -> None:
    """An El Escorial category that does not exist is named with the allowed ones."""
    text = edited("probable_laboratory_supported, definite]", "lab_supported, definite]")
    assert problems_of(text) == [
        f"{NAME}: rule 'diagnosis': field 'value' must only hold definite, probable, "
        "probable_laboratory_supported, possible (got 'lab_supported')"
    ]


def test_missing_source_text() -> None:
    """A rule without the study's words is refused."""
    text = edited('    source_text: "Vital Capacity ≥ 50% of predicted capacity"\n', "")
    assert problems_of(text) == [
        f"{NAME}: rule 'vc-min': field 'source_text' is required "
        "(the study's own words, quoted exactly from its eligibility text)"
    ]


def test_yaml_syntax_error_gives_the_line_and_a_hint_for_operators() -> None:
    """An unquoted >= breaks YAML: the message names the line and says to quote operators."""
    text = edited(VC_OP, "op: >=\n    value: 50")
    line = text.splitlines().index("    op: >=") + 1
    assert problems_of(text) == [
        f"{NAME}: line {line}: not valid YAML: expected chomping or indentation indicators, "
        "but found '=' (put operators in quotes, e.g. op: \">=\")"
    ]


def test_bare_greater_than_is_caught_as_an_empty_operator() -> None:
    """An unquoted lone > reads as empty text in YAML; the message says to quote it."""
    assert problems_of(edited(VC_OP, "op: >\n    value: 50")) == [
        f"{NAME}: rule 'vc-min': field 'op' must be one of >=, >, <=, <, between (got '') "
        '(write operators in quotes: op: ">=")'
    ]


@pytest.mark.parametrize(
    ("text", "got"), [("- a\n- b\n", "a list"), ("", "an empty file"), ("just words", "a str")]
)
def test_file_that_is_not_a_mapping(text: str, got: str) -> None:
    """A file that is a list, empty, or a bare word is refused, listing the expected keys."""
    assert problems_of(text) == [
        f"{NAME}: must be a mapping with the keys nct_id, title, read_from, curated_by, "
        f"curated_on, covers, notes, rules (got {got})"
    ]


def test_rule_factor_must_be_covered() -> None:
    """A rule on a factor the file does not list in covers is refused."""
    text = edited("months_since_onset, vital_capacity]", "months_since_onset]")
    assert problems_of(text) == [
        f"{NAME}: rule 'vc-min': field 'factor' 'vital_capacity' must also be listed in 'covers'"
    ]


def test_each_problem_gets_its_own_message() -> None:
    """Two bad rules and a bad top-level id give three messages, in file order."""
    text = edited(VC_OP, 'op: "=>"\n    value: 50').replace("kind: inclusion", "kind: include", 1)
    text = text.replace("nct_id: NCT04297683", "nct_id: NCT123")
    problems = problems_of(text)
    assert problems == [
        f"{NAME}: field 'nct_id' must be NCT followed by 8 digits (got 'NCT123')",
        f"{NAME}: rule 'diagnosis': field 'kind' must be one of inclusion, exclusion "
        "(got 'include')",
        f"{NAME}: rule 'vc-min': field 'op' must be one of >=, >, <=, <, between (got '=>')",
    ]
    with pytest.raises(RuleFileError, match=r"\(and 2 more problems\)$"):
        load_rule_file(text, name=NAME)


def test_extra_field_of_another_factor_is_refused() -> None:
    """An ALSFRS-R item number on a VC rule names the fields VC does take."""
    assert problems_of(edited("    test: any\n", "    test: any\n    item: 3\n")) == [
        f"{NAME}: rule 'vc-min': field 'item' is not used with factor 'vital_capacity' "
        "(its extra fields: test)"
    ]


def test_unnamed_rule_is_named_by_its_position() -> None:
    """A rule that is not a mapping is named by its number in the list."""
    assert problems_of(GOOD + "  - just text\n") == [
        f"{NAME}: rule 5: must be a mapping of fields (got 'just text')"
    ]


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES_DIR / "studies", root / "studies")
    shutil.copy(RULES_DIR / "general.yaml", root / "general.yaml")
    return root


def test_bad_file_among_good_ones_is_reported_and_skipped(tmp_path: Path) -> None:
    """One broken study file is listed in errors; every other file still loads."""
    root = _tree(tmp_path)
    good_count = len(list((root / "studies").glob("*.yaml")))
    bad = root / "studies" / "NCT04297683.yaml"
    bad.write_text(edited(VC_OP, 'op: "=>"\n    value: 50'), encoding="utf-8")
    book = load_rulebook(root)
    assert len(book.errors) == 1
    assert book.errors[0].endswith(
        "NCT04297683.yaml: rule 'vc-min': field 'op' must be one of >=, >, <=, <, between "
        "(got '=>')"
    )
    assert "NCT04297683" not in book.studies
    assert len(book.studies) == good_count - 1
    assert book.general is not None


def test_file_named_after_another_study_is_refused(tmp_path: Path) -> None:
    """A study file whose nct_id differs from its file name is reported and skipped."""
    root = _tree(tmp_path)
    shutil.copy(root / "studies" / "NCT04297683.yaml", root / "studies" / "NCT09999999.yaml")
    book = load_rulebook(root)
    assert [e.split(": ", 1)[1] for e in book.errors] == [
        "field 'nct_id' must match the file name (got 'NCT04297683')"
    ]
    assert "NCT04297683" in book.studies


def test_bad_general_rule_is_reported(tmp_path: Path) -> None:
    """A general rule on an unknown registry field names the allowed fields."""
    root = _tree(tmp_path)
    general = root / "general.yaml"
    general.write_text(
        general.read_text(encoding="utf-8").replace("field: sex", "field: gender"),
        encoding="utf-8",
    )
    book = load_rulebook(root)
    assert [e.split(": ", 1)[1] for e in book.errors] == [
        "rule 'sex': field 'field' must be one of minimum_age, maximum_age, sex, "
        "healthy_volunteers (got 'gender')"
    ]
    assert book.general is None
    assert len(book.studies) > 1


def test_missing_file_raises_rule_file_error(tmp_path: Path) -> None:
    """triage --rules with a file that does not exist gets a RuleFileError naming it."""
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RuleFileError, match="nope.yaml: cannot be read"):
        load_rule_file(missing)
