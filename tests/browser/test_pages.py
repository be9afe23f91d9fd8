"""Every page, in a real browser: loads cleanly, stays on-site, passes axe, fits a phone, works without JS.

Pages are discovered from the sitemap, so a new page is covered without editing these tests.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE
from tests.helpers import build_site, serve_directory, set_scheme

AXE = Axe()
# The colour rules are most of axe's time (~0.65 s a page, of ~1.15). The article's colours and type
# sizes are the same at both widths (the phone's results there differ only in the chart image's text,
# which axe cannot judge, and in a few footnote links that link-in-text-block passes on desktop and
# does not apply to on the phone), so the phone checks colours only where its layout differs: the
# header, drawer and footer around the article. Every other rule runs on the whole page at both widths.
# The dark palette changes colours and the toggle's label, nothing else axe's rules read, so it gets
# the colour rules only.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
VIOLATIONS = {"resultTypes": ["violations"]}
COLOURS_ONLY = {**VIOLATIONS, "runOnly": {"type": "rule", "values": COLOUR_RULES}}
NO_COLOURS = {**VIOLATIONS, "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
AROUND_THE_ARTICLE = {"exclude": [["article"]]}
AXE_RUNS = {
    ("desktop", "default"): [(None, VIOLATIONS)],
    ("desktop", "slate"): [(None, COLOURS_ONLY)],
    ("phone", "default"): [(None, NO_COLOURS), (AROUND_THE_ARTICLE, COLOURS_ONLY)],
    ("phone", "slate"): [(AROUND_THE_ARTICLE, COLOURS_ONLY)],
}
# Axe is injected once a page, then run once for each entry above (None: the whole document).
RUN_AXE = "([context, options]) => axe.run(context || document, options)"


def test_pages_load_without_errors_or_third_parties(site, visit):
    tab = visit()
    for url in site.page_urls:
        page = tab.goto(url)
        page.wait_for_load_state("networkidle")
    assert not tab.problems, "\n".join(tab.problems)


def test_404_page_is_styled_under_the_subpath(open_page):
    tab, page = open_page("no/such/page/")
    assert page.locator("h1").inner_text() == "Page not found"
    # Styles and scripts loaded: Material's header is sticky and its search is wired up.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.wait_for_load_state("networkidle")
    expected = [p for p in tab.problems if "no/such/page" in p or "status of 404" in p]
    assert len(expected) == 2 and expected == tab.problems[:2], tab.problems  # the page itself only
    assert len(tab.problems) == 2, tab.problems


def test_site_works_at_a_domain_root(tmp_path, visit):
    """The same build also works as a user or custom-domain site, at the root of its origin."""
    with serve_directory(tmp_path) as origin:
        result = build_site(tmp_path, origin)
        assert result.returncode == 0, result.stderr
        tab = visit()
        tab.origin = origin.rstrip("/")
        for path in ("", "deficit-chart/", "timeline/"):
            page = tab.goto(origin + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("article h1").count() == 1
        page = tab.goto(origin + "deficit-chart/")
        page.locator("figure#chart .deficit-chart__frame").hover()
        page.wait_for_selector("figure#chart[data-state=interactive]")
        assert not tab.problems, tab.problems


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(
    ("device", "viewport", "options"),
    [("desktop", DESKTOP, {}), ("phone", PHONE, {"is_mobile": True, "has_touch": True})],
)
def test_axe_reports_no_violations(site, visit, scheme, device, viewport, options):
    # At phone width wide blocks scroll sideways, which brings rules (scrollable regions) desktop never meets.
    tab = visit(viewport=viewport, color_scheme="light", **options)
    failures = []
    for url in site.page_urls:
        page = tab.goto(url)
        set_scheme(page, scheme)
        page.evaluate(AXE.axe_script)
        for context, axe_options in AXE_RUNS[device, scheme]:
            results = AxeResults(page.evaluate(RUN_AXE, [context, axe_options]))
            if results.violations_count:
                failures.append(f"{url} [{device}, {scheme}]:\n{results.generate_report()}")
    assert not failures, "\n".join(failures)


def test_phone_layout_has_no_sideways_scroll_or_overlap(site, visit, artifacts):
    tab = visit(viewport=PHONE, is_mobile=True, has_touch=True)
    problems = []
    for url in site.page_urls:
        page = tab.goto(url)
        found = page.evaluate(
            """() => {
              const out = [];
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways`);
              // Content blocks stack without overlapping, and none sticks out of the viewport.
              const blocks = [...document.querySelectorAll("article > *")]
                .filter((el) => el.getClientRects().length && getComputedStyle(el).position === "static");
              let previous = null;
              for (const el of blocks) {
                const r = el.getBoundingClientRect();
                if (r.right > width + 1) out.push(`${el.tagName}.${el.className} is ${r.right}px wide`);
                if (previous && r.top < previous.bottom - 1) out.push(`${el.tagName} overlaps the one above`);
                previous = r;
              }
              // Text is never clipped inside its box (tables and code may scroll on purpose).
              // Footnote back-links slide in on hover, off-box by design: leave them out.
              for (const el of document.querySelectorAll(".footnote-backref")) el.style.display = "none";
              const text = "article :is(h1, h2, h3, p, li, figcaption, dt, dd)";
              for (const el of document.querySelectorAll(text)) {
                if (el.closest(".md-typeset__scrollwrap, pre")) continue;
                const clipped = el.scrollWidth > el.clientWidth + 1;
                if (clipped) out.push(`clipped ${el.tagName}: ${el.textContent.slice(0, 40)}`);
              }
              return out;
            }"""
        )
        problems += [f"{url}: {p}" for p in found]
    assert not problems, "\n".join(problems)
    assert not tab.problems, tab.problems  # e.g. the phone-sized chart image loads


def _uses_the_desktop_space(page, url):
    assert page.locator("article").bounding_box()["width"] >= 600, url
    assert page.locator(".md-sidebar--primary").is_visible(), url
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], url


def _reads_without_javascript(page, url):
    assert page.locator("article h1").count() == 1, url
    assert len(page.locator("article").inner_text()) > 600, url


# Each way of reading the site, and what every page must do under it.
@pytest.mark.parametrize(
    ("options", "check"),
    [
        pytest.param({"viewport": DESKTOP}, _uses_the_desktop_space, id="desktop-layout"),
        pytest.param({"javascript": False}, _reads_without_javascript, id="without-javascript"),
    ],
)
def test_every_page_reads_well(site, visit, options, check):
    tab = visit(**options)
    for url in site.page_urls:
        check(tab.goto(url), url)


def test_the_chart_reads_without_javascript(site, open_page):
    _, page = open_page("deficit-chart/", javascript=False)
    chart = page.locator(".deficit-chart__static:visible")
    assert chart.count() == 1
    assert chart.bounding_box()["height"] > 300
    assert "7th · $68.5B" in chart.text_content()
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(site.soup(site.url("deficit-chart/")).select("article table tbody tr")) >= 11
    assert "Japan" in page.locator("figure#chart figcaption").inner_text()


@pytest.mark.parametrize(("name", "path"), [("home", ""), ("chart", "deficit-chart/")])
@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(open_page, artifacts, name, path, device, viewport, scheme):
    """Saved for people to look at (test-artifacts/); the chart one shows the interactive chart."""
    tab, page = open_page(path, viewport=viewport, color_scheme=scheme)
    if name == "chart":
        chart = page.locator("figure#chart")
        chart.scroll_into_view_if_needed()
        chart.locator(".deficit-chart__frame").hover()
        page.wait_for_selector("figure#chart[data-state=interactive]")
        page.mouse.move(0, 0)
    page.screenshot(path=artifacts / f"{name}-{device}-{scheme}.png", full_page=False)
    assert not tab.problems, tab.problems
