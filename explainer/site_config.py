"""The site's own settings: one validated home, `extra.explainer` in mkdocs.yml.

Read through a ``mkdocs.config`` ``Config`` class, as Material's plugins read theirs, so a typo or a
wrong type stops the build with a message that names the key. Everything else (chart text, sizes)
lives beside the data in ``data/datapackage.json``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError

SECTION = "extra.explainer"
SITE_URL_RULE = (
    "site_url (the SITE_URL environment variable) must be an absolute http:// or https:// URL that "
    "ends in '/', with no query, fragment, user name or password, and no quotes, '<', '>' or spaces"
)
SITE_URL_FIX = "Fix: SITE_URL=https://you.github.io/repo/ make build"
# Characters that would end an HTML attribute or a line of robots.txt if a template forgot to escape.
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\]")


class SiteSettings(base.Config):
    # The repository readers report errors to and forks publish from; forks override it (REPOSITORY env).
    repository = opt.URL()
    # Open Graph locale of each edition, by the page language MkDocs builds it in.
    locales = opt.Type(dict, default={"en": "en_US", "ja": "ja_JP"})
    # Reuse terms of the site's text (the data's terms live in data/datapackage.json; code is MIT).
    text_license = opt.Type(str, default="CC-BY-4.0")
    text_license_title = opt.Type(str, default="Creative Commons Attribution 4.0 International")
    text_license_url = opt.URL(default="https://creativecommons.org/licenses/by/4.0/")
    # The article every page explains: JSON-LD `isBasedOn`.
    based_on = opt.URL()
    # What the chart's Dataset JSON-LD covers (schema.org temporalCoverage, spatialCoverage).
    data_temporal_coverage = opt.Type(str)
    data_spatial_coverage = opt.Type(str)


def load_settings(extra: dict) -> SiteSettings:
    """Validate ``extra.explainer``; raise a PluginError naming the key and the fix."""
    settings = SiteSettings()
    settings.load_dict(dict(extra.get("explainer") or {}))
    errors, warnings = settings.validate()
    problems = [f"{SECTION}.{key}: {error}" for key, error in errors + warnings]
    if problems:
        raise PluginError("Invalid site settings in mkdocs.yml:\n  " + "\n  ".join(problems))
    return settings


def check_site_url(site_url: str | None) -> str:
    """Return ``site_url`` if every page, card and robots.txt can use it as the base; else PluginError.

    MkDocs accepts an empty value (pages then say ``None``) and any query or markup in the URL.
    """
    problem = _site_url_problem(site_url or "")
    if problem:
        raise PluginError(f"Invalid site_url {site_url!r}: {problem}.\n{SITE_URL_RULE}.\n{SITE_URL_FIX}")
    return site_url


def _site_url_problem(url: str) -> str | None:
    if not url:
        return "it is empty"
    if _UNSAFE_IN_URL.search(url):
        return "it holds a quote, '<', '>', a backslash or whitespace"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "it is not an absolute http(s) URL"
    if parts.username is not None or parts.password is not None:
        return "it holds a user name or password"
    if parts.query or "?" in url:
        return "it has a query string"
    if parts.fragment or "#" in url:
        return "it has a fragment"
    if not url.endswith("/"):
        return "it does not end in '/'"
    return None
