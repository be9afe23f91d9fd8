"""The chart's data table on a phone: it scrolls inside its own region, which the keyboard can reach."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE

AXE = Axe()
REGION = "div.deficits-table[role=region]"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_table_scrolls_in_a_focusable_region_on_a_phone(open_page, javascript):
    _, page = open_page(
        "deficit-chart/", viewport=PHONE, is_mobile=True, has_touch=True, javascript=javascript
    )
    region = page.locator(REGION)
    sizes = region.evaluate(
        """(el) => ({
          region: el.scrollWidth - el.clientWidth,
          // Without JavaScript Material's header title overflows a phone: measure the region itself.
          page: el.getBoundingClientRect().right - document.documentElement.clientWidth,
          inner: [...el.querySelectorAll(".md-typeset__scrollwrap, table")]
            .map((e) => getComputedStyle(e).overflowX),
        })"""
    )
    assert sizes["region"] > 0, "the table fits a phone, so this test no longer tests scrolling"
    assert sizes["page"] <= 0, sizes
    assert set(sizes["inner"]) == {"visible"}, f"something inside the region scrolls: {sizes}"
    region.focus()
    assert page.evaluate("document.activeElement.matches('div.deficits-table')")
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    # Keyboard scrolling may be smooth; poll from Python (wait_for_function needs page JavaScript).
    for _ in range(40):
        if region.evaluate("(el) => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert region.evaluate("(el) => el.scrollLeft") > 0, "the arrow key did not scroll the table"
    if javascript:
        report = AXE.run(page, options={"runOnly": ["scrollable-region-focusable", "aria-allowed-role"]})
        assert report.violations_count == 0, report.generate_report()
