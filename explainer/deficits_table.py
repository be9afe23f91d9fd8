"""The rows the chart plots, as the CSV download and as the page's Markdown table."""

from __future__ import annotations

import csv
import io

from explainer.chart_spec import load_chart_spec
from explainer.deficits_data import Partner


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


def table_markdown(partners: list[Partner], sources_page: str = "sources.md") -> str:
    lines = [
        "| Rank among countries | Partner | U.S. goods deficit, 2024 (US$ billion) | Sources |",
        "| :-- | :-- | --: | :-- |",
    ]
    highlight = load_chart_spec().highlight
    for p in partners:
        rank = str(p.rank) if p.rank else "not ranked (bloc)"
        name = f"{p.name} (bloc)" if p.is_bloc else p.name
        value = f"{p.deficit_bn_usd:.1f}"
        if p.name == highlight:
            rank, name, value = f"**{rank}**", f"**{name}**", f"**{value}**"
        links = ", ".join(f"[{code}]({sources_page}#{code.lower()})" for code in p.sources)
        lines.append(f"| {rank} | {name} | {value} | {links} |")
    return "\n".join(lines) + "\n"
