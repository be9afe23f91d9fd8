"""The deficit chart's one metadata block: the ``chart`` object of ``data/datapackage.json``.

Text, highlighted partner, render sizes and output names live next to the data they describe (as
OWID keeps chart metadata beside its data step), so the page, the images and the tests read one copy.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from explainer.deficits_data import PACKAGE_PATH

LAYOUTS = ("wide", "narrow", "download", "social")
_TEXT_KEYS = ("headline", "subtitle", "source", "bloc_note", "alt_text", "highlight", "url_dir", "file_stem")


class ChartSpecError(ValueError):
    """The ``chart`` metadata is missing or malformed; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class ChartSpec:
    headline: str  # a template: see the "description" key of the metadata for its fields
    subtitle: str
    source: str
    bloc_note: str
    alt_text: str
    highlight: str  # the partner the chart highlights, by its name in the CSV
    sizes: dict[str, tuple[int, int]]  # CSS pixels of each static render: wide, narrow, download, social
    url_dir: str  # where the site publishes the chart's files, relative to the site root
    file_stem: str  # base name of the downloads (CSV, PNG, SVG)


def entry_files(spec: ChartSpec) -> dict[str, str]:
    """The files of a chart-cache entry, by what they are (chart_cache adds its manifest)."""
    return {
        "figure": "figure.json",
        "csv": f"{spec.file_stem}.csv",
        "png": f"{spec.file_stem}.png",
        "svg": f"{spec.file_stem}.svg",
        "social": "social.png",
        # The in-page static chart, per layout; inlined into the page and themed by CSS (see inline_chart).
        "wide": "chart-wide.svg",
        "narrow": "chart-narrow.svg",
    }


def _spec_error(path: Path, key: str, problem: str) -> ChartSpecError:
    return ChartSpecError(f'{path}: chart.{key}: {problem}; fix the "chart" object in {path.name}')


def parse_chart_spec(descriptor: dict, path: Path = PACKAGE_PATH) -> ChartSpec:
    chart = descriptor.get("chart")
    if not isinstance(chart, dict):
        raise ChartSpecError(f'{path}: no "chart" object; add one (see explainer/chart_spec.py for its keys)')
    for key in _TEXT_KEYS:
        value = chart.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _spec_error(path, key, f"expected a non-empty string, got {value!r}")
    sizes = chart.get("sizes")
    if not isinstance(sizes, dict) or set(sizes) != set(LAYOUTS):
        raise _spec_error(path, "sizes", f"expected exactly the keys {', '.join(LAYOUTS)}, got {sizes!r}")
    parsed_sizes: dict[str, tuple[int, int]] = {}
    for layout in LAYOUTS:
        size = sizes[layout]
        valid = isinstance(size, list) and len(size) == 2
        if not valid or not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 4000 for n in size
        ):
            raise _spec_error(path, f"sizes.{layout}", f"expected [width, height] in pixels, got {size!r}")
        parsed_sizes[layout] = (size[0], size[1])
    if any(n % 3 for n in parsed_sizes["social"]):
        # The social card is drawn at two-thirds size and scaled 1.5x (see chart_render).
        raise _spec_error(path, "sizes.social", "width and height must be multiples of 3")
    if chart["url_dir"].startswith("/") or ".." in chart["url_dir"].split("/"):
        raise _spec_error(path, "url_dir", "must be a relative path inside the site")
    return ChartSpec(**{key: chart[key] for key in _TEXT_KEYS}, sizes=parsed_sizes)


@functools.cache
def _load(path: Path, mtime_ns: int) -> ChartSpec:
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ChartSpecError(f"{path}: cannot read the data package ({exc})") from None
    return parse_chart_spec(descriptor, path)


def load_chart_spec(path: Path = PACKAGE_PATH) -> ChartSpec:
    """The chart metadata, re-read whenever the file changes (as it may during ``mkdocs serve``)."""
    path = Path(path)
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError as exc:
        raise ChartSpecError(f"{path}: cannot read the data package ({exc})") from None
    return _load(path, mtime_ns)
