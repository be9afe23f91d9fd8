"""The chart's data table on a phone: it scrolls inside its own region, which the keyboard can reach."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE
from tests.helpers import set_scheme

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


# What Material's table rules set; the region's own overrides (max-width, overflow, the deficit
# column's alignment) are left out.
TABLE_LOOK = {
    "table": ["display", "fontSize", "backgroundColor", "borderTopWidth", "borderTopColor", "borderRadius"],
    "th": ["paddingTop", "paddingLeft", "fontWeight", "verticalAlign", "minWidth", "textAlign"],
    "td": ["paddingTop", "paddingLeft", "verticalAlign", "borderTopWidth", "borderTopColor", "textAlign"],
}


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_table_looks_like_materials_tables_without_its_start_up_rewrap(open_page, scheme):
    """Material wraps every classless table at start-up, restyling and laying it out again (issue 14).
    The data table has a class, so it is left alone, and data-table.css gives it Material's look:
    it must match a classless table's in the same article, cell for cell."""
    _, page = open_page("deficit-chart/")
    set_scheme(page, scheme)
    looks = page.evaluate(
        """(look) => {
          const plain = document.createElement("table");
          plain.innerHTML = "<thead><tr><th>a</th><th>b</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>2</td></tr></tbody>";
          document.querySelector("article").append(plain);
          const data = document.querySelector(".deficits-table table");
          const read = (table) => Object.fromEntries(Object.entries(look).map(([tag, props]) => {
            const el = tag === "table" ? table : table.querySelector(tag);
            const style = getComputedStyle(el);
            return [tag, Object.fromEntries(props.map((p) => [p, style[p]]))];
          }));
          return {
            data: read(data),
            plain: read(plain),
            wrapped: !!data.closest(".md-typeset__scrollwrap"),
          };
        }""",
        TABLE_LOOK,
    )
    assert not looks["wrapped"], "Material rewrapped the data table at start-up"
    assert looks["data"] == looks["plain"]
