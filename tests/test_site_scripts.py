"""The site's deferred scripts, published as one file (explainer/site_scripts.py)."""

from __future__ import annotations

import rjsmin
import yaml
from mkdocs.config.config_options import ExtraScriptValue

from explainer.site_scripts import SITE_SCRIPT, bundle_extra_javascript, join_parts, site_script_parts
from tests.helpers import ROOT


def script(path, **attributes):
    entry = ExtraScriptValue(path)
    for name, value in attributes.items():
        setattr(entry, name, value)
    return entry


def test_the_sites_own_deferred_scripts_become_one_where_the_first_stood():
    extra = [
        script("assets/javascripts/early.js"),
        script("assets/javascripts/a.js", defer=True),
        script("https://example.org/b.js", defer=True),
        script("assets/javascripts/c.js", defer=True),
        script("assets/javascripts/d.js", async_=True),
        script("assets/javascripts/e.mjs", type="module"),
    ]
    bundled, parts = bundle_extra_javascript(extra)
    assert parts == ["assets/javascripts/a.js", "assets/javascripts/c.js"]
    assert [(e.path, e.defer) for e in bundled] == [
        ("assets/javascripts/early.js", False),
        (SITE_SCRIPT, True),
        ("https://example.org/b.js", True),
        ("assets/javascripts/d.js", False),
        ("assets/javascripts/e.mjs", False),
    ]
    # mkdocs-static-i18n runs on_config again for its second language, on the bundled list.
    assert bundle_extra_javascript(bundled) == (bundled, [])


def test_each_part_ends_its_statement_before_the_next_begins():
    # `(() => {})()` then `(() => {})()` on the next line would call the first one's result.
    text = join_parts({"a.js": "(()=>{})()", "b.js": "(()=>{})();"})
    assert text == "/*! a.js */\n(()=>{})();\n/*! b.js */\n(()=>{})();\n"
    assert site_script_parts(text) == {"a.js": "(()=>{})();", "b.js": "(()=>{})();"}


def test_every_page_loads_the_site_scripts_as_one_deferred_file(site):
    listed = [e["path"] for e in _extra_javascript()]
    parts = site_script_parts((site.dir / SITE_SCRIPT).read_text(encoding="utf-8"))
    assert list(parts) == listed
    for path, body in parts.items():
        source = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert body.rstrip(";") == rjsmin.jsmin(source).strip().rstrip(";"), path
    for url in site.page_urls:
        scripts = site.soup(url).select("script[src]")
        names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
        assert names[1:] == ["site.js"] and names[0].startswith("bundle."), (url, names)
        assert all(s.has_attr("defer") for s in scripts), url


def _extra_javascript() -> list[dict]:
    # mkdocs.yml's extra_javascript block alone: the whole file has tags plain YAML cannot load.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("extra_javascript:") :].split("\n\n", 1)[0]
    return yaml.safe_load(block)["extra_javascript"]
