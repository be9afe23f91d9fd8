"""The self-hosted plotly.js bundle is the version plotly.py draws the figures for."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs_version

from explainer.vendor_plotly import REPLACEMENTS, VendorError, without_third_party_urls
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


# The absolute URLs left in the vendored bundle: its licence notices, which the licences ask to
# keep and no browser fetches. The ones in plotly.js's code are taken out when it is vendored
# (explainer/vendor_plotly.py); the browser tests also block and record any off-origin request with
# the interactive chart active, and see none.
LICENCE_NOTICE_URLS = {
    "https://github.com/voidqk/polybooljs",
    "http://syntheti.cc",
    "http://getify.mit-license.org",
}
XML_NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/2000/xmlns/",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/1999/xhtml",
}


def test_the_bundle_names_no_server_but_in_licence_notices():
    """A bundle vendored without explainer/vendor_plotly.py, or a plotly.js that brings a new URL,
    fails here until someone reviews it."""
    bundle = next(VENDOR.glob("plotly-basic-*.min.js")).read_text(encoding="utf-8")
    found = set(re.findall(r"https?://[A-Za-z0-9./_-]+", bundle)) - XML_NAMESPACES
    assert found == LICENCE_NOTICE_URLS
    for url in LICENCE_NOTICE_URLS:
        line = next(line for line in bundle.splitlines() if url in line)
        assert re.match(r"\s*(\*|MIT License:)", line), line  # inside the licence comment block
    assert without_third_party_urls(bundle) == bundle
    assert not [upstream for upstream in REPLACEMENTS if upstream in bundle]


def test_vendoring_stops_when_plotly_changes_a_url_it_rewrites():
    bundle = 'a={dflt:"https://cdn.plot.ly/un/"}'
    with pytest.raises(VendorError, match="no longer holds"):
        without_third_party_urls(bundle)


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
