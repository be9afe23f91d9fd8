"""Shared fixtures: the site built once, as a reader gets it, and served under a project subpath."""

from __future__ import annotations

import pytest

from tests.helpers import SUBPATH, Site, build_site, serve_directory


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
