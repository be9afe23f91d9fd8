"""The 2024 U.S. goods-deficit ranking as a Plotly figure.

Figures are built on an empty template: plotly.py's default template is 98% of a small figure's
JSON, and the site themes the chart itself (see ``chart_theme``).
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable

import plotly.graph_objects as go

from explainer.chart_labels import labels
from explainer.chart_spec import ChartSpec, load_chart_spec
from explainer.chart_text import chart_text, money, rank_text
from explainer.chart_theme import FONT_FAMILIES, PALETTES
from explainer.deficits_data import Partner

ROLES = ("bar", "highlight", "bloc")


def plotly_text(text: str) -> str:
    """Plain text made safe for Plotly, whose text fields are HTML-like markup.

    Plotly turns <a href> into real links and honours <span style>, so a partner name could
    otherwise add a link or an off-site request (url(...)) to the chart; escaped, it shows as typed.
    """
    return html.escape(text, quote=False)


SHORT_NAMES = {"European Union": "EU", "South Korea": "S. Korea"}


def _plain_label(p: Partner, short: bool = False, spec: ChartSpec | None = None) -> str:
    spec = spec or load_chart_spec()
    words = labels(spec.lang)
    if spec.lang == "en":
        name = SHORT_NAMES.get(p.name, p.name) if short else p.name
    else:
        name = spec.partner_name(p.name)
        # A bloc's label says "bloc" itself, so it takes the short name ("EU") even on wide charts.
        if short or p.is_bloc:
            name = spec.short_name(p.name) or name
    bloc_label = words["bloc_label_short" if short else "bloc_label"].format(name=name)
    return f"{p.rank}. {name}" if p.rank else bloc_label


def axis_label(p: Partner, highlight: str, short: bool = False, spec: ChartSpec | None = None) -> str:
    label = plotly_text(_plain_label(p, short, spec))
    return f"<b>{label}</b>" if p.name == highlight else label


def _hover_label(p: Partner, spec: ChartSpec) -> str:
    label = _plain_label(p, spec=spec)
    return label if spec.lang == "en" else f"{label}: {money(p.deficit_bn_usd, spec.lang)}"


def bar_text(p: Partner, highlight: str, lang: str = "en") -> str:
    if p.name == highlight and p.rank:
        return f"<b>{rank_text(p.rank, lang)} · {money(p.deficit_bn_usd, lang)}</b>"
    return money(p.deficit_bn_usd, lang)


def oku_ticks(top: float, step_bn: int) -> dict:
    """Ticks for an axis in 億ドル while the data stay in billions (1 billion = 10億)."""
    values = [step_bn * i for i in range(math.floor(top / step_bn) + 1)]
    return {"tickvals": values, "ticktext": [f"{v * 10:,}" for v in values]}


def role(p: Partner, highlight: str) -> str:
    if p.is_bloc:
        return "bloc"
    return "highlight" if p.name == highlight else "bar"


def wrapped_title(text: str, width_px: int, font_size: int, lang: str = "en") -> tuple[str, int]:
    """Plotly titles never wrap: break the plain text into lines that fit; returns (markup, lines)."""
    if lang == "ja":
        # Japanese has no spaces to break at, and each character is a full em wide.
        per_line = max(10, int(width_px / font_size))
        lines = [text[i : i + per_line] for i in range(0, len(text), per_line)]
        return "<br>".join(plotly_text(line) for line in lines), len(lines)
    # Measured on the renders: a bold sans-serif line averages half an em per character.
    lines = textwrap.wrap(text, width=max(20, int(width_px / (font_size * 0.5))))
    return "<br>".join(plotly_text(line) for line in lines), len(lines)


def narrow_layout(partners: Iterable[Partner], spec: ChartSpec | None = None) -> dict:
    """Layout changes for phone-width charts: short labels and room for the value labels."""
    spec = spec or load_chart_spec()
    partners = list(partners)
    top = max(p.deficit_bn_usd for p in partners)
    layout = {
        "yaxis.ticktext": [axis_label(p, spec.highlight, short=True, spec=spec) for p in partners],
        "xaxis.range": [0, top * 1.45],
        "xaxis.dtick": 100,
        "xaxis.title.text": labels(spec.lang)["axis_title_narrow"],
    }
    if spec.lang == "ja":
        ticks = oku_ticks(top * 1.45, 100)
        layout |= {"xaxis.tickvals": ticks["tickvals"], "xaxis.ticktext": ticks["ticktext"]}
    return layout


def build_figure(
    partners: Iterable[Partner],
    scheme: str | dict[str, str] = "default",
    titled: bool = False,
    narrow: bool = False,
    size: tuple[int, int] | None = None,
    spec: ChartSpec | None = None,
) -> go.Figure:
    """A horizontal bar chart, largest deficit on top, one partner highlighted, blocs hatched.

    ``scheme`` names a palette of ``chart_theme.PALETTES`` or is a palette itself (such as the role
    markers the inline SVG is rendered with); ``size`` is the render's size, which titled figures need.
    """
    spec = spec or load_chart_spec()
    partners = list(partners)
    palette = PALETTES[scheme] if isinstance(scheme, str) else scheme
    width, height = size or spec.sizes["download"]
    fig = go.Figure(layout=go.Layout(template=go.layout.Template()))
    words = labels(spec.lang)
    names = {
        "bar": words["trace_countries"],
        "highlight": plotly_text(spec.partner_name(spec.highlight)),
        "bloc": words["trace_bloc"],
    }
    for trace_role in ROLES:
        members = [p for p in partners if role(p, spec.highlight) == trace_role]
        if not members:
            continue
        hover = "%{customdata}: $%{x:.1f} billion<extra></extra>"
        if spec.lang != "en":
            # Plotly cannot format billions as 億; the label carries the value already formatted.
            hover = "%{customdata}<extra></extra>"
        colour = palette[trace_role]
        marker = {"color": colour, "line": {"color": colour, "width": 1.5}}
        if trace_role == "bloc":
            marker = {
                "color": "rgba(0,0,0,0)",
                "line": {"color": colour, "width": 1.5},
                "pattern": {"shape": "/", "fgcolor": colour, "size": 8, "solidity": 0.3},
            }
        fig.add_trace(
            go.Bar(
                name=names[trace_role],
                uid=trace_role,
                meta={"role": trace_role},
                orientation="h",
                y=[plotly_text(p.name) for p in members],
                x=[p.deficit_bn_usd for p in members],
                text=[bar_text(p, spec.highlight, spec.lang) for p in members],
                textposition="outside",
                cliponaxis=False,
                textfont={"color": palette["text"], "size": 13},
                marker=marker,
                customdata=[plotly_text(_hover_label(p, spec)) for p in members],
                hovertemplate=hover,
            )
        )
    top = max(p.deficit_bn_usd for p in partners)
    font_family = FONT_FAMILIES[spec.lang]
    fig.update_layout(
        barmode="overlay",
        showlegend=False,
        bargap=0.28,
        font={"family": font_family, "size": 13, "color": palette["text"]},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 8, "r": 16, "t": 8, "b": 40},
        hoverlabel={"font": {"family": font_family}},
        xaxis={
            "title": {
                "text": words["axis_title"],
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
            "categoryarray": [plotly_text(p.name) for p in partners],
            "tickvals": [plotly_text(p.name) for p in partners],
            "ticktext": [axis_label(p, spec.highlight, spec=spec) for p in partners],
            "autorange": "reversed",
            "automargin": True,
            "ticks": "",
            "ticklabelstandoff": 6,
            "fixedrange": True,
        },
    )
    if spec.lang == "ja":
        fig.update_xaxes(tickprefix="", **oku_ticks(top * 1.16, 50))
    if narrow:
        fig.update_layout(narrow_layout(partners, spec))
    if titled:
        text = chart_text(partners, spec)
        title_font_size = 20
        headline, headline_lines = wrapped_title(text.headline, width - 40, title_font_size, spec.lang)
        fig.update_layout(
            paper_bgcolor=palette["background"],
            title={
                "text": f"<b>{headline}</b>",
                "subtitle": {
                    "text": plotly_text(text.subtitle),
                    "font": {"size": 13, "color": palette["muted"]},
                },
                "x": 0.01,
                "xanchor": "left",
                "yref": "container",
                # A fixed 16 px from the top edge; Plotly anchors a wrapped title by its first line.
                "y": 1 - (16 + 24 * (headline_lines - 1)) / height,
                "yanchor": "top",
                "font": {"size": title_font_size},
            },
            # Each extra headline line pushes the subtitle and the plot down by one line of title text.
            margin={"l": 16, "r": 24, "t": 84 + 36 * (headline_lines - 1), "b": 100},
            annotations=[
                {
                    "text": f"{plotly_text(text.source)}<br>{plotly_text(text.bloc_note)}",
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
