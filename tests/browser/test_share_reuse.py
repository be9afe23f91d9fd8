"""Share and reuse in a real browser: the chart embedded by another site, the share button, print."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest

from explainer.chart_theme import PALETTES
from explainer.embed_code import FALLBACK_HEIGHT
from tests.browser.conftest import DESKTOP, PHONE
from tests.helpers import rgb, serve_directory, wait_for_instant_navigation

EMBED_CODE = ".deficit-chart__embed-code"
FRAME = "iframe[data-ishiba-trump-embed]"
FRAME_STATE = """() => ({
  scrollHeight: document.documentElement.scrollHeight,
  clientHeight: document.documentElement.clientHeight,
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  bottom: document.querySelector('figcaption').getBoundingClientRect().bottom,
  background: getComputedStyle(document.documentElement).backgroundColor,
  scheme: document.documentElement.dataset.mdColorScheme,
})"""


def origin(url: str) -> str:
    return "{0.scheme}://{0.netloc}".format(urlparse(url))


@pytest.fixture
def host(site, tmp_path):
    """A page on another origin (a second server) that pastes the chart page's embed code as offered."""
    code = site.soup(site.url("deficit-chart/")).select_one(EMBED_CODE).get_text()

    def make(query: str = ""):
        pasted = code.replace('/embed/deficit-chart/"', f'/embed/deficit-chart/{query}"', 1)
        page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Host</title>
