"""When the article paints and when Material is ready, in real page loads rather than Lighthouse's
estimate: the site against copies from the last `make bench --costs …` run and the stock twin.

Phone emulation, Chromium's own 4x CPU slowdown and Lighthouse's slow-4G link, set through the
DevTools protocol; a fresh context (cold cache) per load, loads interleaved; each copy served on the
origin it was built for, so instant navigation finds its sitemap. Reported: medians, in ms from
navigation start: first paint and largest paint (PerformanceObserver), DOMContentLoaded, and
when Material's bundle, instant navigation's sitemap and the search index had arrived.

    python -m bench.real_loads --runs 9 --costs 'Material started after the first frame'
"""

from __future__ import annotations

import argparse
import statistics
from contextlib import ExitStack

from bench.lighthouse import CHROME_FLAGS, CHROMIUM, serve
from bench.main_thread import PHONE, RESULTS, SITES, built_port
from bench.variants import COSTS, cost_root
from tests.helpers import SUBPATH

# Lighthouse's simulated slow 4G: a 150 ms round trip, 1.6 Mbps down and 750 kbps up, the throughput
# times 0.9 as Lighthouse's own DevTools throttling sets it (bytes per second here).
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8 * 0.9,
    "uploadThroughput": 750e3 / 8 * 0.9,
}
PAINTS = """
window.__paints = { first: null, largest: null };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.name === "first-contentful-paint") window.__paints.first = e.startTime;
  }
}).observe({ type: "paint", buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__paints.largest = e.startTime;
}).observe({ type: "largest-contentful-paint", buffered: true });
"""
SEARCH_INDEX_ARRIVED = """performance.getEntriesByType("resource")
  .some((e) => e.name.endsWith("search_index.json") && e.responseEnd)"""
TIMES = """() => {
  const arrived = (end) => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith(end));
    return entry ? entry.responseEnd : null;
  };
  return {
    "first paint": window.__paints.first,
    "largest paint": window.__paints.largest,
    "DOMContentLoaded": performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
    "bundle arrived": arrived(".min.js"),
    "sitemap arrived": arrived("sitemap.xml"),
    "search index arrived": arrived("search_index.json"),
  };
}"""


def load_once(browser, url: str) -> dict[str, float | None]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(PAINTS)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", NETWORK)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    page.wait_for_function(SEARCH_INDEX_ARRIVED, timeout=30_000)
    page.wait_for_timeout(500)  # the last largest-paint candidates
    times = page.evaluate(TIMES)
    context.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--page", default="", help="the cost page of the last run (default: home)")
    parser.add_argument("--costs", nargs="*", default=[], choices=sorted(COSTS), metavar="NAME")
    args = parser.parse_args(argv)
    sites = {"as built": cost_root(RESULTS, "as built")}
    sites |= {name: cost_root(RESULTS, name) for name in args.costs}
    sites |= {"stock twin": SITES["stock twin"]}
    missing = [name for name, root in sites.items() if not root.exists()]
    if missing:
        raise SystemExit(f"no copy for {missing}: run `make bench BENCH_ARGS=\"--costs 'as built' …\"` first")

    from playwright.sync_api import sync_playwright

    samples: dict[str, list[dict]] = {name: [] for name in sites}
    with ExitStack() as stack, sync_playwright() as playwright:
        origins = {name: stack.enter_context(serve(root, built_port(root))) for name, root in sites.items()}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        for _ in range(args.runs):
            for name, origin in origins.items():
                samples[name].append(load_once(browser, f"{origin}{SUBPATH}/{args.page}"))
        browser.close()
    kinds = list(samples["as built"][0])
    print(f"Real loads of /{args.page}, medians of {args.runs} (ms from navigation start):\n")
    print("| Copy | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for name, loads in samples.items():
        cells = []
        for kind in kinds:
            values = [load[kind] for load in loads if load[kind] is not None]
            cells.append(f"{statistics.median(values):,.0f}" if values else "–")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
