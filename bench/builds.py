"""Build time: warm and cold builds of the site against a plain `mkdocs build` of the same pages."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import copy_project


def mkdocs_build(project: Path, site_dir: Path, site_url: str, config: str = "mkdocs.yml") -> float:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", config, "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"mkdocs build -f {project / config} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def plain_config(project: Path) -> str:
    """The same pages without the hooks: what a stock MkDocs build of the Markdown costs."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("hooks:\n  - hooks.py\n", "").replace("strict: true", "strict: false")
    text = text.replace("  - assets/stylesheets/chart-theme.css\n", "")
    (project / "mkdocs-plain.yml").write_text(text, encoding="utf-8")
    return "mkdocs-plain.yml"


def time_builds(workdir: Path, builds: int) -> dict:
    project = workdir / "build-src"
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project)
    site_url = "http://127.0.0.1:1/ishiba-trump/"
    out = workdir / "build-out"
    mkdocs_build(project, out, site_url)  # leaves the snippets and caches in place for warm runs
    config = plain_config(project)
    timings: dict[str, list[float]] = {"plain": [], "warm": [], "cold": []}
    for _ in range(builds):
        timings["plain"].append(mkdocs_build(project, out, site_url, config))
        timings["warm"].append(mkdocs_build(project, out, site_url))
        shutil.rmtree(project / "chart-cache")
        shutil.rmtree(project / "build" / "social-cache", ignore_errors=True)
        timings["cold"].append(mkdocs_build(project, out, site_url))
    return {k: statistics.median(v) for k, v in timings.items()}
