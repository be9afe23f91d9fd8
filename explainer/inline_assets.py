"""The site's own small stylesheets and start-up scripts, inlined into each page.

Each <link rel="stylesheet"> is a render-blocking request; on a slow mobile connection the small
ones (site.css, the generated chart-theme.css, reuse.css, print.css) delay the first paint by a round
trip for ~4 KB (issue 14, BENCHMARKS.md). Inline they travel with the page. Instant navigation keeps
the first page's <head> styles, and every page carries the same ones, so both palettes and later
pages are styled alike. The two start-up scripts must run at their place in the page, before the
rest of it is parsed (see each file), without a request. The files are still published, for the
404 page and for anyone who links them.

Material's palette stylesheet (2.3 KB gzip, linked because the site has a palette toggle) goes inline
too: as a file it was the one render-blocking request beside main.css, and inline the first paint
came ~150 ms sooner in Lighthouse's simulation (BENCHMARKS.md, run 7).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

INLINE_STYLESHEETS = (
    "assets/stylesheets/site.css",
    "assets/stylesheets/chart-theme.css",
    "assets/stylesheets/reuse.css",
    "assets/stylesheets/print.css",
)
# Material names its palette stylesheet by a hash of its content, so each release has a new name.
MATERIAL_PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
# Linked from overrides/main.html (head: early-start.js, language-switch.js) and
# overrides/partials/javascripts/palette.html (header, after the toggle's form).
INLINE_SCRIPTS = (
    "assets/javascripts/early-start.js",
    "assets/javascripts/palette.js",
    "assets/javascripts/language-switch.js",
)


# A file's leading comment is for its maintainers: it stays in the published file, out of every page.
_LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.DOTALL)
# A minified file's source-map comment names its map relative to the file, not to the page.
_SOURCE_MAP = re.compile(r"\s*/\*# sourceMappingURL=[^*]*\*/\s*\Z")

# How each kind is linked in the page, and how it travels inline.
_STYLESHEET = ('<link rel="stylesheet" href="{}">', "<style>{}</style>")
_SCRIPT = ('<script src="{}"></script>', "<script>{}</script>")


def inline_assets(html: str, stylesheets: dict[str, str], scripts: dict[str, str]) -> str:
    """Replace each page-relative <link> to one of ``stylesheets`` with a <style>, and each <script src>
    of one of ``scripts`` with the script itself (uri -> text). A page's template decides which it
    links (the bare embed page links two stylesheets); tests/test_built_site.py checks the pages."""
    for (linked, inline), assets in ((_STYLESHEET, stylesheets), (_SCRIPT, scripts)):
        for uri, text in assets.items():
            pattern = re.compile(re.escape(linked).replace(r"\{\}", rf"(?:\.\./)*{re.escape(uri)}"))
            tag = inline.format(inline_text(text))
            # A function replacement: CSS and JS may contain backslashes re.sub would read as escapes.
            html = pattern.sub(lambda _, tag=tag: tag, html, count=1)
    return html


def inline_text(text: str) -> str:
    """What of a stylesheet or script travels inline: the file without its leading ``/* */`` comment
    (or, for a minified file, its source-map comment)."""
    return _SOURCE_MAP.sub("", _LEADING_COMMENT.sub("", text, count=1), count=1)


def stylesheets_to_inline(published: Iterable[str]) -> tuple[str, ...]:
    """The site's INLINE_STYLESHEETS and Material's palette stylesheet, found among ``published`` URIs."""
    palettes = [uri for uri in published if MATERIAL_PALETTE.fullmatch(uri)]
    if len(palettes) != 1:
        raise ValueError(
            f"expected one Material palette stylesheet matching {MATERIAL_PALETTE.pattern}, found "
            f"{palettes or 'none'}; if Material renamed it, "
            "update MATERIAL_PALETTE in explainer/inline_assets.py"
        )
    return (*INLINE_STYLESHEETS, *palettes)
