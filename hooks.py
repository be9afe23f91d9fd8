"""MkDocs wiring: a thin adapter from MkDocs events to the build logic in ``explainer/``.

Everything derived from ``data/`` is (re)generated on every build and on every change during
``mkdocs serve``; the CSV is validated before MkDocs cleans or writes ``site/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from importlib.metadata import version
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from explainer.chart_actions import chart_actions_markdown
from explainer.chart_cache import ChartRenderError, ensure_chart_cache
from explainer.chart_spec import ChartSpecError, check_partner_names, load_chart_spec, localized
from explainer.chart_text import chart_header_html, chart_text
from explainer.chart_theme import css_custom_properties
from explainer.citation import citation_markdown
from explainer.data_bundle import BUNDLE_NAME, PACKAGE_NAME, build_bundle
from explainer.deficits_data import CSV_PATH, DATA_DIR, PACKAGE_PATH, DataError, load_deficits
from explainer.deficits_table import TABLE_CLASS, table_html
from explainer.embed_code import embed_code_html
from explainer.fact_markdown import Context, check_against_chart, expand, expand_plain
from explainer.facts import FactError, load_facts
from explainer.glossary import mark_terms, read_glossary
from explainer.inline_assets import (
    INLINE_SCRIPTS,
    inline_assets,
    palette_colours,
    stylesheet_text,
    stylesheets_to_inline,
)
from explainer.inline_chart import static_chart_html
from explainer.language_switch import language_links, without_head_alternates
from explainer.link_labels import titles_to_aria_labels
from explainer.material_tables import TABLE_STYLESHEET, material_stylesheet, table_css
from explainer.page_meta import add_page_facts, anchored, page_json_ld
from explainer.search_index import write_indexes
from explainer.site_config import check_site_url, load_settings
from explainer.site_scripts import SITE_SCRIPT, bundle_extra_javascript, site_script
from explainer.social_cards import SocialCard, write_cards

ROOT = Path(__file__).resolve().parent
SNIPPETS_ROOT = ROOT / "build" / "snippets"
TEMPLATE_CACHE_ROOT = ROOT / "build" / "templates"
SOCIAL_URL_DIR = "assets/social"
LANGUAGE_ROOTS = {"en": "", "ja": "ja/"}
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}
# The foot of every link-preview card, with its date from the fact sheet.
CARD_TAGLINES = {
    "en": "The first Ishiba–Trump summit · White House, {{ A01.date }}",
    "ja": "石破・トランプ初会談 · ホワイトハウス、{{ A01.date }}",
}

CHART_PAGE = "deficit-chart.md"
EMBED_PAGE = "embed/deficit-chart.md"

_state: dict = {"assets": None, "cards": [], "facts": {}, "partners": [], "package": None}
# Front-matter fields whose references are rendered as plain text.
_META_TEXT = ("title", "description", "og_image_alt")


def on_config(config):
    # MkDocs lets an empty or hostile SITE_URL through; it lands in every page, card and robots.txt.
    config.site_url = check_site_url(config.site_url)
    # Templates read the validated settings as `config.extra.explainer`.
    config.extra["explainer"] = load_settings(config.extra)
    # Generated snippets depend on the site's URL: one folder per site URL and output folder, so
    # builds running side by side (tests, previews) never include each other's; on_pre_build picks
    # the language's subfolder.
    build_id = hashlib.sha256(f"{config.site_url}|{config.site_dir}".encode()).hexdigest()[:12]
    _state["snippets_root"] = SNIPPETS_ROOT / build_id
    # Material's language selector; on_page_context points it at each page's own translation.
    config.extra["alternate"] = language_links({}, LANGUAGE_ROOTS, LANGUAGE_NAMES)
    # The deferred scripts mkdocs.yml lists travel as one file (explainer/site_scripts.py).
    # mkdocs-static-i18n runs this again for its second language, on the bundled list: keep the parts.
    config.extra_javascript, parts = bundle_extra_javascript(config.extra_javascript)
    _state["site_script_parts"] = parts or _state.get("site_script_parts", [])
    return config


def on_env(env, config, files):
    # MkDocs compiles every theme template on every build, and mkdocs-static-i18n's second language
    # compiles them all again: ~90 compiles, a quarter of a warm build. Jinja's bytecode cache checks
    # each entry against its template's source; a folder per version keeps an upgrade from reading
    # bytecode an older Jinja or theme wrote.
    versions = "-".join(version(name) for name in ("jinja2", "mkdocs", "mkdocs-material"))
    cache = TEMPLATE_CACHE_ROOT / versions
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def _lang(config) -> str:
    """The language being built: mkdocs-static-i18n sets the theme's language for each pass."""
    return config.theme["language"]


