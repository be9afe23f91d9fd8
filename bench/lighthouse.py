"""Serve a built site gzip-compressed on loopback and measure one page load with Lighthouse."""

from __future__ import annotations

import gzip
import json
import os
import socket
import statistics
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NODE_BIN = BENCH / "node_modules" / ".bin"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
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
# Total blocking time counts long tasks from the estimated first paint on, so a page estimated to
# paint later has fewer of its tasks counted. "Blocking ms" counts every long task's time over 50 ms
# from navigation start: the same window for every site (BENCHMARKS.md, "Run 14").
BLOCKING = "Blocking ms"
# Lighthouse estimates from one observed, unthrottled load. In some of them Chromium shows nothing
# until about 1.2 s, after the load event (a compositor stall in headless Chromium, BENCHMARKS.md),
# and such a load counts every start-up request into the estimates. Counted, not averaged. A page
# without scripts may paint a few ms after its early load event: only a paint after both counts.
LATE_PAINTS = "Painted after load"
LATE_PAINT_MS = 1000
# A page's estimates fall in clusters (the LCP estimate with or without Material's bundle in it,
# BENCHMARKS.md "Runs 27 to 29"), so a median can move by a whole cluster between runs. Each row
# keeps its lowest and highest load beside the median, under "<metric> range".
SPREAD = ("TBT ms", "LCP ms")


def precompress(site_dir: Path) -> None:
    """A .gz twin for every text file that has none (trees copied by hard links keep theirs)."""
    for path in site_dir.rglob("*"):
        twin = path.with_name(path.name + ".gz")
        if path.suffix in TEXT_SUFFIXES and path.is_file() and not twin.exists():
            twin.write_bytes(gzip.compress(path.read_bytes(), mtime=0))


@contextmanager
def serve(root: Path, port: int):
    """http-server sends the .gz twin of a file to browsers that accept gzip, and caches for ten
    minutes as GitHub Pages does (navigation.instant re-requests every stylesheet at start-up when
    it rewrites their URLs: with no-cache they would be downloaded twice); yields the origin."""
    process = subprocess.Popen(
        [str(NODE_BIN / "http-server"), str(root), "-a", "127.0.0.1", "-p", str(port), "-g", "-s", "-c600"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
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
    long_tasks = report["audits"]["long-tasks"].get("details", {}).get("items", [])
    row[BLOCKING] = sum(max(0.0, task["duration"] - 50) for task in long_tasks)
    row[LATE_PAINTS] = int(painted_after_load(report["audits"]["metrics"]["details"]["items"][0]))
    return row


def painted_after_load(observed: dict) -> bool:
    """Whether an observed load (Lighthouse's metrics, or bench/lcp_graph.mjs's) stalled: nothing
    shown until after its load event and the first second (LATE_PAINTS)."""
    return observed["observedFirstPaint"] > max(observed["observedLoad"], LATE_PAINT_MS)


def median_row(rows: list[dict]) -> dict:
    medians = {k: statistics.median([r[k] for r in rows if r[k] is not None] or [0]) for k in rows[0]}
    spread = {}
    for k in SPREAD:
        found = [r[k] for r in rows if r.get(k) is not None]
        spread[f"{k} range"] = [min(found), max(found)] if found else [None, None]
    return {**medians, **spread, LATE_PAINTS: sum(r[LATE_PAINTS] for r in rows), "runs": len(rows)}
