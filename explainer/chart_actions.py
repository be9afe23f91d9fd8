"""The chart's action buttons (downloads, copy link) in the page's language, as a Markdown snippet.

Markdown, not HTML: MkDocs resolves and checks the download links like any other link, and rewrites
them relative to the page that includes the figure. The strings the script shows after a click, and
the URL of the interactive figure, travel as data attributes, so deficit-chart.js holds no language.
"""

from __future__ import annotations

from html import escape

from explainer.chart_labels import labels
from explainer.data_bundle import BUNDLE_NAME, PACKAGE_NAME


def chart_actions_markdown(files: dict[str, str], downloads_dir: str, figure_url: str, lang: str) -> str:
    """``files``: the chart-cache entry's files (see chart_spec.entry_files); ``downloads_dir``: where
    on_files publishes them, as a path in the docs tree (``assets/charts`` or ``ja/assets/charts``);
    ``figure_url``: figure.json relative to the chart page's URL (raw HTML attributes are not rewritten)."""
    words = labels(lang)
    attributes = {
        "data-figure-url": figure_url,
        "data-link-copied": words["link_copied"],
        "data-copy-prompt": words["copy_prompt"],
    }
    attrs = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    lines = [f'<div class="deficit-chart__actions" {attrs} markdown>']
    downloads = [
        (files["csv"], "download_csv", True),
        (BUNDLE_NAME, "download_bundle", True),
        (PACKAGE_NAME, "download_package", False),
        (files["png"], "download_png", True),
        (files["svg"], "download_svg", True),
    ]
    for name, label, save in downloads:
        attributes = f' download="{name}"' if save else ""
        lines.append(f"[{words[label]}]({downloads_dir}/{name}){{ .md-button{attributes} }}")
    lines += [
        f"[{words['copy_link']}](#chart){{ .md-button .deficit-chart__copy }}",
        '<span class="deficit-chart__status" role="status" aria-live="polite"></span>',
    ]
    if lang == "en":  # the embeddable chart is English only
        lines.append('--8<-- "deficit-chart-embed.md"')
    lines.append("</div>")
    if words["csv_note"]:
        lines.append(f'<p class="deficit-chart__note">{escape(words["csv_note"])}</p>')
    return "\n".join(lines) + "\n"