def _localized(path: Path, lang: str) -> Path:
    """``x.md`` for English, ``x.ja.md`` for Japanese: the suffix layout the pages use."""
    return path if lang == "en" else path.with_name(f"{path.stem}.{lang}{path.suffix}")


def on_pre_build(config) -> None:
    # Runs before MkDocs cleans site/: a bad CSV stops here and leaves the last good site alone.
    try:
        partners = load_deficits(CSV_PATH)
    except DataError as exc:
        raise PluginError(f"Invalid chart data: {exc}") from None
    try:
        facts = load_facts()
        check_against_chart(facts, partners, CSV_PATH.name)
    except FactError as exc:
        raise PluginError(f"Invalid facts: {exc}") from None
    _state["facts"], _state["partners"] = facts, partners
    lang = _lang(config)
    # One folder per language: each pass of mkdocs-static-i18n writes its own chart text, and a
    # shared folder would be left holding the last pass's (the bench's stock twins include them).
    _state["snippets"] = _state["snippets_root"] / lang
    config.mdx_configs["pymdownx.snippets"]["base_path"] = ["includes", str(_state["snippets"])]
    try:
        english = load_chart_spec()
        check_partner_names(english, (p.name for p in partners))
        spec = localized(english, lang)
        text = chart_text(partners, spec)
    except (ChartSpecError, ValueError) as exc:
        raise PluginError(f"Invalid chart metadata: {exc}") from None
    try:
        _state["assets"] = ensure_chart_cache(partners, spec=english, lang=lang)
    except ChartRenderError as exc:
        raise PluginError(str(exc)) from None
    _state["spec"] = spec
    assets = _state["assets"]
    static = static_chart_html(
        assets.path("wide").read_text(encoding="utf-8"),
        assets.path("narrow").read_text(encoding="utf-8"),
        text.alt_text,
    )
    # Raw HTML is not rewritten by MkDocs: its links are relative to the chart page's URL, which sits
    # one level below its language's root (deficit-chart/, ja/deficit-chart/) like demands/.
    up = "../" if config.use_directory_urls else ""
    _write_snippet("deficits-table.md", table_html(partners, f"{up}{_sources_page(config)}", lang))
    _write_snippet("deficit-chart-header.md", chart_header_html(text))
    _write_snippet("deficit-chart-static.md", static)
    _write_snippet(
        "deficit-chart-actions.md",
        chart_actions_markdown(
            assets.files, _charts_dir(spec, lang), f"{up}{spec.url_dir}/{assets.files['figure']}", lang
        ),
    )
    caption_path = _localized(ROOT / "includes" / "deficit-chart-caption.src.md", lang)
    caption = caption_path.read_text(encoding="utf-8")
    try:
        rendered = expand(caption, Context(facts, partners, caption_path.name, lang=lang))
    except FactError as exc:
        raise PluginError(str(exc)) from None
    _write_snippet("deficit-chart-caption.md", rendered)
    _state["cards"] = []


def _sources_page(config) -> str:
    return "sources/" if config.use_directory_urls else "sources.html"


def _charts_dir(spec, lang: str) -> str:
    """Where a language's chart files are published, relative to the site root (and the docs tree)."""
    return f"{LANGUAGE_ROOTS[lang]}{spec.url_dir}"


