"""`make bench`: Lighthouse and build-time benchmark of the site against a naive baseline.

In one run, on this machine:

* builds the site, and a baseline made of the same pages with the chart embedded the obvious way
  (``fig.to_html(include_plotlyjs=True)``, the full plotly.js inline);
* serves both, gzip-compressed, on loopback, and runs Lighthouse 12.2.3 in mobile and desktop mode,
  ``--runs`` times on every page of both;
* times cold and warm builds (``--builds`` each) against a plain ``mkdocs build`` of the same pages
  without the hooks;
* prints medians with ratios to the baseline and writes them to BENCHMARKS.md.

Timings on a shared machine are noisy: every number is a median, and comparisons are ratios
within the same run. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
NODE_BIN = BENCH / "node_modules" / ".bin"
SUBPATH = "ishiba-trump"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PROJECT_FILES = (
    "mkdocs.yml",
    "hooks.py",
    "docs",
    "includes",
    "overrides",
    "explainer",
    "data",
    "chart-cache",
)
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt"}
METRICS = {
    "FCP ms": "first-contentful-paint",
    "LCP ms": "largest-contentful-paint",
    "TBT ms": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "KB": "total-byte-weight",
}
CATEGORIES = {"Perf": "performance", "A11y": "accessibility", "BP": "best-practices", "SEO": "seo"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".tmp-*"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def mkdocs_build(project: Path, site_dir: Path, site_url: str, config: str = "mkdocs.yml") -> float:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", config, "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def make_baseline(project: Path) -> None:
    """Swap the chart figure for what `fig.to_html(include_plotlyjs=True)` gives."""
    sys.path.insert(0, str(ROOT))
    from explainer.deficits_chart import build_figure
    from explainer.deficits_data import load_deficits

    html = build_figure(load_deficits()).to_html(full_html=False, include_plotlyjs=True)
    (project / "includes" / "deficit-chart-figure.md").write_text(
        f'<div class="naive-chart" id="chart">\n{html}\n</div>\n', encoding="utf-8"
    )


def plain_config(project: Path) -> str:
    """The same pages without the hooks: what a stock MkDocs build of the Markdown costs."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("hooks:\n  - hooks.py\n", "").replace("strict: true", "strict: false")
    text = text.replace("  - assets/stylesheets/chart-theme.css\n", "")
    (project / "mkdocs-plain.yml").write_text(text, encoding="utf-8")
    return "mkdocs-plain.yml"


def precompress(site_dir: Path) -> None:
    for path in site_dir.rglob("*"):
        if path.suffix in TEXT_SUFFIXES:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))


