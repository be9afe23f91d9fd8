"""The rows the chart plots, as the CSV download and as the page's data table."""

from __future__ import annotations

import csv
import io
from html import escape

from explainer.chart_spec import load_chart_spec
from explainer.deficits_data import Partner

COLUMNS = ("Rank among countries", "Partner", "U.S. goods deficit, 2024 (US$ billion)", "Sources")
TABLE_LABEL = "Data table: U.S. goods deficit by partner, 2024"


def plotted_rows(partners: list[Partner]) -> list[dict[str, str]]:
    """The rows the chart plots, in plotted order."""
    return [
        {
            "rank_among_countries": str(p.rank) if p.rank else "",
            "partner": p.name,
            "partner_type": p.partner_type,
            "deficit_bn_usd": f"{p.deficit_bn_usd:.1f}",
        }
        for p in partners
    ]


def plotted_csv(partners: list[Partner]) -> str:
    """The CSV download: exactly the plotted rows, in plotted order."""
    rows = plotted_rows(partners)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def table_html(partners: list[Partner], sources_url: str = "../sources/") -> str:
    """The page's data table as HTML in which every value is escaped text.

    Not Markdown: a partner name could otherwise carry links, images, attribute lists or new blocks
    into the page. Python-Markdown passes a raw HTML block through untouched, and MkDocs does not
    rewrite its links, so ``sources_url`` is the sources page relative to the chart page's URL
    (``docs/deficit-chart.md`` is served as ``deficit-chart/``). The wrapper is the table's
    scroll container on a phone, focusable so keyboard users can scroll it too (axe rule
    scrollable-region-focusable); every line starts with a tag, so no snippet or Markdown line
    syntax can begin inside it.
    """
    head = "".join(f'<th scope="col">{escape(title)}</th>' for title in COLUMNS)
    lines = [
        f'<div class="deficits-table" role="region" aria-label="{escape(TABLE_LABEL)}" tabindex="0">',
        "<table>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]
    highlight = load_chart_spec().highlight
    for p in partners:
        links = ", ".join(
            f'<a href="{escape(sources_url)}#{escape(code.lower())}">{escape(code)}</a>' for code in p.sources
        )
        cells = [
            escape(str(p.rank) if p.rank else "not ranked (bloc)"),
            escape(f"{p.name} (bloc)" if p.is_bloc else p.name),
            escape(f"{p.deficit_bn_usd:.1f}"),
        ]
        if p.name == highlight:
            cells = [f"<strong>{cell}</strong>" for cell in cells]
        lines.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in [*cells, links]) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines) + "\n"
