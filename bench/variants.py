"""What `make bench` measures side by side: the site, its stock Material twin, the floor, the naive
chart baseline, and variants of one built page with one thing removed (or put back) at a time."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from bench.builds import fresh_copy, mkdocs_build, with_generated_snippets
from explainer.deficits_table import TABLE_CLASS
from explainer.inline_assets import INLINE_SCRIPTS, INLINE_STYLESHEETS, inline_text, stylesheet_text
from explainer.search_index import INDEX
from explainer.site_scripts import join_parts, site_script_parts
from tests.helpers import ROOT, SUBPATH

STOCK_TWIN_HOOK = Path(__file__).resolve().parent / "stock_twin_hook.py"
EARLY_START_JS, PALETTE_JS, LANGUAGE_SWITCH_JS = INLINE_SCRIPTS

# --- the anchors ------------------------------------------------------------------------------


def build_site(workdir: Path, site_url: str) -> tuple[Path, Path]:
    """The site as `make build` makes it; returns (project copy, served root)."""
    project = fresh_copy(workdir / "site-src")
    www = workdir / "www-site"
    shutil.rmtree(www, ignore_errors=True)
    mkdocs_build(project, www / SUBPATH, site_url)
    return project, www


def build_baseline(workdir: Path, site_url: str) -> Path:
    """The same pages with the chart embedded the obvious way: the full plotly.js inline."""
    project = fresh_copy(workdir / "baseline-src")
    sys.path.insert(0, str(ROOT))
    from explainer.deficits_chart import build_figure
    from explainer.deficits_data import load_deficits

    figure = build_figure(load_deficits()).to_html(full_html=False, include_plotlyjs=True)
    (project / "includes" / "deficit-chart-figure.md").write_text(
        f'<div class="naive-chart" id="chart">\n{figure}\n</div>\n', encoding="utf-8"
    )
    www = workdir / "www-baseline"
    shutil.rmtree(www, ignore_errors=True)
    mkdocs_build(project, www / SUBPATH, site_url)
    return www


def top_level_block(config_text: str, key: str) -> str:
    """One top-level key of mkdocs.yml with its indented body, verbatim (its tags stay intact)."""
    match = re.search(rf"^{key}:.*?(?=^\S|\Z)", config_text, flags=re.M | re.S)
    if not match:
        raise KeyError(f"mkdocs.yml has no top-level `{key}:`")
    return match.group(0)


def build_stock_twin(site_project: Path, workdir: Path, site_url: str) -> Path:
    """The same pages and navigation in a stock Material site: default theme, no extra CSS or JS,
    no features, no overrides. Only what the content needs to render is kept: the same Markdown
    extensions, the snippets the site build generated (so they resolve), and the fact references
    rendered by bench/stock_twin_hook.py (so the words are the site's). The Japanese pages get a
    twin of their own under ja/, as on the site: stock Material in Japanese, built from the
    ``*.ja.md`` pages with the i18n plugin's navigation titles (a stock site has no i18n plugin)."""
    project = workdir / "stock-src"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(site_project, project, symlinks=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Files the hooks would publish (chart downloads), so the content's links resolve.
    charts = project / "docs" / "assets" / "charts"
    for entry in (project / "chart-cache").iterdir():
        if entry.is_dir() and not entry.name.startswith("."):
            shutil.copytree(entry, charts, dirs_exist_ok=True)
    japanese_docs = project / "docs-ja"
    shutil.copytree(project / "docs", japanese_docs, ignore=shutil.ignore_patterns("*.md"))
    for page in (project / "docs").glob("*.ja.md"):
        shutil.copy(page, japanese_docs / page.name.replace(".ja.md", ".md"))
    www = workdir / "www-stock"
    shutil.rmtree(www, ignore_errors=True)
    nav = top_level_block(config, "nav")
    editions = (
        ("en", "docs", json.dumps(top_level_value(config, "site_name")), nav, www / SUBPATH, site_url),
        (
            "ja",
            "docs-ja",
            json.dumps(i18n_value(config, "site_name")),
            translated_nav(nav, nav_translations(config)),
            www / SUBPATH / "ja",
            f"{site_url}ja/",
        ),
    )
    # English first: its build empties the folder the Japanese one is written into.
    for lang, docs_dir, site_name, edition_nav, out, url in editions:
        stock = "\n".join(
            [
                f"site_name: {site_name}",
                f"site_url: {url}",
                f"docs_dir: {docs_dir}",
                # font: false as on the site: the benchmark runs offline, and so does the site.
                f"theme:\n  name: material\n  language: {lang}\n  font: false",
                "plugins:\n  - search",
                f"hooks:\n  - {json.dumps(str(STOCK_TWIN_HOOK))}",
                # The embeddable chart needs the site's own template: the twin has none.
                "exclude_docs: |\n  embed/\n  *.ja.md",
                edition_nav,
                top_level_block(config, "markdown_extensions"),
            ]
        )
        stock = with_generated_snippets(stock, project, lang)
        (project / f"mkdocs-stock-{lang}.yml").write_text(stock, encoding="utf-8")
        mkdocs_build(project, out, url, config=f"mkdocs-stock-{lang}.yml")
    return www


def i18n_value(config_text: str, key: str) -> str:
    """``key`` of the i18n plugin's Japanese language entry in mkdocs.yml."""
    block = config_text[config_text.index("- locale: ja") :]
    return re.search(rf"^\s+{key}:\s*(.+)$", block, flags=re.M).group(1).strip()


def nav_translations(config_text: str) -> dict[str, str]:
    """The i18n plugin's ``nav_translations`` for Japanese: English title -> Japanese title."""
    block = re.search(r"^(\s+)nav_translations:\n((?:\1\s+.+\n)+)", config_text, flags=re.M).group(2)
    return dict(line.strip().split(": ", 1) for line in block.splitlines())


def translated_nav(nav: str, translations: dict[str, str]) -> str:
    def title(match: re.Match) -> str:
        return f"{match[1]}{translations.get(match[2], match[2])}:"

    return re.sub(r"^(\s+- )([^:\n]+):", title, nav, flags=re.M)


def top_level_value(config_text: str, key: str) -> str:
    return re.search(rf"^{key}:\s*(.+)$", config_text, flags=re.M).group(1).strip()


FLOOR_CSS = (
    "body{margin:0 auto;max-width:44rem;padding:1rem;font:16px/1.6 system-ui,sans-serif;color:#222}"
    "img,svg,table{max-width:100%;height:auto}table{border-collapse:collapse;display:block;overflow-x:auto}"
    "td,th{border:1px solid #ccc;padding:.2rem .4rem}a{color:#1a4fb5}"
)


def build_floor(site_www: Path, workdir: Path, pages: list[str]) -> Path:
    """Each page's article as one HTML file with a little inline CSS and no JavaScript: the floor
    no configuration can beat. Other files (images the article links) are the site's own."""
    from bs4 import BeautifulSoup

    www = workdir / "www-floor"
    shutil.rmtree(www, ignore_errors=True)
    shutil.copytree(site_www, www, copy_function=os.link)
    for page in pages:
        target = www / SUBPATH / page / "index.html"
        soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        title = soup.title.get_text() if soup.title else ""
        meta = soup.select_one('meta[name="description"]')
        description = meta["content"] if meta else title
        text = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{html.escape(title)}</title>"
            f'<meta name="description" content="{html.escape(description)}">'
            f"<style>{FLOOR_CSS}</style></head><body><main>{article.decode_contents()}</main></body></html>"
        )
        replace_file(target, text)
    return www


def replace_file(target: Path, text: str) -> None:
    # Trees are hard-linked copies: unlink first so the original file stays as it was.
    target.unlink()
    target.write_text(text, encoding="utf-8")
    gz = target.with_name(target.name + ".gz")
    if gz.exists():
        gz.unlink()


# --- the costs: one built page with one thing removed at a time ----------------------------------


def remove_tag(pattern: str) -> Callable[[str, Path], str]:
    def edit(page: str, site: Path) -> str:
        changed = re.sub(pattern, "", page, count=1, flags=re.S)
        if changed == page:
            raise ValueError(f"cost variant: no match for {pattern!r} in the built page")
        return changed

    return edit


def without_script(name_pattern: str) -> Callable[[str, Path], str]:
    return remove_tag(rf'<script src="(?:\.\./)*assets/javascripts/{name_pattern}"[^>]*></script>')


def without_site_script_part(name: str) -> Callable[[str, Path], str]:
    """The page loading the site's scripts without ``name`` (explainer/site_scripts.py): a copy of
    site.js without that part, written beside it under a new name (the other pages keep theirs), or
    no site.js at all once no part is left."""

    def edit(page: str, site: Path) -> str:
        tag = re.search(r'<script src="(?:\.\./)*assets/javascripts/(site[\w-]*\.js)" defer></script>', page)
        if not tag:
            raise ValueError("cost variant: the page loads no site.js")
        folder = site / "assets" / "javascripts"
        parts = site_script_parts((folder / tag[1]).read_text(encoding="utf-8"))
        if parts.pop(f"assets/javascripts/{name}", None) is None:
            raise ValueError(f"cost variant: {tag[1]} has no part {name}")
        if not parts:
            return page.replace(tag[0], "", 1)
        edited = f"{tag[1].removesuffix('.js')}-{re.sub(r'[^a-z]', '', name.removesuffix('.js'))}.js"
        # A new name, never a hard link into the built site.
        (folder / edited).unlink(missing_ok=True)
        (folder / edited).write_text(join_parts(parts), encoding="utf-8")
        return page.replace(tag[0], tag[0].replace(tag[1], edited), 1)

    return edit


def edit_features(change: Callable[[list[str]], list[str]]) -> Callable[[str, Path], str]:
    def edit(page: str, site: Path) -> str:
        match = re.search(r'(<script id="__config" type="application/json">)(.*?)(</script>)', page, re.S)
        config = json.loads(match.group(2))
        config["features"] = change(config["features"])
        return page[: match.start(2)] + json.dumps(config) + page[match.end(2) :]

    return edit


def without_feature(name: str) -> Callable[[str, Path], str]:
    def change(features: list[str]) -> list[str]:
        if name not in features:
            raise ValueError(f"cost variant: the site has no feature {name}")
        return [f for f in features if f != name]

    return edit_features(change)


def inlined(uri: str, page: str, site: Path) -> str:
    """The <style> or <script> that explainer/inline_assets.py made of a file, as it stands in the page."""
    # Material's palette travels with the rules for the colours the page shows (and its toggle's).
    shown = set(re.findall(r'data-md-color-(?:primary|accent)="([^"]+)"', page))
    text = inline_text(stylesheet_text(uri, (site / uri).read_text(encoding="utf-8"), shown), uri)
    tag = f"<style>{text}</style>" if uri.endswith(".css") else f"<script>{text}</script>"
    if tag not in page:
        raise ValueError(f"cost variant: {uri} is not inlined in the built page")
    return tag


def without_inlined(uri: str) -> Callable[[str, Path], str]:
    return lambda page, site: page.replace(inlined(uri, page, site), "", 1)


def stylesheets_as_files(page: str, site: Path) -> str:
    """The small stylesheets linked as files, as before issue 14."""
    up = re.search(r'href="((?:\.\./)*)assets/stylesheets/main\.', page).group(1)
    for uri in INLINE_STYLESHEETS:
        page = page.replace(inlined(uri, page, site), f'<link rel="stylesheet" href="{up}{uri}">', 1)
    return page


def palette_stylesheet(site: Path) -> str:
    """The URI of Material's palette stylesheet (its name carries a hash of its content)."""
    (palette,) = (site / "assets" / "stylesheets").glob("palette.*.min.css")
    return palette.relative_to(site).as_posix()


def palette_stylesheet_as_file(page: str, site: Path) -> str:
    """Material's palette stylesheet linked as a file, as Material links it (inline since run 7)."""
    uri = palette_stylesheet(site)
    up = re.search(r'href="((?:\.\./)*)assets/stylesheets/main\.', page).group(1)
    return page.replace(inlined(uri, page, site), f'<link rel="stylesheet" href="{up}{uri}">', 1)


def without_palette_toggle(page: str, site: Path) -> str:
    """The palette toggle's form and palette.js."""
    page = without_inlined(PALETTE_JS)(page, site)
    return remove_tag(r'<form class="md-header__option">.*?</form>')(page, site)


def materials_palette(page: str, site: Path) -> str:
    """Material's palette component instead of palette.js, as before issue 14."""
    page = without_inlined(PALETTE_JS)(page, site)
    form = '<form class="md-header__option">'
    if form not in page:
        raise ValueError("cost variant: the page has no palette form")
    return page.replace(form, '<form class="md-header__option" data-md-component="palette">', 1)


def materials_language_switch(page: str, site: Path) -> str:
    """Material's language switch, as before: a <link rel="alternate" hreflang> in <head> per language
    root, each language's sitemap (Material fetches both at start-up to map a click to the same page),
    and no per-page links. Only the start-up work is put back; the links themselves stay."""
    root = re.search(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)
    icon = '<link rel="icon"'
    if icon not in page:
        raise ValueError("cost variant: the page has no favicon link to put the alternates before")
    replace_file(site / "ja" / "sitemap.xml", (site / "sitemap.xml").read_text(encoding="utf-8"))
    links = "".join(
        f'<link rel="alternate" href="{root}{prefix}" hreflang="{lang}">\n'
        for lang, prefix in (("en", ""), ("ja", "ja/"))
    )
    return page.replace(icon, links + icon, 1)


def merged_search_index(page: str, site: Path) -> str:
    """Both editions in one search index, as mkdocs-static-i18n wrote it before run 4 (Japanese as
    \\uXXXX escapes, as Material writes it): every page's search worker loaded this one."""
    english, japanese = (json.loads((site / root / INDEX).read_text(encoding="utf-8")) for root in ("", "ja"))
    merged = {
        "config": {**english["config"], "lang": ["en", "ja"]},
        "docs": english["docs"] + [{**doc, "location": "ja/" + doc["location"]} for doc in japanese["docs"]],
    }
    replace_file(site / INDEX, json.dumps(merged, separators=(",", ":")))
    return page


def as_before_issue_14(page: str, site: Path) -> str:
    """content.tooltips on, titles on permalinks and back-links, no glossary.js, stylesheets as
    files, Material's palette component, head links left to instant navigation: the setup before
    issue 14."""
    page = stylesheets_as_files(page, site)
    page = materials_palette(page, site)
    page = without_inlined(EARLY_START_JS)(page, site)
    page = edit_features(lambda features: [*features, "content.tooltips"])(page, site)
    page = re.sub(
        r'(<a\b[^>]*\bclass="(?:headerlink|footnote-backref)"[^>]*?)\baria-label=', r"\1title=", page
    )
    return without_site_script_part("glossary.js")(page, site)


def every_block_drawn(page: str, site: Path) -> str:
    """The blocks below the article drawn at load, as before site.css let the browser skip them."""
    drawn = "<style>.md-content .footnote,.page-meta,.md-footer{content-visibility:visible}</style>"
    return page.replace("</head>", f"{drawn}</head>", 1)


def table_rewrapped_by_material(page: str, site: Path) -> str:
    """The chart page's data table without its class, so Material's script rewraps it at start-up."""
    return remove_tag(rf' class="{TABLE_CLASS}"')(page, site)


# Variants that edit what only one page has (`--cost-page` must name it).
ONE_PAGE_COSTS = {"the data table rewrapped by Material": "deficit-chart/"}


DEFERRED_BUNDLE = r'<script src="((?:\.\./)*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)" defer>'


def bundle_parser_blocking(page: str, site: Path) -> str:
    """Material's bundle without `defer`, as Material links it: evaluated where the parser meets it."""
    changed = re.sub(DEFERRED_BUNDLE, r'<script src="\1">', page, count=1)
    if changed == page:
        raise ValueError("cost variant: the built page loads no deferred Material bundle")
    return changed


DEFERRED_SCRIPT = r'<script src="((?:\.\./)*assets/javascripts/([^"/]+)\.js)" defer></script>'
# The site's own deferred scripts travel as one file (explainer/site_scripts.py).
SITE_SCRIPTS = ("site",)


def scripts_appended(sources: list[str], when: str, then: str = "") -> str:
    """An inline script that, once `when` (JavaScript taking a callback) calls back, appends
    `sources` as scripts run in order, and runs `then` when the last has run."""
    append = (
        "() => { let s; for (const src of " + json.dumps(sources) + ") {"
        " s = document.createElement('script'); s.src = src; s.async = false; document.body.append(s); }"
        " s.onload = () => { " + then + " }; }"
    )
    return f"<script>{when}({append})</script>"


def deferred_scripts_appended(page: str, names: Callable[[str], bool], when: str, then: str = "") -> str:
    sources = [src for src, name in re.findall(DEFERRED_SCRIPT, page) if names(name)]
    if not sources:
        raise ValueError("cost variant: the built page defers none of the scripts it moves")
    page = re.sub(DEFERRED_SCRIPT, lambda m: "" if names(m.group(2)) else m.group(0), page)
    return page.replace("</body>", scripts_appended(sources, when, then) + "</body>", 1)


def site_scripts_after_load(page: str, site: Path) -> str:
    """The site's own deferred scripts requested only once the page has loaded, so neither their
    requests nor their evaluation come before the article's paint."""
    after_load = "((run) => addEventListener('load', run, { once: true }))"
    return deferred_scripts_appended(page, lambda name: name in SITE_SCRIPTS, after_load)


def material_after_the_first_frame(page: str, site: Path) -> str:
    """Material's bundle and the site's scripts requested only after the parsed page's first frame,
    then Material started by a second DOMContentLoaded: the article's paint can then never wait for
    Material's start-up task, as it does in some loads (BENCHMARKS.md, runs 16 to 19). A price, not a
    design: other DOMContentLoaded listeners would hear the event twice."""
    if not re.search(DEFERRED_BUNDLE, page):
        raise ValueError("cost variant: the built page defers no Material bundle")
    after_a_frame = "((run) => requestAnimationFrame(() => setTimeout(run)))"
    start = "document.dispatchEvent(new Event('DOMContentLoaded'));"
    return deferred_scripts_appended(page, lambda name: True, after_a_frame, start)


def material_after_the_first_frame_preloaded(page: str, site: Path) -> str:
    """As above, with the bundle still fetched from the start (a preload), only run later."""
    bundle = re.search(DEFERRED_BUNDLE, page)
    preload = f'<link rel="preload" as="script" href="{bundle.group(1)}">' if bundle else ""
    page = material_after_the_first_frame(page, site)  # raises without the bundle
    return page.replace("</head>", f"{preload}</head>", 1)


COSTS: dict[str, Callable[[str, Path], str]] = {
    "as built": lambda page, site: page,
    "as before issue 14": as_before_issue_14,
    "− navigation.instant": without_feature("navigation.instant"),
    "− toc.follow": without_feature("toc.follow"),
    "− search.highlight": without_feature("search.highlight"),
    "− navigation.top": without_feature("navigation.top"),
    "− palette toggle": without_palette_toggle,
    "Material's palette component": materials_palette,
    "start-up work left to Material (head links, no-js)": without_inlined(EARLY_START_JS),
    "Material's language switch (sitemaps at start-up)": materials_language_switch,
    "one search index for both editions": merged_search_index,
    "− glossary.js": without_site_script_part("glossary.js"),
    "− deficit-chart.js": without_site_script_part("deficit-chart.js"),
    "− site.css": without_inlined("assets/stylesheets/site.css"),
    "blocks below the article drawn at load": every_block_drawn,
    "the data table rewrapped by Material": table_rewrapped_by_material,
    "Material's bundle parser-blocking (not deferred)": bundle_parser_blocking,
    "the site's scripts requested after load": site_scripts_after_load,
    "Material started after the first frame": material_after_the_first_frame,
    "Material started after the first frame, its bundle preloaded": material_after_the_first_frame_preloaded,
    "− chart-theme.css": without_inlined("assets/stylesheets/chart-theme.css"),
    "small stylesheets as files": stylesheets_as_files,
    "Material's palette stylesheet as a file": palette_stylesheet_as_file,
    "− Material's JavaScript (bundle)": without_script(r"bundle\.[^\"]+"),
}


# --- the ladder: from the site down to its stock twin, one thing at a time ---------------------
# Each rung takes one more thing out of the page than the rung before, so the rungs' differences add
# up to the whole distance from the site to the last rung. What the issue asks to keep (instant
# navigation, dark mode, the glossary, search, the lazy chart) goes last: the rung before them is
# the page with only those, the cheapest the page can be while keeping them.


def without_head_extras(page: str, site: Path) -> str:
    """The structured data and the social-card meta tags."""
    page = remove_tag(r'<script type="application/ld\+json">.*?</script>')(page, site)
    return re.sub(r'\s*<meta (?:property="og:|name="twitter:)[^>]*>', "", page)


def without_page_meta(page: str, site: Path) -> str:
    """The "About this page" box (date, report an error, share, cite, reuse) and share.js."""
    page = remove_tag(r'<aside class="page-meta\b.*?</aside>')(page, site)
    return without_site_script_part("share.js")(page, site)


def without_language_switch(page: str, site: Path) -> str:
    """The header's language selector and language-switch.js (the footer's line went with the box)."""
    page = without_inlined(LANGUAGE_SWITCH_JS)(page, site)
    selector = r'<div class="md-header__option">\s*<div class="md-select">.*?</ul>\s*</div>\s*</div>\s*</div>'
    return remove_tag(selector)(page, site)


def without_site_stylesheets(page: str, site: Path) -> str:
    for uri in INLINE_STYLESHEETS:
        page = without_inlined(uri)(page, site)
    return page


def without_palette(page: str, site: Path) -> str:
    """The palette toggle, palette.js and Material's palette stylesheet (the twin has no palette)."""
    page = without_inlined(palette_stylesheet(site))(without_palette_toggle(page, site), site)
    return remove_tag(r'<meta name="color-scheme"[^>]*>')(page, site)


def without_instant_navigation(page: str, site: Path) -> str:
    """navigation.instant, and early-start.js, which does its start-up work early (and swaps no-js)."""
    return without_inlined(EARLY_START_JS)(without_feature("navigation.instant")(page, site), site)


# The one feature in Material's list that the issue keeps.
KEPT_FEATURE = "navigation.instant"

# What the issue does not ask to keep, then what it keeps; Callable edits (page, site) -> page.
NOT_KEPT_STEPS: tuple[tuple[str, Callable[[str, Path], str]], ...] = (
    ("− structured data, social meta", without_head_extras),
    (
        "− the features the issue does not keep (toc.follow, search.highlight, navigation.top, …)",
        edit_features(lambda features: [f for f in features if f == KEPT_FEATURE]),
    ),
    ("− the 'About this page' box (share, cite, translation link) and share.js", without_page_meta),
    ("− the header's language selector and its script", without_language_switch),
    ("− the site's stylesheets (site, chart theme, reuse, print)", without_site_stylesheets),
)
KEPT_STEPS: tuple[tuple[str, Callable[[str, Path], str]], ...] = (
    ("− deficit-chart.js (the lazy chart)", without_site_script_part("deficit-chart.js")),
    ("− glossary.js (glossary definitions)", without_site_script_part("glossary.js")),
    ("− dark mode (toggle, palette.js, Material's palette stylesheet)", without_palette),
    ("− navigation.instant and early-start.js", without_instant_navigation),
)
LADDER_STEPS = NOT_KEPT_STEPS + KEPT_STEPS


def ladder_rung(steps: int) -> Callable[[str, Path], str]:
    def edit(page: str, site: Path) -> str:
        for _, step in LADDER_STEPS[:steps]:
            page = step(page, site)
        return page

    return edit


LADDER = {f"rung {k}: {name}": ladder_rung(k) for k, (name, _) in enumerate(LADDER_STEPS, 1)}
COSTS.update(LADDER)
# The rung that keeps what the issue asks to keep, and nothing more.
KEEPS_ONLY_READERS_FEATURES = list(LADDER)[len(NOT_KEPT_STEPS) - 1]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def cost_root(workdir: Path, name: str) -> Path:
    """Where build_costs puts the copy of the site for one variant."""
    return workdir / f"www-cost-{slug(name)}"


def build_costs(
    site_www: Path, workdir: Path, page: str, origins: dict[str, str], site_origin: str
) -> dict[str, Path]:
    """One hard-linked copy of the site per variant (name -> the origin it is served from), with only
    `page` edited. The page and the sitemaps carry the site's absolute URLs: each copy gets its own
    origin in them, or instant navigation would find none of the copy's links in its sitemap (and
    Material's language switch, where a variant puts it back, would fetch sitemaps across origins and
    fail), making a variant look cheaper than the site."""
    roots = {}
    for name, origin in origins.items():
        www = cost_root(workdir, name)
        shutil.rmtree(www, ignore_errors=True)
        shutil.copytree(site_www, www, copy_function=os.link)
        target = www / SUBPATH / page / "index.html"
        edited = COSTS[name](target.read_text(encoding="utf-8"), www / SUBPATH)
        replace_file(target, edited.replace(site_origin, origin))
        for sitemap in (www / SUBPATH).glob("**/sitemap.xml"):
            replace_file(sitemap, sitemap.read_text(encoding="utf-8").replace(site_origin, origin))
        roots[name] = www
    return roots
