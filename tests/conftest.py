"""Shared fixtures: the site built once, as a reader gets it, and served under a project subpath."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "ishiba-trump"  # as GitHub Pages serves a project site


def build_site(dest: Path, site_url: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # Not --quiet: MkDocs then drops warnings before strict mode can count them.
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1738886400")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


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


@contextlib.contextmanager
def serve_directory(root: Path):
    """Serve ``root`` over HTTP on loopback; yields the server's origin URL with a slash."""
    handler = functools.partial(_Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The site's server, as GitHub Pages serves a project site; yields (root, site URL)."""
    root = tmp_path_factory.mktemp("www")
    with serve_directory(root) as origin:
        yield root, f"{origin}{SUBPATH}/"


@pytest.fixture(scope="session")
def site(server) -> Site:
    root, base_url = server
    result = build_site(root / SUBPATH, base_url)
    assert result.returncode == 0, result.stderr
    return Site(root / SUBPATH, base_url)


class Site:
    """A built site: its directory, its URL, and its pages as listed in the sitemap."""

    def __init__(self, directory: Path, base_url: str):
        self.dir = directory
        self.base_url = base_url

    @functools.cached_property
    def page_urls(self) -> list[str]:
        sitemap = ElementTree.parse(self.dir / "sitemap.xml")
        return [loc.text.strip() for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]

    def file_for(self, url: str) -> Path:
        path = urlparse(url).path.removeprefix(urlparse(self.base_url).path)
        target = self.dir / path
        return target / "index.html" if path == "" or path.endswith("/") else target

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.file_for(url).read_text(encoding="utf-8"), "html.parser")

    def url(self, path: str) -> str:
        return self.base_url + path
