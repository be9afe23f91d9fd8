"""The Japanese edition: every page has its pair, the same facts in Japanese form, and Japanese metadata."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin
from xml.etree import ElementTree

from explainer.social_cards import _font, missing_glyphs
from tests.helpers import SITEMAP_NS, png_size

XHTML = "{http://www.w3.org/1999/xhtml}"
# English a Japanese page may keep: names and titles of English sources, units, the site's English name.
ENGLISH_ALLOWED = (
    "Can Japan's Ishiba Build a Good Personal Relationship With Trump?",
    "U.S. International Trade in Goods and Services, December and Annual",
    "Ishiba meets Trump",
    "The Diplomat",
    "Tokyo Report",
    "Disney XD",
    "Big G",
    "Financial Times",
    "News Watch",
    "The Japan News",
    "Trade in Goods with",
)


def pairs(site) -> dict[str, str]:
    """English page URL -> Japanese page URL, as the sitemap declares them."""
    tree = ElementTree.parse(site.dir / "sitemap.xml")
    out = {}
    for url in tree.iter(f"{SITEMAP_NS}url"):
        alternates = {a.get("hreflang"): a.get("href") for a in url.iter(f"{XHTML}link")}
        out[alternates["en"]] = alternates["ja"]
        assert alternates["x-default"] == alternates["en"], alternates
    return out


def test_every_english_page_has_a_japanese_counterpart_and_back(site):
    mapping = pairs(site)
    japanese = [u for u in site.page_urls if u.startswith(site.base_url + "ja/")]
    english = [u for u in site.page_urls if u not in japanese]
    assert len(english) >= 9 and len(japanese) == len(english)
    assert set(mapping) == set(english) and set(mapping.values()) == set(japanese)
    for en, ja in mapping.items():
        assert ja == en.replace(site.base_url, site.base_url + "ja/", 1)
        assert site.file_for(ja).is_file() and site.file_for(en).is_file()


def test_japanese_pages_say_so(site):
    for en, ja in pairs(site).items():
        soup, english = site.soup(ja), site.soup(en)
        assert soup.html["lang"] == "ja" and english.html["lang"] == "en"
        assert soup.find("meta", property="og:locale")["content"] == "ja_JP"
        assert soup.find("meta", property="og:locale:alternate")["content"] == "en_US"
        assert soup.find("meta", property="og:url")["content"] == ja
        # Its own title, description and card, in Japanese.
        for key in ("og:title", "og:description"):
            text = soup.find("meta", property=key)["content"]
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), (ja, key, text)
            assert text != english.find("meta", property=key)["content"]
        image = soup.find("meta", property="og:image")["content"]
        assert image != english.find("meta", property="og:image")["content"]
        assert png_size(site.file_for(image).read_bytes()) == (1200, 630)
        # The language switch and the page's footer link this very page in each edition; <head> names
        # no alternates, or Material would fetch each language's sitemap at start-up (hreflang is in
        # the sitemap, see pairs()).
        for url, page in ((ja, soup), (en, english)):
            switch = {a["hreflang"]: urljoin(url, a["href"]) for a in page.select(".md-select__link")}
            assert switch == {"en": en, "ja": ja}, url
            footer = {a["hreflang"]: urljoin(url, a["href"]) for a in page.select(".page-meta__languages a")}
            assert footer == {lang: switch[lang] for lang in switch if lang != page.html["lang"]}, url
            assert not page.select('head link[rel="alternate"][hreflang]'), url


def figures(soup) -> Counter:
    article = soup.find("article")
    for node in article.select("[data-fact-sheet], .footnote"):
        node.decompose()
    return Counter(
        (node["data-ref"], node.get("value") or node.get("datetime"))
        for node in article.select("[data-ref]:is(data, time)")
    )


def test_every_figure_on_a_japanese_page_equals_its_english_counterpart(site):
    """The two editions state the same entries with the same values, in their own formats."""
    seen = 0
    for en, ja in pairs(site).items():
        ours, theirs = figures(site.soup(ja)), figures(site.soup(en))
        assert ours == theirs, (ja, ours - theirs, theirs - ours)
        seen += sum(ours.values())
    assert seen > 100


def test_japanese_figures_are_in_japanese_form(site):
    page = site.soup(site.url("ja/"))
    shown = {node["data-ref"]: node.get_text() for node in page.select("article [data-ref]")}
    assert shown["chart:Japan.deficit"] == "685億ドル"
    assert shown["chart:China.deficit"] == "2,954億ドル"
    assert shown["A01-summit-date.date"] == "2025年2月7日"
    assert shown["chart:Japan.rank"] == "7位"


def test_no_untranslated_english_sentence_in_japanese_body_text(site):
    problems = []
    for ja in pairs(site).values():
        article = site.soup(ja).find("article")
        # Kept in English on purpose: the fact sheet and source list (data), code, footnotes' publisher
        # names, and the chart until it is drawn in Japanese.
        kept = "[lang=en], code, pre, .footnote, svg, .deficit-chart, table, .headerlink"
        for node in article.select(kept):
            node.decompose()
        text = " ".join(article.get_text(" ").split())
        for allowed in ENGLISH_ALLOWED:
            text = text.replace(allowed, " ")
        for run in re.finditer(r"[A-Za-z][A-Za-z'’.,-]*(?:\s+[A-Za-z][A-Za-z'’.,-]*){3,}", text):
            problems.append(f"{ja}: {run.group(0)!r}")
    assert not problems, "\n".join(problems)


def test_japanese_cards_have_no_missing_glyphs(site):
    for ja in pairs(site).values():
        soup = site.soup(ja)
        for key in ("og:title", "og:description"):
            text = soup.find("meta", property=key)["content"]
            assert not missing_glyphs(text, _font(32, "ja")), (ja, key)
    # The check itself sees a character the font cannot draw.
    assert missing_glyphs("石破\U0001f9ff", _font(32, "ja")) == {"\U0001f9ff"}
