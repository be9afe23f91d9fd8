"""The rows the chart plots, as the CSV download and as the page's data table."""

from __future__ import annotations

import csv
import io
from html import escape

from explainer.chart_labels import labels
from explainer.chart_spec import load_chart_spec, localized
from explainer.deficits_data import Partner
from explainer.figures import render_text

_COLUMN_KEYS = ("col_rank", "col_partner", "col_deficit", "col_sources")
COLUMNS = tuple(labels("en")[key] for key in _COLUMN_KEYS)
TABLE_LABEL = labels("en")["table_label"]
# A class keeps Material's script from rewrapping the table at start-up (explainer/material_tables.py).
TABLE_CLASS = "deficits-table__table"


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


def table_value(value: float, lang: str = "en") -> str:
    """A deficit in the table's unit: US$ billion (68.5), or 億ドル (685)."""
    return render_text(value, "usd_bn", lang="ja").removesuffix("億ドル") if lang == "ja" else f"{value:.1f}"


def table_html(partners: list[Partner], sources_url: str = "../sources/", lang: str = "en") -> str:
    """The page's data table as HTML in which every value is escaped text.

    Not Markdown: a partner name could otherwise carry links, images, attribute lists or new blocks
    into the page. Python-Markdown passes a raw HTML block through untouched, and MkDocs does not
    rewrite its links, so ``sources_url`` is the sources page relative to the chart page's URL
    (``docs/deficit-chart.md`` is served as ``deficit-chart/``). The wrapper is the table's
    scroll container on a phone, focusable so keyboard users can scroll it too (axe rule
    scrollable-region-focusable); every line starts with a tag, so no snippet or Markdown line
    syntax can begin inside it. ``lang`` picks the headers, names and unit (see chart_labels).
    """
    words = labels(lang)
    spec = localized(load_chart_spec(), lang)
    head = "".join(f'<th scope="col">{escape(words[key])}</th>' for key in _COLUMN_KEYS)
    label = escape(words["table_label"])
    lines = [
        f'<div class="deficits-table" role="region" aria-label="{label}" tabindex="0">',
        f'<table class="{TABLE_CLASS}">',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]
    highlight = spec.highlight
    for p in partners:
        links = ", ".join(
            f'<a href="{escape(sources_url)}#{escape(code.lower())}">{escape(code)}</a>' for code in p.sources
        )
        name = spec.partner_name(p.name)
        cells = [
            escape(str(p.rank) if p.rank else words["table_bloc_rank"]),
            escape(words["table_bloc_name"].format(name=name) if p.is_bloc else name),
            escape(table_value(p.deficit_bn_usd, lang)),
        ]
        if p.name == highlight:
            cells = [f"<strong>{cell}</strong>" for cell in cells]
        lines.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in [*cells, links]) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines) + "\n"
