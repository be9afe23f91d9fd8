"""Render one chart-cache entry: the figure JSON, the plotted CSV and kaleido's static images.

Run as ``python -m explainer.chart_render OUT_DIR`` with ``{"partners": [...], "chart": {...}}`` on
stdin. ``chart_cache`` always renders through this subprocess, so the images come from the code on
disk, the same code the cache key hashes, even inside a long-running ``mkdocs serve`` whose
imported modules are older than the files being edited.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from explainer.chart_spec import ChartSpec, entry_files, parse_chart_spec
from explainer.chart_theme import role_markers
from explainer.deficits_data import Partner
from explainer.deficits_table import plotted_csv


def request_json(partners: list[Partner], spec: ChartSpec) -> str:
    """What the renderer reads on stdin; also what the cache key hashes besides the code."""
    return json.dumps({"partners": [asdict(p) for p in partners], "chart": asdict(spec)}, sort_keys=True)


def parse_request(text: str) -> tuple[list[Partner], ChartSpec]:
    document = json.loads(text)
    partners = [Partner(**{**p, "sources": tuple(p["sources"])}) for p in document["partners"]]
    return partners, parse_chart_spec({"chart": document["chart"]}, Path("<stdin>"))


class _PlotlyEncoder(json.JSONEncoder):
    def default(self, o):  # numpy scalars and arrays that plotly may hold
        if hasattr(o, "tolist"):
            return o.tolist()
        return super().default(o)


def figure_json(partners: list[Partner], spec: ChartSpec) -> str:
    """The interactive figure, compact and without a template (the browser themes it)."""
    from explainer.deficits_chart import build_figure, narrow_layout  # plotly is slow to import

    figure = build_figure(partners, spec=spec).to_plotly_json()
    figure["layout"].pop("template", None)  # empty anyway; the browser needs none of it
    # The language is recorded in the entry: chart_cache checks it against the spec it verifies for.
    document = {"figure": figure, "narrow": narrow_layout(partners, spec), "lang": spec.lang}
    return json.dumps(document, separators=(",", ":"), sort_keys=True, allow_nan=False, cls=_PlotlyEncoder)


def _image_jobs(partners: list[Partner], spec: ChartSpec, out: Path) -> list[dict]:
    from explainer.deficits_chart import build_figure

    files = entry_files(spec)
    jobs = []
    # The inline SVGs are drawn in role-marker colours that the page swaps for CSS variables.
    for layout in ("wide", "narrow"):
        width, height = spec.sizes[layout]
        jobs.append(
            {
                "fig": build_figure(partners, role_markers(), narrow=layout == "narrow", spec=spec),
                "path": str(out / files[layout]),
                "opts": {"format": "svg", "width": width, "height": height},
            }
        )
    download = spec.sizes["download"]
    titled = build_figure(partners, "default", titled=True, size=download, spec=spec)
    jobs += [
        {
            "fig": titled,
            "path": str(out / files["png"]),
            "opts": {"format": "png", "width": download[0], "height": download[1], "scale": 2},
        },
        {
            "fig": titled,
            "path": str(out / files["svg"]),
            "opts": {"format": "svg", "width": download[0], "height": download[1]},
        },
    ]
    # The social card is drawn at two-thirds size and scaled up, so its text reads well in a preview.
    social = spec.sizes["social"]
    card_size = (social[0] * 2 // 3, social[1] * 2 // 3)
    jobs.append(
        {
            "fig": build_figure(partners, "default", titled=True, size=card_size, spec=spec),
            "path": str(out / files["social"]),
            "opts": {"format": "png", "width": card_size[0], "height": card_size[1], "scale": 1.5},
        }
    )
    return jobs


def render_entry(partners: list[Partner], spec: ChartSpec, out: Path) -> None:
    """Write every file of a cache entry into ``out`` (needs Chromium, found through BROWSER_PATH)."""
    import kaleido

    files = entry_files(spec)
    (out / files["figure"]).write_text(figure_json(partners, spec), encoding="utf-8")
    (out / files["csv"]).write_text(plotted_csv(partners), encoding="utf-8")
    kaleido.write_fig_from_object_sync(_image_jobs(partners, spec, out), kopts={"mathjax": False})


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m explainer.chart_render OUT_DIR < request.json", file=sys.stderr)
        return 2
    partners, spec = parse_request(sys.stdin.read())
    try:
        render_entry(partners, spec, Path(argv[1]))
    except Exception as exc:  # kaleido raises several types when no browser can start
        browser = os.environ.get("BROWSER_PATH", "(BROWSER_PATH unset)")
        print(f"kaleido could not render with {browser}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
