"""Pages load without moving: no layout shift from the first paint to the end of Material's start-up.

Material's bundle runs deferred (overrides/main.html), so the browser paints the page before Material
starts; whatever its start-up changes after that paint, a reader sees move (Lighthouse counts it as
CLS, whose target is 0). A slow phone's CPU (4x here, as Lighthouse's mobile mode) gives the first
paint the most time to come before the start-up.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.helpers import SUBPATH, _Handler, serve_directory, wait_for_instant_navigation

RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map(({ node }) =>
      node && node.nodeType === 1 ? `${node.localName}.${node.className}` : String(node && node.nodeName));
    window.layoutShifts.push({ value: entry.value, moved });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "deficit-chart/"])
def test_the_page_does_not_move_while_it_loads(visit, site, path, viewport):
    tab = visit(viewport=viewport, init_script=RECORD_SHIFTS)
    tab.context.new_cdp_session(tab.page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page = tab.goto(site.url(path))
    wait_for_instant_navigation(page)  # Material has started: it requested the sitemap
    assert page.evaluate("window.layoutShifts") == []
    assert tab.problems == []


# Where a slow connection can leave the parser waiting, each a pause long enough for a paint: inside
# the header (before the search box), inside the navigation sidebar (before its first item, and
# inside that item's first label), and just after the article's heading. The logo arrives after all
# of them.
PAUSES = ('<div class="md-search"', '<li class="md-nav__item', 'for="__toc">', "</h1>")
PAUSE_S = 0.3
LATE_LOGO_S = 1.5


class SlowArrival(_Handler):
    """Sends each page in parts, pausing at PAUSES, and the logo late, as a slow connection may."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.name == "favicon.svg":
            time.sleep(LATE_LOGO_S)
        if not self.path.endswith("/"):
            return super().do_GET()
        page = (path / "index.html").read_text(encoding="utf-8")
        cuts = sorted(page.index(mark) for mark in PAUSES)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()  # no length: the body ends when the connection closes (HTTP/1.0)
        for start, end in zip([0, *cuts], [*cuts, len(page)], strict=True):
            self.wfile.write(page[start:end].encode())
            self.wfile.flush()
            time.sleep(PAUSE_S)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "ja/"])
def test_a_page_that_arrives_slowly_does_not_move(visit, site, path, viewport):
    """Each pause gives the browser a chance to paint what it has. What holds the page still
    (site.css): the header's options stay unseen until the search box, its last part, is parsed; the
    sidebars until the article begins; and the logo keeps its square until it loads."""
    with serve_directory(site.dir.parent, SlowArrival) as origin:
        tab = visit(viewport=viewport, init_script=RECORD_SHIFTS)
        tab.origin = origin.rstrip("/")
        page = tab.goto(f"{origin}{SUBPATH}/{path}")
        wait_for_instant_navigation(page)
        assert page.evaluate("window.layoutShifts") == []
        assert tab.problems == []
