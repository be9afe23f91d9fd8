"""Glossary definitions (docs/assets/javascripts/glossary.js): hover, keyboard focus and tap show them,
Escape hides them, and they keep working after Material's instant navigation swaps the page."""

from __future__ import annotations

from tests.browser.conftest import PHONE
from tests.helpers import navigate_instantly

TIP = "#glossary-tip"


def first_term(page):
    term = page.locator("article abbr[data-definition]").first
    term.wait_for()
    return term, term.get_attribute("data-definition")


def assert_shows(page, term, definition):
    tip = page.locator(TIP)
    assert tip.is_visible()
    assert tip.inner_text() == definition
    assert term.get_attribute("aria-describedby") == "glossary-tip"
    assert tip.get_attribute("role") == "tooltip"


def test_hover_focus_and_escape_show_and_hide_the_definition(open_page):
    tab, page = open_page("")
    term, definition = first_term(page)
    assert len(definition) > 10 and term.get_attribute("title") is None  # no native tooltip on top
    term.hover()
    assert_shows(page, term, definition)
    page.mouse.move(0, 0)
    assert page.locator(TIP).is_hidden()
    # Keyboard: Tab from the element before the term lands on the term itself.
    term.evaluate("el => { const b = document.createElement('button'); el.before(b); b.focus(); }")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    assert_shows(page, term, definition)
    page.keyboard.press("Escape")
    assert page.locator(TIP).is_hidden()
    assert term.get_attribute("aria-describedby") is None
    assert not tab.problems, tab.problems


def test_tap_shows_the_definition_and_a_tap_elsewhere_hides_it(open_page):
    _, page = open_page("", viewport=PHONE, has_touch=True, is_mobile=True)
    term, definition = first_term(page)
    term.scroll_into_view_if_needed()
    term.tap()
    assert_shows(page, term, definition)
    page.locator("article h1").tap()
    assert page.locator(TIP).is_hidden()


def test_definitions_work_after_instant_navigation(open_page):
    tab, page = open_page("")
    navigate_instantly(page, "timeline/")
    page.wait_for_function("document.querySelectorAll('article abbr[title]').length === 0")
    term, definition = first_term(page)
    term.hover()
    assert_shows(page, term, definition)
    assert page.locator(TIP).count() == 1
    # The tooltip's style is inline in the first page's <head>: still there after the swap.
    assert page.locator(TIP).evaluate("el => getComputedStyle(el).position") == "absolute"
    assert not tab.problems, tab.problems
