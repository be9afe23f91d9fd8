"""The site's deferred scripts (mkdocs.yml `extra_javascript`), published as one file.

Each deferred script is its own request at start-up, downloading beside Material's bundle and
`main.css`. Lighthouse's simulation gives each request in flight an equal share of the link and
caps each connection's window to that share, so three small scripts slowed the bundle's download
by ~200 ms in its LCP estimate (BENCHMARKS.md, "Run 23"). In one file they are one request; on
an HTTP/1.1 host that is also two connections fewer. The scripts keep their order and still run
once the page is parsed. Each stays its own source file (and is still published: the embeddable
chart loads deficit-chart.js alone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from mkdocs.config.config_options import ExtraScriptValue

from explainer.inline_assets import inline_text

SITE_SCRIPT = "assets/javascripts/site.js"
# Each part opens with a kept comment naming its source (`/*!` survives minifiers), for debugging
# and for bench/variants.py, which takes single parts out.
_PART_HEAD = re.compile(r"^/\*! (\S+) \*/$", re.M)


def bundle_extra_javascript(extra: list) -> tuple[list, list[str]]:
    """``extra_javascript`` with its deferred scripts of the site's own replaced by SITE_SCRIPT (where
    the first stood), and their paths in order. Other entries (modules, async or parser-blocking
    scripts, other sites' URLs) stay as they are."""
    entries = [e if isinstance(e, ExtraScriptValue) else ExtraScriptValue(str(e)) for e in extra]
    parts = [e.path for e in entries if _bundled(e)]
    if not parts:
        return list(extra), []
    bundle = ExtraScriptValue(SITE_SCRIPT)
    bundle.defer = True
    first = next(i for i, e in enumerate(entries) if _bundled(e))
    kept = [e for e in entries if not _bundled(e)]
    return [*kept[:first], bundle, *kept[first:]], parts


def _bundled(entry: ExtraScriptValue) -> bool:
    # SITE_SCRIPT itself: mkdocs-static-i18n runs on_config again for its second language.
    local = not urlsplit(entry.path).scheme and not entry.path.startswith("/") and entry.path != SITE_SCRIPT
    return local and entry.defer and not entry.async_ and entry.type in ("", "text/javascript")


def site_script(parts: Iterable[tuple[str, str]]) -> str:
    """SITE_SCRIPT's text from (path, text) parts: each minified, under a comment that names it."""
    return join_parts({path: inline_text(text, path) for path, text in parts})


def join_parts(parts: dict[str, str]) -> str:
    # Each part ends with a semicolon: a part ending in `})()` followed by one opening with `(`
    # would otherwise call the first one's result with the second.
    return "".join(
        f"/*! {path} */\n{body if body.endswith(';') else body + ';'}\n" for path, body in parts.items()
    )


def site_script_parts(text: str) -> dict[str, str]:
    """SITE_SCRIPT's parts, path -> minified text, in order."""
    pieces = _PART_HEAD.split(text)
    return {path: body.strip() for path, body in zip(pieces[1::2], pieces[2::2], strict=True)}
