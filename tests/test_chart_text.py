"""The chart's words and markup come from the data and its metadata: ranks, escaping, role theming."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from xml.etree import ElementTree

import pytest

from explainer import chart_theme
from explainer.chart_cache import CACHE_DIR, cache_key, entry_files
from explainer.chart_render import figure_json
from explainer.chart_spec import ChartSpecError, load_chart_spec, parse_chart_spec
from explainer.chart_text import chart_header_html, chart_text, country_rank, rank_with_blocs
from explainer.deficits_chart import build_figure
from explainer.deficits_data import PACKAGE_PATH, load_deficits
from explainer.inline_chart import themable_inline_svg
from tests.helpers import json_items

HOSTILE = [
    '<a href="https://evil.example/">x</a>',
    '<span style="fill:url(https://evil.example/p.svg#a)">y</span>',
]
# The only markup the chart means to give Plotly: bold for the highlight, line breaks in titles,
# and the empty <extra> that hides the trace name in the hover label.
OWN_MARKUP = re.compile(r"</?b>|<br>|<extra></extra>")


def _with_japan_at(value: float):
    return [replace(p, deficit_bn_usd=value) if p.name == "Japan" else p for p in load_deficits()]


def test_headline_rank_is_computed_from_the_values():
    spec = load_chart_spec()
    text = chart_text(load_deficits(), spec)
    assert text.headline == (
        "The United States ran its largest 2024 goods deficit with China; "
        "Japan ranked 7th among individual countries"
    )
    assert "Japan seventh among countries at $68.5 billion" in text.alt_text
    lower = _with_japan_at(60.1)
    assert "Japan ranked 9th among individual countries" in chart_text(lower, spec).headline
    assert "Japan ninth among countries at $60.1 billion" in chart_text(lower, spec).alt_text


def test_rank_with_the_eu_listed_counts_the_bloc():
    partners = load_deficits()
    assert country_rank(partners, "Japan") == 7
    assert rank_with_blocs(partners, "Japan") == 8
    assert rank_with_blocs(_with_japan_at(300.0), "Japan") == 1


def test_the_page_header_is_escaped_html():
    spec = replace(load_chart_spec(), highlight=HOSTILE[0])
    partners = [replace(p, name=HOSTILE[0]) if p.name == "Japan" else p for p in load_deficits()]
    header = chart_header_html(chart_text(partners, spec))
    assert "<a " not in header and "&lt;a href" in header


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda chart: chart.pop("headline"), "chart.headline: expected a non-empty string"),
        (lambda chart: chart["sizes"].pop("social"), "chart.sizes: expected exactly the keys"),
        (lambda chart: chart["sizes"].update(wide=[680]), "chart.sizes.wide: expected [width, height]"),
        (lambda chart: chart["sizes"].update(social=[1000, 525]), "chart.sizes.social: width and height"),
        (lambda chart: chart.update(url_dir="/abs"), "chart.url_dir: must be a relative path"),
    ],
)
def test_bad_metadata_names_the_file_and_key(edit, message):
    descriptor = json.loads(PACKAGE_PATH.read_text(encoding="utf-8"))
    edit(descriptor["chart"])
    with pytest.raises(ChartSpecError) as error:
        parse_chart_spec(descriptor, PACKAGE_PATH)
    assert str(error.value).startswith(f"{PACKAGE_PATH}: {message}")


def test_an_unknown_template_field_is_reported():
    spec = replace(load_chart_spec(), headline="{top} then {nope}")
    with pytest.raises(ValueError, match=r"chart.headline .*'nope'"):
        chart_text(load_deficits(), spec)


def _hostile_partners():
    partners = load_deficits()
    names = iter(HOSTILE)
    return [replace(p, name=next(names)) if p.name in {"Mexico", "Taiwan"} else p for p in partners]


@pytest.mark.parametrize("hostile_highlight", [False, True])
def test_names_reach_plotly_escaped(hostile_highlight):
    spec = load_chart_spec()
    partners = _hostile_partners()
    if hostile_highlight:
        spec = replace(spec, highlight=HOSTILE[1])
    document = json.loads(figure_json(partners, spec))
    titled = build_figure(partners, titled=True, spec=spec).to_plotly_json()
    strings = [value for doc in (document, titled) for _, value in json_items(doc) if isinstance(value, str)]
    for text in strings:
        assert "<" not in OWN_MARKUP.sub("", text), text


def _svg_problems(svg_text: str) -> list[str]:
    problems = []
    for el in ElementTree.fromstring(svg_text).iter():
        if el.tag.rsplit("}", 1)[-1] == "a":
            problems.append("an <a> element")
        for attr, value in el.attrib.items():
            if attr.rsplit("}", 1)[-1] == "href" and not value.startswith("#"):
                problems.append(f"href={value}")
            if re.search(r"url\(\s*(?!['\"]?#)", value):
                problems.append(f"{attr}={value}")
    return problems


def test_hostile_names_render_as_text_in_the_svg():
    import kaleido

    partners = _hostile_partners()
    figure = build_figure(partners, chart_theme.role_markers())
    svg = kaleido.calc_fig_sync(figure, opts={"format": "svg", "width": 680, "height": 460}).decode()
    inline = themable_inline_svg(svg, "wide", "label", "chart")
    assert _svg_problems(svg) == [] and _svg_problems(inline) == []
    ticks = {
        "".join(t.itertext()) for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
    }
    assert f"2. {HOSTILE[0]}" in ticks  # shown as typed


def test_roles_are_themed_by_role_even_where_a_scheme_shares_colours(monkeypatch):
    palettes = {scheme: dict(colours) for scheme, colours in chart_theme.PALETTES.items()}
    assert palettes["default"]["bar"] == palettes["default"]["bloc"]  # light: one colour for both roles
    palettes["slate"]["bloc"] = "#c0ffee"  # dark: they differ
    monkeypatch.setattr(chart_theme, "PALETTES", palettes)
    assert "--chart-bloc: #c0ffee;" in chart_theme.css_custom_properties()

    partners, spec = load_deficits(), load_chart_spec()
    cached = CACHE_DIR / cache_key(partners, spec) / entry_files(spec)["wide"]
    root = ElementTree.fromstring(themable_inline_svg(cached.read_text(encoding="utf-8"), "w", "l", "c"))
    traces = [g for g in root.iter() if g.get("class") == "trace bars"]
    assert len(traces) == 3  # in build order: bar, highlight, bloc
    styles = [" ".join(el.get("style", "") for el in trace.iter()) for trace in traces]
    assert "var(--chart-bar)" in styles[0] and "var(--chart-bloc)" not in styles[0]
    assert "var(--chart-highlight)" in styles[1]
    assert "var(--chart-bloc)" in styles[2] and "var(--chart-bar)" not in styles[2]
