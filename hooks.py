"""MkDocs wiring: a thin adapter from MkDocs events to the build logic in ``explainer/``.

Everything derived from ``data/`` is (re)generated on every build and on every change during
``mkdocs serve``; the CSV is validated before MkDocs cleans or writes ``site/``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from explainer.chart_cache import ALL_FILES, INLINE_SVGS, SOCIAL_NAME, ensure_chart_cache
from explainer.chart_theme import css_custom_properties
from explainer.deficits_data import CSV_PATH, DATA_DIR, DataError, load_deficits
from explainer.deficits_table import table_markdown
from explainer.inline_chart import static_chart_html
from explainer.inline_css import INLINE_STYLESHEETS, inline_stylesheets
from explainer.link_labels import titles_to_aria_labels
from explainer.site_config import load_settings
from explainer.social_cards import SocialCard, write_cards

ROOT = Path(__file__).resolve().parent
SNIPPETS_DIR = ROOT / "build" / "snippets"
CHART_URL_DIR = "assets/charts"
SOCIAL_URL_DIR = "assets/social"
STATIC_CHART_LABEL = (
    "Bar chart of the 2024 U.S. goods deficit by partner: China $295.4 billion, Japan seventh among "
    "countries at $68.5 billion. Full description and data below."
)

_state: dict = {"assets": None, "cards": []}


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
    robots = f"User-agent: *\nAllow: /\nSitemap: {config.site_url}sitemap.xml\n"
    files.append(File.generated(config, "robots.txt", content=robots))
    _state["inline_css"] = {uri: files.get_file_from_path(uri).content_string for uri in INLINE_STYLESHEETS}
    return files


def on_page_content(html, page, config, files):
    return titles_to_aria_labels(html)


def on_page_context(context, page, config, nav):
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
    return context


def on_post_page(output, page, config):
    return inline_stylesheets(output, _state["inline_css"])


def on_post_build(config) -> None:
    write_cards(_state["cards"], Path(config.site_dir), site_name=config.site_name)


def on_serve(server, config, builder):
    # Editing the CSV, its description or the chart code while serving rebuilds the chart.
    server.watch(str(DATA_DIR))
    server.watch(str(ROOT / "explainer"))
    server.watch(str(ROOT / "includes"))
    return server
