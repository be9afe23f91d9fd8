"""The 2024 U.S. goods-deficit ranking as a Plotly figure.

Figures are built on an empty template: plotly.py's default template is 98% of a small figure's
JSON, and the site themes the chart itself (see ``chart_theme``).
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from explainer.chart_theme import FONT_FAMILY, PALETTES
from explainer.deficits_data import Partner

HEADLINE = "China ran the largest U.S. goods deficit in 2024; Japan was 7th among countries"
SUBTITLE = (
    "U.S. goods trade deficit by partner, 2024, billions of U.S. dollars. "
    "Census basis, as first published 5 Feb 2025"
)
SOURCE_LINE = (
    "Source: U.S. Census Bureau and U.S. Bureau of Economic Analysis, release of 5 Feb 2025.<br>"
    "The EU is a bloc that includes Ireland and Germany: shown, not ranked."
)
HIGHLIGHT = "Japan"

# Sizes of the static renders. The page reserves the same aspect ratios, so swapping the image
# for the interactive chart moves nothing.
WIDE = (680, 460)
NARROW = (360, 520)
SOCIAL = (1200, 630)
DOWNLOAD = (1000, 640)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def money(value: float) -> str:
    return f"${value:.1f}B"


SHORT_NAMES = {"European Union": "EU", "South Korea": "S. Korea"}


def axis_label(p: Partner, short: bool = False) -> str:
    name = SHORT_NAMES.get(p.name, p.name) if short else p.name
    bloc_label = f"{name} (bloc)*" if short else f"{name} (bloc, not ranked)"
    label = f"{p.rank}. {name}" if p.rank else bloc_label
    return f"<b>{label}</b>" if p.name == HIGHLIGHT else label


def bar_text(p: Partner) -> str:
    if p.name == HIGHLIGHT:
        return f"<b>{ordinal(p.rank)} · {money(p.deficit_bn_usd)}</b>"
    return money(p.deficit_bn_usd)


def _role(p: Partner) -> str:
    if p.is_bloc:
        return "bloc"
    return "japan" if p.name == HIGHLIGHT else "bar"


def narrow_layout(partners: Iterable[Partner]) -> dict:
    """Layout changes for phone-width charts: short labels and room for the value labels."""
    partners = list(partners)
    top = max(p.deficit_bn_usd for p in partners)
    return {
        "yaxis.ticktext": [axis_label(p, short=True) for p in partners],
        "xaxis.range": [0, top * 1.45],
        "xaxis.dtick": 100,
        "xaxis.title.text": "Billions of U.S. dollars",
    }


def build_figure(
    partners: Iterable[Partner],
    scheme: str = "default",
    titled: bool = False,
    narrow: bool = False,
    height: int = DOWNLOAD[1],
) -> go.Figure:
    """A horizontal bar chart, largest deficit on top, Japan highlighted, the EU bloc hatched."""
    partners = list(partners)
    palette = PALETTES[scheme]
    fig = go.Figure(layout=go.Layout(template=go.layout.Template()))
    names = {"bar": "Individual countries", "japan": HIGHLIGHT, "bloc": "Bloc (not ranked)"}
    for role in ("bar", "japan", "bloc"):
        members = [p for p in partners if _role(p) == role]
        if not members:
            continue
        colour = palette[role]
        marker = {"color": colour, "line": {"color": colour, "width": 1.5}}
        if role == "bloc":
            marker = {
                "color": "rgba(0,0,0,0)",
                "line": {"color": colour, "width": 1.5},
                "pattern": {"shape": "/", "fgcolor": colour, "size": 8, "solidity": 0.3},
            }
        fig.add_trace(
            go.Bar(
                name=names[role],
                uid=role,
                meta={"role": role},
                orientation="h",
                y=[p.name for p in members],
                x=[p.deficit_bn_usd for p in members],
                text=[bar_text(p) for p in members],
                textposition="outside",
                cliponaxis=False,
                textfont={"color": palette["text"], "size": 13},
                marker=marker,
                customdata=[axis_label(p).replace("<b>", "").replace("</b>", "") for p in members],
                hovertemplate="%{customdata}: $%{x:.1f} billion<extra></extra>",
            )
        )
    top = max(p.deficit_bn_usd for p in partners)
    fig.update_layout(
        barmode="overlay",
        showlegend=False,
        bargap=0.28,
        font={"family": FONT_FAMILY, "size": 13, "color": palette["text"]},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 8, "r": 16, "t": 8, "b": 40},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        xaxis={
            "title": {
                "text": "Deficit, billions of U.S. dollars",
                "font": {"color": palette["muted"], "size": 12},
            },
            "range": [0, top * 1.16],
            "gridcolor": palette["grid"],
            "zeroline": True,
            "zerolinecolor": palette["muted"],
            "tickfont": {"color": palette["muted"]},
            "tickprefix": "$",
            "fixedrange": True,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": [p.name for p in partners],
            "tickvals": [p.name for p in partners],
            "ticktext": [axis_label(p) for p in partners],
            "autorange": "reversed",
            "automargin": True,
            "ticks": "",
            "ticklabelstandoff": 6,
            "fixedrange": True,
        },
    )
    if narrow:
        fig.update_layout(narrow_layout(partners))
    if titled:
        fig.update_layout(
            paper_bgcolor=palette["background"],
            title={
                "text": f"<b>{HEADLINE}</b>",
                "subtitle": {"text": SUBTITLE, "font": {"size": 13, "color": palette["muted"]}},
                "x": 0.01,
                "xanchor": "left",
                "yref": "container",
                "y": 1 - 16 / height,  # a fixed 16 px from the top edge
                "yanchor": "top",
                "font": {"size": 20},
            },
            margin={"l": 16, "r": 24, "t": 84, "b": 100},
            annotations=[
                {
                    "text": SOURCE_LINE,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": 0,
                    "yshift": -58,  # pixels: below the axis title whatever the figure's height
                    "align": "left",
                    "xanchor": "left",
                    "yanchor": "top",
                    "showarrow": False,
                    "font": {"size": 11, "color": palette["muted"]},
                }
            ],
        )
    return fig
