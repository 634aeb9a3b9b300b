"""Every module says what it offers (``__all__``), and modules use only what others offer.

``__all__`` is the module's public face: it must list exactly the public names the module
defines (no stale entry, nothing public left out), and another screener module may import
from it only those names (or a submodule). A name that only its own module uses is private
and starts with ``_``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "screener"
# Streamlit runs these as scripts (st.Page), they are not imported, so they offer nothing.
SCRIPTS = {"__main__.py"}


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name not in SCRIPTS and "pages" not in p.parts
    )


def _dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _defined(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("path", _modules(), ids=_dotted)
def test_all_lists_exactly_the_public_names(path: Path) -> None:
    module = importlib.import_module(_dotted(path))
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{_dotted(path)} has no __all__"
    missing = [name for name in exported if not hasattr(module, name)]
    assert not missing, f"{_dotted(path)}.__all__ names what it lacks: {missing}"
    assert len(set(exported)) == len(exported), f"{_dotted(path)}.__all__ repeats a name"
    if path.name != "__init__.py":
        left_out = _defined(ast.parse(path.read_text(encoding="utf-8"))) - set(exported)
        assert not left_out, f"{_dotted(path)}: public but not in __all__: {sorted(left_out)}"


def _imports_from_screener(path: Path) -> list[tuple[int, str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and (node.module == "screener" or node.module.startswith("screener."))
        ):
            found += [(node.lineno, node.module, a.name) for a in node.names]
    return found


def test_modules_import_only_what_others_offer() -> None:
    wrong = []
    for path in [*_modules(), *PACKAGE.glob("ui/pages/*.py"), PACKAGE.parent / "app.py"]:
        for line, source, name in _imports_from_screener(path):
            module = importlib.import_module(source)
            offered = set(getattr(module, "__all__", ())) | {"__version__", "USER_AGENT"}
            is_submodule = (PACKAGE.parent / (source + "." + name).replace(".", "/")).exists() or (
                PACKAGE.parent / ((source + "." + name).replace(".", "/") + ".py")
            ).exists()
            if name not in offered and not is_submodule:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {source}.{name}")
    assert not wrong, "imports of names a module does not offer:\n" + "\n".join(wrong)
