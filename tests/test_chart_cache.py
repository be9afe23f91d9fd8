"""The committed chart cache is current: it was rendered from today's data and chart code."""

from __future__ import annotations

import subprocess
from dataclasses import replace

from explainer.chart_cache import ALL_FILES, CACHE_DIR, FIGURE_JSON, cache_key, figure_json
from explainer.deficits_data import load_deficits
from explainer.deficits_table import plotted_csv
from tests.helpers import ROOT


def test_committed_cache_matches_current_inputs():
    key = cache_key(load_deficits())
    entry = CACHE_DIR / key
    assert entry.is_dir(), f"chart-cache/{key} is missing: run `make build` and commit chart-cache/"
    tracked = subprocess.run(
        ["git", "ls-files", "chart-cache"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(tracked) == sorted(f"chart-cache/{key}/{name}" for name in ALL_FILES), (
        "commit exactly the current cache entry (and remove stale ones)"
    )


def test_cached_files_equal_a_fresh_render():
    partners = load_deficits()
    entry = CACHE_DIR / cache_key(partners)
    assert (entry / FIGURE_JSON).read_text(encoding="utf-8") == figure_json(partners)
    assert (entry / "us-goods-deficits-2024.csv").read_text(encoding="utf-8") == plotted_csv(partners)


def test_cache_key_changes_with_the_data():
    partners = load_deficits()
    changed = [
        replace(p, deficit_bn_usd=p.deficit_bn_usd + 0.1) if p.name == "Japan" else p for p in partners
    ]
    assert cache_key(changed) != cache_key(partners)
    assert cache_key(list(partners)) == cache_key(partners)
