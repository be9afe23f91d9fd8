"""`make bench`: Lighthouse and build-time benchmark of the site against its anchors.

In one run, on this machine, with every site served at once and the runs interleaved (so a burst of
load from other jobs hits every site alike):

* the **site** as built, its **stock twin** (the same pages and navigation in a stock Material
  site) and the **floor** (each page's article as one HTML file, no JavaScript), page by page;
* the naive chart **baseline** (plotly.js inline), once per chart page, for the bytes ratio;
* the **costs**: variants of one built page with one feature, stylesheet or script removed (or
  the setup before issue 14 put back), against the page as built;
* cold and warm build times against a plain ``mkdocs build``.

Medians go to bench/results/last-run.json and into BENCHMARKS.md, between its generated-section
markers (the hand-written analysis around them stays). Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import variants
from bench.builds import time_builds
from bench.lighthouse import NODE_BIN, lighthouse, median_row, precompress, serve
from bench.report import write_report
from tests.helpers import ROOT, SUBPATH, free_port, sitemap_urls

EMBED_PAGE = "embed/deficit-chart/"

RESULTS = ROOT / "bench" / "results"
LAST_RUN = RESULTS / "last-run.json"
CHART_PAGES = ("deficit-chart/", "demands/")


def measure(targets: dict[tuple, tuple[Path, int, str]], runs: int, mode: str) -> dict[tuple, dict]:
    """targets: key -> (served root, port, page path). Runs interleaved; returns medians per key."""
    reports = RESULTS / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    rows: dict[tuple, list[dict]] = {key: [] for key in targets}
    with ExitStack() as stack:
        origins = {}
        for root, port, _ in targets.values():
            if port not in origins:
                origins[port] = stack.enter_context(serve(root, port))
        for run in range(runs):
            for key, (_, port, page) in targets.items():
                url = f"{origins[port]}{SUBPATH}/{page}"
                out = reports / f"{variants.slug('-'.join(key))}-{run}.json"
                rows[key].append(lighthouse(url, mode, out))
                row = rows[key][-1]
                print(
                    f"  run {run + 1}/{runs} {' / '.join(key):60.60} perf {row['Perf']:3.0f} "
                    f"TBT {row['TBT ms']:5.0f} LCP {row['LCP ms']:5.0f}",
                    flush=True,
                )
    return {key: median_row(found) for key, found in rows.items() if found}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page and site (median)")
    parser.add_argument("--builds", type=int, default=5, help="timed builds of each kind (0: skip)")
    parser.add_argument(
        "--pages", nargs="*", help="page paths to compare, e.g. '' deficit-chart/ (default: the sitemap)"
    )
    parser.add_argument("--cost-page", default="", help="the page the cost variants edit (default: home)")
    parser.add_argument("--costs", nargs="*", choices=list(variants.COSTS), help="cost variants to run")
    parser.add_argument("--only-costs", action="store_true", help="skip the anchors, builds and baseline")
    parser.add_argument(
        "--ladder",
        action="store_true",
        help="also run the ladder: the cost page stripped one thing more per rung, down to its stock twin",
    )
    parser.add_argument("--mode", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from the last run")
    args = parser.parse_args(argv)
    if args.report_only:
        write_report(json.loads(LAST_RUN.read_text(encoding="utf-8")), args.output)
        return 0
    if not (NODE_BIN / "lighthouse").exists():
        parser.error("run `make bench` (it installs Lighthouse into bench/node_modules first)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(RESULTS / "lighthouse", ignore_errors=True)
    started = datetime.now(UTC)

    builds = {}
    if args.builds and not args.only_costs:
        print("Build times…", flush=True)
        builds = time_builds(RESULTS, args.builds)

    print("Building the sites…", flush=True)
    ports = {name: free_port() for name in ("site", "stock", "floor", "baseline")}
    url = {name: f"http://127.0.0.1:{port}/{SUBPATH}/" for name, port in ports.items()}
    project, site_www = variants.build_site(RESULTS, url["site"])
    precompress(site_www)
    all_pages = [u.removeprefix(url["site"]) for u in sitemap_urls(site_www / SUBPATH / "sitemap.xml")]
    pages = all_pages if args.pages is None else [p for p in all_pages if p in args.pages]
    targets: dict[tuple, tuple[Path, int, str]] = {}
    if not args.only_costs:
        stock_www = variants.build_stock_twin(project, RESULTS, url["stock"])
        floor_www = variants.build_floor(site_www, RESULTS, pages)
        baseline_www = variants.build_baseline(RESULTS, url["baseline"])
        for www in (stock_www, floor_www, baseline_www):
            precompress(www)
        roots = {"site": site_www, "stock": stock_www, "floor": floor_www}
        for page in pages:
            for name, www in roots.items():
                targets[(name, page)] = (www, ports[name], page)
        # The embeddable chart is left out of the sitemap (noindex) and has no stock twin: the site only.
        targets[("site", EMBED_PAGE)] = (site_www, ports["site"], EMBED_PAGE)
    cost_names = list(args.costs or ([] if args.ladder else variants.COSTS))
    if args.ladder:
        cost_names += [n for n in ("as built", *variants.LADDER) if n not in cost_names]
    cost_ports = {name: free_port() for name in cost_names}
    cost_origins = {name: f"http://127.0.0.1:{port}/" for name, port in cost_ports.items()}
    site_origin = f"http://127.0.0.1:{ports['site']}/"
    copies = variants.build_costs(site_www, RESULTS, args.cost_page, cost_origins, site_origin)
    for name, www in copies.items():
        precompress(www)
        targets[("cost", name)] = (www, cost_ports[name], args.cost_page)

    print(f"Lighthouse, {args.mode}, {args.runs} runs of {len(targets)} targets…", flush=True)
    medians = measure(targets, args.runs, args.mode)
    baseline = {}
    if not args.only_costs:
        # Transfer size does not vary from run to run: one run per chart page is enough.
        chart_pages = {
            ("baseline", p): (baseline_www, ports["baseline"], p) for p in CHART_PAGES if p in pages
        }
        baseline = measure(chart_pages, 1, args.mode)

    command = "python -m bench.run " + shlex.join(sys.argv[1:] if argv is None else argv)
    run = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command.strip(),
        "mode": args.mode,
        "runs": args.runs,
        "builds": builds,
        "build_runs": args.builds,
        "pages": pages if not args.only_costs else [],
        "cost_page": args.cost_page,
        "anchors": {f"{n}|{p}": row for (n, p), row in medians.items() if n != "cost"},
        "costs": {p: row for (n, p), row in medians.items() if n == "cost"},
        "ladder": [name for name in variants.LADDER if name in cost_names],
        "baseline": {p: row for (_, p), row in baseline.items()},
    }
    if args.only_costs and LAST_RUN.exists():
        # Keep the anchors of the last full run; say in the report that the costs are newer.
        previous = json.loads(LAST_RUN.read_text(encoding="utf-8"))
        run = {
            **previous,
            "costs": run["costs"],
            "ladder": run["ladder"],
            "costs_run": {k: run[k] for k in ("started", "command")},
        }
    LAST_RUN.write_text(json.dumps(run, indent=2, ensure_ascii=False), encoding="utf-8")
    write_report(run, args.output)
    print(f"Wrote {args.output}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
