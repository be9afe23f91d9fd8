"""The site's own settings: one validated home, `extra.explainer` in mkdocs.yml.

Read through a ``mkdocs.config`` ``Config`` class, as Material's plugins read theirs, so a typo or a
wrong type stops the build with a message that names the key. Everything else (chart text, sizes)
lives beside the data in ``data/datapackage.json``.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError

SECTION = "extra.explainer"


class SiteSettings(base.Config):
    # The repository readers report errors to and forks publish from; forks override it (REPOSITORY env).
    repository = opt.URL()
    # Open Graph locale of the English pages.
    locale = opt.Type(str, default="en_US")
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
