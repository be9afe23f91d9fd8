"""The language switch lands on the same page in the other edition, whole: its own header, navigation
and `lang`, with JavaScript and without, and also after an instant navigation. It costs the page
nothing at start-up: no sitemap but the one instant navigation reads (explainer/language_switch.py)."""

from __future__ import annotations

import pytest

from tests.helpers import navigate_instantly, wait_for_instant_navigation

# (page, language to switch to, where the switch must land)
SWITCHES = [
    ("deficit-chart/", "ja", "ja/deficit-chart/"),
    ("ja/deficit-chart/", "en", "deficit-chart/"),
    ("ja/gifts/", "en", "gifts/"),
    ("", "ja", "ja/"),
    ("ja/", "en", ""),
]
HEADER_TITLE = {"en": "Ishiba meets Trump", "ja": "石破・トランプ会談"}


def switch_language(page, lang: str) -> None:
    # As a keyboard reader does: focus opens the list, Enter follows the link. (A pointer's hover
    # opens it with a transition that can move the link under the click.)
    link = page.locator(f'.md-select__link[hreflang="{lang}"]')
    link.focus()
    with page.expect_navigation(wait_until="load"):
        link.press("Enter")


def landed(page) -> dict:
    # Locators wait for the new page's header; evaluate() alone could read a page still loading.
    return {
        "lang": page.locator("html").get_attribute("lang"),
        "site": page.locator(".md-header__topic:first-child .md-ellipsis").inner_text().strip(),
        "fresh": page.evaluate("window.sameDocument === undefined"),
    }


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(("start", "lang", "target"), SWITCHES)
def test_the_switch_opens_the_same_page_in_the_other_edition(
    open_page, site, start, lang, target, javascript
):
    tab, page = open_page(start, javascript=javascript)
    if javascript:
        page.evaluate("window.sameDocument = true")  # gone if the switch loads a new page
    switch_language(page, lang)
    assert page.url == site.url(target)
    assert landed(page) == {"lang": lang, "site": HEADER_TITLE[lang], "fresh": True}
    assert not tab.problems, tab.problems


def test_the_switch_follows_instant_navigation(open_page, site):
    tab, page = open_page("")
    navigate_instantly(page, "gifts/")
    switch_language(page, "ja")
    assert page.url == site.url("ja/gifts/")
    assert landed(page)["lang"] == "ja"
    assert not tab.problems, tab.problems


@pytest.mark.parametrize(("path", "root"), [("", ""), ("ja/deficit-chart/", "ja/")])
def test_no_language_sitemaps_are_fetched_at_start_up(open_page, site, path, root):
    """Material fetches a sitemap for each <link rel="alternate" hreflang> in <head>: none are left.
    The one left is instant navigation's, under the edition's root (its `base`, hooks.py)."""
    tab, page = open_page(path)
    # Material starts once the page is parsed (its bundle is deferred): on a busy machine the network
    # could look idle before its first request. Wait for that request, then for quiet.
    wait_for_instant_navigation(page)
    page.wait_for_load_state("networkidle")
    sitemaps = [url for url in tab.requested if url.endswith("sitemap.xml")]
    assert sitemaps == [site.url(f"{root}sitemap.xml")], sitemaps
