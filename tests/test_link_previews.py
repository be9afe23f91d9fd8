"""Every page previews well when shared: Open Graph and Twitter tags, 1200×630 images, canonical URLs."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from explainer.chart_cache import CACHE_DIR, cache_key
from explainer.deficits_data import load_deficits
from tests.helpers import build_site, png_size


def meta(soup, key: str) -> str:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    assert tag is not None and tag.get("content"), f"missing {key}"
    return tag["content"]


def test_every_page_has_complete_preview_tags(site):
    images = set()
    for url in site.page_urls:
        soup = site.soup(url)
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == url
        assert meta(soup, "og:url") == url
        assert meta(soup, "og:type") in {"website", "article"}
        assert meta(soup, "og:site_name") == ("石破・トランプ会談" if "/ja/" in url else "Ishiba meets Trump")
        title = meta(soup, "og:title")
        assert title and title == meta(soup, "twitter:title")
        description = meta(soup, "og:description")
        assert description == soup.find("meta", attrs={"name": "description"})["content"]
        assert meta(soup, "twitter:card") == "summary_large_image"
        assert meta(soup, "og:image:width") == "1200"
        assert meta(soup, "og:image:height") == "630"
        assert len(meta(soup, "og:image:alt")) > 20
        image = meta(soup, "og:image")
        assert image.startswith(site.base_url), image
        assert meta(soup, "twitter:image") == image
        data = site.file_for(image).read_bytes()
        assert png_size(data) == (1200, 630), image
        images.add(image)
    assert len(images) == len(site.page_urls), "each page gets its own card"


def test_chart_page_preview_is_the_chart(site):
    soup = site.soup(site.url("deficit-chart/"))
    image = site.file_for(meta(soup, "og:image")).read_bytes()
    partners = load_deficits()
    assert image == (CACHE_DIR / cache_key(partners) / "social.png").read_bytes()
    assert "China" in meta(soup, "og:image:alt") and "Japan" in meta(soup, "og:image:alt")


def test_page_descriptions_are_their_own(site):
    home = site.soup(site.base_url)
    site_description = " ".join(home.find("meta", attrs={"name": "description"})["content"].split())
    for url in site.page_urls:
        if url != site.base_url:
            assert meta(site.soup(url), "og:description") != site_description, url


def test_headings_have_permalinks(site):
    for url in site.page_urls:
        for heading in site.soup(url).select("article h2[id]"):
            link = heading.find("a", class_="headerlink")
            assert link and link["href"] == f"#{heading['id']}", (url, heading)


def test_chart_has_a_copy_link_control_to_its_anchor(site):
    soup = site.soup(site.url("deficit-chart/"))
    figure = soup.find("figure", id="chart")
    assert figure is not None
    copy = figure.find("a", class_="deficit-chart__copy")
    assert copy["href"] == "#chart"


def test_robots_sitemap_and_favicon(site):
    robots = (site.dir / "robots.txt").read_text()
    assert f"Sitemap: {site.base_url}sitemap.xml" in robots
    for url in site.page_urls:
        icon = site.soup(url).find("link", rel="icon")["href"]
        assert site.file_for(urljoin(url, icon)).is_file(), icon


@pytest.mark.parametrize("site_url", ["https://example.org/", "https://example.github.io/ishiba-trump/"])
def test_preview_urls_follow_site_url(tmp_path, site_url):
    result = build_site(tmp_path, site_url)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "gifts" / "index.html").read_text(), "html.parser")
    assert meta(soup, "og:url") == f"{site_url}gifts/"
    assert meta(soup, "og:image") == f"{site_url}assets/social/gifts.png"
    assert (tmp_path / "assets" / "social" / "gifts.png").is_file()
