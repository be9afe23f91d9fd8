"""The site's own small stylesheets, inlined into each page's <head>.

Each <link rel="stylesheet"> is a render-blocking request; on a slow mobile connection the two small
ones (site.css, the generated chart-theme.css) delay the first paint by a round trip for ~2 KB
(issue 14, BENCHMARKS.md). Inline they travel with the page. Instant navigation keeps the first
page's <head> styles, and every page carries the same ones, so both palettes and later pages are
styled alike. The files are still published for the 404 page and for anyone who links them.
"""

from __future__ import annotations

import re

INLINE_STYLESHEETS = ("assets/stylesheets/site.css", "assets/stylesheets/chart-theme.css")


def inline_stylesheets(html: str, stylesheets: dict[str, str]) -> str:
    """Replace each page-relative <link> to one of ``stylesheets`` (uri -> CSS) with a <style>."""
    for uri, css in stylesheets.items():
        link = re.compile(rf'<link rel="stylesheet" href="(?:\.\./)*{re.escape(uri)}">')
        # A function replacement: CSS may contain backslashes that re.sub would read as escapes.
        html, count = link.subn(lambda _, css=css: f"<style>{css}</style>", html, count=1)
        if count != 1:
            raise ValueError(f"{uri} is not linked from the page: is it still in mkdocs.yml extra_css?")
    return html
