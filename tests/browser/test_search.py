"""Search finds the reader's edition: each edition loads its own index (explainer/search_index.py),
an English page never downloads the Japanese half or lunr's Japanese tokenizer, and every result
opens a page of the same edition."""

from __future__ import annotations

import pytest

from tests.helpers import navigate_instantly

# (page, query, the edition's root, the index it loads, the one it must not)
SEARCHES = [
    ("deficit-chart/", "Ishiba", "", "search/search_index.json", "ja/search/search_index.json"),
    ("ja/deficit-chart/", "石破", "ja/", "ja/search/search_index.json", None),
]


def results(page, query: str) -> list[str]:
    box = page.locator(".md-search__input")
    box.click()
    # Material searches on key-up; Japanese text arrives through an input method, not keys, so the
    # query is filled in and a key pressed after it.
    box.fill(query)
    box.press("End")
    links = page.locator(".md-search-result__link")
    links.first.wait_for()
    return links.evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize(("path", "query", "root", "index", "not_index"), SEARCHES)
def test_search_finds_pages_of_the_readers_edition(open_page, site, path, query, root, index, not_index):
    tab, page = open_page(path)
    found = results(page, query)
    assert len(found) >= 3, found
    edition, japanese = site.url(root), site.url("ja/")
    for url in found:
        assert url.startswith(edition) and (root or not url.startswith(japanese)), url
    assert site.url(index) in tab.requested
    if not_index:
        assert site.url(not_index) not in tab.requested
        assert not [url for url in tab.requested if "tinyseg" in url or "lunr.ja" in url]
    # A result opens (by instant navigation: the search box stays wired up) a page of the edition.
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(found[0])
    assert not tab.problems, tab.problems


def test_search_after_instant_navigation_in_the_japanese_edition(open_page, site):
    tab, page = open_page("ja/")
    navigate_instantly(page, "ja/gifts/")
    assert all(url.startswith(site.url("ja/")) for url in results(page, "トランプ"))
    assert not tab.problems, tab.problems
