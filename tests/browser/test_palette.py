"""The colour toggle (docs/assets/javascripts/palette.js, in place of Material's palette component):
system, light and dark in turn, remembered across pages and visits, following the system when asked,
by mouse and keyboard, after instant navigation too; and none of its work at start-up (issue 14)."""

from __future__ import annotations

import pytest

from tests.helpers import navigate_instantly

# Material's toggle options, in mkdocs.yml order: each label switches to the next option.
OPTIONS = [
    ("(prefers-color-scheme)", "Switch to light mode"),
    ("(prefers-color-scheme: light)", "Switch to dark mode"),
    ("(prefers-color-scheme: dark)", "Switch to system preference"),
]
VISIBLE_LABEL = (
    "[...document.querySelectorAll('.md-header__option label')].filter(l => !l.hidden).map(l => l.title)"
)
# Recorded from the first line of the page on: when <body>'s palette attributes change, and whether
# Material's bundle had started by then (window.document$ is its page observable).
RECORDER = """
window.paletteChanges = [];
new MutationObserver((records) => {
  for (const r of records) window.paletteChanges.push([r.attributeName, !!window.document$]);
}).observe(document, {subtree: true, attributes: true, attributeFilter: [
  "data-md-color-switching", "data-md-color-scheme", "data-md-color-media"]});
window.headLinkRewrites = [];
new MutationObserver((records) => {
  for (const r of records) if (r.target.closest("head")) window.headLinkRewrites.push(!!window.document$);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["href"]});
window.htmlClassChanges = [];
new MutationObserver((records) => {
  const html = document.documentElement;
  for (const r of records) {
    if (r.target === html) window.htmlClassChanges.push([!!window.document$, html.className]);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"]});
window.toggleShownWhile = [];
new MutationObserver((records) => {
  for (const r of records) if (r.target.matches("label")) window.toggleShownWhile.push(document.readyState);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["hidden"]});
"""


def state(page) -> dict:
    return page.evaluate(
        f"""() => ({{
            scheme: document.body.dataset.mdColorScheme,
            labels: {VISIBLE_LABEL},
            stored: __md_get("__palette"),
        }})"""
    )


def click_toggle(page):
    page.locator(".md-header__option label:not([hidden])").click()


@pytest.mark.parametrize(("system", "scheme"), [("light", "default"), ("dark", "slate")])
def test_first_visit_follows_the_system(site, visit, system, scheme):
    page = visit(color_scheme=system).goto(site.url(""))
    now = state(page)
    assert now["scheme"] == scheme
    assert now["labels"] == [OPTIONS[0][1]], "exactly one toggle button, the one after 'system'"


def test_the_toggle_cycles_system_light_dark_and_remembers_the_choice(site, open_page):
    tab, page = open_page("", color_scheme="dark")
    seen = []
    for _ in OPTIONS:
        click_toggle(page)
        now = state(page)
        seen.append((now["stored"]["color"]["media"], now["scheme"], now["labels"]))
    assert seen == [
        ("(prefers-color-scheme: light)", "default", [OPTIONS[1][1]]),
        ("(prefers-color-scheme: dark)", "slate", [OPTIONS[2][1]]),
        ("(prefers-color-scheme)", "slate", [OPTIONS[0][1]]),  # the system is dark
    ]
    click_toggle(page)  # light, then a new visit and another page: still light
    page.goto(site.url("gifts/"), wait_until="load")
    assert state(page)["scheme"] == "default" and state(page)["labels"] == [OPTIONS[1][1]]
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == "#4051b5"
    # The other edition keeps the choice too (its pages read their search index under ja/, but
    # stored choices keep the site's scope: hooks.py).
    page.goto(site.url("ja/gifts/"), wait_until="load")
    assert state(page)["scheme"] == "default" and state(page)["stored"]["color"]["media"] == OPTIONS[1][0]
    assert not tab.problems, tab.problems


def test_system_mode_follows_a_change_of_the_system_scheme(open_page):
    _, page = open_page("", color_scheme="light")
    assert state(page)["scheme"] == "default"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


def test_keyboard_enter_moves_to_the_next_option(open_page):
    _, page = open_page("")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    assert state(page)["stored"]["index"] == 1
    assert page.evaluate("document.activeElement.id") == "__palette_1"


def test_the_toggle_works_after_instant_navigation(open_page):
    tab, page = open_page("")
    navigate_instantly(page, "gifts/")
    click_toggle(page)
    assert state(page)["scheme"] == "default" and state(page)["stored"]["index"] == 1
    assert not tab.problems, tab.problems


def test_start_up_does_no_palette_or_stylesheet_work_once_material_runs(open_page):
    """Material's palette component marked <body> as switching and restyled the page three times at
    start-up; its instant navigation re-set every stylesheet's URL, re-parsing them. Both now happen
    before Material starts, when no style has been computed yet, or not at all."""
    _, page = open_page("", init_script=RECORDER)
    page.wait_for_function("window.document$ !== undefined")
    page.wait_for_timeout(300)
    assert page.evaluate("window.paletteChanges.filter(([, started]) => started)") == []
    rewrites = page.evaluate("window.headLinkRewrites")
    assert rewrites and not any(rewrites), "head links rewritten after Material started"
    swapped = [
        started for started, classes in page.evaluate("window.htmlClassChanges") if "no-js" not in classes
    ]
    assert swapped and not swapped[0], "<html class=no-js> swapped only once Material started"


def test_the_toggle_appears_once_the_header_is_complete(open_page):
    """Shown while the header is still being parsed, the toggle would be pushed aside by the buttons
    parsed after it: a layout shift on every page (Lighthouse measured CLS 0.002)."""
    _, page = open_page("", init_script=RECORDER)
    assert "loading" not in page.evaluate("window.toggleShownWhile")
    assert state(page)["labels"] == [OPTIONS[0][1]]
