"""The HTML a host page pastes to embed the chart: an iframe, and a few lines that size it.

The embed page posts its height (assets/javascripts/embed.js); the host's listener accepts it only
from the embed's origin and only for the frame that sent it. Without the script the frame keeps
FALLBACK_HEIGHT, tall enough for the chart at phone widths.
"""

from __future__ import annotations

import html
from urllib.parse import urlparse

MESSAGE_TYPE = "ishiba-trump:embed-height"
FALLBACK_HEIGHT = 640


def embed_code(embed_url: str, title: str) -> str:
    origin = "{0.scheme}://{0.netloc}".format(urlparse(embed_url))
    listener = (
        'addEventListener("message",function(e){var d=e.data;'
        f'if(e.origin!=="{origin}"||!d||d.type!=="{MESSAGE_TYPE}")return;'
        'document.querySelectorAll("iframe[data-ishiba-trump-embed]").forEach(function(f){'
        'if(f.contentWindow===e.source)f.style.height=Math.ceil(d.height)+"px"})});'
    )
    style = f"display:block;width:100%;height:{FALLBACK_HEIGHT}px;border:0"
    return (
        f'<iframe src="{html.escape(embed_url)}" title="{html.escape(title)}" loading="lazy" '
        f'style="{style}" data-ishiba-trump-embed></iframe>\n'
        f"<script>{listener}</script>"
    )


def embed_code_html(embed_url: str, site_name: str) -> str:
    """The chart page's "Embed this chart" box: the code, escaped for display, ready to copy."""
    code = embed_code(embed_url, f"Chart: 2024 U.S. goods deficits by partner ({site_name})")
    return (
        '<details class="deficit-chart__embed">\n'
        "<summary>Embed this chart</summary>\n"
        # No figure in the prose: every number on a page must come from the fact sheet.
        "<p>Paste this HTML into your page. The frame sets its own height to fit the chart at any "
        "width; where scripts are not allowed it keeps the fixed height in its style.</p>\n"
        f'<pre class="deficit-chart__embed-code"><code>{html.escape(code)}</code></pre>\n'
        "</details>\n"
    )
