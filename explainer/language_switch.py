"""The language switch: each page links to itself in the other edition.

Material's own switch links every page to the language roots. To land on the same page it fetches, at
start-up, the sitemap of each language a ``<link rel="alternate" hreflang>`` in ``<head>`` names, and
redirects the click. Here that cost two requests on every page load (issue 14) and did not even work:
instant navigation took the click first and put the other edition's home page into this page, with
its header and ``lang`` unchanged. The build knows each page's translation, so the switch links it
directly (overrides/partials/alternate.html opens it with a full load), and the head carries no
hreflang links; the sitemap declares each page's translations instead, which search engines read
the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Material's <head> alternates (base.html), one per language; RSS alternates carry a type and stay.
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def language_links(
    translations: Mapping[str, str], roots: Mapping[str, str], names: Mapping[str, str]
) -> list[dict[str, str]]:
    """Material's ``extra.alternate`` for one page: each language's version of it, as a site-relative
    URL (the template's ``url`` filter makes it page-relative, so forks and ``make serve`` work too).

    ``translations`` maps a language to the page's URL in it, as MkDocs writes it; a language without
    one links its home page (the 404 page has none)."""
    return [
        {"name": names[lang], "lang": lang, "link": translations.get(lang) or roots[lang] or "./"}
        for lang in roots
    ]


def without_head_alternates(html: str) -> str:
    """The page without Material's ``<link rel="alternate" hreflang>`` tags."""
    return _HEAD_ALTERNATE.sub("", html)
