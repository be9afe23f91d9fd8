"""The chart's fixed wording in each language: axis titles, legend names, table headers, buttons.

The words that depend on the data (headline, subtitle, source, notes, partner names) live in the
"chart" metadata of data/datapackage.json; these are the furniture around them. English wording
here is what the site always showed; add a language by adding a dict with the same keys.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "axis_title": "Deficit, billions of U.S. dollars",
        "axis_title_narrow": "Billions of U.S. dollars",
        "trace_countries": "Individual countries",
        "trace_bloc": "Bloc (not ranked)",
        # {name}: the partner's (short) name
        "bloc_label": "{name} (bloc, not ranked)",
        "bloc_label_short": "{name} (bloc)*",
        "table_label": "Data table: U.S. goods deficit by partner, 2024",
        "col_rank": "Rank among countries",
        "col_partner": "Partner",
        "col_deficit": "U.S. goods deficit, 2024 (US$ billion)",
        "col_sources": "Sources",
        "table_bloc_rank": "not ranked (bloc)",
        "table_bloc_name": "{name} (bloc)",
        "download_csv": "Download data (CSV)",
        "download_bundle": "Data bundle (ZIP)",
        "download_package": "Data description (JSON)",
        "download_png": "Image (PNG)",
        "download_svg": "Image (SVG)",
        "copy_link": "Copy link to this chart",
        "link_copied": "Link copied.",
        "copy_prompt": "Copy this link: ",
        "csv_note": "",
    },
    "ja": {
        "axis_title": "赤字額（億ドル）",
        "axis_title_narrow": "億ドル",
        "trace_countries": "個別の国",
        "trace_bloc": "地域（順位外）",
        "bloc_label": "{name}（地域、順位外）",
        "bloc_label_short": "{name}（地域）*",
        "table_label": "データ表：相手国・地域別の米国のモノの貿易赤字（2024年）",
        "col_rank": "国別の順位",
        "col_partner": "相手国・地域",
        "col_deficit": "米国のモノの貿易赤字、2024年（億ドル）",
        "col_sources": "出典",
        "table_bloc_rank": "順位外（地域）",
        "table_bloc_name": "{name}",  # the rank column already says 地域
        "download_csv": "データをダウンロード（CSV、英語）",
        "download_bundle": "データ一式（ZIP、英語）",
        "download_package": "データの説明（JSON、英語）",
        "download_png": "画像（PNG）",
        "download_svg": "画像（SVG）",
        "copy_link": "このグラフへのリンクをコピー",
        "link_copied": "リンクをコピーしました。",
        "copy_prompt": "このリンクをコピーしてください：",
        # The CSV download is the data file as published: English column names and partner names,
        # values in billions of dollars, so scripts read one file whatever the page's language.
        "csv_note": (
            "CSVファイルはデータの原本どおり英語（列名・相手国名とも英語、単位は十億ドル）で、"
            "どの言語のページからも同じファイルを提供している。"
        ),
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS[lang]
