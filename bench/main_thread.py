"""Where a page load's main-thread time goes, by kind of work: the site against its stock twin,
or down the ladder of the last `make bench --ladder` run.

Lighthouse reports blocking time, not what blocks. This reads Chromium's own trace of page loads
(no throttling: Lighthouse's 4x is a multiplier on these times) and sums each trace event's self
time (its CPU time less its children's) by kind: script, style, layout, HTML parsing, paint, and
the rest of the task (loading, scheduling). Medians over interleaved loads of the sites the last
`make bench` built (bench/results/www-site and www-stock), each served on the origin it was built
for, so instant navigation's sitemap resolves as it does for readers.

    python -m bench.main_thread --runs 11 --pages '' deficit-chart/
    python -m bench.main_thread --runs 11 --ladder

The ladder is steadier here than in Lighthouse, whose TBT moved by ±250 ms between neighbouring
rungs that differ by a few meta tags (run 8); here a single rung is still ±~30 ms, the ends less.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench.lighthouse import CHROME_FLAGS, CHROMIUM, serve
from bench.variants import LADDER, cost_root
from tests.helpers import SUBPATH

RESULTS = Path(__file__).resolve().parent / "results"
SITES = {"site": RESULTS / "www-site", "stock twin": RESULTS / "www-stock"}
KINDS = {
    "script": {"EvaluateScript", "FunctionCall", "v8.compile", "RunMicrotasks", "TimerFire", "EventDispatch"},
    "style": {"UpdateLayoutTree", "ParseAuthorStyleSheet"},
    "layout": {"Layout"},
    "HTML parsing": {"ParseHTML", "HTMLDocumentParser::MaybeFetchQueuedPreloads"},
    "paint": {"PrePaint", "Paint", "Layerize", "Commit", "PaintImage"},
}
PHONE = {"width": 412, "height": 823}
TRACE_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "loading",
    "blink.user_timing",
]
# Not kinds of work: when the largest contentful paint came, and whether Material's bundle ran first
# (Lighthouse's LCP estimate then counts the bundle's work and requests, see BENCHMARKS.md).
LCP, LCP_AFTER_BUNDLE = "LCP ms", "LCP after the bundle"


def kind(event_name: str) -> str:
    return next((k for k, names in KINDS.items() if event_name in names), "rest of the task")


def self_times(trace_events: list[dict]) -> collections.Counter:
    """CPU milliseconds of the renderer's main thread by kind, each event counted without its children."""
    main = {
        (e["pid"], e["tid"])
        for e in trace_events
        if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    spans = sorted(
        (
            e
            for e in trace_events
            if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and "tdur" in e
        ),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    totals: collections.Counter = collections.Counter()
    stack: list[dict] = []
    for event in spans:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= event["ts"]:
            stack.pop()
        if stack:
            totals[kind(stack[-1]["name"])] -= event["tdur"] / 1000
        totals[kind(event["name"])] += event["tdur"] / 1000
        stack.append(event)
    return totals


def largest_paint(trace_events: list[dict]) -> dict[str, float]:
    """The last LCP candidate's time from navigation start, and 1 if Material's bundle ran before it."""
    starts = [
        e["ts"]
        for e in trace_events
        if e.get("name") == "navigationStart"
        and e["args"].get("data", {}).get("documentLoaderURL", "").startswith("http")
    ]
    candidates = [e["ts"] for e in trace_events if e.get("name") == "largestContentfulPaint::Candidate"]
    bundle = [
        e["ts"]
        for e in trace_events
        if e.get("name") == "EvaluateScript"
        and "/bundle." in e.get("args", {}).get("data", {}).get("url", "")
    ]
    if not (starts and candidates and bundle):
        return {}
    return {
        LCP: (max(candidates) - min(starts)) / 1000,
        LCP_AFTER_BUNDLE: float(min(bundle) < max(candidates)),
    }


def load_once(browser, url: str) -> collections.Counter:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    with tempfile.NamedTemporaryFile(suffix=".json") as trace:
        browser.start_tracing(page=page, path=trace.name, categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(2000)  # Material's start-up, the search worker, deferred scripts
        browser.stop_tracing()
        events = json.loads(Path(trace.name).read_text(encoding="utf-8"))
    context.close()
    events = events["traceEvents"] if isinstance(events, dict) else events
    return self_times(events) + collections.Counter(largest_paint(events))


def built_port(root: Path) -> int:
    """The port the site was built for: its home page's canonical URL names it."""
    home = (root / SUBPATH / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="http://127\.0\.0\.1:(\d+)/', home)
    if not match:
        raise SystemExit(f"{root}: no loopback canonical URL; run `make bench` first")
    return int(match.group(1))


def ladder_sites() -> dict[str, Path]:
    """The last run's unedited copy of the cost page, each rung, and the stock twin, in that order."""
    names = ["as built", *LADDER]
    sites = {name: cost_root(RESULTS, name) for name in names}
    missing = [name for name, root in sites.items() if not root.exists()]
    if missing:
        raise SystemExit(f"no copy for {missing}: run `make bench BENCH_ARGS='--ladder …'` first")
    return sites | {"stock twin": SITES["stock twin"]}


def measure(
    pages: list[str], runs: int, sites: dict[str, Path] = SITES
) -> dict[tuple[str, str], dict[str, float]]:
    from playwright.sync_api import sync_playwright

    samples: dict[tuple[str, str], list[collections.Counter]] = collections.defaultdict(list)
    with ExitStack() as stack, sync_playwright() as playwright:
        origins = {name: stack.enter_context(serve(root, built_port(root))) for name, root in sites.items()}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        for _ in range(runs):
            for page in pages:
                for name, origin in origins.items():
                    samples[name, page].append(load_once(browser, f"{origin}{SUBPATH}/{page}"))
        browser.close()
    kinds = [*KINDS, "rest of the task"]
    return {
        key: {k: statistics.median(s.get(k, 0.0) for s in loads) for k in kinds}
        | {"total": statistics.median(sum(s[k] for k in kinds) for s in loads)}
        | {
            LCP: statistics.median(s[LCP] for s in loads),
            LCP_AFTER_BUNDLE: sum(s[LCP_AFTER_BUNDLE] for s in loads),
        }
        for key, loads in samples.items()
    }


def table(medians: dict[tuple[str, str], dict[str, float]], pages: list[str], runs: int) -> str:
    lines = [
        f"Main-thread CPU ms by kind of work, median of {runs} loads, no throttling (site / stock twin / Δ):",
        "",
        "| Work | " + " | ".join(f"/{p} site | twin | Δ" for p in pages) + " |",
        "|---|" + "---|---|---|" * len(pages),
    ]
    for k in [*KINDS, "rest of the task", "total"]:
        cells = []
        for page in pages:
            site, twin = medians["site", page][k], medians["stock twin", page][k]
            cells += [f"{site:.1f}", f"{twin:.1f}", f"{site - twin:+.1f}"]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ladder_table(medians: dict[tuple[str, str], dict[str, float]], page: str, runs: int) -> str:
    """Each rung's main-thread total and, by kind of work, its difference to the rung above."""
    kinds = [*KINDS, "rest of the task"]
    lines = [
        f"Main-thread CPU ms of /{page}, median of {runs} loads, no throttling; Δ against the line above:",
        "",
        "| Rung | total | Δ total | "
        + " | ".join(f"Δ {k}" for k in kinds)
        + " | LCP | LCP after the bundle |",
        "|---|---|---|" + "---|" * len(kinds) + "---|---|",
    ]
    above = None
    for (name, _), row in medians.items():
        deltas = (
            [f"{row[k] - above[k]:+.1f}" for k in ("total", *kinds)] if above else [""] * (1 + len(kinds))
        )
        lcp = f"{row[LCP]:.0f} | {row[LCP_AFTER_BUNDLE]:.0f} of {runs}"
        lines.append(f"| {name} | {row['total']:.1f} | " + " | ".join(deltas) + f" | {lcp} |")
        above = row
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--pages", nargs="+", default=["", "deficit-chart/"])
    parser.add_argument("--ladder", action="store_true", help="the last run's ladder, on its cost page")
    args = parser.parse_args(argv)
    if args.ladder:
        page = json.loads((RESULTS / "last-run.json").read_text(encoding="utf-8"))["cost_page"]
        print(ladder_table(measure([page], args.runs, ladder_sites()), page, args.runs))
        return 0
    print(table(measure(args.pages, args.runs), args.pages, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
