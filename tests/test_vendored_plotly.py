"""The self-hosted plotly.js bundle is the version plotly.py draws the figures for."""

from __future__ import annotations

import re

from plotly.offline import get_plotlyjs_version

from tests.helpers import ROOT

VENDOR = ROOT / "docs" / "assets" / "javascripts" / "vendor"


def test_basic_bundle_matches_plotly_py():
    bundles = list(VENDOR.glob("plotly-basic-*.min.js"))
    assert len(bundles) == 1
    header = bundles[0].read_text(encoding="utf-8")[:200]
    version = re.search(r"plotly\.js \(basic - minified\) v(\d+\.\d+\.\d+)", header).group(1)
    assert version == get_plotlyjs_version()
    assert bundles[0].name == f"plotly-basic-{version}.min.js"
    loader = (ROOT / "docs" / "assets" / "javascripts" / "deficit-chart.js").read_text(encoding="utf-8")
    assert f'"vendor/{bundles[0].name}"' in loader
    assert (VENDOR / f"plotly-basic-{version}.LICENSE.txt").is_file()


# Every absolute URL inside the vendored bundle, reviewed. None is fetched by this site: the browser
# tests block and record any off-origin request with the interactive chart active and see none.
REVIEWED_URLS = {
    "https://cdn.plot.ly/un/": "topojsonURL default, used only by geo traces, which the basic bundle lacks",
    "https://cloud.plotly.com/newchart": "Chart Studio default (plotlyServerURL): deficit-chart.js blanks it",
    "https://plotly.com/": "modebar logo link, hidden by displaylogo: false",
    "https://plotly.com/javascript/animations/": "text of an error message",
    "https://github.com/voidqk/polybooljs": "licence comment",
    "https://github.com/d3/d3-time-format/tree/v2.2.3": "licence comment",
    "https://github.com/d3/d3-format/tree/v1.4.5": "licence comment",
    "http://syntheti.cc": "licence comment",
    "http://getify.mit-license.org": "licence comment",
}
XML_NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/2000/xmlns/",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/1999/xhtml",
}


def test_bundle_urls_are_reviewed():
    """A bundle update that brings a new third-party URL fails here until someone reviews it."""
    bundle = next(VENDOR.glob("plotly-basic-*.min.js")).read_text(encoding="utf-8")
    found = set(re.findall(r"https?://[A-Za-z0-9./_-]+", bundle)) - XML_NAMESPACES
    assert found == set(REVIEWED_URLS)


def test_the_chart_config_switches_off_every_route_to_plotly_servers():
    """The bundle's Chart Studio URL is only reached through config the loader turns off; a loader
    edit that drops one of these would fail here before any reader's browser tried."""
    loader = (ROOT / "docs" / "assets" / "javascripts" / "deficit-chart.js").read_text(encoding="utf-8")
    for setting in (
        "displayModeBar: false",
        "displaylogo: false",
        "showSendToCloud: false",
        "showEditInChartStudio: false",
        "showLink: false",
        'plotlyServerURL: ""',
    ):
        assert setting in loader, setting
