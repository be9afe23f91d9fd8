"""What each page's LCP estimate is made of: the site against its stock twin, millisecond by millisecond.

Lighthouse's mobile LCP is not a measured paint but Lantern's estimate: the mean of two simulated
loads (an optimistic and a pessimistic graph of the requests and CPU tasks that came before the
observed largest paint), each ending with its last node. This runs Lighthouse on the sites the last
`make bench` built (bench/results/www-site and www-stock, each on the origin it was built for),
reads both graphs of every load (bench/lcp_graph.mjs), and walks each back from its last node along
the dependency that finished last: the critical path. Each node on it is charged the time from its
predecessor's end to its own, so the charges add up to the estimate, and the table shows where the
site's milliseconds go next to its twin's.

    python -m bench.lcp_graph --runs 7 --pages '' ja/
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import tempfile
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from bench.lighthouse import BENCH, CHROMIUM, painted_after_load, serve
from bench.main_thread import SITES, built_port
from tests.helpers import SUBPATH

GRAPHS = ("optimisticLargestContentfulPaint", "pessimisticLargestContentfulPaint")
# What a node on the critical path is, in the order the table lists them.
PARTS = (
    "the page's HTML",
    "stylesheets",
    "HTML parsing",
    "style, layout and paint",
    "Material's bundle: download",
    "Material's bundle: run",
    "the site's scripts: download",
    "the site's scripts: run",
    "sitemap (instant navigation)",
    "search worker and index",
    "other requests",
)


def part(node: dict) -> str:
    """Which of PARTS a graph node is."""
    if node["kind"] == "network":
        url = node["url"].split("?")[0]
        if node["document"]:
            return "the page's HTML"
        if url.endswith(".css"):
            return "stylesheets"
        if "/javascripts/bundle." in url:
            return "Material's bundle: download"
        if url.endswith("sitemap.xml"):
            return "sitemap (instant navigation)"
        if url.endswith("search_index.json") or "/workers/search." in url:
            return "search worker and index"
        if url.endswith(".js"):
            return "the site's scripts: download"
        return "other requests"
    scripts = [s for s in node["scripts"] if s]
    if any("/javascripts/bundle." in s for s in scripts):
        return "Material's bundle: run"
    if scripts:
        return "the site's scripts: run"
    return "HTML parsing" if "ParseHTML" in node["events"] else "style, layout and paint"


def counts_for_lcp(node: dict) -> bool:
    # Lantern leaves low-priority images (offscreen, as a rule) out of the estimate's end.
    image = node["kind"] == "network" and node["resourceType"] == "Image"
    return not (image and node["priority"] in ("Low", "VeryLow"))


def critical_path(nodes: list[dict]) -> list[dict]:
    """From the node that ends last (as the estimate counts) back to the page, each step to the
    dependency that finished last."""
    by_id = {n["id"]: n for n in nodes}
    node = max((n for n in nodes if counts_for_lcp(n)), key=lambda n: n["end"])
    path = [node]
    while deps := [by_id[d] for d in node["deps"] if d in by_id]:
        node = max(deps, key=lambda n: n["end"])
        path.append(node)
    return path[::-1]


def charges(load: dict) -> collections.Counter:
    """ms of the load's LCP estimate charged to each part: half of each graph's path."""
    total: collections.Counter = collections.Counter()
    for graph in GRAPHS:
        previous_end = 0.0
        for node in critical_path(load["graphs"][graph]):
            total[part(node)] += (node["end"] - previous_end) / len(GRAPHS)
            previous_end = node["end"]
    # Lighthouse reports LCP no earlier than FCP; what that adds is charged to nothing in particular.
    total["(raised to the FCP estimate)"] += max(0.0, load["lcp"] - sum(total.values()))
    return total


def load_once(url: str, out: Path) -> dict:
    subprocess.run(
        ["node", str(BENCH / "lcp_graph.mjs"), url, str(out)],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        cwd=BENCH,
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def measure(pages: list[str], runs: int) -> dict[tuple[str, str], list[dict]]:
    """Interleaved loads of each page on the site and its twin."""
    loads: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        origins = {name: stack.enter_context(serve(root, built_port(root))) for name, root in SITES.items()}
        for run in range(runs):
            for page in pages:
                for name, origin in origins.items():
                    out = Path(tmp) / f"{run}.json"
                    loads[name, page].append(load_once(f"{origin}{SUBPATH}/{page}", out))
    return loads


def table(loads: dict[tuple[str, str], list[dict]], pages: Iterable[str]) -> str:
    """Per page: the mean charge to each part, site against twin, over all loads and over the loads
    in which neither stalled (a stalled twin load is slower for reasons that are not the theme's)."""
    lines = []
    for page in pages:
        site, twin = loads["site", page], loads["stock twin", page]
        groups = [("all loads", site, twin)]
        calm = (
            [r for r in site if not painted_after_load(r)],
            [r for r in twin if not painted_after_load(r)],
        )
        if all(calm) and (len(calm[0]), len(calm[1])) != (len(site), len(twin)):
            groups.append(("loads without a stall", *calm))
        parts = all_parts(site + twin)
        means = [
            [{k: statistics.fmean(charges(r)[k] for r in runs) for k in parts} for runs in g[1:]]
            for g in groups
        ]
        lines += [
            f"/{page}: LCP estimate, ms charged to each part of the critical path, means "
            f"(medians of all loads: site {statistics.median(r['lcp'] for r in site):,.0f}, "
            f"twin {statistics.median(r['lcp'] for r in twin):,.0f}):",
            "",
            "| On the critical path | "
            + " | ".join(f"Site, {label} ({len(s)}) | Twin ({len(t)}) | Δ" for label, s, t in groups)
            + " |",
            "|---|" + "---|---|---|" * len(groups),
        ]
        for name in parts:
            cells = [(s[name], t[name]) for s, t in means]
            if any(round(s) or round(t) for s, t in cells):
                lines.append(
                    f"| {name} | "
                    + " | ".join(f"{s:,.0f} | {t:,.0f} | {s - t:+,.0f}" for s, t in cells)
                    + " |"
                )
        totals = [(sum(s.values()), sum(t.values())) for s, t in means]
        lines += [
            "| **LCP estimate** | "
            + " | ".join(f"**{s:,.0f}** | **{t:,.0f}** | **{s - t:+,.0f}**" for s, t in totals)
            + " |",
            "",
        ]
    return "\n".join(lines)


def all_parts(runs: list[dict]) -> list[str]:
    seen = set().union(*(charges(r) for r in runs))
    return [p for p in (*PARTS, "(raised to the FCP estimate)") if p in seen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", nargs="+", default=["", "deficit-chart/"])
    parser.add_argument("--save", type=Path, help="also write every load's graphs to this JSON file")
    args = parser.parse_args(argv)
    loads = measure(args.pages, args.runs)
    if args.save:
        args.save.write_text(json.dumps({f"{n}|{p}": v for (n, p), v in loads.items()}), encoding="utf-8")
    print(table(loads, args.pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
