"""The deficit chart in Japanese: text from the data, labels and ranks that match it, files under ja/,
and a font that draws every character (no missing-glyph boxes in the PNG, SVG or social card)."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from decimal import Decimal
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from PIL import ImageFont

from explainer.chart_cache import CACHE_DIR, cache_key
from explainer.chart_labels import LABELS
from explainer.chart_spec import (
    ChartSpecError,
    check_partner_names,
    load_chart_spec,
    localized,
    parse_chart_spec,
)
from explainer.chart_text import chart_text
from explainer.deficits_data import PACKAGE_PATH, load_deficits
from explainer.deficits_table import plotted_csv
from explainer.processes import run_captured
from explainer.social_cards import CJK_FONTS, missing_glyphs

ENGLISH = load_chart_spec()
SPEC = localized(ENGLISH, "ja")
NAMES = SPEC.translations["ja"]["partners"]
CHARTS = f"ja/{SPEC.url_dir}/"


@pytest.fixture(scope="module")
def partners():
    return load_deficits()


def _country_rank(partners, name):
    """Counted here, not with the code under test: 1 + the countries with a larger deficit."""
    value = next(p.deficit_bn_usd for p in partners if p.name == name)
    return 1 + sum(1 for p in partners if p.partner_type == "country" and p.deficit_bn_usd > value)


def _oku(value: float) -> int:
    return int(Decimal(str(value)) * 10)  # billions of dollars -> 億ドル (exact for one decimal place)


# --- text from the data -----------------------------------------------------------------------------


def test_headline_is_filled_from_the_data(partners):
    top = max((p for p in partners if p.partner_type == "country"), key=lambda p: p.deficit_bn_usd)
    rank = _country_rank(partners, ENGLISH.highlight)
    text = chart_text(partners, SPEC)
    assert text.headline == (
        f"2024年の米国のモノの貿易赤字は{NAMES[top.name]}が最大、{NAMES[ENGLISH.highlight]}は国別で{rank}位"
    )
    assert f"{_oku(top.deficit_bn_usd):,}億ドル" in text.alt_text
    # A changed value moves the rank in the Japanese text too: nothing is typed.
    lower = [replace(p, deficit_bn_usd=60.1) if p.name == ENGLISH.highlight else p for p in partners]
    assert chart_text(lower, SPEC).headline.endswith(f"国別で{_country_rank(lower, ENGLISH.highlight)}位")
    assert _country_rank(lower, ENGLISH.highlight) != rank


def test_a_partner_without_a_japanese_name_stops_the_build(partners):
    names = [p.name for p in partners]
    check_partner_names(ENGLISH, names)
    with pytest.raises(ChartSpecError) as error:
        check_partner_names(ENGLISH, [*names, "Brazil"])
    message = str(error.value)
    assert "datapackage.json" in message and "translations.ja.partners" in message and "'Brazil'" in message


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda ja: ja.pop("headline"), "chart.translations.ja.headline"),
        (lambda ja: ja["partners"].update({"Japan": ""}), "chart.translations.ja.partners"),
        (lambda ja: ja.update({"short_names": ["EU"]}), "chart.translations.ja.short_names"),
    ],
)
def test_bad_translations_name_the_file_and_key(edit, key):
    descriptor = json.loads(PACKAGE_PATH.read_text(encoding="utf-8"))
    edit(descriptor["chart"]["translations"]["ja"])
    with pytest.raises(ChartSpecError, match=re.escape(key)) as error:
        parse_chart_spec(descriptor)
    assert "datapackage.json" in str(error.value)


def test_every_language_labels_the_same_things():
    assert {lang: set(words) for lang, words in LABELS.items()} == {
        lang: set(LABELS["en"]) for lang in LABELS
    }
    assert set(LABELS) == set(ENGLISH.languages())


# --- the built Japanese pages ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_inline_chart_labels_and_ranks_match_the_data(site, partners, layout):
    page = site.soup(site.url("ja/deficit-chart/"))
    svg = page.select_one(f"figure#chart svg.deficit-chart__static--{layout}")
    assert svg["aria-label"] == chart_text(partners, SPEC).alt_text
    labels = [t.get_text() for t in svg.select("g.ytick text")]
    bars = [t.get_text() for t in svg.select("text.bartext")]
    expected = []
    for p in partners:
        if p.partner_type == "bloc":
            short = SPEC.translations["ja"]["short_names"].get(p.name, NAMES[p.name])
            key = "bloc_label_short" if layout == "narrow" else "bloc_label"
            expected.append(LABELS["ja"][key].format(name=short))
        else:
            expected.append(f"{_country_rank(partners, p.name)}. {NAMES[p.name]}")
        assert any(bar.endswith(f"{_oku(p.deficit_bn_usd):,}億ドル") for bar in bars), p.name
    assert labels == expected
    highlight = next(p for p in partners if p.name == ENGLISH.highlight)
    rank = _country_rank(partners, highlight.name)
    assert f"{rank}位 · {_oku(highlight.deficit_bn_usd):,}億ドル" in bars
    assert "EU（地域" in labels[[p.name for p in partners].index("European Union")]
    # The axis is in 億ドル: each tick is ten times the billions it stands at.
    ticks = [int(t.get_text().replace(",", "")) for t in svg.select("g.xtick text")]
    assert ticks[:3] == [0, 500 if layout == "wide" else 1000, 1000 if layout == "wide" else 2000]
    assert not re.search(r"[A-Za-z]{3,}", " ".join(labels + bars)), "English words in the Japanese chart"


def test_table_values_in_oku_dollars_equal_the_csv(site, partners):
    page = site.soup(site.url("ja/deficit-chart/"))
    table = page.select_one("div.deficits-table table")
    assert [th.get_text() for th in table.select("thead th")][:3] == [
        LABELS["ja"]["col_rank"],
        LABELS["ja"]["col_partner"],
        LABELS["ja"]["col_deficit"],
    ]
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert len(rows) == len(partners)
    for row, p in zip(rows, partners, strict=True):
        assert row[1] == NAMES[p.name]
        assert int(row[2].replace(",", "")) == _oku(p.deficit_bn_usd)
        assert row[0] == (str(_country_rank(partners, p.name)) if p.rank else "順位外（地域）")


def test_downloads_and_figure_are_the_japanese_files(site, partners):
    url = site.url("ja/deficit-chart/")
    page = site.soup(url)
    actions = page.select_one("figure#chart .deficit-chart__actions")
    links = {a.get_text(): a["href"] for a in actions.find_all("a", download=True)}
    kinds = ("download_csv", "download_bundle", "download_png", "download_svg")
    assert set(links) == {LABELS["ja"][k] for k in kinds}
    for href in links.values():
        path = urlparse(urljoin(url, href)).path
        assert path.startswith(urlparse(site.url(CHARTS)).path), href
        assert site.file_for(urljoin(url, href)).is_file(), href
    figure_url = urljoin(url, actions["data-figure-url"])
    assert urlparse(figure_url).path == urlparse(site.url(f"{CHARTS}figure.json")).path
    figure = json.loads(site.file_for(figure_url).read_text(encoding="utf-8"))
    assert figure["lang"] == "ja"
    assert figure["figure"]["layout"]["font"]["family"].startswith('"Noto Sans CJK JP"')
    # The figure's data stay in billions, so its values are the CSV's.
    plotted = {
        y: x for trace in figure["figure"]["data"] for y, x in zip(trace["y"], trace["x"], strict=True)
    }
    assert plotted == {p.name: p.deficit_bn_usd for p in partners}
    assert actions["data-link-copied"] == LABELS["ja"]["link_copied"]
    # The documented choice: one CSV, the data file's English columns, on both editions.
    assert (site.dir / CHARTS / f"{SPEC.file_stem}.csv").read_text(encoding="utf-8") == plotted_csv(partners)
    assert LABELS["ja"]["csv_note"] in page.select_one("figure#chart .deficit-chart__note").get_text()
    # The English page keeps the English files.
    english = site.soup(site.url("deficit-chart/")).select_one("figure#chart .deficit-chart__actions")
    assert (
        urlparse(urljoin(site.url("deficit-chart/"), english["data-figure-url"])).path
        == urlparse(site.url(f"{ENGLISH.url_dir}/figure.json")).path
    )


def test_demands_page_shows_the_japanese_chart(site, partners):
    page = site.soup(site.url("ja/demands/"))
    assert (
        page.select_one("figure#chart .deficit-chart__headline").get_text()
        == chart_text(partners, SPEC).headline
    )
    for a in page.select("figure#chart .deficit-chart__actions a[download]"):
        assert site.file_for(urljoin(site.url("ja/demands/"), a["href"])).is_file()


def test_japanese_social_card_is_the_japanese_render(site, partners):
    page = site.soup(site.url("ja/deficit-chart/"))
    card = site.file_for(page.select_one('meta[property="og:image"]')["content"])
    entry = CACHE_DIR / cache_key(partners, SPEC)
    assert card.read_bytes() == (entry / "social.png").read_bytes()
    assert card.read_bytes() != (CACHE_DIR / cache_key(partners, ENGLISH) / "social.png").read_bytes()


# --- no missing-glyph boxes -------------------------------------------------------------------------


def _drawn_text(svg_text: str) -> str:
    return "".join(t.get_text() for t in BeautifulSoup(svg_text, "html.parser").find_all("text"))


def _japanese_strings(partners) -> str:
    text = chart_text(partners, SPEC)
    return "".join([*vars(text).values(), *NAMES.values(), *LABELS["ja"].values(), "0123456789,.·位億ドル"])


@pytest.fixture(scope="module")
def cjk_fonts():
    """The faces kaleido's Chromium draws "Noto Sans CJK JP" with, as fontconfig resolves the family."""
    if shutil.which("fc-match"):
        for style, path in (("", CJK_FONTS[0]), (":bold", CJK_FONTS[1])):
            resolved = run_captured(["fc-match", "-f", "%{file}", f"Noto Sans CJK JP{style}"]).stdout
            assert resolved == str(path), f"Noto Sans CJK JP resolves to {resolved}: install fonts-noto-cjk"
    return [ImageFont.truetype(str(path), size=32, index=0) for path in CJK_FONTS]


def test_the_font_draws_every_character_of_the_japanese_chart_text(partners, cjk_fonts):
    text = _japanese_strings(partners)
    for font in cjk_fonts:
        assert missing_glyphs(text, font) == set()
    # The check itself sees a box: a Khmer letter is not in Noto Sans CJK.
    assert missing_glyphs("中国\u1780", cjk_fonts[0]) == {"\u1780"}


@pytest.mark.parametrize("name", ["us-goods-deficits-2024.svg", "chart-wide.svg", "chart-narrow.svg"])
def test_every_character_in_the_rendered_images_is_in_the_font(partners, cjk_fonts, name):
    """The PNG and the social card are drawn from the same figure as the SVG, with the same font."""
    svg = (CACHE_DIR / cache_key(partners, SPEC) / name).read_text(encoding="utf-8")
    drawn = _drawn_text(svg)
    assert NAMES[ENGLISH.highlight] in drawn
    assert "font-family: 'Noto Sans CJK JP'" in svg
    for font in cjk_fonts:
        assert missing_glyphs(drawn, font) == set()
