"""The self-hosted plotly.js bundle, with the third-party URLs in its code taken out.

The site makes no request off its own origin, and its sources should name no server to contact.
plotly.js's code carries a few absolute URLs, each the default of something this site never uses
(map data, Chart Studio, the modebar logo) or text in an error message or attribute description.
Vendoring a new bundle: download it (CONTRIBUTING.md), then run

    python -m explainer.vendor_plotly docs/assets/javascripts/vendor/plotly-basic-<version>.min.js

which rewrites it in place and stops if the bundle no longer holds one of these strings. The
licence comments keep their URLs: they are notices the licences ask to preserve, never fetched.
"""

from __future__ import annotations

import sys
from pathlib import Path

# plotly.js text -> what the vendored copy holds instead.
REPLACEMENTS = {
    # Map (topojson) data for geo traces, which the basic bundle does not include.
    'dflt:"https://cdn.plot.ly/un/"': 'dflt:""',
    # Chart Studio's "edit in the cloud" endpoint; deficit-chart.js also sets plotlyServerURL: "".
    'dflt:"https://cloud.plotly.com/newchart"': 'dflt:""',
    # The modebar's logo link, never drawn here (displaylogo: false, no modebar).
    'r.href="https://plotly.com/"': 'r.href=""',
    # Links quoted in error messages and attribute descriptions: named instead.
    "For more details, see https://plotly.com/javascript/animations/": (
        "For more details, see the plotly.js documentation on animations"
    ),
    'FORMAT_LINK:"https://github.com/d3/d3-format/tree/v1.4.5#d3-format"': (
        'FORMAT_LINK:"the d3-format v1.4.5 documentation"'
    ),
    'DATE_FORMAT_LINK:"https://github.com/d3/d3-time-format/tree/v2.2.3#locale_format"': (
        'DATE_FORMAT_LINK:"the d3-time-format v2.2.3 documentation"'
    ),
}


class VendorError(ValueError):
    pass


def without_third_party_urls(bundle: str) -> str:
    """The bundle with each of REPLACEMENTS applied; an already rewritten bundle comes back as is."""
    for upstream, ours in REPLACEMENTS.items():
        found = bundle.count(upstream)
        if found == 0 and ours in bundle:
            continue  # rewritten before
        if found < 1:
            raise VendorError(f"plotly.js no longer holds {upstream!r}: review its URLs again")
        bundle = bundle.replace(upstream, ours)
    return bundle


def main(argv: list[str] | None = None) -> int:
    for name in argv if argv is not None else sys.argv[1:]:
        path = Path(name)
        path.write_text(without_third_party_urls(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
