"""Template overrides that copy a Material partial stay that partial plus their one change.

A Material upgrade that edits the partial fails here, instead of the site silently keeping the old copy.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material

from tests.helpers import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# The leading Jinja comment: Material's "automatically generated" note, ours naming the change.
_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)

# Each override: the upstream text it changes and what it puts instead (once).
CHANGES = {
    "partials/search.html": (
        'data-md-component="search" role="dialog">',
        'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ),
    # Not Material's palette component (its start-up restyles the page three times, issue 14).
    "partials/palette.html": (' data-md-component="palette">', ">"),
}
# Overrides that replace a Material partial outright, with the SHA-256 of the upstream text they were
# written against: when Material changes it, check that the replacement still does the same job.
REPLACED = {
    # Material's start-up script for the stored palette; assets/javascripts/palette.js does its job.
    "partials/javascripts/palette.html": "b6e6efcd564c1ea17d46210921fddfa7bcda10ee84a584d4540302cb0eeea003",
    # The language links: same markup, opened whole, kept on the current page (language_switch.py).
    "partials/alternate.html": "4d79d1366e80e0e20472668bc21243cc3e6ee7d2c75580842680e9e49e887a04",
}


def _body(path: Path) -> str:
    return _LEADING_COMMENT.sub("", path.read_text(encoding="utf-8"), count=1)


def test_every_copied_partial_is_covered():
    """A file in overrides/partials/ that shadows one of Material's is a copy and must be listed."""
    overrides = ROOT / "overrides"
    ours = (p.relative_to(overrides).as_posix() for p in (overrides / "partials").rglob("*") if p.is_file())
    copied = {name for name in ours if (MATERIAL_TEMPLATES / name).is_file()}
    assert copied == set(CHANGES) | set(REPLACED), (
        "a new copied partial needs an entry in CHANGES or REPLACED"
    )


def test_copied_partials_match_the_installed_material_apart_from_their_change():
    for name, (upstream_text, our_text) in CHANGES.items():
        upstream_path = MATERIAL_TEMPLATES / name
        upstream = _body(upstream_path)
        assert upstream.count(upstream_text) == 1, (
            f"{upstream_path} no longer holds {upstream_text!r}: Material changed it (perhaps it now "
            f"has the fix itself). Recopy it into overrides/{name} or drop the override."
        )
        assert _body(ROOT / "overrides" / name) == upstream.replace(upstream_text, our_text), (
            f"overrides/{name} drifted from {upstream_path}: copy Material's file again and re-apply "
            f"only this change: {our_text!r}"
        )


def test_replaced_partials_were_written_against_the_installed_material():
    for name, digest in REPLACED.items():
        upstream_path = MATERIAL_TEMPLATES / name
        assert hashlib.sha256(_body(upstream_path).encode()).hexdigest() == digest, (
            f"Material changed {upstream_path}, which overrides/{name} replaces: read the new version, "
            "carry what it now does into the replacement, then update its hash in REPLACED"
        )
