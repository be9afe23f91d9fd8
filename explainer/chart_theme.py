"""Colours of the deficit chart for Material's light ("default") and dark ("slate") schemes.

One definition serves both the static images (rendered by kaleido at build time) and the
interactive chart (the browser reads the same values from CSS custom properties that the build
writes out), so the two can never drift apart.
"""

from __future__ import annotations

FONT_FAMILY = '-apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif'
# Japanese: kaleido's Chromium draws the static images with Debian's Noto Sans CJK JP (make's `fonts`
# target); readers' browsers fall through the list to a Japanese font of their own. No web font.
FONT_FAMILIES = {
    "en": FONT_FAMILY,
    "ja": f'"Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, {FONT_FAMILY}',
}

# Contrast against the page background was checked to be at least 4.5:1 for text and 3:1 for bars.
PALETTES: dict[str, dict[str, str]] = {
    "default": {
        "text": "#1f2328",
        "muted": "#4b5563",
        "grid": "#d9dde3",
        "background": "#ffffff",
        "bar": "#5f6b7a",
        "highlight": "#b5002a",
        "bloc": "#5f6b7a",
    },
    "slate": {
        "text": "#e6e8ee",
        "muted": "#b4bac6",
        "grid": "#3b4150",
        "background": "#1e2129",
        "bar": "#9aa5b4",
        "highlight": "#ff7a8f",
        "bloc": "#9aa5b4",
    },
}


def role_markers() -> dict[str, str]:
    """A stand-in palette with one unique colour per role, for renders that CSS themes afterwards.

    The inline SVG is rendered in these colours, so every painted colour names its role exactly
    (``inline_chart`` swaps each for ``var(--chart-<role>)``), even where two roles share a colour
    in one scheme and differ in another. No colour of a real palette is this dark and near-black.
    """
    return {role: f"#0100{index + 1:02x}" for index, role in enumerate(PALETTES["default"])}


def css_custom_properties() -> str:
    """CSS that exposes each palette as ``--chart-*`` properties on its Material scheme."""
    blocks = []
    for scheme, palette in PALETTES.items():
        props = "".join(f"  --chart-{name}: {value};\n" for name, value in palette.items())
        blocks.append(f'[data-md-color-scheme="{scheme}"] {{\n{props}}}\n')
    return "/* Generated from explainer/chart_theme.py: edit the palettes there. */\n" + "\n".join(blocks)
