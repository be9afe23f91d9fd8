"""Glossary terms in Japanese text, marked as ``<abbr title="definition">``.

Python-Markdown's ``abbr`` extension finds a term only between word boundaries, and Japanese has none:
in 「尖閣諸島に」 the term runs straight into the next word. So for Japanese pages the rendered HTML is
marked here instead, term by term, outside links, headings, code and existing ``<abbr>`` elements.
The definitions live in ``includes/glossary.ja.md``, in the same ``*[term]: definition`` form as the
English glossary.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+)$", re.M)
_TAG = re.compile(r"(<[^>]+>)")
# Text inside these elements is never marked.
_SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "title"}
_SKIP |= {"table"}  # the data table is generated escaped HTML, with no tooltips in English either


def read_glossary(path: Path) -> dict[str, str]:
    """``{term: definition}`` from a Markdown abbreviation file; longest terms first."""
    pairs = {m["term"]: m["text"].strip() for m in _DEFINITION.finditer(path.read_text(encoding="utf-8"))}
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def mark_terms(page_html: str, glossary: dict[str, str]) -> str:
    """Wrap each glossary term in text (outside skipped elements) in ``<abbr title=...>``."""
    if not glossary:
        return page_html
    pattern = re.compile("|".join(re.escape(term) for term in glossary))
    out, skipping = [], []
    for piece in _TAG.split(page_html):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not piece.endswith("/>"):
                if piece.startswith("</"):
                    if skipping and skipping[-1] == tag:
                        skipping.pop()
                else:
                    skipping.append(tag)
            out.append(piece)
        elif skipping or not piece.strip():
            out.append(piece)
        else:
            out.append(
                pattern.sub(
                    lambda m: (
                        f'<abbr title="{html.escape(glossary[m.group(0)], quote=True)}">{m.group(0)}</abbr>'
                    ),
                    piece,
                )
            )
    return "".join(out)