<style>body{{margin:0 8px;font:16px serif}}</style></head>
<body><h1>A host page</h1><p>Some text before the chart.</p>
{pasted}
<p>Some text after the chart.</p></body></html>"""
        (tmp_path / "host.html").write_text(page, encoding="utf-8")
        return page

    with serve_directory(tmp_path) as host_origin:
        assert origin(host_origin) != origin(site.base_url)
        yield host_origin + "host.html", make


def open_host(browser, host_url, width, color_scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(host_url, wait_until="load")
    frame_element = page.wait_for_selector(FRAME)
    frame = frame_element.content_frame()
    frame.wait_for_load_state("load")
    # The embed posts its height; the host's listener resizes the iframe to it.
    page.wait_for_function(
        f"(el) => parseInt(el.style.height) !== {FALLBACK_HEIGHT}", arg=frame_element, timeout=10_000
    )
    return context, page, frame_element, frame, requests


@pytest.mark.parametrize("width", [320, 640, 1200])
def test_embed_fits_a_cross_origin_host_at_any_width(site, browser, host, width):
    host_url, make = host
    make()
    context, _, frame_element, frame, requests = open_host(browser, host_url, width)
    try:
        state = frame.evaluate(FRAME_STATE)
        box = frame_element.bounding_box()
        # All content shows and there is no inner scrollbar, either way.
        assert state["scrollHeight"] <= state["clientHeight"], state
        assert state["scrollWidth"] <= state["clientWidth"], state
        assert state["bottom"] <= box["height"], (state, box)
        assert abs(box["width"] - (width - 16)) <= 1, box
        assert frame.locator(".deficit-chart__static:visible").count() == 1
        assert frame.locator(".deficit-chart__headline").is_visible()
        # The embed loads nothing from a third origin: only the host page is the host's.
        site_origin = origin(site.base_url)
        foreign = [u for u in requests if u != host_url and origin(u) != site_origin]
        assert not foreign, foreign
        assert any(u.startswith(site.base_url + "embed/deficit-chart/") for u in requests)
    finally:
        context.close()


def test_embed_upgrades_to_the_interactive_chart_from_its_own_origin(site, browser, host):
    host_url, make = host
    make()
    context, _, frame_element, frame, requests = open_host(browser, host_url, 1200)
    try:
        before = frame_element.bounding_box()["height"]
        assert not [u for u in requests if "plotly" in u]
        frame.locator(".deficit-chart__frame").hover()
        frame.wait_for_selector("figure#chart[data-state=interactive]")
        assert frame.locator(".deficit-chart__plot .main-svg").count() >= 1
        assert any("plotly-basic-" in u and u.startswith(site.base_url) for u in requests)
        assert [u for u in requests if origin(u) != origin(site.base_url)] == [host_url]
        assert frame_element.bounding_box()["height"] == before
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "host_scheme", "expected"),
    [("?theme=dark", "light", "slate"), ("", "dark", "slate"), ("", "light", "default")],
)
def test_embed_follows_the_host_scheme_or_the_theme_parameter(
    site, browser, host, query, host_scheme, expected
):
    host_url, make = host
    make(query)
    context, _, _, frame, _ = open_host(browser, host_url, 640, color_scheme=host_scheme)
    try:
        state = frame.evaluate(FRAME_STATE)
        assert state["scheme"] == expected
        assert state["background"] == rgb(PALETTES[expected]["background"])
    finally:
        context.close()


# Headless Chromium has no share sheet: this one keeps what the page hands it in window.__shared.
SHARE_SHEET = (
    "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
    "navigator.canShare = () => true;"
)


def test_share_hands_the_canonical_url_to_the_share_sheet(site, open_page):
    tab, page = open_page("gifts/", init_script=SHARE_SHEET)
    url = site.url("gifts/")
    page.get_by_role("button", name="Share this page").click()
    shared = page.wait_for_function("window.__shared").json_value()
    assert shared["url"] == url
    assert shared["title"] == site.soup(url).select_one("button.page-meta__share")["data-share-title"]
    assert not tab.problems, tab.problems


def test_share_without_the_share_api_copies_the_link_and_says_so(site, open_page):
    tab, page = open_page("personal-trust/", permissions=["clipboard-read", "clipboard-write"])
    assert page.evaluate("'share' in navigator") is False
    page.get_by_role("button", name="Share this page").click()
    status = page.locator(".page-meta__status[role=status]")
    status.filter(has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == site.url("personal-trust/")
    assert not tab.problems, tab.problems


def test_copied_citation_has_the_url_and_the_readers_date(site, open_page):
    tab, page = open_page("deficit-chart/", permissions=["clipboard-read", "clipboard-write"])
    page.locator(".cite-block .cite-copy").first.click()
    page.locator(".cite-block [role=status]").first.filter(has_text="copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"{site.url('deficit-chart/#chart')} (accessed " in copied
    assert re.search(r"\(accessed \d{4}-\d{2}-\d{2}\)", copied), copied
    assert not tab.problems, tab.problems


PRINTED = [("", 5), ("personal-trust/", 5), ("deficit-chart/", 5)]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize(("path", "max_pages"), PRINTED)
def test_printed_pages_are_clean(site, visit, tmp_path, artifacts, path, max_pages, paper):
    tab = visit(viewport=DESKTOP)
    url = site.url(path)
    page = tab.goto(url)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-search', '.md-footer', '.page-meta__share',
                  '.deficit-chart__actions'].filter((s) => {
            const el = document.querySelector(s);
            return el && el.getBoundingClientRect().height > 0;
        })"""
    )
    assert not hidden, f"printed but should not be: {hidden}"
    if path == "deficit-chart/":
        widths = page.evaluate(
            """() => [document.querySelector('.deficit-chart__static--wide').getBoundingClientRect().width,
                      document.querySelector('article').getBoundingClientRect().width]"""
        )
        assert widths[0] >= widths[1] - 2, widths
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format=paper, print_background=False)
    data = pdf.read_bytes()
    (artifacts / f"print-{path.strip('/') or 'home'}-{paper}.pdf").write_bytes(data)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 1 <= pages <= max_pages, pages
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (Debian poppler-utils) is not installed: checked the page count only")
    pdftotext = ["pdftotext", "-layout", str(pdf), "-"]
    text = subprocess.run(pdftotext, capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", url) in flat, "no canonical URL on paper"
    assert "Last updated" in text
    for absent in ("Search", "Share this page", "Skip to content", "Download data", "Report an error"):
        assert absent not in text, absent
    external = site.soup(url).select("article a[href^='https://']")
    assert external, url
    assert external[0]["href"].replace("-", "") in flat.replace("-", ""), "external link address not printed"
    # Internal links (made absolute by instant navigation) stay unprinted.
    assert "(" + origin(site.base_url) not in flat, "an internal link address was printed"


def test_instant_navigation_keeps_the_page_footer_and_json_ld_in_step(site, open_page):
    tab, page = open_page("", init_script=SHARE_SHEET)
    page.evaluate("window.__sameDocument = true")
    wait_for_instant_navigation(page)
    page.locator(".md-nav--primary a[href$='gifts/']").first.click()
    page.wait_for_url(site.url("gifts/"))
    # Material updates the address before it swaps the page in: wait for the new footer.
    page.wait_for_function(
        "document.querySelector('.page-meta__share')?.dataset.shareUrl.endsWith('/gifts/')"
    )
    # Still the same document (instant navigation), with the new page's footer, bound once.
    assert page.evaluate("window.__sameDocument") is True
    share = page.get_by_role("button", name="Share this page")
    assert share.get_attribute("data-share-url") == site.url("gifts/")
    share.click()
    assert page.wait_for_function("window.__shared").json_value()["url"] == site.url("gifts/")
    assert page.locator(".page-meta").count() == 1
    assert not tab.problems, tab.problems


@pytest.mark.parametrize("path", ["deficit-chart/", "ja/"])
def test_text_to_copy_is_legible_on_a_phone(open_page, path):
    """Citations and embed code are text to read and copy; at Material's code size (10.9 px on a
    phone) they made most of a Japanese page's text illegible to Lighthouse (its font-size audit)."""
    _, page = open_page(path, viewport=PHONE)
    sizes = page.evaluate(
        """[...document.querySelectorAll(
            ':is(.page-meta, .cite-block, .deficit-chart__embed) pre > code')].map(
            (code) => parseFloat(getComputedStyle(code).fontSize))"""
    )
    assert sizes and min(sizes) >= 12, sizes
