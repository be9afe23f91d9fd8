"""Everything the site derives from the deficit CSV, cached by a hash of its inputs.

Static exports need a headless Chromium (kaleido) and take seconds, so the outputs are kept in
``chart-cache/<key>/``, where the key hashes the plotted rows, the code that draws them and the
plotly and kaleido versions. The cache is committed: a fresh clone builds the site without
Chromium, and ``tests/test_chart_cache.py`` proves the committed entry matches the current inputs.
When any input changes, the next build renders a new entry and drops the stale ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from explainer.deficits_data import Partner
from explainer.deficits_table import plotted_csv

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "chart-cache"
STEM = "us-goods-deficits-2024"

# Code whose every change must produce a new cache entry.
_CODE = ("deficits_chart.py", "deficits_table.py", "chart_theme.py", "chart_cache.py")

FIGURE_JSON = "figure.json"
CSV_NAME = f"{STEM}.csv"
PNG_NAME = f"{STEM}.png"
SVG_NAME = f"{STEM}.svg"
SOCIAL_NAME = "social.png"
# The in-page static chart, per layout; inlined into the page and themed by CSS (see inline_chart).
INLINE_SVGS = {"wide": "chart-wide.svg", "narrow": "chart-narrow.svg"}
ALL_FILES = (FIGURE_JSON, CSV_NAME, PNG_NAME, SVG_NAME, SOCIAL_NAME, *INLINE_SVGS.values())


def cache_key(partners: list[Partner]) -> str:
    digest = hashlib.sha256()
    rows = [(p.name, p.partner_type, p.deficit_bn_usd, p.rank) for p in partners]
    digest.update(json.dumps(rows).encode())
    for name in _CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    digest.update(f"plotly {version('plotly')} kaleido {version('kaleido')}".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ChartAssets:
    key: str
    directory: Path

    def path(self, name: str) -> Path:
        return self.directory / name


def figure_json(partners: list[Partner]) -> str:
    """The interactive figure, compact and without a template (the browser themes it)."""
    from explainer.deficits_chart import build_figure, narrow_layout  # plotly is slow to import

    figure = build_figure(partners).to_plotly_json()
    figure["layout"].pop("template", None)  # empty anyway; the browser needs none of it
    document = {"figure": figure, "narrow": narrow_layout(partners)}
    return json.dumps(document, separators=(",", ":"), sort_keys=True, cls=_PlotlyEncoder)


class _PlotlyEncoder(json.JSONEncoder):
    def default(self, o):  # numpy scalars and arrays that plotly may hold
        if hasattr(o, "tolist"):
            return o.tolist()
        return super().default(o)


def _render_images(partners: list[Partner], out: Path) -> None:
    import kaleido

    from explainer.deficits_chart import DOWNLOAD, NARROW, SOCIAL, WIDE, build_figure

    if not os.environ.get("BROWSER_PATH") and Path("/usr/bin/chromium").exists():
        os.environ["BROWSER_PATH"] = "/usr/bin/chromium"
    sizes = {"wide": WIDE, "narrow": NARROW}
    jobs = [
        {
            "fig": build_figure(partners, "default", narrow=layout == "narrow"),
            "path": str(out / name),
            "opts": {"format": "svg", "width": sizes[layout][0], "height": sizes[layout][1]},
        }
        for layout, name in INLINE_SVGS.items()
    ]
    titled = build_figure(partners, "default", titled=True, height=DOWNLOAD[1])
    card_size = (SOCIAL[0] * 2 // 3, SOCIAL[1] * 2 // 3)
    card = build_figure(partners, "default", titled=True, height=card_size[1])
    jobs += [
        {
            "fig": titled,
            "path": str(out / PNG_NAME),
            "opts": {"format": "png", "width": DOWNLOAD[0], "height": DOWNLOAD[1], "scale": 2},
        },
        {
            "fig": titled,
            "path": str(out / SVG_NAME),
            "opts": {"format": "svg", "width": DOWNLOAD[0], "height": DOWNLOAD[1]},
        },
        # The social card is drawn at two-thirds size and scaled up, so its text reads well in a preview.
        {
            "fig": card,
            "path": str(out / SOCIAL_NAME),
            "opts": {"format": "png", "width": card_size[0], "height": card_size[1], "scale": 1.5},
        },
    ]
    try:
        kaleido.write_fig_from_object_sync(jobs, kopts={"mathjax": False})
    except Exception as exc:  # kaleido raises several types when no browser can start
        raise RuntimeError(
            "Rendering the static chart images needs Chromium: install it with "
            "`apt-get install -y chromium` (or set BROWSER_PATH), then rebuild. "
            f"Kaleido said: {exc}"
        ) from exc


def ensure_chart_cache(partners: list[Partner], cache_dir: Path = CACHE_DIR) -> ChartAssets:
    """Return the cache entry for ``partners``, rendering it first if it is missing."""
    key = cache_key(partners)
    entry = cache_dir / key
    if not all((entry / name).is_file() for name in ALL_FILES):
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Render into a temporary sibling and rename, so a failed render leaves no partial entry.
        with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".tmp-") as tmp:
            staging = Path(tmp) / key
            staging.mkdir()
            (staging / FIGURE_JSON).write_text(figure_json(partners), encoding="utf-8")
            (staging / CSV_NAME).write_text(plotted_csv(partners), encoding="utf-8")
            _render_images(partners, staging)
            shutil.rmtree(entry, ignore_errors=True)
            staging.rename(entry)
        for stale in cache_dir.iterdir():
            if stale.is_dir() and stale.name != key and not stale.name.startswith(".tmp-"):
                shutil.rmtree(stale)
    return ChartAssets(key, entry)
