"""The size limits of the style guide: no module over 300 lines, no function over 60.

Small modules with one job are easier to review and to name; a function that outgrows a
screen usually holds two steps that want names of their own.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "screener"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def _problems(path: Path) -> list[str]:
    """What in one module is over the limits, in words."""
    text = path.read_text(encoding="utf-8")
    problems = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        problems.append(f"{lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{node.name}() is {length} lines (at most {MAX_FUNCTION_LINES})")
    return problems


def _over_the_limits() -> dict[str, list[str]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        problems = _problems(path)
        if problems:
            found[path.relative_to(ROOT).as_posix()] = problems
    return found


def test_every_module_is_within_the_limits() -> None:
    """Every module of screener/ has at most 300 lines and no function over 60 lines."""
    over = _over_the_limits()
    assert not over, "\n".join(f"{name}: {', '.join(p)}" for name, p in over.items())


def test_the_limits_see_a_long_function(tmp_path: Path) -> None:
    """A 61-line function and a 301-line module are both named."""
    body = "".join(f"    x{i} = {i}\n" for i in range(60))
    module = tmp_path / "long.py"
    module.write_text("def long() -> None:\n" + body + "\n" * 240, encoding="utf-8")
    assert _problems(module) == ["301 lines (at most 300)", "long() is 61 lines (at most 60)"]
