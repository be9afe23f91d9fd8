"""The static chart as inline SVG markup that follows the site's palette.

Inline, the first-paint chart needs no request of its own (so it does not hold up the page's largest
paint), and its colours become ``var(--chart-*)`` references to the custom properties that
``chart_theme`` writes for each Material scheme, so one SVG serves light and dark, with or without
JavaScript.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from explainer.chart_theme import role_markers

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ElementTree.register_namespace("", SVG)
ElementTree.register_namespace("xlink", XLINK)

_RGB = re.compile(r"rgb\((\d+), ?(\d+), ?(\d+)\)")


def _colour_names() -> dict[tuple[int, int, int], str]:
    """Each role's marker colour (the colours the inline SVG is rendered in) -> the role's name."""
    return {
        tuple(int(value.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)): role
        for role, value in role_markers().items()
    }


def _themed(style: str, names) -> str:
    def swap(match: re.Match) -> str:
        name = names.get(tuple(int(g) for g in match.groups()))
        return f"var(--chart-{name})" if name else match.group(0)

    return _RGB.sub(swap, style)


def themable_inline_svg(svg_text: str, prefix: str, label: str, css_class: str) -> str:
    """Rewrite a kaleido SVG rendered in ``role_markers`` colours for inlining: each marker colour
    becomes its role's ``var(--chart-<role>)``; ids are made unique; the SVG gets an accessible name."""
    names = _colour_names()
    root = ElementTree.fromstring(svg_text)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iter():
        for attr in ("fill", "stroke"):
            value = el.get(attr)
            if value and _RGB.fullmatch(value):
                del el.attrib[attr]
                style = el.get("style", "")
                el.set("style", f"{style.rstrip('; ')}{'; ' if style.strip() else ''}{attr}: {value}")
        for key, value in list(el.attrib.items()):
            if key == "style":
                value = _themed(value, names)
            if key == "id":
                value = f"{prefix}-{value}"
            for old in ids:  # references to ids inside the same SVG
                value = value.replace(f"url(#{old})", f"url(#{prefix}-{old})")
                value = value.replace(f"url('#{old}')", f"url('#{prefix}-{old}')")
                if value == f"#{old}":
                    value = f"#{prefix}-{old}"
            el.set(key, value)
    for attr in ("width", "height", "style"):
        root.attrib.pop(attr, None)
    root.set("class", css_class)
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("preserveAspectRatio", "xMidYMid meet")
    markup = ElementTree.tostring(root, encoding="unicode")
    # Raw HTML inside Markdown ends at a blank line; the SVG has none after this.
    return "\n".join(line for line in markup.splitlines() if line.strip())


def static_chart_html(wide_svg: str, narrow_svg: str, label: str) -> str:
    """The chart's frame with both layouts inline; CSS shows the one that fits the screen."""
    wide = themable_inline_svg(wide_svg, "wide", label, "deficit-chart__static deficit-chart__static--wide")
    narrow = themable_inline_svg(
        narrow_svg, "narrow", label, "deficit-chart__static deficit-chart__static--narrow"
    )
    return f'<div class="deficit-chart__frame">\n{wide}\n{narrow}\n</div>\n'
