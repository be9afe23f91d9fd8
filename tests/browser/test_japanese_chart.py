"""The Japanese chart in a real browser: its own figure.json, Japanese labels, Japanese messages."""

from __future__ import annotations

from explainer.chart_labels import LABELS
from explainer.chart_spec import load_chart_spec, localized
from explainer.deficits_data import load_deficits
from tests.helpers import CHART, READ_PLOT, open_live_chart, plotted_values

SPEC = localized(load_chart_spec(), "ja")


def test_the_interactive_chart_is_the_japanese_figure(site, open_page):
    tab, page = open_live_chart(open_page, "ja/deficit-chart/")
    assert site.url(f"ja/{SPEC.url_dir}/figure.json") in tab.requested, tab.requested
    assert site.url(f"{SPEC.url_dir}/figure.json") not in tab.requested
    plot = page.evaluate(READ_PLOT)
    partners = load_deficits()
    assert plotted_values(plot) == {p.name: p.deficit_bn_usd for p in partners}
    names = SPEC.translations["ja"]["partners"]
    countries = [p for p in partners if p.rank]
    assert [t for t in plot["ticks"] if t[0].isdigit()] == [f"{p.rank}. {names[p.name]}" for p in countries]
    assert not tab.problems, tab.problems


def test_copy_link_says_so_in_japanese(site, open_page):
    _, page = open_page("ja/deficit-chart/", permissions=["clipboard-read", "clipboard-write"])
    page.locator(f"{CHART} .deficit-chart__copy").click()
    copied = LABELS["ja"]["link_copied"]
    page.wait_for_function(
        "(text) => document.querySelector('.deficit-chart__status').textContent === text", arg=copied
    )
    assert page.evaluate("navigator.clipboard.readText()") == site.url("ja/deficit-chart/#chart")
