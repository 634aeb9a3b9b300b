"""The layer rules of docs/architecture.md, checked rather than hoped for.

The import contracts live in pyproject.toml (``[tool.importlinter]``) and are run here by
import-linter, so a wrong import fails the suite: an import up the data flow, two modules
that import each other (at any depth, type-checking imports included), streamlit below the
Streamlit layer, requests outside the registry client, argparse outside the CLI.

The contracts compare sibling packages; a cycle that runs through a package's ``__init__``
(``a.x`` → ``a`` → ``a.y`` → ``a.x``) is between a parent and its children, so one more test
asks grimp (import-linter's graph) whether any module can reach back to one it imports.

What import-linter cannot see is checked with ``ast``: only the CLI talks to the console
(``print``, ``sys.stdout``/``sys.stderr``), ends the process (``sys.exit``, ``SystemExit``)
or hands out exit codes (a ``main``/``*_command`` function, a ``__main__`` block).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "screener"
CLI = PACKAGE / "cli"

# The process entry point: it only hands the CLI's exit code to the interpreter.
ENTRY_POINT = PACKAGE / "__main__.py"

_EXITS = {"sys.exit", "exit", "quit", "os._exit"}
_STREAMS = {"sys.stdout", "sys.stderr"}


def test_import_contracts_are_kept() -> None:
    """Every import-linter contract in pyproject.toml is kept (the output names the import)."""
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports;"
            "raise SystemExit(lint_imports(no_cache=True, no_logo=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_type_checking_imports_count() -> None:
    """The contracts see imports under ``if TYPE_CHECKING:`` (a type-only cycle is a cycle)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    assert linter["exclude_type_checking_imports"] is False
    assert linter["root_package"] == "screener"
    kinds = {contract["type"] for contract in linter["contracts"]}
    assert {"layers", "acyclic_siblings", "forbidden"} <= kinds


def _cycles() -> set[tuple[str, str]]:
    """Each direct import ``a -> b`` (type-checking ones too) where ``b`` also reaches ``a``."""
    graph = grimp.build_graph("screener", cache_dir=None, exclude_type_checking_imports=False)
    return {
        (min(importer, imported), max(importer, imported))
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.chain_exists(importer=imported, imported=importer)
    }


def test_no_module_reaches_back_to_a_module_it_imports() -> None:
    """No import cycle at module level, through a package's ``__init__`` or not."""
    cycles = _cycles()
    assert not cycles, sorted(cycles)


def _modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if CLI not in path.parents and path != ENTRY_POINT:
            yield path


def _console_uses(tree: ast.Module) -> Iterator[str]:
    """Each place a module prints, exits, touches stdout/stderr or makes an exit code."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            if called == "print" or called in _EXITS:
                yield f"line {node.lineno}: {called}("
        elif isinstance(node, ast.Attribute) and ast.unparse(node) in _STREAMS:
            yield f"line {node.lineno}: {ast.unparse(node)}"
        elif isinstance(node, ast.Raise) and node.exc is not None:
            if "SystemExit" in ast.unparse(node.exc):
                yield f"line {node.lineno}: raise SystemExit"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node) or ""
            if node.name == "main" or node.name.endswith("_command") or "exit code" in docstring:
                yield f"line {node.lineno}: {node.name}() makes an exit code"
        elif isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            yield f"line {node.lineno}: a __main__ block"


def _offences() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in _modules():
        uses = list(_console_uses(ast.parse(path.read_text(encoding="utf-8"))))
        if uses:
            found[path.relative_to(ROOT).as_posix()] = uses
    return found


def test_only_the_cli_talks_to_the_console() -> None:
    """Outside screener/cli/ nothing prints, exits, writes stdout/stderr or makes exit codes."""
    offences = _offences()
    assert not offences, "\n".join(f"{name}: {uses}" for name, uses in offences.items())


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("print('hi')", "print("),
        ("import sys\nsys.exit(2)", "sys.exit("),
        ("import sys\nsys.stderr.write('x')", "sys.stderr"),
        ("raise SystemExit(1)", "raise SystemExit"),
        ("def run_command() -> int:\n    return 0", "run_command() makes an exit code"),
        ("if __name__ == '__main__':\n    pass", "a __main__ block"),
    ],
)
def test_the_console_check_sees_each_kind(source: str, what: str) -> None:
    """The ast check names each way a module could act as a command line."""
    assert any(what in use for use in _console_uses(ast.parse(source)))