@contextmanager
def serve(root: Path, port: int):
    """http-server sends the .gz twin of a file to browsers that accept gzip."""
    process = subprocess.Popen(
        [str(NODE_BIN / "http-server"), str(root), "-a", "127.0.0.1", "-p", str(port), "-g", "-s", "-c-1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/{SUBPATH}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def lighthouse(url: str, mode: str, out: Path) -> dict:
    """Run Lighthouse once and return the scores and metrics of its report."""
    args = [
        str(NODE_BIN / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if mode == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, capture_output=True)
    return read_report(out)


def read_report(out: Path) -> dict:
    report = json.loads(out.read_text(encoding="utf-8"))
    row = {label: 100 * (report["categories"][key]["score"] or 0) for label, key in CATEGORIES.items()}
    for label, audit in METRICS.items():
        value = report["audits"][audit].get("numericValue")
        row[label] = None if value is None else (value / 1024 if label == "KB" else value)
    return row


def pages(site_dir: Path, base_url: str) -> list[str]:
    sitemap = ElementTree.parse(site_dir / "sitemap.xml")
    locs = sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [loc.text.strip().removeprefix(base_url) for loc in locs]


def median_rows(rows: list[dict]) -> dict:
    return {k: statistics.median([r[k] for r in rows if r[k] is not None]) for k in rows[0]}


def run_lighthouse(runs: int, only: list[str] | None) -> dict:
    results: dict = {}
    sites = {}
    for name in ("site", "baseline"):
        project = copy_project(RESULTS / f"{name}-src")
        if name == "baseline":
            make_baseline(project)
        sites[name] = (project, RESULTS / f"www-{name}", free_port())
    for project, www, port in sites.values():
        shutil.rmtree(www, ignore_errors=True)
        site_url = f"http://127.0.0.1:{port}/{SUBPATH}/"
        mkdocs_build(project, www / SUBPATH, site_url)
        precompress(www / SUBPATH)
    page_list = pages(sites["site"][1] / SUBPATH, f"http://127.0.0.1:{sites['site'][2]}/{SUBPATH}/")
    if only:
        page_list = [p for p in page_list if p in only]
    reports = RESULTS / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    for name, (_, www, port) in sites.items():
        with serve(www, port) as base_url:
            for page in page_list:
                for mode in ("mobile", "desktop"):
                    rows = []
                    for run in range(runs):
                        slug = (page.strip("/") or "home").replace("/", "-")
                        out = reports / f"{name}-{slug}-{mode}-{run}.json"
                        rows.append(lighthouse(base_url + page, mode, out))
                        print(
                            f"  {name:8} {mode:7} /{page:16} run {run + 1}: perf {rows[-1]['Perf']:.0f}",
                            flush=True,
                        )
                    results[(name, page, mode)] = median_rows(rows)
    return {"pages": page_list, "results": results}


def time_builds(builds: int) -> dict:
    project = copy_project(RESULTS / "build-src")
    site_url = f"http://127.0.0.1:1/{SUBPATH}/"
    out = RESULTS / "build-out"
    mkdocs_build(project, out, site_url)  # leaves the snippets and caches in place for warm runs
    config = plain_config(project)
    timings = {"plain": [], "warm": [], "cold": []}
    for _ in range(builds):
        timings["plain"].append(mkdocs_build(project, out, site_url, config))
        timings["warm"].append(mkdocs_build(project, out, site_url))
        cache = project / "chart-cache"
        shutil.rmtree(cache)
        shutil.rmtree(project / "build" / "social-cache", ignore_errors=True)
        timings["cold"].append(mkdocs_build(project, out, site_url))
    medians = {k: statistics.median(v) for k, v in timings.items()}
    (RESULTS / "builds.json").write_text(json.dumps(medians, indent=2), encoding="utf-8")
    return medians


def saved_results() -> dict:
    """Medians from the reports of the last run (for `--report-only`)."""
    groups: dict = {}
    for path in sorted((RESULTS / "lighthouse").glob("*.json")):
        name, rest = path.stem.split("-", 1)
        slug, mode, _run = rest.rsplit("-", 2)
        page = "" if slug == "home" else f"{slug}/"
        groups.setdefault((name, page, mode), []).append(read_report(path))
    results = {key: median_rows(rows) for key, rows in groups.items()}
    pages = sorted({page for _, page, _ in results}, key=lambda p: (p != "", p))
    return {"pages": pages, "results": results}


def targets(lh: dict, builds: dict) -> str:
    """The issue's targets, checked against this run's medians (mobile mode unless stated)."""
    res = lh["results"]
    mobile = {page: res[("site", page, "mobile")] for page in lh["pages"]}
    home, chart = mobile.get(""), mobile.get("deficit-chart/")
    chart_pages = {"deficit-chart/", "demands/"}
    checks = [
        (
            "Every page: performance ≥ 95",
            all(r["Perf"] >= 95 for r in mobile.values()),
            f"lowest {min(r['Perf'] for r in mobile.values()):.0f}",
        ),
        (
            "Every page: accessibility, best practices, SEO = 100",
            all(r[c] == 100 for r in mobile.values() for c in ("A11y", "BP", "SEO")),
            "",
        ),
        ("Every page: CLS = 0", all(r["CLS"] == 0 for r in mobile.values()), ""),
    ]
    if home and chart:
        tbt, lcp = chart["TBT ms"] - home["TBT ms"], chart["LCP ms"] - home["LCP ms"]
        base = res[("baseline", "deficit-chart/", "mobile")]["KB"]
        checks += [
            ("Chart page TBT within 100 ms of the home page's", abs(tbt) <= 100, f"{tbt:+.0f} ms"),
            ("Chart page LCP within 100 ms of the home page's", lcp <= 100, f"{lcp:+.0f} ms"),
            (
                "Chart page transfer ≤ ⅓ of the baseline's",
                chart["KB"] * 3 <= base,
                f"{chart['KB']:.1f} KB vs {base:.1f} KB",
            ),
        ]
    text = [r["KB"] for page, r in mobile.items() if page not in chart_pages]
    checks.append(("Text pages ≤ 120 KB", max(text) <= 120, f"largest {max(text):.1f} KB"))
    ratio = builds["warm"] / builds["plain"]
    checks.append(("Warm build ≤ 1.5× a plain `mkdocs build`", ratio <= 1.5, f"{ratio:.2f}×"))
    rows = ["| Target | Met | Measured |", "|---|---|---|"]
    rows += [f"| {name} | {'yes' if ok else '**no**'} | {note} |" for name, ok, note in checks]
    return "\n".join(rows)


def fmt(value, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def report(lh: dict, builds: dict, args) -> str:
    lines = []
    header = ["Page", "Mode", *CATEGORIES, *METRICS, "KB vs baseline", "Baseline perf", "Baseline KB"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for page in lh["pages"]:
        for mode in ("mobile", "desktop"):
            ours = lh["results"][("site", page, mode)]
            base = lh["results"][("baseline", page, mode)]
            ratio = ours["KB"] / base["KB"] if base["KB"] else None
            cells = [f"/{page}", mode]
            cells += [fmt(ours[c]) for c in CATEGORIES]
            cells += [fmt(ours["FCP ms"]), fmt(ours["LCP ms"]), fmt(ours["TBT ms"]), fmt(ours["CLS"], 3)]
            cells += [
                fmt(ours["KB"], 1),
                f"{ratio:.2f}×" if ratio else "–",
                fmt(base["Perf"]),
                fmt(base["KB"], 1),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    build_table = "\n".join(
        [
            f"| Build | Median of {args.builds} (s) | vs plain `mkdocs build` |",
            "|---|---|---|",
            *(f"| {k} | {v:.2f} | {v / builds['plain']:.2f}× |" for k, v in builds.items()),
        ]
    )
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    meminfo = Path("/proc/meminfo")
    gib = int(meminfo.read_text().split()[1]) // 1024 // 1024 if meminfo.exists() else "?"
    return f"""# Benchmarks

Latest `make bench` run: {datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}.

Machine: {os.cpu_count()} cores, {gib} GiB, {platform.platform()},
Python {platform.python_version()}, Node {node}, {chromium}, Lighthouse 12.2.3.

Method: `make bench` (`python bench/run.py --runs {args.runs} --builds {args.builds}`) builds this
site and a **baseline** of the same pages in which the chart is embedded the obvious way,
`fig.to_html(include_plotlyjs=True)`. Both are served gzip-compressed by `http-server` on loopback
and measured by Lighthouse in its default mobile mode (simulated slow 4G, 4× CPU slowdown) and with
`--preset=desktop`, {args.runs} runs per page and mode; the table shows medians. "KB" is the bytes
transferred on load (before any interaction). Timings on this shared machine are noisy: compare
ratios within a run, not across runs. On Chromium 156 a few Lighthouse diagnostic audits error
(trace parsing); scores and core metrics are unaffected.

## Targets

{targets(lh, builds)}

On this machine Lighthouse's simulated mobile FCP and LCP fall in one of two bands from run to run
(about 1.2 s / 1.5 s, or 1.5 s / 2.0–2.2 s), for plain text pages as well as chart pages: compare a
page with pages in the same band, and look at the per-page rows, not only at the checks above.

## Lighthouse (medians)

{table}

## Build time

Warm: the chart cache is in place (the normal case). Cold: no cached chart images or social cards,
so kaleido renders the static images through Chromium. Plain: `mkdocs build` of the same pages
without the hooks (no chart, no cards).

{build_table}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and mode")
    parser.add_argument("--builds", type=int, default=5, help="timed builds of each kind")
    parser.add_argument("--pages", nargs="*", help="only these page paths, e.g. '' deficit-chart/")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from the last run")
    args = parser.parse_args(argv)
    if args.report_only:
        builds = json.loads((RESULTS / "builds.json").read_text(encoding="utf-8"))
        args.output.write_text(report(saved_results(), builds, args), encoding="utf-8")
        return 0
    if not (NODE_BIN / "lighthouse").exists():
        parser.error("run `make bench` (it installs Lighthouse into bench/node_modules first)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    print("Build times…", flush=True)
    builds = time_builds(args.builds)
    print("Lighthouse…", flush=True)
    lh = run_lighthouse(args.runs, args.pages)
    text = report(lh, builds, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
