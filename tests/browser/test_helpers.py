"""The browser helpers other tests lean on (tests/helpers.py), held to what they promise."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlparse

from tests.helpers import SUBPATH, _Handler, navigate_instantly, serve_directory

SLOW_SITEMAP_S = 1.5


def slow_sitemap_handler(site_origin: str) -> type[_Handler]:
    class SlowSitemap(_Handler):
        """Sends the sitemap late, its addresses moved to this server: Material takes a click only on
        links the sitemap lists, matched by port too."""

        def do_GET(self):
            if not self.path.endswith("/sitemap.xml"):
                return super().do_GET()
            time.sleep(SLOW_SITEMAP_S)
            here = "http://{}:{}".format(*self.server.server_address)
            sitemap = Path(self.translate_path(self.path)).read_text(encoding="utf-8")
            body = sitemap.replace(site_origin, here).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return SlowSitemap


def test_navigate_instantly_waits_for_a_slow_sitemap(site, visit):
    """CI once clicked before Material had read the sitemap: the click was an ordinary page load and
    a glossary test failed with "navigation was not instant". A slow sitemap makes that race certain."""
    site_origin = "{0.scheme}://{0.netloc}".format(urlparse(site.base_url))
    with serve_directory(site.dir.parent, slow_sitemap_handler(site_origin)) as origin:
        tab = visit()
        tab.origin = origin.rstrip("/")
        page = tab.goto(f"{origin}{SUBPATH}/")
        navigate_instantly(page, "timeline/")
        assert not tab.problems, tab.problems