def _write_snippet(name: str, text: str) -> None:
    # Rewrite only on change, so `mkdocs serve` does not see churn.
    directory = _state["snippets"]
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def on_page_markdown(markdown, page, config, files):
    # Figures reach a page only through references to data/facts.yaml and the chart's CSV.
    lang = _lang(config)
    ctx = Context(_state["facts"], _state["partners"], page.file.src_uri, lang=lang)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    try:
        for key in _META_TEXT:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = expand_plain(page.meta[key], ctx, f"{page.file.src_uri}: {key}")
        expanded = expand(markdown, ctx, offset)
    except FactError as exc:
        raise PluginError(str(exc)) from None
    # Dates, citation and error link, from the title with its references already rendered.
    citation = add_page_facts(page, config)
    if "embed_of" in page.meta:
        page.meta["embed_of_url"] = config.site_url + files.get_file_from_path(page.meta["embed_of"]).url
    if page.file.src_uri == _localized(Path(CHART_PAGE), lang).as_posix():
        # The chart's own citation points at the figure; the page's "Cite" box points at the page.
        _write_snippet("deficit-chart-citation.md", citation_markdown(anchored(citation, "chart")))
    if lang != "en":
        return expanded  # Japanese terms are marked in the HTML (on_page_content)
    # Markdown's abbr extension turns the glossary's terms into <abbr> elements with their definitions.
    glossary = (ROOT / "includes" / "glossary.md").read_text(encoding="utf-8")
    return f"{expanded.rstrip()}\n\n{glossary}"


def on_page_content(html, page, config, files):
    html = titles_to_aria_labels(html)  # no title tooltips on permalinks and back-links (BENCHMARKS.md)
    lang = _lang(config)
    if lang == "en":
        return html
    return mark_terms(html, read_glossary(_localized(ROOT / "includes" / "glossary.md", lang)))


def on_files(files, config):
    assets, url_dir = _state["assets"], _charts_dir(_state["spec"], _lang(config))
    # The downloads and the interactive figure are published, under ja/ for the Japanese pass (files
    # from outside docs/ keep their URIs through mkdocs-static-i18n). Not the social card (written per
    # page below), nor the inline SVGs: the page carries them, and their raw form is in role-marker colours.
    for what in (w for w in assets.files if w not in {"social", "wide", "narrow"}):
        source = str(assets.path(what))
        files.append(File.generated(config, f"{url_dir}/{assets.files[what]}", abs_src_path=source))
    files.append(_generated(config, "assets/stylesheets/chart-theme.css", css_custom_properties()))
    files.append(_generated(config, TABLE_STYLESHEET, _table_stylesheet(files)))
    # The data with its metadata: a descriptor for the CSV and a zip bundle, for reuse elsewhere.
    chart_url = (
        config.site_url + files.get_file_from_path(_localized(Path(CHART_PAGE), _lang(config)).as_posix()).url
    )
    published = build_bundle(
        json.loads(PACKAGE_PATH.read_text(encoding="utf-8")),
        assets.path("csv").read_text(encoding="utf-8"),
        chart_url,
        _text_license(config),
    )
    for name, content in published.items():
        files.append(_generated(config, f"{url_dir}/{name}", content))
    _state["package"] = json.loads(published[PACKAGE_NAME])
    embed = files.get_file_from_path(EMBED_PAGE)
    if embed is not None:  # the embeddable chart exists in English only
        _write_snippet(
            "deficit-chart-embed.md", embed_code_html(config.site_url + embed.url, config.site_name)
        )
    # Small stylesheets (the site's, Material's palette) and start-up scripts go inline (inline_assets.py).
    try:
        inline_css = stylesheets_to_inline(file.src_uri for file in files)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    colours = palette_colours(config.theme["palette"])
    _state["inline_css"] = {
        uri: stylesheet_text(uri, files.get_file_from_path(uri).content_string, colours) for uri in inline_css
    }
    _state["inline_js"] = {uri: files.get_file_from_path(uri).content_string for uri in INLINE_SCRIPTS}
    if parts := _state["site_script_parts"]:
        text = site_script((uri, files.get_file_from_path(uri).content_string) for uri in parts)
        files.append(_generated(config, SITE_SCRIPT, text))
    if _lang(config) == "en":  # one robots.txt, at the site's root
        robots = f"User-agent: *\nAllow: /\nSitemap: {config.site_url}sitemap.xml\n"
        files.append(_generated(config, "robots.txt", robots))
    return files


