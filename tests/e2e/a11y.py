"""Browser-test helpers: waiting for Streamlit, axe-core, colour contrast, target sizes."""

from __future__ import annotations

from typing import Any

SERIOUS = ("serious", "critical")
ALWAYS = ("heading-order",)
"""Rules held to whatever impact axe gives them (heading-order is "moderate")."""


def settle(page: Any) -> None:
    """Wait until Streamlit has finished rerunning the script."""
    page.wait_for_timeout(250)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=20_000)
    page.wait_for_timeout(250)


def open_page(page: Any, title: str) -> None:
    """Open a page from the sidebar navigation."""
    page.get_by_role("link", name=title, exact=True).click()
    settle(page)


def ready(page: Any) -> None:
    """Wait until the page has finished loading, its keyboard script included."""
    settle(page)
    page.wait_for_function("() => window.__alsKeyboard && window.__alsKeyboard.installed")
    settle(page)


def axe_problems(page: Any, axe_source: str) -> list[str]:
    """Serious and critical axe-core violations (and headings out of order), one line each."""
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
        if v["impact"] in SERIOUS or v["id"] in ALWAYS
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


RING = """(selector) => {
    // The focus ring of the focused element: its own outline, or (for Streamlit's visually
    // hidden radio inputs) the outline of the answer around it; and the colour behind it.
    const active = document.activeElement;
    const ringed = active.matches(selector) ? active : active.closest(selector);
    const style = getComputedStyle(ringed);
    let back = ringed.parentElement, background = 'rgb(255, 255, 255)';
    while (back) {
        const colour = getComputedStyle(back).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') {
            background = colour;
            break;
        }
        back = back.parentElement;
    }
    return {
        visible: active.matches(':focus-visible'),
        style: style.outlineStyle, width: parseFloat(style.outlineWidth),
        colour: style.outlineColor, background,
    };
}"""

TARGETS = """() => {
    // Every visible thing to click or tap in the main area and the sidebar, with its size.
    const found = [];
    const seen = new Set();
    const selector = '[data-testid="stRadioOption"], [data-testid="stTooltipHoverTarget"], '
        + 'button, a[href], summary, [data-baseweb="select"] > div';
    for (const el of document.querySelectorAll(selector)) {
        if (el.closest('[data-testid="stSkipToContent"], [data-testid="stToolbar"], '
            + '[data-testid="stHeader"], [data-testid="stDecoration"]')) continue;
        if (el.closest('[data-testid="stRadioOption"]') && el.tagName !== 'LABEL') continue;
        const box = el.getBoundingClientRect();
        const hidden = getComputedStyle(el).visibility === 'hidden';
        if (box.width === 0 || box.height === 0 || hidden) continue;
        const name = (el.getAttribute('aria-label') || el.innerText || el.tagName).trim();
        if (seen.has(el)) continue;
        seen.add(el);
        found.push({name: name.slice(0, 40), width: box.width, height: box.height});
    }
    return found;
}"""


def rgb(css: str) -> tuple[float, float, float]:
    """(r, g, b) of a CSS rgb()/rgba() colour as the browser reports it."""
    numbers = css[css.index("(") + 1 : css.index(")")].split(",")
    r, g, b = (float(n) for n in numbers[:3])
    return r, g, b
