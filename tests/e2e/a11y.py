"""Helpers for the accessibility browser tests: axe-core, colour contrast, target sizes."""

from __future__ import annotations

from typing import Any

SERIOUS = ("serious", "critical")


def settle(page: Any) -> None:
    """Wait until Streamlit has finished rerunning the script."""
    page.wait_for_timeout(250)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=20_000)
    page.wait_for_timeout(250)


def axe_problems(page: Any, axe_source: str) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)
            }));
        }"""
    )
    return [
        f"{v['impact']} {v['id']}: {node}"
        for v in found
        if v["impact"] in SERIOUS
        for node in v["nodes"][:5]
    ]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
