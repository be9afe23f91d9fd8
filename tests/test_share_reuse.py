"""Share and reuse, read from the built files: page dates, citations, JSON-LD, the data bundle,
the embeddable chart and the licences."""

from __future__ import annotations

import io
import json
import os
import re
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import frictionless
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from explainer import page_dates as page_dates_module
from explainer.data_bundle import BUNDLE_NAME, bundle_zip
from explainer.git import git
from explainer.site_config import load_settings
from explainer.structured_data import script_json
from tests.helpers import ROOT, build_site, gzipped, json_items

CHARTS = "assets/charts/"
EMBED = "embed/deficit-chart/"
EMBED_BUDGET = 30 * 1024
SETTINGS = load_settings(load_config(str(ROOT / "mkdocs.yml")).extra)


def json_ld(soup) -> list[dict]:
    scripts = soup.head.find_all("script", type="application/ld+json")
    documents = []
    for script in scripts:
        assert "</" not in script.string
        data = json.loads(script.string)
        documents += data if isinstance(data, list) else [data]
    return documents


URL_KEYS = {"url", "contentUrl", "mainEntityOfPage", "image", "license", "isBasedOn"}


def all_urls(value) -> list[str]:
    return [item for key, item in json_items(value) if key in URL_KEYS and isinstance(item, str)]


# --- page dates -----------------------------------------------------------------------------------


