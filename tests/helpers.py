"""Helpers shared by the tests: build the site, serve it, read it back. Fixtures live in conftest.py."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from explainer.atomic_build import source_date_epoch
from explainer.git import git
from explainer.processes import run_captured

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "ishiba-trump"  # as GitHub Pages serves a project site
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build_site(
    dest: Path, site_url: str, cwd: Path = ROOT, config: str = "mkdocs.yml", strict: bool = True
) -> subprocess.CompletedProcess:
    """``mkdocs build`` of the project at ``cwd`` into ``dest``; ``strict=False`` leaves strictness to
    the config (the benchmark's stock and plain twins turn it off)."""
    # Not --quiet: MkDocs then drops warnings before strict mode can count them.
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    env["SOURCE_DATE_EPOCH"] = source_date_epoch(cwd)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config, "--site-dir", str(dest)]
    return run_captured([*command, "--strict"] if strict else command, cwd=cwd, env=env)


def copy_project(dest: Path) -> Path:
    """The project as git sees it (tracked and new files), without build output or caches."""
    files = git("ls-files", "--cached", "--others", "--exclude-standard", cwd=ROOT).splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def tree_digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def rgb(hex_colour: str) -> str:
    """A #rrggbb colour as the browser and kaleido's SVG write it."""
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))


def json_items(node, key: str | None = None):
    """Every value in a JSON document, depth first, with the key it stands under (None at the top and
    in a list)."""
    yield key, node
    if isinstance(node, dict):
        for child_key, child in node.items():
            yield from json_items(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from json_items(child)


def sitemap_urls(sitemap: Path) -> list[str]:
    return [loc.text.strip() for loc in ElementTree.parse(sitemap).iter(f"{SITEMAP_NS}loc")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the site's 404 page for missing paths, as GitHub Pages does."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        site = Path(self.directory) / SUBPATH
        page = (site if site.is_dir() else Path(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A tab that moves on mid-response (a closed tab, a navigation) is no fault: keep the log clean.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(root: Path, handler_class: type[_Handler] = _Handler):
    """Serve ``root`` over HTTP on loopback; yields the server's origin URL with a slash."""
    handler = functools.partial(handler_class, directory=str(root))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


class Site:
    """A built site: its directory, its URL, and its pages as listed in the sitemap."""

    def __init__(self, directory: Path, base_url: str):
        self.dir = directory
        self.base_url = base_url

    @functools.cached_property
    def page_urls(self) -> list[str]:
        return sitemap_urls(self.dir / "sitemap.xml")

    def file_for(self, url: str) -> Path:
        path = urlparse(url).path.removeprefix(urlparse(self.base_url).path)
        target = self.dir / path
        return target / "index.html" if path == "" or path.endswith("/") else target

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.file_for(url).read_text(encoding="utf-8"), "html.parser")

    def url(self, path: str) -> str:
        return self.base_url + path


def set_scheme(page, scheme: str) -> None:
    """Pick Material's palette the way a reader does (its toggle), then wait for the repaint."""
    option = {"default": "__palette_1", "slate": "__palette_2"}[scheme]
    page.evaluate(f"document.getElementById('{option}').click()")
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'")


# Material's instant navigation takes a click only once it has read the sitemap (which it requests as
# the page starts, not before `load`); a click before that is an ordinary page load, for a reader too.
# The request's end is the last sign the page gives: parsing it takes a few more tasks.
SITEMAP_READ = "performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/sitemap.xml'))"
SITEMAP_PARSED_MS = 300


def wait_for_instant_navigation(page) -> None:
    """Return once Material's instant navigation is ready to take a click."""
    page.wait_for_function(SITEMAP_READ)
    page.wait_for_timeout(SITEMAP_PARSED_MS)


def navigate_instantly(page, path: str) -> None:
    """Follow the sidebar's link to ``path`` (e.g. "gifts/") and check that Material's instant navigation
    swapped the page in place (a marker on window survives) instead of loading a new one."""
    wait_for_instant_navigation(page)
    page.evaluate("window.sameDocument = true; window.previousArticle = document.querySelector('article')")
    page.locator(f'.md-sidebar--primary a.md-nav__link[href$="/{path}"]').first.click()
    page.wait_for_url(f"**/{path}")
    # The URL changes on the click; the new page's content arrives after its fetch. Until then
    # locators find the old page's elements, which the swap then detaches.
    page.wait_for_function("document.querySelector('article') !== window.previousArticle")
    page.locator("article h1").first.wait_for()
    assert page.evaluate("window.sameDocument === true"), "navigation was not instant"


def gzipped(path: Path) -> int:
    """Bytes on the wire: text gzipped as the server sends it, PNGs as they are."""
    data = path.read_bytes()
    return len(data) if path.suffix == ".png" else len(gzip.compress(data, mtime=0))


# --- the live chart, in a browser (tests/browser) -------------------------------------------------

CHART = "figure#chart"
READ_PLOT = """() => {
  const plot = document.querySelector('.deficit-chart__plot');
  return {
    traces: plot.data.map((t) => ({role: t.meta.role, y: t.y, x: t.x, text: t.text})),
    ticks: [...plot.querySelectorAll('.ytick text')].map((t) => t.textContent),
    barFills: [...plot.querySelectorAll('.trace.bars')].map((g) => g.querySelector('path').style.fill),
    font: plot._fullLayout.font.color,
    grid: plot._fullLayout.xaxis.gridcolor,
  };
}"""


def activate(page):
    chart = page.locator(CHART)
    chart.scroll_into_view_if_needed()
    chart.locator(".deficit-chart__frame").hover()
    page.wait_for_selector(f"{CHART}[data-state=interactive]")
    return chart


def open_live_chart(open_page, path="deficit-chart/", **options):
    """A new tab on a chart page with the interactive plot drawn, as after the reader reached for it."""
    tab, page = open_page(path, **options)
    activate(page)
    return tab, page


def plotted_values(plot) -> dict:
    """Partner name -> value, as the plot (read by READ_PLOT) draws them."""
    return {y: x for trace in plot["traces"] for y, x in zip(trace["y"], trace["x"], strict=True)}
