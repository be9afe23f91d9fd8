"""One search index per edition.

mkdocs-static-i18n merges both editions into one ``search/search_index.json``, and Material's search
worker loads it on every page: 44 KB gzip, of which an English page needs 18, plus lunr's Japanese
tokenizer (four files, 13 KB) that only Japanese text needs (issue 14, BENCHMARKS.md). Here each
edition gets its own index, at ``search/search_index.json`` under its root: Material fetches the index
under its ``base``, which hooks.py points at the edition's root on the Japanese pages. Search then
finds pages of the reader's edition, as the navigation does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def split_index(merged: dict, roots: Mapping[str, str]) -> dict[str, dict]:
    """Language -> that edition's index. ``roots`` maps each language to its folder ("" for the
    default); a document belongs to the edition whose root is the longest prefix of its location,
    and its location becomes relative to that root, as ``base`` is on the edition's pages."""
    by_depth = sorted(roots.items(), key=lambda item: len(item[1]), reverse=True)
    docs: dict[str, list[dict]] = {lang: [] for lang in roots}
    for doc in merged["docs"]:
        lang, root = next((lang, root) for lang, root in by_depth if doc["location"].startswith(root))
        docs[lang].append({**doc, "location": doc["location"].removeprefix(root)})
    return {
        lang: {"config": {**merged["config"], "lang": _stemmers(lang)}, "docs": docs[lang]} for lang in roots
    }


def _stemmers(lang: str) -> list[str]:
    # Japanese pages carry English names and terms (Trump, LNG, F-35): their index keeps English
    # stemming beside Japanese segmentation, as the merged index had.
    return ["en"] if lang == "en" else ["en", lang]


def write_indexes(site_dir: Path, roots: Mapping[str, str]) -> dict[str, Path]:
    """Replace the merged index in a built site by one per edition; returns language -> file."""
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    written = {}
    for lang, index in split_index(merged, roots).items():
        path = site_dir / roots[lang] / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        # UTF-8 as is: Japanese text escaped as \uXXXX would be three times the bytes before gzip.
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written[lang] = path
    return written
