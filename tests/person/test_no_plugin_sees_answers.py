"""No installed pydantic plugin is handed a person's answers (privacy standard).

A spy plugin is installed for real, as a package registering the ``pydantic`` entry point,
on the path of fresh interpreters. A plain pydantic model shows the spy works; the
profile's validation (in-process and through the command line) must not reach it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT.parent / "shared" / "spec" / "examples" / "early-limb-onset.json"

_SPY = """
import os


class _Handler:
    def on_enter(self, input, **kwargs):
        with open(os.environ["SPY_LOG"], "a", encoding="utf-8") as log:
            log.write(repr(input) + "\\n")


class _Plugin:
    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):
        return _Handler(), None, None


plugin = _Plugin()
"""


@pytest.fixture()
def spy_path(tmp_path: Path) -> Path:
    """A folder holding an installed spy plugin (module and dist-info with its entry point)."""
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin.py").write_text(_SPY, encoding="utf-8")
    info = site / "spy_plugin-1.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    return site


def _run(code_or_args: list[str], spy: Path, log: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env |= {"PYTHONPATH": os.pathsep.join([str(spy), str(ROOT)]), "SPY_LOG": str(log)}
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_the_spy_sees_a_plain_model(spy_path: Path, tmp_path: Path) -> None:
    """Control: without our package, the installed spy is handed what a model validates."""
    log = tmp_path / "control.log"
    code = "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1947)\n"
    done = _run(["-c", code], spy_path, log)
    assert done.returncode == 0, done.stderr
    assert "1947" in log.read_text(encoding="utf-8")


def test_profile_validation_reaches_no_plugin(spy_path: Path, tmp_path: Path) -> None:
    """Validating a profile in-process hands the spy nothing, though it saw a plain model
    built before our package was imported."""
    log = tmp_path / "profile.log"
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    code = (
        "import sys, json, pydantic\n"
        "class M(pydantic.BaseModel):\n    x: int\n"
        "M(x=1947)\n"
        "from screener.person.profile import parse_profile\n"
        "parse_profile(json.loads(sys.argv[1]))\n"
    )
    done = _run(["-c", code, json.dumps(answers)], spy_path, log)
    assert done.returncode == 0, done.stderr
    seen = log.read_text(encoding="utf-8")
    assert "1947" in seen  # the spy was loaded in this process and saw the plain model
    assert "age_years" not in seen and str(answers["age_years"]) not in seen


def test_screen_command_reaches_no_plugin(spy_path: Path, tmp_path: Path) -> None:
    """`screen` and `triage` from the command line hand the spy none of the answers."""
    log = tmp_path / "cli.log"
    candidates = ROOT.parent / "shared" / "spec" / "examples" / "candidates-example.csv"
    for args in (
        ["screen", "--offline", "--profile", str(EXAMPLE)],
        ["triage", "--offline", "--all", "--candidates", str(candidates)],
    ):
        done = _run(["-m", "screener", *args], spy_path, log)
        assert done.returncode == 0, done.stderr
    assert not log.exists() or log.read_text(encoding="utf-8") == ""
