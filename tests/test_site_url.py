"""SITE_URL lands in every page, card and robots.txt: only a plain absolute http(s) base URL passes."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from explainer.site_config import SITE_URL_FIX, check_site_url
from tests.helpers import build_site, copy_project

HOSTILE = 'https://ex.com/"><script>alert(7)</script>/'


@pytest.mark.parametrize(
    "url",
    [
        "https://ishiba-trump.github.io/ishiba-trump/",
        "http://127.0.0.1:8000/",
        "https://example.org/a/b-c_d/",
    ],
)
def test_plain_base_urls_pass(url):
    assert check_site_url(url) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (None, "empty"),
        ("", "empty"),
        ("ftp://example.org/", "absolute http(s)"),
        ("//example.org/", "absolute http(s)"),
        ("https:///path/", "absolute http(s)"),
        ("https://example.org/repo", "end in '/'"),
        ("https://example.org/repo/?utm_source=x", "query"),
        ("https://example.org/repo/?", "query"),
        ("https://example.org/repo/#top", "fragment"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://user@example.org/", "user name or password"),
        (HOSTILE, "quote"),
        ("https://example.org/it's/", "quote"),
        ("https://example.org/a b/", "whitespace"),
        ("https://example.org/a\n/", "whitespace"),
        ("https://example.org/<b>/", "'<'"),
    ],
)
def test_other_urls_fail_with_the_rule_and_the_fix(url, reason):
    with pytest.raises(PluginError) as caught:
        check_site_url(url)
    message = str(caught.value)
    assert reason in message
    assert "must be an absolute http:// or https:// URL that ends in '/'" in message
    assert SITE_URL_FIX in message and "SITE_URL=https://you.github.io/repo/ make build" in message


@pytest.mark.parametrize(("url", "reason"), [("", "it is empty"), ("https://ex.com/x/?q=1", "query string")])
def test_a_bad_site_url_stops_the_build_before_any_output(tmp_path, url, reason):
    result = build_site(tmp_path / "site", url)
    assert result.returncode != 0
    assert reason in result.stderr and SITE_URL_FIX in result.stderr, result.stderr
    assert not (tmp_path / "site").exists()


def test_templates_escape_site_url_even_unvalidated(tmp_path):
    """Defence in depth: if validation were bypassed, the overrides still keep the URL in its attribute."""
    project = copy_project(tmp_path / "project")
    hooks = project / "hooks.py"
    hooks.write_text(hooks.read_text().replace("check_site_url(config.site_url)", "config.site_url"))
    site_dir = tmp_path / "site"
    result = build_site(site_dir, HOSTILE, cwd=project)
    assert result.returncode == 0, result.stderr
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    image = HOSTILE.replace('"', "&#34;").replace("<", "&lt;").replace(">", "&gt;")
    assert f'<meta property="og:image" content="{image}assets/social/home.png">' in home
    assert f'<meta name="twitter:image" content="{image}assets/social/home.png">' in home
    not_found = (site_dir / "404.html").read_text(encoding="utf-8")
    assert f'<a href="{image}">Start at the overview</a>' in not_found
    assert f'<a href="{image}deficit-chart/">' in not_found