def _table_stylesheet(files) -> str:
    """Material's table look for the data table, from Material's stylesheet (material_tables.py)."""
    try:
        main_css = files.get_file_from_path(material_stylesheet(file.src_uri for file in files))
        return table_css(main_css.content_string, TABLE_CLASS)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def _text_license(config) -> dict:
    settings = config.extra["explainer"]
    return {
        "name": settings.text_license,
        "title": settings.text_license_title,
        "path": settings.text_license_url,
    }


def _generated(config, dest: str, text: str | bytes) -> File:
    # A real source file, not in-memory content: mkdocs-static-i18n sorts files by their source path.
    # Stored under a hash of the content, so builds running side by side (other SITE_URLs, tests)
    # never publish each other's version.
    data = text.encode("utf-8") if isinstance(text, str) else text
    path = ROOT / "build" / "generated" / hashlib.sha256(data).hexdigest()[:16] / dest
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        staging.write_bytes(data)
        os.replace(staging, path)
    return File.generated(config, dest, abs_src_path=str(path))


def on_page_context(context, page, config, nav):
    translations = {lang: file.url for lang, file in getattr(page.file, "alternates", {}).items()}
    config.extra["alternate"] = language_links(translations, LANGUAGE_ROOTS, LANGUAGE_NAMES)
    # Each edition has its own search index under its root (search_index.py), and Material reads it
    # under `base`: a Japanese page's base is ja/. Stored choices (the palette) keep the site's scope.
    config.extra["scope"] = context["base_url"]
    if LANGUAGE_ROOTS[_lang(config)]:
        context["base_url"] = posixpath.join(context["base_url"], LANGUAGE_ROOTS[_lang(config)])
    if "embed_of" in page.meta:  # the bare embed page: no link preview, no JSON-LD of its own
        return context
    slug = page.file.dest_uri.removesuffix("index.html").strip("/").replace("/", "-") or "home"
    ctx = Context(_state["facts"], _state["partners"], page.file.src_uri, lang=_lang(config))
    page.meta["og_image_path"] = f"{SOCIAL_URL_DIR}/{slug}.png"
    _state["cards"].append(
        SocialCard(
            path=page.meta["og_image_path"],
            title=page.meta.get("title") or page.title,
            description=page.meta.get("description") or config.site_description,
            tagline=expand_plain(CARD_TAGLINES[_lang(config)], ctx, "hooks.py: card tagline"),
            lang=_lang(config),
            chart_image=_state["assets"].path("social") if page.meta.get("social_card") == "chart" else None,
        )
    )
    spec, is_chart = _state["spec"], page.meta.get("social_card") == "chart"
    downloads = {
        spec.file_stem + ".csv": "text/csv",
        PACKAGE_NAME: "application/json",
        BUNDLE_NAME: "application/zip",
    }
    page.meta["json_ld"] = page_json_ld(
        page,
        config,
        _state["package"] if is_chart else None,
        downloads,
        files_url=config.site_url + spec.url_dir + "/",
    )
    return context


def on_post_page(output, page, config):
    output = without_head_alternates(output)  # hreflang is in the sitemap (language_switch.py)
    return inline_assets(output, _state["inline_css"], _state["inline_js"])


def on_post_template(output, template_name, config):
    return without_head_alternates(output)  # the 404 page


def _write_social_cards(config) -> None:
    write_cards(_state["cards"], Path(config.site_dir), site_name=config.site_name)


@event_priority(-100)  # after mkdocs-static-i18n's, which builds the other editions and merges the index
def _split_search_index(config) -> None:
    if config.plugins["i18n"].building:
        return  # an inner pass: the merged index is written when the outermost pass ends
    # One index per edition instead of the merged one (search_index.py).
    site = Path(config.site_dir)
    write_indexes(site, LANGUAGE_ROOTS)
    # Instant navigation reads the sitemap under `base` too; it lists every edition's pages.
    for root in filter(None, LANGUAGE_ROOTS.values()):
        (site / root / "sitemap.xml").write_bytes((site / "sitemap.xml").read_bytes())


on_post_build = CombinedEvent(_write_social_cards, _split_search_index)


def on_serve(server, config, builder):
    # Editing the CSV, its description or the chart code while serving rebuilds the chart.
    server.watch(str(DATA_DIR))  # the CSV, its data package and the fact sheet
    server.watch(str(ROOT / "explainer"))
    server.watch(str(ROOT / "includes"))
    return server
