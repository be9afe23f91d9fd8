"""MkDocs wiring: a thin adapter from MkDocs events to the build logic in ``explainer/``.

Everything derived from ``data/`` is (re)generated on every build and on every change during
``mkdocs serve``; the CSV is validated before MkDocs cleans or writes ``site/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from explainer.chart_cache import ALL_FILES, CSV_NAME, INLINE_SVGS, SOCIAL_NAME, ensure_chart_cache
from explainer.chart_theme import css_custom_properties
from explainer.citation import citation_markdown
from explainer.data_bundle import BUNDLE_NAME, PACKAGE_NAME, build_bundle
from explainer.deficits_data import CSV_PATH, DATA_DIR, PACKAGE_PATH, DataError, load_deficits
from explainer.deficits_table import table_markdown
from explainer.embed_code import embed_code_html
from explainer.inline_chart import static_chart_html
from explainer.page_meta import add_page_facts, anchored, page_json_ld
from explainer.site_config import load_settings
from explainer.social_cards import SocialCard, write_cards

ROOT = Path(__file__).resolve().parent
SNIPPETS_DIR = ROOT / "build" / "snippets"
CHART_URL_DIR = "assets/charts"
SOCIAL_URL_DIR = "assets/social"
CHART_PAGE = "deficit-chart.md"
DATA_DOWNLOADS = {CSV_NAME: "text/csv", PACKAGE_NAME: "application/json", BUNDLE_NAME: "application/zip"}
EMBED_PAGE = "embed/deficit-chart.md"
STATIC_CHART_LABEL = (
    "Bar chart of the 2024 U.S. goods deficit by partner: China $295.4 billion, Japan seventh among "
    "countries at $68.5 billion. Full description and data below."
)

_state: dict = {"assets": None, "cards": [], "package": None}


def on_config(config):
    # Templates read the validated settings as `config.extra.explainer`.
    config.extra["explainer"] = load_settings(config.extra)
    return config


def on_pre_build(config) -> None:
    # Runs before MkDocs cleans site/: a bad CSV stops here and leaves the last good site alone.
    try:
        partners = load_deficits(CSV_PATH)
    except DataError as exc:
        raise PluginError(f"Invalid chart data: {exc}") from None
    try:
        _state["assets"] = ensure_chart_cache(partners)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    assets = _state["assets"]
    static = static_chart_html(
        assets.path(INLINE_SVGS["wide"]).read_text(encoding="utf-8"),
        assets.path(INLINE_SVGS["narrow"]).read_text(encoding="utf-8"),
        STATIC_CHART_LABEL,
    )
    _write_snippet("deficits-table.md", table_markdown(partners))
    _write_snippet("deficit-chart-static.md", static)
    _state["cards"] = []


def _write_snippet(name: str, text: str) -> None:
    # Rewrite only on change, so `mkdocs serve` does not see churn.
    SNIPPETS_DIR.mkdir(parents=True, exist_ok=True)
    target = SNIPPETS_DIR / name
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def on_files(files, config):
    assets = _state["assets"]
    # Everything in the cache entry is published, except the social card (written per page below).
    for name in (n for n in ALL_FILES if n != SOCIAL_NAME):
        files.append(File.generated(config, f"{CHART_URL_DIR}/{name}", abs_src_path=str(assets.path(name))))
    files.append(
        File.generated(config, "assets/stylesheets/chart-theme.css", content=css_custom_properties())
    )
    # The data with its metadata: a descriptor for the CSV and a zip bundle, for reuse elsewhere.
    text_license = _text_license(config)
    chart_url = config.site_url + files.get_file_from_path(CHART_PAGE).url
    published = build_bundle(
        json.loads(PACKAGE_PATH.read_text(encoding="utf-8")),
        assets.path(CSV_NAME).read_text(encoding="utf-8"),
        chart_url,
        text_license,
    )
    for name, content in published.items():
        files.append(File.generated(config, f"{CHART_URL_DIR}/{name}", content=content))
    _state["package"] = json.loads(published[PACKAGE_NAME])
    embed_url = config.site_url + files.get_file_from_path(EMBED_PAGE).url
    _write_snippet("deficit-chart-embed.md", embed_code_html(embed_url, config.site_name))
    robots = f"User-agent: *\nAllow: /\nSitemap: {config.site_url}sitemap.xml\n"
    files.append(File.generated(config, "robots.txt", content=robots))
    return files


def _text_license(config) -> dict:
    settings = config.extra["explainer"]
    return {
        "name": settings.text_license,
        "title": settings.text_license_title,
        "path": settings.text_license_url,
    }


def on_page_markdown(markdown, page, config, files):
    citation = add_page_facts(page, config)
    if "embed_of" in page.meta:
        page.meta["embed_of_url"] = config.site_url + files.get_file_from_path(page.meta["embed_of"]).url
    if page.file.src_uri == CHART_PAGE:
        # The chart's own citation points at the figure; the page's "Cite" box points at the page.
        _write_snippet("deficit-chart-citation.md", citation_markdown(anchored(citation, "chart")))
    return markdown


def on_page_context(context, page, config, nav):
    if "embed_of" in page.meta:  # the bare embed page: no link preview, no JSON-LD of its own
        return context
    slug = page.file.dest_uri.removesuffix("index.html").strip("/").replace("/", "-") or "home"
    page.meta["og_image_path"] = f"{SOCIAL_URL_DIR}/{slug}.png"
    _state["cards"].append(
        SocialCard(
            path=page.meta["og_image_path"],
            title=page.meta.get("title") or page.title,
            description=page.meta.get("description") or config.site_description,
            chart_image=_state["assets"].path(SOCIAL_NAME)
            if page.meta.get("social_card") == "chart"
            else None,
        )
    )
    page.meta["json_ld"] = page_json_ld(
        page,
        config,
        _state["package"] if page.file.src_uri == CHART_PAGE else None,
        DATA_DOWNLOADS,
        files_url=config.site_url + CHART_URL_DIR + "/",
    )
    return context


def on_post_build(config) -> None:
    write_cards(_state["cards"], Path(config.site_dir), site_name=config.site_name)


def on_serve(server, config, builder):
    # Editing the CSV, its description or the chart code while serving rebuilds the chart.
    server.watch(str(DATA_DIR))
    server.watch(str(ROOT / "explainer"))
    server.watch(str(ROOT / "includes"))
    return server
