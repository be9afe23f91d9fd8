"""Byte budgets (sizes, not timings): what a reader downloads before touching anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import plotly

from tests.helpers import gzipped

# 120 KB before the Japanese edition. Material's search loads one index for the whole site, and
# mkdocs-static-i18n merges both editions into it, so every page pays about 25 KB (gzip) more for
# the Japanese half (search_index.json: 18.8 KB for the English pages alone, 44.9 KB with both).
# Both editions get the same budget; a per-language index is the next saving (see BENCHMARKS.md).
# The sources page is the largest text page: it lists the whole fact sheet (about 12 KB gzip).
TEXT_PAGE_BUDGET = 145 * 1024
# Material fetches these on every page: the search worker, its index and (instant navigation) the sitemap.
ALWAYS = ("search/search_index.json", "sitemap.xml")


def first_load_bytes(site, url: str) -> tuple[int, list[str]]:
    soup = site.soup(url)
    refs = [link["href"] for link in soup.find_all("link", rel=["stylesheet", "icon"])]
    refs += [script["src"] for script in soup.find_all("script", src=True)]
    refs += [img["src"].split("#")[0] for img in soup.find_all("img", src=True)]
    refs += [site.base_url + path for path in ALWAYS]
    files = {site.file_for(urljoin(url, ref)) for ref in refs}
    worker = next(site.dir.glob("assets/javascripts/workers/search.*.min.js"))
    files |= {site.file_for(url), worker}
    return sum(gzipped(f) for f in files), sorted(str(f.relative_to(site.dir)) for f in files)


def test_text_pages_stay_under_budget(site):
    for url in site.page_urls:
        if url.endswith("deficit-chart/") or url.endswith("demands/"):
            continue
        size, files = first_load_bytes(site, url)
        budget = TEXT_PAGE_BUDGET / 1024
        assert size <= TEXT_PAGE_BUDGET, f"{url}: {size / 1024:.1f} KB > {budget:.0f} KB: {files}"


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
