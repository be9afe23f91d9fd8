"""The self-hosted plotly.js bundle, with the addresses in its code taken out.

The site makes no request off its own origin, and its sources should name no server to contact.
plotly.js's code carries a few absolute URLs, each the default of something this site never uses
(map data, Chart Studio, the modebar logo) or a link quoted in an error message or attribute
description. They are found by where they stand in the code, not by what they say, so this file
names no server either. Vendoring a new bundle: download it (CONTRIBUTING.md), then run

    python -m explainer.vendor_plotly docs/assets/javascripts/vendor/plotly-basic-<version>.min.js

which rewrites it in place, and stops, naming the URL, if one is left that no rule covers. The
bundle's licence notices keep theirs: the licences ask to preserve them, and comments are never
fetched. XML namespace names (W3C's) are identifiers, not addresses.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

# esbuild gathers the bundled packages' licence comments after the code, under this heading.
LICENCE_NOTICES = "/*! Bundled license information:"
XML_NAMESPACE_HOST = "www.w3.org"
_URL = r"https?://[^\s\"'`]*"
URL = re.compile(_URL)

# Where plotly.js's code holds an address -> what the vendored copy holds instead.
RULES = (
    # An attribute default that is an address: topojsonURL (map data for geo traces, which the basic
    # bundle lacks) and plotlyServerURL (Chart Studio; deficit-chart.js also sets it to "").
    (re.compile(rf'\bdflt:"{_URL}"'), 'dflt:""'),
    # The modebar logo's link, never drawn here (no modebar, displaylogo: false).
    (re.compile(rf'\.href="{_URL}"'), '.href=""'),
    # The d3 format references quoted in attribute descriptions: named, not linked.
    (re.compile(rf'\bFORMAT_LINK:"{_URL}"'), 'FORMAT_LINK:"the d3-format documentation"'),
    (re.compile(rf'\bDATE_FORMAT_LINK:"{_URL}"'), 'DATE_FORMAT_LINK:"the d3-time-format documentation"'),
    # "For more details, see <link>" in error messages.
    (re.compile(rf"\bsee {_URL}"), "see the plotly.js documentation"),
)


class VendorError(ValueError):
    pass


def is_xml_namespace(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.netloc == XML_NAMESPACE_HOST


def without_third_party_urls(bundle: str) -> str:
    """The bundle with every address in its code rewritten by RULES; a rewritten bundle comes back as is."""
    split = bundle.rfind(LICENCE_NOTICES)
    code, notices = (bundle, "") if split < 0 else (bundle[:split], bundle[split:])
    for pattern, replacement in RULES:
        code = pattern.sub(replacement, code)
    left = sorted({url for url in URL.findall(code) if not is_xml_namespace(url)})
    if left:
        raise VendorError(
            f"plotly.js's code still names {', '.join(left)}: review what each is for and add a rule "
            "to RULES in explainer/vendor_plotly.py"
        )
    return code + notices


def main(argv: list[str] | None = None) -> int:
    for name in argv if argv is not None else sys.argv[1:]:
        path = Path(name)
        path.write_text(without_third_party_urls(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
