"""The site's own small stylesheets and start-up scripts, inlined into each page.

Each <link rel="stylesheet"> is a render-blocking request; on a slow mobile connection the small
ones (site.css, the generated chart-theme.css and data-table.css, reuse.css, print.css) delay the
first paint by a round trip for ~4 KB (issue 14, BENCHMARKS.md). Inline they travel with the page.
Instant navigation keeps the first page's <head> styles, and every page carries the same ones, so
both palettes and later pages are styled alike. The two start-up scripts must run at their place in
the page, before the rest of it is parsed (see each file), without a request. The files are still
published, for the 404 page and for anyone who links them.

Material's palette stylesheet (2.3 KB gzip, linked because the site has a palette toggle) goes inline
too: as a file it was the one render-blocking request beside main.css, and inline the first paint
came ~150 ms sooner in Lighthouse's simulation (BENCHMARKS.md, run 7). It styles all 21 of
Material's primary and accent colours; a page can only ever show the ones `theme.palette` names,
so only their rules travel (0.8 KB instead of 2.0 KB a page, gzip).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import rcssmin
import rjsmin
import tinycss2

INLINE_STYLESHEETS = (
    "assets/stylesheets/data-table.css",
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
            tag = inline.format(inline_text(text, uri))
            # A function replacement: CSS and JS may contain backslashes re.sub would read as escapes.
            html = pattern.sub(lambda _, tag=tag: tag, html, count=1)
    return html


def inline_text(text: str, uri: str) -> str:
    """What of a stylesheet or script (``uri`` says which) travels inline: the file minified. Its
    comments say why to its maintainers and stay in the published file; every page carries the
    inline copy, so it goes without them (~2.7 KB of each page's ~20 KB, gzip)."""
    return (rcssmin.cssmin(text) if uri.endswith(".css") else rjsmin.jsmin(text)).strip()


def stylesheets_to_inline(published: Iterable[str]) -> tuple[str, ...]:
    """The site's INLINE_STYLESHEETS and Material's palette stylesheet, found among ``published`` URIs."""
    palette = materials_file(
        published, MATERIAL_PALETTE, "palette stylesheet", "MATERIAL_PALETTE in explainer/inline_assets.py"
    )
    return (*INLINE_STYLESHEETS, palette)


def materials_file(published: Iterable[str], pattern: re.Pattern, what: str, constant: str) -> str:
    """The one URI among ``published`` that matches ``pattern``: Material names its files by a hash
    of their content, so each release renames them. If none or several match, the error names the
    ``constant`` to update."""
    found = [uri for uri in published if pattern.fullmatch(uri)]
    if len(found) != 1:
        raise ValueError(
            f"expected one Material {what} matching {pattern.pattern}, found {found or 'none'}; "
            f"if Material renamed it, update {constant}"
        )
    return found[0]


def stylesheet_text(uri: str, text: str, colours: set[str]) -> str:
    """A stylesheet to inline as it will travel: Material's palette only with ``colours``."""
    return only_colours(text, colours) if MATERIAL_PALETTE.fullmatch(uri) else text


# Material's palette stylesheet selects each colour by attribute: [data-md-color-primary=indigo].
_COLOUR = re.compile(r"\[data-md-color-(?:primary|accent)=([a-z-]+)\]")


def palette_colours(palette: dict | list[dict] | None) -> set[str]:
    """The primary and accent colours ``theme.palette`` can show, as Material's templates write them
    into the page's attributes: spaces as hyphens, indigo where an option names none."""
    options = palette if isinstance(palette, list) else [palette or {}]
    return {
        str(option.get(key) or "indigo").replace(" ", "-")
        for option in options
        for key in ("primary", "accent")
    }


def only_colours(css: str, colours: set[str]) -> str:
    """Material's palette stylesheet without the selectors (and then rules) for colours not in
    ``colours``; everything else (the schemes, rules for any colour) stays as it was."""
    return rewritten_rules(
        css, lambda selector: selector if set(_COLOUR.findall(selector)) <= colours else None
    )


def rewritten_rules(css: str, rewrite: Callable[[str], str | None], *, unselected: bool = True) -> str:
    """``css`` with each selector passed through ``rewrite``, which returns it (changed or not) or
    None to drop it; a rule left with no selector goes, and so does an at-rule left with no rule.
    What has no selector (@charset, @font-face) stays if ``unselected``."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_rewritten(rules, rewrite, unselected))


def _rewritten(rules: list, rewrite: Callable[[str], str | None], unselected: bool) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in map(rewrite, _selector_list(rule.prelude)) if s is not None]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None:
            contents = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
            inner = _rewritten(contents, rewrite, unselected)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif unselected:
            kept.append(tinycss2.serialize([rule]))
    return kept


def _selector_list(prelude: list) -> list[str]:
    """A rule's selectors, split at its top-level commas (a comma inside :is() stays)."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    return [tinycss2.serialize(s).strip() for s in [*selectors, current]]
