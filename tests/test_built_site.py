"""The built site, read as files: pages, the chart's table and images, reproducibility, subpaths."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from explainer.chart_spec import load_chart_spec
from explainer.chart_text import chart_text
from explainer.chart_theme import PALETTES
from explainer.deficits_data import load_deficits
from explainer.deficits_table import plotted_csv
from explainer.inline_assets import inline_text, only_colours
from tests.helpers import build_site, copy_project, png_size, rgb, tree_digest

SPEC = load_chart_spec()
CHARTS = f"{SPEC.url_dir}/"
WIDE, NARROW = SPEC.sizes["wide"], SPEC.sizes["narrow"]
EXPECTED_PAGES = {"", "personal-trust/", "gifts/", "demands/", "deficit-chart/", "fact-check/", "sources/"}


def test_sitemap_lists_every_page(site):
    paths = {url.removeprefix(site.base_url) for url in site.page_urls}
    assert paths >= EXPECTED_PAGES
    assert all(url.startswith(site.base_url) for url in site.page_urls)


def test_every_page_has_its_own_title_and_description(site):
    seen_titles, seen_descriptions = set(), set()
    for url in site.page_urls:
        soup = site.soup(url)
        title = soup.title.string.strip()
        description = soup.find("meta", attrs={"name": "description"})["content"].strip()
        h1 = soup.find("h1")
        assert title and h1 and h1.get_text(strip=True), url
        assert len(description) >= 50, url
        seen_titles.add(title)
        seen_descriptions.add(description)
    assert len(seen_titles) == len(site.page_urls)
    assert len(seen_descriptions) == len(site.page_urls)


def test_chart_page_table_has_every_plotted_row(site):
    soup = site.soup(site.url("deficit-chart/"))
    table = next(t for t in soup.find_all("table") if "Rank among countries" in t.get_text())
    rows = [
        [td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")
    ]
    expected = list(csv.DictReader(io.StringIO(plotted_csv(load_deficits()))))
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        assert row[1].startswith(want["partner"])
        assert row[2] == want["deficit_bn_usd"]
        assert row[0] == (want["rank_among_countries"] or "not ranked (bloc)")
    japan = next(r for r in rows if r[1] == "Japan")
    assert japan[:3] == ["7", "Japan", "68.5"]


def test_csv_download_is_exactly_the_plotted_data(site):
    served = (site.dir / CHARTS / "us-goods-deficits-2024.csv").read_text(encoding="utf-8")
    assert served == plotted_csv(load_deficits())
    rows = list(csv.DictReader(io.StringIO(served)))
    assert rows[0] == {
        "rank_among_countries": "1",
        "partner": "China",
        "partner_type": "country",
        "deficit_bn_usd": "295.4",
    }
    eu = next(r for r in rows if r["partner_type"] == "bloc")
    assert eu["rank_among_countries"] == ""


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_static_chart_in_the_page_shows_the_data(site, layout):
    page = site.soup(site.url("deficit-chart/"))
    svg = page.select_one(f"figure#chart svg.deficit-chart__static--{layout}")
    assert svg is not None and svg.get("role") == "img" and "Japan" in svg["aria-label"]
    texts = {t.get_text() for t in svg.find_all("text")}
    for p in load_deficits():
        value = f"${p.deficit_bn_usd:.1f}B"
        assert any(value in t for t in texts), f"{layout} chart lacks {value}"
    assert "7th · $68.5B" in texts
    assert any(t.startswith("1. China") for t in texts)
    assert not any(
        t.startswith(f"{n}. European") or t.startswith(f"{n}. EU") for t in texts for n in range(20)
    )


def test_downloadable_images_exist(site):
    width, height = SPEC.sizes["download"]
    png = (site.dir / CHARTS / f"{SPEC.file_stem}.png").read_bytes()
    assert png_size(png) == (width * 2, height * 2)
    svg = (site.dir / CHARTS / f"{SPEC.file_stem}.svg").read_text(encoding="utf-8")
    assert "295.4" in svg and "as first published February 5, 2025" in svg


def test_page_and_images_share_the_headline_from_the_data(site):
    text = chart_text(load_deficits(), SPEC)
    assert text.headline.startswith("The United States ran its largest 2024 goods deficit with China;")
    page = site.soup(site.url("deficit-chart/"))
    assert page.select_one("figure#chart .deficit-chart__headline").get_text() == text.headline
    assert page.select_one("figure#chart .deficit-chart__subtitle").get_text() == text.subtitle
    for svg in page.select("figure#chart svg.deficit-chart__static"):
        assert svg["aria-label"] == text.alt_text
    # The downloadable SVG wraps the headline over lines, each its own <tspan>.
    svg = BeautifulSoup(
        (site.dir / CHARTS / f"{SPEC.file_stem}.svg").read_text(encoding="utf-8"), "html.parser"
    )
    title = svg.select_one(".gtitle")
    assert " ".join(t.get_text() for t in title.find_all("tspan", class_="line")) == text.headline
    assert "China ran" not in str(svg) and "China ran" not in str(page)


def test_the_script_fetches_the_figure_from_the_metadata_url_dir(site):
    script = (site.dir / "assets/javascripts/deficit-chart.js").read_text(encoding="utf-8")
    relative = re.search(r'new URL\("([^"]+figure\.json)", document\.currentScript\.src\)', script).group(1)
    resolved = urlparse(urljoin(site.url("assets/javascripts/deficit-chart.js"), relative)).path
    assert resolved == urlparse(site.url(f"{CHARTS}figure.json")).path
    assert (site.dir / CHARTS / "figure.json").is_file()


def test_figure_json_carries_no_template_and_the_data(site):
    doc = json.loads((site.dir / CHARTS / "figure.json").read_text(encoding="utf-8"))
    figure = doc["figure"]
    assert "template" not in figure["layout"]
    assert len(json.dumps(doc)) < 15_000
    plotted = {y: x for trace in figure["data"] for y, x in zip(trace["y"], trace["x"], strict=True)}
    assert plotted == {p.name: p.deficit_bn_usd for p in load_deficits()}


def test_static_chart_is_inline_themed_and_sized(site):
    page = site.soup(site.url("deficit-chart/"))
    frame = page.select_one("figure#chart .deficit-chart__frame")
    svgs = frame.select("svg.deficit-chart__static")
    assert len(svgs) == 2
    assert {svg["viewbox"] for svg in svgs} == {f"0 0 {WIDE[0]} {WIDE[1]}", f"0 0 {NARROW[0]} {NARROW[1]}"}
    markup = str(frame)
    # Colours come from the palette's CSS variables, so one SVG serves light and dark.
    for role in ("highlight", "bar", "bloc", "text", "grid"):
        assert f"var(--chart-{role})" in markup, role
    for scheme in PALETTES.values():
        for name in ("highlight", "bar", "text", "grid"):
            assert rgb(scheme[name]) not in markup, name
    # Their raw render is in role-marker colours, so it is not published.
    assert not list((site.dir / CHARTS).glob("chart-*.svg"))
    ids = re.findall(r'id="([^"]+)"', str(page))
    assert len(ids) == len(set(ids)), "duplicate ids in the page"
    # The frame reserves each layout's aspect ratio at the breakpoint the CSS switches layouts.
    css = (site.dir / "assets" / "stylesheets" / "site.css").read_text()
    assert "@media (max-width: 600px)" in css
    assert f"aspect-ratio: {WIDE[0]} / {WIDE[1]}" in css and f"aspect-ratio: {NARROW[0]} / {NARROW[1]}" in css


def test_no_root_absolute_links_in_pages(site):
    for url in site.page_urls:
        html = site.file_for(url).read_text(encoding="utf-8")
        for attr in re.findall(r'(?:href|src)="(/[^/"][^"]*)"', html):
            pytest.fail(f"{url} uses a root-absolute path {attr!r}")


def test_404_page_assets_resolve_under_the_subpath(site):
    soup = BeautifulSoup((site.dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    # GitHub Pages serves 404.html at whatever deep URL was asked for.
    asked = site.url("no/such/page/")
    refs = [t.get("href") for t in soup.find_all("link")] + [t.get("src") for t in soup.find_all("script")]
    refs = [r for r in refs if r]
    assert any("stylesheets" in r for r in refs)
    for ref in refs:
        url = urljoin(asked, ref)
        assert url.startswith(site.base_url), ref
        path = site.file_for(url)
        assert path.is_file(), f"404 page asset {ref} -> {url} is missing"


def test_two_builds_are_byte_identical(tmp_path, site):
    first, second = tmp_path / "one", tmp_path / "two"
    for dest in (first, second):
        result = build_site(dest, site.base_url)
        assert result.returncode == 0, result.stderr
    assert tree_digest(first) == tree_digest(second)
    assert tree_digest(first) == tree_digest(site.dir)


def test_bad_csv_stops_the_build_and_keeps_the_last_site(tmp_path):
    project = copy_project(tmp_path / "project")
    site_dir = project / "site"
    assert build_site(site_dir, "https://example.org/", cwd=project).returncode == 0
    before = tree_digest(site_dir)
    csv_path = project / "data" / "us-goods-deficits-2024.csv"
    csv_path.write_text(csv_path.read_text().replace("Japan,country,68.5", "Japan,country,n/a"))

    result = build_site(site_dir, "https://example.org/", cwd=project)

    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "Invalid chart data" in line]
    assert len(errors) == 1, result.stderr
    assert "us-goods-deficits-2024.csv, line 9: 'deficit_bn_usd' must be a number, got 'n/a'" in errors[0]
    assert tree_digest(site_dir) == before
    assert not list((project / "chart-cache").glob(".tmp-*"))


def test_site_url_controls_every_absolute_url(tmp_path):
    result = build_site(tmp_path / "root", "https://example.org/")
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "root" / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(
        urlparse(u).netloc == "example.org" and u.startswith("https://example.org/") for u in locs
    )


def test_glossary_terms_get_definitions_site_wide(site):
    """Terms defined once in includes/glossary.md become <abbr title> wherever they appear; every page
    loads glossary.js (in site.js, tests/test_site_scripts.py), which shows the title on hover, focus
    and tap (tests/browser/test_glossary.py)."""
    found = {}
    for url in site.page_urls:
        for abbr in site.soup(url).select("article abbr[title]"):
            found.setdefault(abbr.get_text(), abbr["title"])
    for term in ("2+2", "Article 5", "FOIP", "Senkakus", "press club", "LNG", "Census basis", "EU"):
        assert term in found, f"{term} has no tooltip anywhere"
        assert len(found[term]) > 10


def test_permalinks_and_back_links_are_labelled_without_a_tooltip(site):
    """A title on every pilcrow and return arrow cost start-up time and gave no sighted reader help."""
    for url in site.page_urls:
        links = site.soup(url).select("article a.headerlink, article a.footnote-backref")
        for link in links:
            assert link.get("title") is None and link.get("aria-label"), f"{url}: {link}"


# The small files that travel inline, by kind: (folder under assets/, its files, the tags and their
# attribute that would load one as a file, the tags that hold one inline).
INLINED = [
    (
        "stylesheets",
        ("data-table.css", "site.css", "chart-theme.css", "reuse.css", "print.css"),
        'link[rel="stylesheet"]',
        "href",
        "head style",
    ),
    (
        "javascripts",
        ("early-start.js", "palette.js", "language-switch.js"),
        "script[src]",
        "src",
        "script:not([src])",
    ),
]


def test_small_stylesheets_and_start_up_scripts_travel_inline_with_every_page(site):
    """Each small stylesheet costs a render-blocking round trip as a file, and the start-up scripts
    must run at their place in the page (issue 14, explainer/inline_assets.py)."""
    assets = site.dir / "assets"
    texts = {
        folder: [inline_text((assets / folder / name).read_text(), name) for name in names]
        for folder, names, *_ in INLINED
    }
    (main_css,) = (assets / "stylesheets").glob("main.*.min.css")
    (palette,) = (assets / "stylesheets").glob("palette.*.min.css")
    for url in site.page_urls:
        soup = site.soup(url)
        # Only the rules for the colours the page can show (its own and its palette toggle's).
        shown = {
            v
            for tag in soup.select("[data-md-color-primary], [data-md-color-accent]")
            for v in (tag.get("data-md-color-primary"), tag.get("data-md-color-accent"))
            if v
        }
        palette_css = inline_text(only_colours(palette.read_text(), shown), palette.name)
        for folder, names, as_files, attribute, inline in INLINED:
            loaded = [tag[attribute] for tag in soup.select(as_files)]
            assert not [file for file in loaded if file.endswith(names)], url
            inlined = [tag.string for tag in soup.select(inline)]
            assert all(text in inlined for text in texts[folder]), url
        # Material mounts its palette component on this attribute (and restyles the page three times).
        assert not soup.select('[data-md-component="palette"]'), url
        # Material's palette stylesheet travels inline too: main.css is the one render-blocking file.
        linked = [tag["href"].rsplit("/", 1)[-1] for tag in soup.select('link[rel="stylesheet"]')]
        assert linked == [main_css.name], url
        assert palette_css in [tag.string for tag in soup.select("head style")], url


def test_materials_bundle_is_deferred_and_runs_before_the_sites_scripts(site):
    """Parser-blocking at the end of <body>, the bundle's evaluation held back the article's first
    paint and put Material's start-up requests ahead of it (issue 14, BENCHMARKS.md). Deferred it
    runs after the paint; the site's deferred scripts use its document$, so they must come after it."""
    for url in site.page_urls:
        scripts = site.soup(url).select("script[src]")
        bundles = [s for s in scripts if re.search(r"/bundle\.[0-9a-f]+\.min\.js$", s["src"])]
        assert len(bundles) == 1, url
        assert bundles[0].has_attr("defer"), url
        after = scripts[scripts.index(bundles[0]) + 1 :]
        assert all(s.has_attr("defer") for s in after), url
        assert not [s for s in scripts[: scripts.index(bundles[0])] if s.has_attr("defer")], url
