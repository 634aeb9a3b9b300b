"""docs/architecture.md draws the layout: every module of screener/ is named there."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_architecture_names_every_module() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(
        p.relative_to(ROOT / "screener").as_posix()
        for p in (ROOT / "screener").rglob("*.py")
        if p.name != "__init__.py"
    )
    unnamed = [m for m in modules if m not in text]
    assert not unnamed, f"docs/architecture.md does not name: {unnamed}"
