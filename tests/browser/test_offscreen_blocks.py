"""The blocks below the article (footnotes, "About this page", Material's footer) are drawn only as
they near the viewport (site.css, `content-visibility: auto`), and nothing a reader does misses them:
a footnote link, the keyboard, printing. Each page is checked where it has the block."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE

BLOCKS = [".md-content .footnote", ".page-meta", ".md-footer"]
SKIPPED = (
    "(selector) => !document.querySelector(selector).firstElementChild"
    ".checkVisibility({contentVisibilityAuto: true})"
)


def skipped(page, selector: str) -> bool:
    """True while the block's contents are not drawn (the block itself keeps a placeholder height)."""
    return page.evaluate(SKIPPED, selector)


@pytest.mark.parametrize("path", ["", "deficit-chart/", "ja/"])
def test_blocks_below_the_article_are_not_drawn_at_load(open_page, path):
    tab, page = open_page(path, viewport=PHONE, is_mobile=True, has_touch=True)
    page.wait_for_timeout(300)  # past the first frames, where skipping is decided
    assert {block: skipped(page, block) for block in BLOCKS} == dict.fromkeys(BLOCKS, True)
    # Reached by scrolling, each is drawn.
    for block in BLOCKS:
        page.locator(block).scroll_into_view_if_needed()
        page.wait_for_function(f"!({SKIPPED})({block!r})")
    assert not tab.problems, tab.problems


def restyle(rule: str) -> str:
    """An init script that adds `rule` for the blocks to the end of the page's <head>."""
    style = f"<style>{', '.join(BLOCKS)} {{ {rule} !important }}</style>"
    add = f"document.head.insertAdjacentHTML('beforeend', '{style}')"
    return f"document.addEventListener('DOMContentLoaded', () => {add})"


def footnote_landings(browser, url: str, init_script: str | None = None) -> list[int]:
    """Where the first, middle and last footnote of the page sit in the viewport after following
    their links, and after opening the page at the last one's address. A plain tab: the recorded
    one's request routing slows the page enough that the blocks are still drawn when it clicks."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    if init_script:
        context.add_init_script(init_script)
    tops = []
    page = context.new_page()
    page.goto(url)
    count = page.locator("a.footnote-ref").count()
    for index in sorted({0, count // 2, count - 1}):
        page.close()  # a fresh tab each time: no scroll position or history carried over
        page = context.new_page()
        page.goto(url)
        page.wait_for_timeout(300)  # a reader clicks after the first frames, once skipping is decided
        reference = page.locator("a.footnote-ref").nth(index)
        # Instant navigation has made the href absolute: the fragment names the footnote.
        target = reference.get_attribute("href").partition("#")[2]
        reference.evaluate("(link) => link.click()")  # the header may cover it; a reader scrolls
        page.wait_for_function("(id) => location.hash === '#' + id", arg=target)
        page.wait_for_timeout(300)  # the blocks near the viewport are drawn in the next frames
        note = page.locator(f"[id='{target}']")
        assert note.evaluate("(el) => el.checkVisibility({contentVisibilityAuto: true})")
        tops.append(round(note.bounding_box()["y"]))
    page.close()
    page = context.new_page()
    page.goto(f"{url}#{target}")
    page.wait_for_timeout(300)
    tops.append(round(page.locator(f"[id='{target}']").bounding_box()["y"]))
    context.close()
    return tops


@pytest.mark.parametrize("estimate", [None, "60rem"], ids=["as built", "too high"])
def test_footnote_links_land_where_they_would_if_every_block_were_drawn(site, browser, estimate):
    """Skipped blocks count at an estimated height (site.css). Scrolling to a footnote by it and then
    drawing them at their real ones left a footnote near the page's end up to ~950 px off target, so
    a page with a target draws them: wherever a page's real heights fall from the estimate, links land
    as they would with nothing skipped."""
    resize = restyle(f"contain-intrinsic-block-size: auto {estimate}") if estimate else None
    landed = footnote_landings(browser, site.url(""), resize)
    expected = footnote_landings(browser, site.url(""), restyle("content-visibility: visible"))
    assert all(0 <= top < PHONE["height"] for top in landed), landed  # in view, below the header
    assert landed == expected


def test_keyboard_focus_reaches_the_about_box_with_its_focus_ring_whole(open_page):
    tab, page = open_page("", viewport=PHONE, is_mobile=True, has_touch=True)
    share = page.locator(".page-meta a, .page-meta button, .page-meta summary").first
    page.keyboard.press("Shift")  # after a key press, focus draws the keyboard ring (:focus-visible)
    share.focus()  # focus inside a skipped block draws it
    assert share.evaluate("(el) => el === document.activeElement && el.matches(':focus-visible')")
    assert not skipped(page, ".page-meta")
    # The block's paint containment clips at its padding box: every control's ring must fit inside.
    clipped = page.evaluate(
        """() => {
          const block = document.querySelector(".page-meta").getBoundingClientRect();
          // Shown ones: a closed <details> still gives its hidden controls a box.
          return [...document.querySelectorAll(".page-meta :is(a, button, summary)")].filter((el) => {
            const style = getComputedStyle(el);
            const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
            const box = el.getBoundingClientRect();
            return el.checkVisibility() && (box.top - ring < block.top || box.left - ring < block.left ||
                                 box.right + ring > block.right || box.bottom + ring > block.bottom);
          }).map((el) => el.outerHTML.slice(0, 80));
        }"""
    )
    assert clipped == [], clipped
    assert not tab.problems, tab.problems


def test_print_draws_every_block(open_page):
    tab, page = open_page("", viewport=PHONE)
    page.emulate_media(media="print")
    # The footer is not printed at all (print.css); of the about box, the page's address and date are.
    for shown in [".md-content .footnote ol", ".page-meta__print"]:
        assert page.evaluate(
            "(s) => document.querySelector(s).checkVisibility({contentVisibilityAuto: true})", shown
        ), shown
    assert not tab.problems, tab.problems
