"""One exceptions module: every exception class of the screener is defined in errors.py.

The app and the CLI catch ``ScreenerError`` and show its message; an error class defined
beside the code that raises it is one a reader of ``errors.py`` never learns about.
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

from screener import errors

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "screener"
ERRORS = PACKAGE / "errors.py"
_BUILT_IN = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}
_OURS = {name for name, value in vars(errors).items() if isinstance(value, type)}


def _exception_classes(tree: ast.Module) -> list[str]:
    """Classes of one module that derive, by name, from an exception (built-in or ours)."""
    known = _BUILT_IN | _OURS
    found: list[str] = []
    grew = True
    while grew:  # a local subclass of a local exception class counts too
        grew = False
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name not in found:
                bases = {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
                if bases & (known | set(found)):
                    found.append(node.name)
                    grew = True
    return found


def test_every_exception_class_is_in_errors_py() -> None:
    """No module but screener/errors.py defines a class deriving from an exception."""
    elsewhere = {
        path.relative_to(ROOT).as_posix(): names
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != ERRORS
        and (names := _exception_classes(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not elsewhere, elsewhere


def test_the_check_sees_an_exception_class_anywhere_in_a_module() -> None:
    """A ValueError subclass, a ScreenerError subclass and a subclass of either are found."""
    source = (
        "class A(ValueError): ...\n"
        "class B(errors.ScreenerError): ...\n"
        "class C(A): ...\n"
        "def f():\n    class D(KeyError): ...\n"
        "class Plain: ...\n"
    )
    assert sorted(_exception_classes(ast.parse(source))) == ["A", "B", "C", "D"]


def test_the_errors_docstring_names_every_class() -> None:
    """The hierarchy drawn in errors.py's docstring lists each class the module defines."""
    doc = errors.__doc__ or ""
    missing = [
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and value.__module__ == errors.__name__ and name not in doc
    ]
    assert not missing, missing
