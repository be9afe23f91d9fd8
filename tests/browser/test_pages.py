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
# A page load costs more CPU than most checks on it (~0.7 s), so each walk below loads every page once
# a palette and checks everything that needs that device on it. Split by edition, the walks share out
# over the test workers.
EDITIONS = ["en", "ja"]


def pages_of(site, edition: str) -> list[str]:
    return [url for url in site.page_urls if url.startswith(site.url("ja/")) == (edition == "ja")]


def axe_violations(page, url: str, device: str, scheme: str) -> list[str]:
    found = []
    page.evaluate(AXE.axe_script)
    for context, axe_options in AXE_RUNS[device, scheme]:
        results = AxeResults(page.evaluate(RUN_AXE, [context, axe_options]))
        if results.violations_count:
            found.append(f"{url} [{device}, {scheme}]:\n{results.generate_report()}")
    return found


def in_the_dark_palette(tab, urls: list[str], device: str) -> list[str]:
    """Axe's colour rules on each page as a reader who chose the dark palette loads it. Not by switching
    the loaded page: Chromium then leaves the styles it had computed inside skipped blocks (site.css's
    `content-visibility: auto`) light for getComputedStyle, though it draws them dark."""
    set_scheme(tab.page, "slate")  # palette.js stores it (Material's __palette key) for every page after
    found = []
    for url in urls:
        page = tab.goto(url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", url
        found += axe_violations(page, url, device, "slate")
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_on_a_desktop(site, visit, edition):
    """Loads without errors or off-site requests, uses the desktop's space, passes axe in both palettes."""
    urls = pages_of(site, edition)
    assert urls
    tab = visit(viewport=DESKTOP)
    failures = []
    for url in urls:
        page = tab.goto(url)
        page.wait_for_load_state("networkidle")  # the requests Material makes once the page has loaded
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default", url
        if page.locator("article").bounding_box()["width"] < 600:
            failures.append(f"{url}: the article is narrower than 600 px")
        if not page.locator(".md-sidebar--primary").is_visible():
            failures.append(f"{url}: no navigation sidebar")
        if page.evaluate("document.documentElement.scrollWidth") > DESKTOP["width"]:
            failures.append(f"{url}: the page scrolls sideways")
        failures += axe_violations(page, url, "desktop", "default")
    failures += in_the_dark_palette(tab, urls, "desktop")
    # Errors, failed and off-site requests (tab.problems) beside the page's own failures, none hiding another.
    assert not failures + tab.problems, "\n".join(failures + tab.problems)


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


PHONE_LAYOUT = """() => {
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
  // Footnote back-links slide in on hover, off-box by design: leave them out (and back in for axe).
  const backLinks = [...document.querySelectorAll(".footnote-backref")];
  for (const link of backLinks) link.style.display = "none";
  const text = "article :is(h1, h2, h3, p, li, figcaption, dt, dd)";
  for (const el of document.querySelectorAll(text)) {
    if (el.closest(".md-typeset__scrollwrap, pre")) continue;
    const clipped = el.scrollWidth > el.clientWidth + 1;
    if (clipped) out.push(`clipped ${el.tagName}: ${el.textContent.slice(0, 40)}`);
  }
  for (const link of backLinks) link.style.display = "";
  return out;
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_on_a_phone(site, visit, edition):
    """No sideways scroll, overlap or clipped text, every image loads, and axe passes in both palettes."""
    urls = pages_of(site, edition)
    assert urls
    tab = visit(viewport=PHONE, is_mobile=True, has_touch=True)
    failures = []
    for url in urls:
        page = tab.goto(url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default", url
        failures += [f"{url}: {problem}" for problem in page.evaluate(PHONE_LAYOUT)]
        failures += axe_violations(page, url, "phone", "default")
    failures += in_the_dark_palette(tab, urls, "phone")
    # tab.problems: e.g. the phone-sized chart image did not load.
    assert not failures + tab.problems, "\n".join(failures + tab.problems)


def test_every_page_reads_without_javascript(site, visit):
    tab = visit(javascript=False)
    for url in site.page_urls:
        page = tab.goto(url)
        assert page.locator("article h1").count() == 1, url
        assert len(page.locator("article").inner_text()) > 600, url


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
