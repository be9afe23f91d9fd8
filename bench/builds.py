"""Build time: warm and cold builds of the site against a plain `mkdocs build` of the same pages."""

from __future__ import annotations

import json
import shutil
import statistics
import time
from pathlib import Path

from tests.helpers import build_site, copy_project


def mkdocs_build(project: Path, site_dir: Path, site_url: str, config: str = "mkdocs.yml") -> float:
    """Build ``project`` with ``config`` into ``site_dir``; returns the seconds it took."""
    start = time.perf_counter()
    result = build_site(site_dir, site_url, cwd=project, config=config, strict=False)
    if result.returncode:
        raise RuntimeError(f"mkdocs build -f {project / config} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def fresh_copy(project: Path) -> Path:
    """The project copied to ``project``, in place of what an earlier run left there."""
    shutil.rmtree(project, ignore_errors=True)
    return copy_project(project)


def with_generated_snippets(config_text: str, project: Path, lang: str = "en") -> str:
    """hooks.py gives each build and language its own folder of generated snippets (the chart, the
    table): a build without the hooks includes the ``lang`` ones of the last hooked build of
    ``project``."""
    build = max((project / "build" / "snippets").iterdir(), key=lambda d: d.stat().st_mtime)
    generated = build / lang
    paths = f"[includes, {json.dumps(str(generated))}]"
    return config_text.replace("base_path: [includes]", f"base_path: {paths}")


def plain_config(project: Path) -> str:
    """The same pages without the hooks: what a stock MkDocs build of the Markdown costs."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("hooks:\n  - hooks.py\n", "").replace("strict: true", "strict: false")
    text = with_generated_snippets(text.replace("  - assets/stylesheets/chart-theme.css\n", ""), project)
    (project / "mkdocs-plain.yml").write_text(text, encoding="utf-8")
    return "mkdocs-plain.yml"


def time_builds(workdir: Path, builds: int) -> dict:
    project = fresh_copy(workdir / "build-src")
    site_url = "http://127.0.0.1:1/ishiba-trump/"
    out = workdir / "build-out"
    mkdocs_build(project, out, site_url)  # leaves the snippets and caches in place for warm runs
    config = plain_config(project)
    timings: dict[str, list[float]] = {"plain": [], "warm": [], "cold": []}
    for _ in range(builds):
        timings["plain"].append(mkdocs_build(project, out, site_url, config))
        timings["warm"].append(mkdocs_build(project, out, site_url))
        shutil.rmtree(project / "chart-cache")
        for cache in ("social-cache", "templates", "validated"):
            shutil.rmtree(project / "build" / cache, ignore_errors=True)
        timings["cold"].append(mkdocs_build(project, out, site_url))
    return {k: statistics.median(v) for k, v in timings.items()}
