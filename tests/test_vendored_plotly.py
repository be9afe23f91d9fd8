"""The self-hosted plotly.js bundle is the version plotly.py draws the figures for."""

from __future__ import annotations

import re

from plotly.offline import get_plotlyjs_version

from tests.conftest import ROOT

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
