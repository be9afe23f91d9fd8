"""`make bench`'s cost variants and ladder: each edits the built page it names, in a copy.

The bench is not run in CI (it takes Lighthouse half an hour), so a template change that moves what a
variant edits would otherwise surface only then, as a variant that silently measures the page as built
or as a crash mid-run.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

from bench import stock_twin_hook, variants
from bench.builds import with_generated_snippets
from tests.helpers import ROOT


def digests(root):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_variant_edits_its_copy_and_leaves_the_site_alone(site, tmp_path):
    served = site.dir.parent  # the server's root; the site is under the project subpath
    before = digests(site.dir)
    origin = "{0.scheme}://{0.netloc}/".format(urlparse(site.base_url))
    origins = {name: f"http://variant-{i}.example/" for i, name in enumerate(variants.COSTS)}
    pages = {name: variants.ONE_PAGE_COSTS.get(name, "") for name in variants.COSTS}
    copies = {}
    for page in set(pages.values()):
        here = {name: o for name, o in origins.items() if pages[name] == page}
        copies |= variants.build_costs(served, tmp_path, page, here, origin)

    edited = {
        name: (copies[name] / site.dir.name / pages[name] / "index.html")
        .read_text(encoding="utf-8")
        .replace(origins[name], origin)
        for name in variants.COSTS
    }
    built = {
        page: (site.dir / page / "index.html").read_text(encoding="utf-8") for page in set(pages.values())
    }
    changed_elsewhere = {"one search index for both editions"}  # it edits the search index, not the page
    unchanged = [
        n
        for n, text in edited.items()
        if text == built[pages[n]] and n != "as built" and n not in changed_elsewhere
    ]
    assert not unchanged, f"these variants measure the page as built: {unchanged}"
    assert digests(site.dir) == before, "a variant wrote through a hard link into the built site"


def weight(page, site):
    """The page and the site.js it loads: a rung that takes a part out of site.js loads a copy."""
    loaded = re.search(r'assets/javascripts/(site[\w-]*\.js)"', page)
    return len(page) + (len((site / "assets" / "javascripts" / loaded[1]).read_bytes()) if loaded else 0)


def test_each_rung_of_the_ladder_takes_something_more_out(site, tmp_path):
    page = (site.dir / "index.html").read_text(encoding="utf-8")
    copy = tmp_path / "site"  # rungs write edited copies of site.js beside it
    shutil.copytree(site.dir, copy, copy_function=os.link)
    sizes = [weight(variants.ladder_rung(k)(page, copy), copy) for k in range(len(variants.LADDER_STEPS) + 1)]
    assert all(a > b for a, b in itertools.pairwise(sizes)), sizes
    last = variants.ladder_rung(len(variants.LADDER_STEPS))(page, copy)
    # What the stock twin's page loads: Material's stylesheet and bundle, nothing of the site's.
    assert last.count('rel="stylesheet"') == 1 and "<style>" not in last
    assert [
        s for s in ("glossary.js", "share.js", "deficit-chart.js", "navigation.instant") if s in last
    ] == []


def test_each_stock_twin_includes_its_own_languages_chart_text(site):
    # The site's two passes once shared one folder of generated snippets, so the English twin's chart
    # page carried the Japanese pass's headline, caption and table.
    for lang, japanese in (("en", False), ("ja", True)):
        config = with_generated_snippets("base_path: [includes]", ROOT, lang)
        folder = Path(re.search(r'"([^"]+)"', config)[1])
        header = (folder / "deficit-chart-header.md").read_text(encoding="utf-8")
        assert bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", header)) is japanese, (lang, header)


def test_the_japanese_twin_has_the_sites_japanese_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    translations = variants.nav_translations(config)
    nav = variants.translated_nav(variants.top_level_block(config, "nav"), translations)
    titles = re.findall(r"^\s+- ([^:\n]+):", nav, flags=re.M)
    assert titles and set(titles) <= set(translations.values()), titles
    assert re.search(r"[\u4e00-\u9fff]", variants.i18n_value(config, "site_name"))


def test_the_twins_data_table_is_a_table_as_stock_material_draws_it(site):
    # Only the site styles the table's class (data-table.css); a twin keeping it would have an
    # unstyled table that also skips Material's start-up rewrap, a twin cheaper than stock Material.
    page = (site.dir / "deficit-chart" / "index.html").read_text(encoding="utf-8")
    (table,) = re.findall(r"<table\b[^>]*>", page)
    assert re.findall(r"<table\b[^>]*>", stock_twin_hook.as_stock_table(page)) == ["<table>"], table
