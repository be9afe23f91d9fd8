"""The blocks below the article (footnotes, "About this page", Material's footer) are drawn only as
they near the viewport (site.css, `content-visibility: auto`), and nothing a reader does misses them:
a footnote link, the keyboard, printing. Each page is checked where it has the block."""

from __future__ import annotations

import base64

import pytest

from tests.browser.conftest import DESKTOP, PHONE

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


@pytest.fixture(scope="module")
def landings_never_skipped(browser, site) -> list[int]:
    return footnote_landings(browser, site.url(""), restyle("content-visibility: visible"))


# One worker for both cases, so the module's fixture (~10 s of clicks) runs once, not once a worker.
@pytest.mark.xdist_group("footnote_landings")
@pytest.mark.parametrize("estimate", [None, "60rem"], ids=["as built", "too high"])
def test_footnote_links_land_where_they_would_if_every_block_were_drawn(
    site, browser, landings_never_skipped, estimate
):
    """Skipped blocks count at an estimated height (site.css). Scrolling to a footnote by it and then
    drawing them at their real ones left a footnote near the page's end up to ~950 px off target, so
    a page with a target draws them: wherever a page's real heights fall from the estimate, links land
    as they would with nothing skipped."""
    resize = restyle(f"contain-intrinsic-block-size: auto {estimate}") if estimate else None
    landed = footnote_landings(browser, site.url(""), resize)
    assert all(0 <= top < PHONE["height"] for top in landed), landed  # in view, below the header
    assert landed == landings_never_skipped


# Two frames after a scroll, the blocks near the viewport are drawn. Bounded: once in a full suite run
# headless Chromium stopped producing frames for this page and the await never returned, which hung
# `make test`. Then a screenshot, which makes Chromium draw a frame, stands in (draw_all).
TWO_FRAMES = """() => new Promise((done) => {
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  setTimeout(() => done(false), 1000);
})"""


def draw_all(page, step: int) -> int:
    """Scroll the page to its end a step at a time, letting every block near the viewport draw; the
    number of steps at which Chromium drew no frame by itself."""
    y, stalled = 0, 0
    while y < page.evaluate("document.documentElement.scrollHeight"):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        if not page.evaluate(TWO_FRAMES):
            page.screenshot()
            stalled += 1
        y += step
    return stalled


BLOCK_TOP = "(s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY"
# Beside the block's content box: where a list's numbers hang, or anything else drawn past its edge.
MARGINS = """(s) => {
  const block = document.querySelector(s), style = getComputedStyle(block), r = block.getBoundingClientRect();
  const left = r.left + parseFloat(style.paddingLeft), right = r.right - parseFloat(style.paddingRight);
  const top = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const strip = (x, width) => ({x: Math.max(0, x), y: top, width: Math.min(width, x + width, innerWidth - x),
                                height: innerHeight - top});
  return [strip(left - 48, 48), strip(right, 48)].filter((clip) => clip.width > 0);
}"""
# Pixels that differ from the strip's background (its commonest colour) by more than a faint antialias.
INK = """async (png) => {
  const bitmap = await createImageBitmap(await (await fetch("data:image/png;base64," + png)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  const {data} = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const colour = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(colour, (counts.get(colour) || 0) + 1);
  }
  const background = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const rgb = [background >> 16, (background >> 8) & 255, background & 255];
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    ink += [0, 1, 2].reduce((away, channel) => away + Math.abs(data[i + channel] - rgb[channel]), 0) > 96;
  }
  return ink;
}"""


def drawn_blocks(browser, url: str, viewport: dict, init_script: str | None = None) -> tuple[list, list, int]:
    """Each block's place (top, height) and how much is drawn just left and right of its content,
    screen by screen (up to three screens a block), once the page has been scrolled to its end:
    every block drawn, at its real height; and how many scroll steps drew no frame by themselves."""
    context = browser.new_context(viewport=viewport)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(url)
    stalled = draw_all(page, viewport["height"] // 2)
    places, ink = [], []
    for block in BLOCKS:
        top = page.evaluate(BLOCK_TOP, block)
        height = page.locator(block).bounding_box()["height"]
        places.append((round(top), round(height)))
        for offset in range(0, min(int(height), 3 * viewport["height"]), viewport["height"]):
            page.evaluate("(y) => window.scrollTo(0, y)", top + offset - 100)
            page.wait_for_timeout(200)  # drawn in the next frames
            for clip in page.evaluate(MARGINS, block):
                png = page.screenshot(clip=clip, animations="disabled")
                ink.append(page.evaluate(INK, base64.b64encode(png).decode()))
    context.close()
    return places, ink, stalled


@pytest.mark.parametrize(
    ("path", "viewport"), [("", DESKTOP), ("ja/fact-check/", PHONE)], ids=["desktop", "phone"]
)
def test_drawn_blocks_sit_and_show_as_if_never_skipped(site, browser, path, viewport):
    """Skipping brings layout containment, which kept the footnotes' margins from collapsing (32 px
    more space), and paint containment, which clips whatever is drawn outside a block's box: their
    numbers drew as "3." for "13." until the footnote box reached out to them (site.css).
    Compared by amount of ink, not pixel for pixel: the two lay text out a subpixel apart."""
    places, drawn, stalled = drawn_blocks(browser, site.url(path), viewport)
    places_never_skipped, never_skipped, _ = drawn_blocks(
        browser, site.url(path), viewport, restyle("content-visibility: visible")
    )
    # Layout containment keeps margins from collapsing across the block's edge (site.css).
    assert places == places_never_skipped, f"{stalled} scroll steps drew no frame by themselves"
    assert any(never_skipped), "no footnote numbers in view: the test would prove nothing"
    strips = list(zip(drawn, never_skipped, strict=True))
    assert not [(a, b) for a, b in strips if a < 0.9 * b], f"(ink drawn, ink if never skipped): {strips}"


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
