"""Headless Chromium (Debian's, not a downloaded one) driven by Playwright against the served site."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from tests.helpers import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these flags Chromium floods a closed network with background requests.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `make test` installs Debian's chromium (or set CHROMIUM)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One browser tab with a record of what went wrong: errors, failed and off-site requests."""

    def __init__(self, context, base_url: str):
        self.context = context
        self.page = context.new_page()
        self.origin = "{0.scheme}://{0.netloc}".format(urlparse(base_url))
        self.problems: list[str] = []
        self.requested: list[str] = []  # every URL the tab asked for, in order
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._failed)
        # Off-site requests are blocked and recorded: the site must work on a closed network.
        context.route("**/*", self._route)

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request):
        # Leaving a page cancels its pending requests (ERR_ABORTED): not a fault of the page.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.problems.append(f"off-site request: {url}")
            route.abort()

    def goto(self, url: str):
        self.page.goto(url, wait_until="load")
        return self.page


@pytest.fixture
def visit(browser, site):
    """visit(viewport=..., color_scheme=..., javascript=..., init_script=...) opens a recorded tab;
    ``init_script`` runs in every page it loads, before the page's own scripts."""
    contexts = []

    def open_visit(viewport=DESKTOP, color_scheme="light", javascript=True, init_script=None, **options):
        context = browser.new_context(
            viewport=viewport,
            color_scheme=color_scheme,
            java_script_enabled=javascript,
            accept_downloads=True,
            **options,
        )
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        return Visit(context, site.base_url)

    yield open_visit
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(site, visit):
    """open_page(path, **visit options) opens a recorded tab on that page of the site: (tab, page)."""

    def open_at(path, **options):
        tab = visit(**options)
        return tab, tab.goto(site.url(path))

    return open_at


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
