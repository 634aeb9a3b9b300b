"""Only ``screener/cli`` talks to the terminal; the rest of the package returns data."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "screener"
# A maintainer's build step (python -m screener.places.zip_index), not part of the CLI.
BUILD_SCRIPTS = {PACKAGE / "places" / "zip_index.py"}
TERMINAL = {"stdout", "stderr", "exit", "argv"}


def _outside_cli() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if PACKAGE / "cli" not in path.parents
        and path != PACKAGE / "__main__.py"
        and path not in BUILD_SCRIPTS
    ]


def _terminal_uses(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print":
                found.append(f"line {node.lineno}: print()")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "sys" and node.attr in TERMINAL:
                found.append(f"line {node.lineno}: sys.{node.attr}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if "argparse" in names:
                found.append(f"line {node.lineno}: imports argparse")
    return found


def test_no_module_outside_cli_prints_reads_argv_or_exits() -> None:
    """print(), sys.stdout/stderr/exit/argv and argparse belong to screener/cli only."""
    offences = {
        str(path.relative_to(PACKAGE)): uses
        for path in _outside_cli()
        if (uses := _terminal_uses(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offences == {}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_triage_output_and_run_do_not_import_each_other() -> None:
    """The triage row lives in triage/rows.py, so output never imports run (even for types)."""
    triage = PACKAGE / "triage"
    assert "screener.triage.run" not in _imports(triage / "output.py")
    assert "screener.triage.output" not in _imports(triage / "rows.py")
    assert "screener.triage.run" not in _imports(triage / "rows.py")
