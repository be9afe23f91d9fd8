"""Byte budgets (sizes, not timings): what a reader downloads before touching anything."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin

import plotly

from tests.helpers import gzipped

# 120 KB before the Japanese edition; 145 KB while mkdocs-static-i18n merged both editions into the
# one search index every page loads. Now each edition loads its own (explainer/search_index.py), and
# the budget counts what Material's search worker then fetches: the index, and on the Japanese pages
# lunr's Japanese support (tinyseg and three small files, ~13 KB). The sources page is the largest
# text page: it lists the whole fact sheet (about 12 KB gzip). Pages under ja/ may add lunr's
# Japanese support and their longer index.
TEXT_PAGE_BUDGET = 120 * 1024
JAPANESE_TEXT_PAGE_BUDGET = 136 * 1024


def text_page_budget(path: str) -> int:
    """The budget of a text page, by its path under the site ("ja/sources/")."""
    return JAPANESE_TEXT_PAGE_BUDGET if path.startswith("ja/") else TEXT_PAGE_BUDGET


# lunr's support for an index language other than English, as Material's search worker loads it.
LUNR_LANGUAGE = ("lunr.stemmer.support.min.js", "lunr.multi.min.js", "lunr.{lang}.min.js")
LUNR_EXTRA = {"ja": ("../tinyseg.js",)}


def under_base(site, url: str) -> str:
    """The page's Material `base` as an absolute URL: its search index and sitemap are under it."""
    config = json.loads(site.soup(url).select_one("#__config").string)
    return urljoin(url, config["base"].rstrip("/") + "/")


def first_load_bytes(site, url: str) -> tuple[int, list[str]]:
    soup = site.soup(url)
    refs = [link["href"] for link in soup.find_all("link", rel=["stylesheet", "icon"])]
    refs += [script["src"] for script in soup.find_all("script", src=True)]
    refs += [img["src"].split("#")[0] for img in soup.find_all("img", src=True)]
    # Material fetches these on every page: the search index and (instant navigation) the sitemap.
    base = under_base(site, url)
    index = urljoin(base, "search/search_index.json")
    refs += [index, urljoin(base, "sitemap.xml")]
    lunr = site.base_url + "assets/javascripts/lunr/min/"
    for lang in json.loads(site.file_for(index).read_text(encoding="utf-8"))["config"]["lang"]:
        if lang != "en":
            names = LUNR_LANGUAGE + LUNR_EXTRA.get(lang, ())
            refs += [urljoin(lunr, name.format(lang=lang)) for name in names]
    files = {site.file_for(urljoin(url, ref)) for ref in refs}
    worker = next(site.dir.glob("assets/javascripts/workers/search.*.min.js"))
    files |= {site.file_for(url), worker}
    return sum(gzipped(f) for f in files), sorted(str(f.relative_to(site.dir)) for f in files)


def test_text_pages_stay_under_budget(site):
    for url in site.page_urls:
        if url.endswith("deficit-chart/") or url.endswith("demands/"):
            continue
        size, files = first_load_bytes(site, url)
        budget = text_page_budget(url.removeprefix(site.base_url))
        assert size <= budget, f"{url}: {size / 1024:.1f} KB > {budget / 1024:.0f} KB: {files}"


# What every page carries inline ahead of its article: the site's stylesheets, Material's palette
# stylesheet and the start-up scripts, minified and with the palette cut to the site's colours
# (explainer/inline_assets.py). 3.9 KB gzip when set; 8.1 KB with the files' comments and all of
# Material's colours.
INLINE_BUDGET = 4.5 * 1024


def test_what_travels_inline_with_every_page_stays_under_budget(site):
    for url in site.page_urls:
        soup = site.soup(url)
        inline = "".join(str(tag) for tag in soup.select("style, script:not([src]):not([type])"))
        size = len(gzip.compress(inline.encode(), mtime=0))
        assert size <= INLINE_BUDGET, f"{url}: {size / 1024:.1f} KB of inline CSS and JS > 4.5 KB"


def test_chart_pages_load_no_plotly_before_interaction(site):
    full_plotly = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    for path in ("deficit-chart/", "demands/"):
        url = site.url(path)
        size, files = first_load_bytes(site, url)
        assert not [f for f in files if "plotly" in f], files
        # The naive page is this one plus the full plotly.js inline.
        naive = size + gzipped(full_plotly)
        assert size * 3 <= naive, f"{url}: {size / 1024:.1f} KB is more than a third of {naive / 1024:.1f} KB"
        assert size <= TEXT_PAGE_BUDGET + 40 * 1024, f"{url}: {size / 1024:.1f} KB"
