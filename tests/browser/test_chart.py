"""The chart in a real browser: data read back from the plot, theming, navigation, keyboard, downloads."""

from __future__ import annotations

import csv
import io

import pytest

from explainer.chart_theme import PALETTES
from explainer.deficits_data import load_deficits
from explainer.deficits_table import plotted_csv
from tests.browser.conftest import DESKTOP, PHONE
from tests.helpers import (
    CHART,
    READ_PLOT,
    activate,
    navigate_instantly,
    open_live_chart,
    plotted_values,
    rgb,
    set_scheme,
)


def focus_before_the_chart(page) -> None:
    """Focus what comes just before the chart, so the next Tab goes into it."""
    page.locator(CHART).evaluate("el => el.previousElementSibling.setAttribute('tabindex', '-1')")
    page.locator(CHART).evaluate("el => el.previousElementSibling.focus()")


def test_plotly_is_not_loaded_until_the_reader_reaches_for_the_chart(open_page):
    tab, page = open_page("deficit-chart/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in tab.requested if "plotly" in u or u.endswith("figure.json")]
    activate(page)
    assert any("plotly-basic-" in u for u in tab.requested)
    assert not tab.problems, tab.problems


def test_rendered_plot_has_the_exact_data(open_page):
    tab, page = open_live_chart(open_page)
    plot = page.evaluate(READ_PLOT)
    partners = load_deficits()
    assert plotted_values(plot) == {p.name: p.deficit_bn_usd for p in partners}
    # Largest on top: tick labels read top to bottom in rank order.
    assert plot["ticks"][0] == "1. China"
    assert plot["ticks"][:3] == ["1. China", "European Union (bloc, not ranked)", "2. Mexico"]
    assert "7. Japan" in plot["ticks"]
    highlight = next(t for t in plot["traces"] if t["role"] == "highlight")
    assert highlight["y"] == ["Japan"] and highlight["text"] == ["<b>7th · $68.5B</b>"]
    china = next(t for t in plot["traces"] if t["role"] == "bar")
    assert china["text"][0] == "$295.4B"
    bloc = next(t for t in plot["traces"] if t["role"] == "bloc")
    assert bloc["y"] == ["European Union"]
    assert not any(tick.startswith(("8.", "9.")) and "European" in tick for tick in plot["ticks"])
    fills = dict(zip([t["role"] for t in plot["traces"]], plot["barFills"], strict=True))
    assert fills["highlight"] == rgb(PALETTES["default"]["highlight"])
    assert fills["bar"] == rgb(PALETTES["default"]["bar"])
    assert fills["bloc"] != fills["bar"]  # hatched, not a plain bar
    assert not tab.problems, tab.problems


def test_palette_switch_restyles_without_reload(open_page):
    tab, page = open_live_chart(open_page, color_scheme="light")
    page.evaluate("window.__noReload = true")
    light = page.evaluate(READ_PLOT)
    assert light["font"] == PALETTES["default"]["text"]
    set_scheme(page, "slate")
    dark_text = PALETTES["slate"]["text"]
    page.wait_for_function(
        f"document.querySelector('.deficit-chart__plot')._fullLayout.font.color === '{dark_text}'"
    )
    dark = page.evaluate(READ_PLOT)
    assert dark["grid"] == PALETTES["slate"]["grid"]
    fills = dict(zip([t["role"] for t in dark["traces"]], dark["barFills"], strict=True))
    assert fills["highlight"] == rgb(PALETTES["slate"]["highlight"])
    assert page.evaluate("window.__noReload") is True
    assert not tab.problems, tab.problems


def test_chart_follows_the_os_scheme(open_page):
    _, page = open_page("deficit-chart/", color_scheme="dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    static_highlight = page.locator(".deficit-chart__static:visible .trace.bars").nth(1).locator("path").first
    assert static_highlight.evaluate("p => getComputedStyle(p).fill") == rgb(PALETTES["slate"]["highlight"])
    activate(page)
    assert page.evaluate(READ_PLOT)["font"] == PALETTES["slate"]["text"]


def _resize_listeners(page) -> int:
    cdp = page.context.new_cdp_session(page)
    window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
    return sum(1 for listener in listeners if listener["type"] == "resize")


def test_instant_navigation_away_and_back_redraws_cleanly(open_page):
    tab, page = open_live_chart(open_page)
    page.evaluate("window.__sameDocument = true")
    listeners_with_one_plot = _resize_listeners(page)
    main_svg_position = page.evaluate("getComputedStyle(document.querySelector('.main-svg')).position")
    assert main_svg_position == "absolute"  # plotly.js's own stylesheet is applied

    for _ in range(2):
        navigate_instantly(page, "fact-check/")
        navigate_instantly(page, "deficit-chart/")
        activate(page)

    assert page.evaluate("window.__sameDocument") is True, "navigation should be instant, not a reload"
    assert page.locator(".js-plotly-plot").count() == 1
    assert page.locator(CHART).count() == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.main-svg')).position") == "absolute"
    assert _resize_listeners(page) == listeners_with_one_plot, "old plots leaked window listeners"
    plot = page.evaluate(READ_PLOT)
    assert len(plot["ticks"]) == len(load_deficits())
    assert not tab.problems, tab.problems


def test_keyboard_reaches_every_control_with_visible_focus(open_page):
    _, page = open_page("deficit-chart/")
    controls = page.locator(f"{CHART} .deficit-chart__actions :is(a, button)")
    wanted = set(controls.evaluate_all("els => els.map((e) => e.textContent.trim())"))
    assert wanted >= {"Download data (CSV)", "Image (PNG)", "Image (SVG)", "Copy link to this chart"}
    focus_before_the_chart(page)
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el.closest('.deficit-chart__actions')) return null;
              const style = getComputedStyle(el);
              return {text: el.textContent.trim(), outline: style.outlineStyle, width: style.outlineWidth};
            }"""
        )
        if focused:
            assert focused["outline"] != "none" and focused["width"] != "0px", focused
            reached.add(focused["text"])
        if reached == wanted:
            break
    assert reached == wanted


def test_screen_readers_get_the_text_and_the_table_not_the_svg(open_page):
    _, page = open_live_chart(open_page)
    tree = page.locator(CHART).aria_snapshot()
    assert "What the chart shows" in tree
    assert "Japan" in tree and "seventh" in tree
    assert "7th · $68.5B" not in tree, "the plot's SVG text leaked into the accessibility tree"
    assert page.locator(".deficit-chart__plot").get_attribute("aria-hidden") == "true"
    table = page.get_by_role("table").filter(has_text="Rank among countries")
    assert table.get_by_role("row").count() == len(load_deficits()) + 1


def test_copy_link_copies_the_chart_anchor(site, open_page):
    _, page = open_page("deficit-chart/", permissions=["clipboard-read", "clipboard-write"])
    page.locator(".deficit-chart__copy").click()
    page.wait_for_function("document.querySelector('.deficit-chart__status').textContent === 'Link copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == site.url("deficit-chart/#chart")
    assert page.locator(CHART).count() == 1


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_downloads_deliver_the_data(open_page, tmp_path, viewport):
    _, page = open_page("deficit-chart/", viewport=viewport)
    files = {}
    for label in ("Download data (CSV)", "Image (PNG)", "Image (SVG)"):
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        download = info.value
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        files[target.suffix] = target
    partners = load_deficits()
    assert files[".csv"].read_text(encoding="utf-8") == plotted_csv(partners)
    rows = list(csv.DictReader(io.StringIO(files[".csv"].read_text(encoding="utf-8"))))
    assert [r["partner"] for r in rows] == [p.name for p in partners]
    assert files[".png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = files[".svg"].read_text(encoding="utf-8")
    assert all(f"${p.deficit_bn_usd:.1f}B" in svg for p in partners)


FOCUSABLE = (
    "a[href], area[href], button, input, select, textarea, iframe, [tabindex], [contenteditable=''], "
    "[contenteditable=true], svg a"
)


def test_the_interactive_chart_offers_nothing_that_leaves_the_site(site, open_page):
    """Every control inside the live chart is pressed: no popup, no off-site request, nothing hidden
    from screen readers that a keyboard can still reach."""
    tab, page = open_live_chart(open_page)
    popups = []
    page.on("popup", lambda popup: popups.append(popup.url))
    plot = page.locator(".deficit-chart__plot")
    plot.hover()
    page.mouse.move(0, 0)
    assert page.locator(".deficit-chart__plot .modebar, .deficit-chart__plot .modebar-btn").count() == 0
    controls = plot.locator("a, button, [role=button], [data-title], [tabindex]")
    for index in range(controls.count()):
        control = controls.nth(index)
        control.focus()
        control.click(force=True)
    page.wait_for_load_state("networkidle")
    hidden_focusable = page.evaluate(
        """(selector) => [...document.querySelectorAll('[aria-hidden=true]')]
            .flatMap((hidden) => [...hidden.querySelectorAll(selector)])
            .filter((el) => el.tabIndex >= 0 || el.matches('a[href]'))
            .map((el) => el.outerHTML.slice(0, 80))""",
        FOCUSABLE,
    )
    assert hidden_focusable == []
    assert popups == []
    assert not [p for p in tab.problems if "off-site" in p], tab.problems
    # Tabbing through the page from the chart never lands inside the aria-hidden plot.
    focus_before_the_chart(page)
    for _ in range(12):
        page.keyboard.press("Tab")
        assert not page.evaluate("!!document.activeElement.closest('[aria-hidden=true]')")
