"""The self-hosted plotly.js bundle is the version plotly.py draws the figures for."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs_version

from explainer.vendor_plotly import (
    LICENCE_NOTICES,
    URL,
    VendorError,
    is_xml_namespace,
    without_third_party_urls,
)
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


def test_the_bundle_names_no_server_but_in_licence_notices():
    """A bundle vendored without explainer/vendor_plotly.py, or a plotly.js that brings a new URL,
    fails here until someone reviews it. The browser tests also block and record any off-origin
    request with the interactive chart active, and see none."""
    bundle = next(VENDOR.glob("plotly-basic-*.min.js")).read_text(encoding="utf-8")
    notices_start = bundle.rindex(LICENCE_NOTICES)
    in_code = [
        m.group(0)
        for m in URL.finditer(bundle)
        if m.start() < notices_start and not is_xml_namespace(m.group(0))
    ]
    assert in_code == []
    assert URL.search(bundle, notices_start), "the licence notices keep their URLs"
    assert without_third_party_urls(bundle) == bundle


@pytest.mark.parametrize(
    ("code", "vendored"),
    [
        (
            'a={topojsonURL:{valType:"string",dflt:"https://maps.example/un/"}}',
            'a={topojsonURL:{valType:"string",dflt:""}}',
        ),
        ('r.href="https://logo.example/",r.target="_blank"', 'r.href="",r.target="_blank"'),
        (
            'e={FORMAT_LINK:"https://docs.example/d3-format#x"}',
            'e={FORMAT_LINK:"the d3-format documentation"}',
        ),
        (
            'throw new Error("For more details, see https://docs.example/animations/")',
            'throw new Error("For more details, see the plotly.js documentation")',
        ),
        (
            'document.createElementNS("http://www.w3.org/2000/svg","svg")',
            'document.createElementNS("http://www.w3.org/2000/svg","svg")',
        ),
    ],
    ids=["attribute default", "link", "description", "error message", "XML namespace"],
)
def test_vendoring_rewrites_addresses_by_where_they_stand(code, vendored):
    notices = "\n/*! Bundled license information:\n  MIT License: https://licence.example\n*/\n"
    assert without_third_party_urls(code + notices) == vendored + notices


def test_vendoring_stops_at_an_address_no_rule_covers():
    with pytest.raises(VendorError, match=r"still names https://tiles\.example/t\.png: review"):
        without_third_party_urls('a={tiles:"https://tiles.example/t.png"}')


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
