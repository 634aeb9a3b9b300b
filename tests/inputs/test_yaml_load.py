"""YAML parsing: libyaml when present, the same objects and error words either way."""

from __future__ import annotations

import pytest
import yaml

from screener.inputs import yaml_load
from screener.inputs.yaml_load import load_yaml
from screener.rules.book import load_rulebook


def test_the_c_parser_is_used_when_installed() -> None:
    """With libyaml in the PyYAML build (the pinned wheel has it), the C loader reads."""
    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML build has no libyaml")
    assert yaml_load.FAST_LOADER is yaml.CSafeLoader


def test_without_libyaml_the_rule_book_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pure-Python fallback builds exactly the rule book the C parser builds."""
    fast = load_rulebook()
    monkeypatch.setattr(yaml_load, "FAST_LOADER", yaml.SafeLoader)
    assert load_rulebook() == fast


@pytest.mark.parametrize("text", ["a: 1\n\tb: 2", "a: 'x", "- a\nb: c", "a: {b: 1", "op: >= 5\n"])
def test_errors_are_worded_as_pyyaml_words_them(text: str) -> None:
    """A bad file gets PyYAML's own message and line, whichever parser found the problem."""
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.load(text, Loader=yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError) as got:
        load_yaml(text)
    assert str(got.value) == str(expected.value)
