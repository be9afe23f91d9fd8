"""The stock twin's only hook: the site's words, none of its theme.

The pages state their figures as references to data/facts.yaml (rendered by hooks.py), the
English pages end with the glossary's abbreviations, and the Japanese pages have their terms marked
in the HTML. Without this hook the twin would publish the raw references and no footnotes: a page
less than half the size of the site's, and a twin that is cheaper for reasons that have nothing to
do with the theme. Nothing else of hooks.py runs here: no inline styles, no link-label rewrite, no
head metadata, no social cards.

The chart's data table comes from the site's generated snippet, with the class that keeps
Material's script from rewrapping it and that only the site's data-table.css styles
(explainer/material_tables.py). The twin gets it without the class: a table as stock Material
styles and rewraps it, as it would be in a stock site, not an unstyled one that skips the rewrap.
"""

from __future__ import annotations

from pathlib import Path

from explainer.deficits_data import CSV_PATH, load_deficits
from explainer.deficits_table import TABLE_CLASS
from explainer.fact_markdown import Context, expand, expand_plain
from explainer.facts import load_facts
from explainer.glossary import mark_terms, read_glossary

_state: dict = {}


def on_pre_build(config) -> None:
    _state["facts"], _state["partners"] = load_facts(), load_deficits(CSV_PATH)


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    ctx = Context(_state["facts"], _state["partners"], page.file.src_uri, lang=lang)
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = expand_plain(page.meta[key], ctx, key)
    if lang != "en":
        return expand(markdown, ctx)
    return f"{expand(markdown, ctx).rstrip()}\n\n{_glossary(config, lang).read_text(encoding='utf-8')}"


def on_page_content(html, page, config, files):
    lang = config.theme["language"]
    html = as_stock_table(html)
    return html if lang == "en" else mark_terms(html, read_glossary(_glossary(config, lang)))


def as_stock_table(html: str) -> str:
    """The data table without the site's class, as stock Material draws a table."""
    return html.replace(f'<table class="{TABLE_CLASS}">', "<table>")


def _glossary(config, lang: str) -> Path:
    name = "glossary.md" if lang == "en" else f"glossary.{lang}.md"
    return Path(config.config_file_path).parent / "includes" / name
