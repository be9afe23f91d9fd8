"""The stock twin's only hook: the site's words, none of its theme.

The pages state their figures as references to data/facts.yaml (rendered by hooks.py), and the
English pages end with the glossary's abbreviations. Without this hook the twin would publish the
raw references and no footnotes: a page less than half the size of the site's, and a twin that is
cheaper for reasons that have nothing to do with the theme. Nothing else of hooks.py runs here: no
inline styles, no link-label rewrite, no head metadata, no social cards.
"""

from __future__ import annotations

from pathlib import Path

from explainer.deficits_data import CSV_PATH, load_deficits
from explainer.fact_markdown import Context, expand, expand_plain
from explainer.facts import load_facts

_state: dict = {}


def on_pre_build(config) -> None:
    _state["facts"], _state["partners"] = load_facts(), load_deficits(CSV_PATH)


def on_page_markdown(markdown, page, config, files):
    ctx = Context(_state["facts"], _state["partners"], page.file.src_uri)
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = expand_plain(page.meta[key], ctx, key)
    glossary = (Path(config.config_file_path).parent / "includes" / "glossary.md").read_text(encoding="utf-8")
    return f"{expand(markdown, ctx).rstrip()}\n\n{glossary}"
