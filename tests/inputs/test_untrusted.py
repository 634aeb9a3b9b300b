"""Hostile files (deep JSON, 5,000-digit integers, YAML alias bombs) give one clear line, exit 2.

Python's json raises RecursionError and ValueError for these, and PyYAML builds an alias bomb
in microseconds and expands it only when something turns it into text; each input kind must
answer with a message, never a traceback, an "internal error" (exit 1) or a hang.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from screener.errors import RuleFileError, UnreadableJSON
from screener.inputs.untrusted import (
    clean_message,
    parse_json,
    quote,
)
from screener.rules.book import load_rule_file

ROOT = Path(__file__).resolve().parents[2]
DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000
HUGE_INT = "9" * 5_000


def bomb(where: str) -> str:
    """A billion-laughs rule file whose alias tree lands in the field ``where``."""
    lines = ["nct_id: NCT04297683", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    if where == "rule value":
        lines += ["rules:", "  - id: x", "    factor: age_years", "    value: *a9"]
    elif where == "rule note":
        lines += ["rules:", "  - id: x", "    note: *a9"]
    else:
        lines.append(f"{where}: *a9")
    return "\n".join(lines) + "\n"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m screener ARGS`, offline."""
    return subprocess.run(
        [sys.executable, "-m", "screener", *args],
        cwd=ROOT,
        env={**os.environ, "SCREENER_OFFLINE": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("text", [DEEP, DEEP_OBJECT], ids=["array", "object"])
def test_deep_json_is_one_reason_not_a_recursion_error(text: str) -> None:
    """100,000 levels of nesting raise UnreadableJSON saying it is nested too deeply."""
    with pytest.raises(UnreadableJSON, match="nested too deeply"):
        parse_json(text)


def test_a_5000_digit_integer_is_named_as_such() -> None:
    """A 5,000-digit integer raises UnreadableJSON naming the digit limit."""
    with pytest.raises(UnreadableJSON, match="more than 4,300 digits"):
        parse_json('{"age_years": ' + HUGE_INT + "}")


def test_bad_json_keeps_its_line_number() -> None:
    """Ordinary syntax errors still say which line."""
    with pytest.raises(UnreadableJSON) as caught:
        parse_json('{\n"a": 1,\n}')
    assert caught.value.line == 3


@pytest.mark.parametrize("content", [DEEP, '{"age_years": ' + HUGE_INT + "}"], ids=["deep", "int"])
def test_profile_file_gives_exit_2_and_one_line(tmp_path: Path, content: str) -> None:
    """`screen --profile` with a hostile profile exits 2 with one line naming the file."""
    profile = tmp_path / "me.json"
    profile.write_text(content, encoding="utf-8")
    done = run("screen", "--profile", str(profile), "--offline")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert str(profile) in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "content",
    [
        DEEP,
        '[{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}, '
        '"designModule": {"enrollmentInfo": {"count": ' + HUGE_INT + "}}}}]",
        '{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}}\n' + DEEP + "\n",
    ],
    ids=["deep", "int", "deep-json-lines"],
)
def test_studies_file_gives_exit_2_and_one_line(tmp_path: Path, content: str) -> None:
    """`studies --studies` with a hostile file exits 2 with one line naming the file."""
    path = tmp_path / "studies.json"
    path.write_text(content, encoding="utf-8")
    done = run("studies", "--studies", str(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert str(path) in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("content", [DEEP, '{"snapshot": {}, "studies": [' + HUGE_INT + "]}"])
def test_hostile_refreshed_snapshot_falls_back_to_the_bundled_one(
    tmp_path: Path, content: str
) -> None:
    """A refreshed snapshot that is deep or holds a huge integer: bundled data, with a notice."""
    path = tmp_path / "snapshot.json"
    path.write_text(content, encoding="utf-8")
    done = run("studies", "--offline", env={"SCREENER_SNAPSHOT": str(path)})
    assert done.returncode == 0, done.stderr
    assert "showing the bundled one" in done.stderr
    assert '"snapshot_kind": "bundled"' in done.stdout


@pytest.mark.parametrize(
    "content",
    [f"nct_id: {DEEP}\n", "nct_id: NCT04297683\ntitle: " + HUGE_INT + "\n"],
    ids=["deep", "int"],
)
def test_rule_file_check_gives_exit_2(tmp_path: Path, content: str) -> None:
    """`rules check` on a deep or huge-integer rule file exits 2 naming the file."""
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    done = run("rules", "check", str(path))
    assert done.returncode == 2, done.stderr + done.stdout
    assert "mine.yaml" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("where", ["title", "notes", "rule value", "rule note"])
def test_yaml_alias_bomb_is_refused_within_a_second_and_100_mb(where: str) -> None:
    """A billion-laughs rule file is refused fast and small, whatever field it sits in."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(RuleFileError, match="aliases repeated too often"):
            load_rule_file(bomb(where), name="bomb.yaml")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 100_000_000


def test_self_referring_alias_is_refused() -> None:
    """An anchor holding an alias to itself cannot be expanded; it is refused, not looped on."""
    with pytest.raises(RuleFileError, match="refers to itself"):
        load_rule_file("nct_id: NCT04297683\ntitle: &t [*t]\n", name="loop.yaml")


def test_a_rule_file_text_naming_a_server_file_is_read_as_text() -> None:
    """Upload text that is a real rule file's path is YAML text (a bare string), not that file."""
    real = str(ROOT / "rules" / "studies" / "NCT04297683.yaml")
    assert Path(real).is_file()
    with pytest.raises(RuleFileError, match="must be a mapping"):
        load_rule_file(real, name="upload.yaml")


def test_quote_cuts_at_200_and_escapes_controls() -> None:
    """A quoted input shows at most 200 characters and no raw control characters."""
    shown = quote("\x1b[31m" + "x" * 500 + "\u202e")
    assert "\x1b" not in shown and "\\x1b" in shown
    # 5 characters of escape sequence, then 195 of the x's; one more x is in "\x1b".
    assert shown.count("x") == 195 + 1
    assert "(506 characters)" in shown
    assert clean_message("a\nb\rc\x07") == "a\\x0ab\\x0dc\\x07"


NASTY = "\x1b[2J\x1b]0;pwned\x07" + "A" * 5_000 + "\u202e"


def test_profile_message_quotes_at_most_200_characters_and_no_controls(tmp_path: Path) -> None:
    """A 5,000-character sex value: the message shows 200 of them and no raw control codes."""
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps({"sex": NASTY}), encoding="utf-8")
    done = run("screen", "--profile", str(profile), "--offline")
    assert done.returncode == 2
    assert done.stderr.count("A") <= 200
    assert not any(ch in done.stderr for ch in "\x1b\x07\u202e")
    assert done.stderr.count("\n") == 1


def test_candidate_message_quotes_at_most_200_characters(tmp_path: Path) -> None:
    """A huge bad cell in an interest list: its error row quotes at most 200 characters."""
    from screener.triage.candidates import read_candidates

    table = read_candidates(f"id,sex\nP1,{NASTY}\n".encode(), name="list.csv")
    problem = table.rows[0].problem or ""
    assert problem.count("A") <= 200
    assert not any(ch in problem for ch in "\x1b\x07\u202e")


def test_rule_file_message_quotes_at_most_200_characters() -> None:
    """A rule file whose id is 5,000 characters: the message quotes at most 200 of them."""
    text = (ROOT / "rules" / "studies" / "NCT04297683.yaml").read_text(encoding="utf-8")
    first_id = next(line for line in text.splitlines() if line.strip().startswith("- id:"))
    spoiled = text.replace(first_id, first_id.split(":")[0] + ": " + json.dumps(NASTY), 1)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(spoiled, name="mine.yaml")
    message = str(caught.value)
    # The id is quoted where the rule is named and where the problem is said: 200 each.
    assert max(len(run) for run in re.findall("A+", message)) <= 200
    assert len(message) < 1000
    assert not any(ch in message for ch in "\x1b\x07\u202e")
