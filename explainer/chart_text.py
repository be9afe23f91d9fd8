"""The chart's words, filled from the data: headline, subtitle, source line and text alternative.

The page header, the downloadable PNG/SVG, the social card and the inline SVG's accessible name all
use these strings, so none can drift from another or from the CSV. Strings are plain text: escape
them for wherever they go (HTML, or Plotly's pseudo-HTML, see ``deficits_chart.plotly_text``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from explainer.chart_spec import TRANSLATED_KEYS, ChartSpec, ChartWords
from explainer.deficits_data import Partner
from explainer.figures import ordinal_suffix, ordinal_word, render_text


def billions(value: float) -> str:
    return f"${value:.1f}"


@dataclass(frozen=True)
class ChartText(ChartWords):
    """The chart's words filled from the data (plain text)."""


def _highlighted(partners: Sequence[Partner], spec: ChartSpec) -> Partner:
    for p in partners:
        if p.name == spec.highlight:
            return p
    raise ValueError(
        f"the chart highlights {spec.highlight!r} (chart.highlight in datapackage.json), "
        "but the CSV has no such partner; fix one or the other"
    )


def country_rank(partners: Sequence[Partner], name: str) -> int:
    """Rank among individual countries: 1 + the countries with a larger deficit (ties share a rank)."""
    value = next(p.deficit_bn_usd for p in partners if p.name == name)
    return 1 + sum(1 for p in partners if not p.is_bloc and p.deficit_bn_usd > value)


def rank_with_blocs(partners: Sequence[Partner], name: str) -> int:
    """Rank when each bloc counts as one more entry, as a list that includes the EU does."""
    value = next(p.deficit_bn_usd for p in partners if p.name == name)
    return 1 + sum(1 for p in partners if p.deficit_bn_usd > value)


def money(value: float, lang: str = "en") -> str:
    """A deficit as the chart shows it: $68.5B, or 685億ドル."""
    return render_text(value, "usd_bn", lang="ja") if lang == "ja" else f"${value:.1f}B"


def rank_text(rank: int, lang: str = "en") -> str:
    """7th, or 7位."""
    return render_text(rank, "ordinal", lang="ja") if lang == "ja" else ordinal_suffix(rank)


def template_fields(partners: Sequence[Partner], spec: ChartSpec) -> dict[str, str]:
    countries = [p for p in partners if not p.is_bloc]
    if not countries:
        raise ValueError("the CSV has no individual country to rank; the chart needs at least one")
    top = max(countries, key=lambda p: p.deficit_bn_usd)
    highlight = _highlighted(partners, spec)
    rank = country_rank(partners, highlight.name)
    if spec.lang != "en":
        with_blocs = rank_with_blocs(partners, highlight.name)
        return {
            "top": spec.partner_name(top.name),
            "top_value": money(top.deficit_bn_usd, spec.lang),
            "highlight": spec.partner_name(highlight.name),
            "highlight_value": money(highlight.deficit_bn_usd, spec.lang),
            "highlight_rank_ordinal": rank_text(rank, spec.lang),
            "highlight_rank_word": rank_text(rank, spec.lang),
            "highlight_rank_with_blocs_ordinal": rank_text(with_blocs, spec.lang),
        }
    return {
        "top": top.name,
        "top_value": billions(top.deficit_bn_usd),
        "highlight": highlight.name,
        "highlight_value": billions(highlight.deficit_bn_usd),
        "highlight_rank_ordinal": ordinal_suffix(rank),
        "highlight_rank_word": ordinal_word(rank),
        "highlight_rank_with_blocs_ordinal": ordinal_suffix(rank_with_blocs(partners, highlight.name)),
    }


def _fill(template: str, fields: dict[str, str], key: str, lang: str) -> str:
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"chart.{key} in datapackage.json (language {lang}) uses an unknown or malformed field ({exc}); "
            f"the fields are: {', '.join(sorted(fields))}"
        ) from None


def chart_text(partners: Sequence[Partner], spec: ChartSpec) -> ChartText:
    fields = template_fields(partners, spec)
    return ChartText(**{key: _fill(getattr(spec, key), fields, key, spec.lang) for key in TRANSLATED_KEYS})


def chart_header_html(text: ChartText) -> str:
    """The page's chart headline and subtitle (a snippet that includes/deficit-chart-figure.md pulls in)."""
    return (
        f'<p class="deficit-chart__headline">{html.escape(text.headline)}</p>\n'
        f'<p class="deficit-chart__subtitle">{html.escape(text.subtitle)}</p>\n'
    )
