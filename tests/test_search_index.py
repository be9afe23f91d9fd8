"""One search index per edition (explainer/search_index.py): each holds its edition's pages, with
locations relative to the edition's root, which is the `base` Material resolves them against."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from explainer.search_index import split_index

EDITIONS = {"en": "", "ja": "ja/"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_split_index_sorts_documents_by_their_editions_root():
    merged = {
        "config": {"lang": ["en", "ja"], "separator": "x"},
        "docs": [
            {"location": "", "title": "Home"},
            {"location": "gifts/#lng", "title": "LNG"},
            {"location": "ja/", "title": "ホーム"},
            {"location": "ja/gifts/#lng", "title": "LNG（日本語）"},
        ],
    }
    split = split_index(merged, EDITIONS)
    assert split["en"] == {
        "config": {"lang": ["en"], "separator": "x"},
        "docs": [{"location": "", "title": "Home"}, {"location": "gifts/#lng", "title": "LNG"}],
    }
    assert split["ja"]["config"] == {"lang": ["en", "ja"], "separator": "x"}
    assert [d["location"] for d in split["ja"]["docs"]] == ["", "gifts/#lng"]


def test_each_edition_searches_its_own_pages(site):
    japanese = site.url("ja/")
    for lang, root in EDITIONS.items():
        index = json.loads((site.dir / root / "search" / "search_index.json").read_text(encoding="utf-8"))
        # A Japanese page's base is ja/ (hooks.py): its results resolve under it.
        pages = {urljoin(site.url(root), doc["location"]).split("#")[0] for doc in index["docs"]}
        assert pages == {url for url in site.page_urls if url.startswith(japanese) == (lang == "ja")}
        if lang == "ja":
            assert all(JAPANESE.search(doc["text"]) for doc in index["docs"] if doc["text"])
            # Japanese words find the Japanese pages: tariffs and defence spending on the demands page.
            for word in ("関税", "防衛費"):
                assert any(d["location"].startswith("demands/") for d in index["docs"] if word in d["text"])