def _git(repo: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    git("-c", "user.name=t", "-c", "user.email=t@example.org", *args, cwd=repo, env=env)


def test_page_dates_come_from_git_history(tmp_path):
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    _git(tmp_path, "init", "-q", when="2025-01-01T00:00:00+00:00")
    for n, when in enumerate(["2025-01-02T10:00:00+00:00", "2025-03-04T12:00:00+00:00"]):
        page.write_text(f"version {n}\n")
        _git(tmp_path, "add", ".", when=when)
        _git(tmp_path, "commit", "-q", "-m", f"v{n}", when=when)
    dates = page_dates_module.page_dates.__wrapped__(page)
    assert dates.published == datetime(2025, 1, 2, 10, tzinfo=UTC)
    assert dates.modified == datetime(2025, 3, 4, 12, tzinfo=UTC)


def test_page_dates_follow_a_renamed_page(tmp_path):
    # A page keeps its first publication date when it moves (here into a folder, under a name git
    # would quote without -z); a second page's commits do not date it.
    old, new = tmp_path / "docs" / "draft.md", tmp_path / "docs" / "ja" / "ページ.md"
    old.parent.mkdir()
    _git(tmp_path, "init", "-q", when="2025-01-01T00:00:00+00:00")
    steps = [
        ("2025-01-02T10:00:00+00:00", lambda: old.write_text("a page\n" * 20)),
        ("2025-02-03T10:00:00+00:00", lambda: (new.parent.mkdir(), old.rename(new))),
        ("2025-03-04T12:00:00+00:00", lambda: new.write_text("a page\n" * 20 + "one more line\n")),
        ("2025-04-05T12:00:00+00:00", lambda: (tmp_path / "docs" / "other.md").write_text("x\n")),
    ]
    for when, change in steps:
        change()
        _git(tmp_path, "add", "-A", ".", when=when)
        _git(tmp_path, "commit", "-q", "-m", when, when=when)
    dates = page_dates_module.page_dates.__wrapped__(new)
    assert dates.published == datetime(2025, 1, 2, 10, tzinfo=UTC)
    assert dates.modified == datetime(2025, 3, 4, 12, tzinfo=UTC)


def test_page_dates_fall_back_to_source_date_epoch(tmp_path, monkeypatch):
    page = tmp_path / "page.md"
    page.write_text("not in git\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1738886400")
    dates = page_dates_module.page_dates.__wrapped__(page)
    assert dates.published == dates.modified == datetime.fromtimestamp(1738886400, tz=UTC)


def test_every_page_says_when_it_changed_and_where_to_report_errors(site):
    for url in site.page_urls:
        soup = site.soup(url)
        meta = soup.select_one("aside.page-meta")
        assert meta is not None, url
        # One source of truth: the footer's date is the JSON-LD's dateModified.
        article = next(d for d in json_ld(soup) if d["@type"] == "Article")
        assert meta.time["datetime"] == article["dateModified"], url
        japanese = "/ja/" in url
        assert ("最終更新" if japanese else "Last updated") in meta.get_text(" "), url
        report = meta.find("a", string="誤りを報告する" if japanese else "Report an error")["href"]
        assert report.startswith(SETTINGS["repository"] + "/issues/new?"), url
        assert url in parse_qs(urlparse(report).query)["body"][0]
        share = meta.select_one("button.page-meta__share")
        assert share["data-share-url"] == url
        # No MkDocs repo_url: Material would then fetch api.github.com for the star count.
        assert not soup.select(".md-source"), url


# --- citations ------------------------------------------------------------------------------------


def test_citations_carry_the_absolute_url_and_dates(site):
    chart_url = site.url("deficit-chart/")
    soup = site.soup(chart_url)
    chart_cite = soup.select_one("#cite ~ .cite-block").get_text()
    assert f"{chart_url}#chart (accessed [date you read it])" in chart_cite
    assert f"url = {{{chart_url}#chart}}" in chart_cite
    assert "@misc{" in chart_cite and "last updated" in chart_cite
    for url in site.page_urls:
        page_cite = site.soup(url).select_one(".page-meta__cite").get_text()
        assert f" {url} (accessed" in page_cite, url
        # Every entry has a key, Japanese titles too (BibTeX keys are ASCII).
        assert re.search(r"@misc\{[a-z0-9-]+,", page_cite), url


# --- structured data ------------------------------------------------------------------------------


def test_json_ld_describes_every_page_and_the_dataset(site):
    for url in site.page_urls:
        soup = site.soup(url)
        documents = json_ld(soup)
        article = next(d for d in documents if d["@type"] == "Article")
        for key in ("headline", "description", "datePublished", "dateModified", "publisher", "image"):
            assert article[key], (url, key)
        assert article["url"] == url
        assert article["isBasedOn"] == SETTINGS["based_on"]
        datetime.fromisoformat(article["datePublished"])
        for link in all_urls(documents):
            assert urlparse(link).scheme in {"http", "https"}, (url, link)
    dataset = next(d for d in json_ld(site.soup(site.url("deficit-chart/"))) if d["@type"] == "Dataset")
    for key in ("name", "description", "license", "creator", "temporalCoverage", "spatialCoverage"):
        assert dataset[key], key
    assert {v["name"] for v in dataset["variableMeasured"]} >= {"U.S. goods trade deficit, 2024"}
    assert "bea.gov" in dataset["isBasedOn"]["url"]
    formats = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert set(formats) == {"text/csv", "application/json", "application/zip"}
    for content_url in formats.values():
        assert content_url.startswith(site.base_url + CHARTS)
        assert site.file_for(content_url).is_file(), content_url


def test_json_ld_cannot_close_its_script():
    text = script_json({"headline": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & <!--"


def test_absolute_urls_follow_site_url(tmp_path):
    fork = "https://fork.example.org/preview/"
    result = build_site(tmp_path / "site", fork)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "deficit-chart" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for link in all_urls(json_ld(soup)):
        assert link.startswith(fork) or "ishiba-trump.github.io" not in link, link
    assert "ishiba-trump.github.io" not in html
    assert f"{fork}embed/deficit-chart/" in soup.select_one(".deficit-chart__embed-code").get_text()
    embed = (tmp_path / "site" / "embed" / "deficit-chart" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{fork}deficit-chart/">' in embed


# --- the data bundle ------------------------------------------------------------------------------


def test_data_bundle_unzips_lists_every_file_and_validates(site, tmp_path):
    soup = site.soup(site.url("deficit-chart/"))
    link = soup.select_one(f'.deficit-chart__actions a[href$="{BUNDLE_NAME}"]')
    assert link is not None and "download" in link.attrs
    bundle = site.file_for(urljoin(site.url("deficit-chart/"), link["href"]))
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert names == sorted(names) == ["README.md", "datapackage.json", "us-goods-deficits-2024.csv"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        archive.extractall(tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    # The descriptor lists every data file in the bundle, and the bundle matches what the site serves.
    assert {r["path"] for r in package["resources"]} == {"us-goods-deficits-2024.csv"}
    assert (tmp_path / "datapackage.json").read_bytes() == (
        site.dir / CHARTS / "datapackage.json"
    ).read_bytes()
    served_csv = (site.dir / CHARTS / "us-goods-deficits-2024.csv").read_bytes()
    assert (tmp_path / "us-goods-deficits-2024.csv").read_bytes() == served_csv
    report = frictionless.Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for needed in ("## Columns", "## Sources", "## Licences", "billion USD", "bea.gov", "revision"):
        assert needed in readme, needed
    licences = {lic["path"] for lic in package["licenses"]}
    assert SETTINGS["text_license_url"] in licences
    assert "https://www.usa.gov/government-copyright" in licences


def test_bundle_zip_is_byte_reproducible():
    files = {"b.txt": b"two", "a.txt": b"one"}
    first = bundle_zip(files)
    assert first == bundle_zip(dict(reversed(files.items())))
    assert zipfile.ZipFile(io.BytesIO(first)).namelist() == ["a.txt", "b.txt"]


# --- the embeddable chart -------------------------------------------------------------------------


def embed_first_load(site) -> tuple[int, list[str]]:
    url = site.url(EMBED)
    soup = site.soup(url)
    refs = [link["href"] for link in soup.find_all("link", rel=["stylesheet", "icon"])]
    refs += [script["src"] for script in soup.find_all("script", src=True)]
    refs += [img["src"] for img in soup.find_all("img", src=True)]
    files = {site.file_for(url)} | {site.file_for(urljoin(url, ref)) for ref in refs}
    return sum(gzipped(f) for f in files), sorted(str(f.relative_to(site.dir)) for f in files)


def test_embed_page_is_the_chart_alone_and_small(site):
    url = site.url(EMBED)
    soup = site.soup(url)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", rel="canonical")["href"] == site.url("deficit-chart/")
    # No site chrome: no header, navigation, search or Material bundle.
    assert not soup.select(".md-header, .md-nav, .md-search, .md-sidebar")
    assert not [s for s in soup.find_all("script", src=True) if "bundle" in s["src"]]
    chart = site.soup(site.url("deficit-chart/")).select_one("figure#chart")
    for part in (".deficit-chart__headline", ".deficit-chart__subtitle"):
        assert soup.select_one(part).get_text() == chart.select_one(part).get_text(), part
    assert len(soup.select("figure svg.deficit-chart__static")) == 2
    assert "Census Bureau" in soup.figcaption.get_text()
    back = soup.figcaption.find("a", string=lambda s: s and "Full chart" in s)
    assert urljoin(url, back["href"]) == site.url("deficit-chart/")
    for tag in soup.find_all(["link", "script", "img"]):
        ref = tag.get("href") or tag.get("src")
        if ref:
            assert urlparse(urljoin(url, ref)).netloc == urlparse(url).netloc, ref
    size, files = embed_first_load(site)
    assert size <= EMBED_BUDGET, f"{size / 1024:.1f} KB > 30 KB: {files}"


def test_embed_page_is_left_out_of_sitemap_search_and_nav(site):
    assert not [u for u in site.page_urls if "/embed/" in u]
    index = json.loads((site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("embed/")]
    nav = site.soup(site.url("")).select_one("nav.md-nav--primary")
    assert "embed/" not in str(nav)


# --- licences -------------------------------------------------------------------------------------


def test_licences_are_machine_readable_and_agree(site):
    reuse = tomllib.loads((ROOT / "REUSE.toml").read_text(encoding="utf-8"))
    ids = {a["SPDX-License-Identifier"] for a in reuse["annotations"]}
    assert {"MIT", "CC-BY-4.0", "LicenseRef-US-Government-Work"} <= ids
    for spdx in ids:
        assert (ROOT / "LICENSES" / f"{spdx}.txt").is_file(), spdx
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["title"] == config.site_name
    assert citation["repository-code"] == SETTINGS["repository"]
    assert set(citation["license"]) <= ids and SETTINGS["text_license"] in citation["license"]
    footer = site.soup(site.url("")).select_one(".page-meta__licences")
    assert footer.find("a", rel="license")["href"] == SETTINGS["text_license_url"]
    assert "public domain" in footer.get_text() and "MIT" in footer.get_text()
