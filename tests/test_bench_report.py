"""make bench's reading of a Lighthouse report: blocking time over the whole load, and loads that
painted only after the load event, beside TBT (bench/lighthouse.py, bench/report.py)."""

import json

from bench.lighthouse import BLOCKING, LATE_PAINTS, median_row, read_report
from bench.report import spread_table, window_table


def lighthouse_report(tmp_path, name, *, fcp, tbt, tasks, first_paint, load):
    report = {
        "categories": {k: {"score": 1} for k in ("performance", "accessibility", "best-practices", "seo")},
        "audits": {
            "first-contentful-paint": {"numericValue": fcp},
            "largest-contentful-paint": {"numericValue": fcp + 300},
            "total-blocking-time": {"numericValue": tbt},
            "cumulative-layout-shift": {"numericValue": 0},
            "total-byte-weight": {"numericValue": 100 * 1024},
            "long-tasks": {"details": {"items": [{"startTime": s, "duration": d} for s, d in tasks]}},
            "metrics": {"details": {"items": [{"observedFirstPaint": first_paint, "observedLoad": load}]}},
        },
    }
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return read_report(path)


def test_blocking_counts_every_long_task_and_late_paints_are_counted(tmp_path):
    early = lighthouse_report(
        tmp_path, "early", fcp=900, tbt=150, tasks=[(400, 120), (1000, 200)], first_paint=200, load=400
    )
    late = lighthouse_report(tmp_path, "late", fcp=1500, tbt=0, tasks=[(700, 90)], first_paint=1230, load=420)
    # A page without scripts: its load event comes first, its paint a few ms later, and it did not stall.
    bare = lighthouse_report(tmp_path, "bare", fcp=800, tbt=0, tasks=[], first_paint=140, load=100)
    # Tasks before the first paint count too: 70 + 150, where TBT counted only the second.
    assert early[BLOCKING] == 220
    assert (early[LATE_PAINTS], late[LATE_PAINTS], bare[LATE_PAINTS]) == (0, 1, 0)
    row = median_row([early, late, late])
    assert row[LATE_PAINTS] == 2  # a count over the runs, not a median
    assert row["runs"] == 3
    assert (row["TBT ms"], row["TBT ms range"]) == (0, [0, 150])
    assert (row["LCP ms"], row["LCP ms range"]) == (1800, [1200, 1800])


def test_the_window_table_sets_site_and_twin_side_by_side(tmp_path):
    site = lighthouse_report(
        tmp_path, "site", fcp=900, tbt=300, tasks=[(1000, 400)], first_paint=200, load=400
    )
    twin = lighthouse_report(
        tmp_path, "twin", fcp=1500, tbt=100, tasks=[(1000, 500)], first_paint=1230, load=400
    )
    run = {
        "pages": ["", "ja/"],
        "anchors": {
            "site|": median_row([site]),
            "stock|": median_row([twin]),
            "site|ja/": median_row([site]),  # no twin: not in the table
        },
    }
    table = window_table(run)
    assert "| / | 900 | 1,500 | 300 | 100 | +200 | 350 | 450 | -100 | 0 of 1 | 1 of 1 |" in table
    assert "/ja/" not in table


def test_the_spread_table_shows_each_pages_lowest_median_and_highest_load(tmp_path):
    def loads(name, lcps, tbts):
        return median_row(
            [
                lighthouse_report(
                    tmp_path, f"{name}{i}", fcp=lcp - 300, tbt=tbt, tasks=[], first_paint=0, load=0
                )
                for i, (lcp, tbt) in enumerate(zip(lcps, tbts, strict=True))
            ]
        )

    site = loads("site", [1051, 1656, 2232], [109, 227, 460])
    twin = loads("twin", [1272, 1515, 1769], [134, 272, 310])
    run = {
        "pages": ["deficit-chart/", "ja/"],
        "anchors": {"site|deficit-chart/": site, "stock|deficit-chart/": twin},
    }
    table = spread_table(run)
    assert table.splitlines()[0] == "| Page | TBT | Stock TBT | LCP | Stock LCP |"
    tbt = "109 / 227 / 460 | 134 / 272 / 310"
    assert f"| /deficit-chart/ | {tbt} | 1,051 / 1,656 / 2,232 | 1,272 / 1,515 / 1,769 |" in table
    assert "/ja/" not in table


def test_a_metric_missing_from_every_load_leaves_a_dash_not_a_missing_table():
    rows = [{"TBT ms": 100, "LCP ms": None, LATE_PAINTS: 0}, {"TBT ms": 300, "LCP ms": None, LATE_PAINTS: 0}]
    row = median_row(rows)
    assert (row["TBT ms range"], row["LCP ms range"]) == ([100, 300], [None, None])
    run = {"pages": [""], "anchors": {"site|": row, "stock|": row}}
    assert "| / | 100 / 200 / 300 | 100 / 200 / 300 | – / 0 / – | – / 0 / – |" in spread_table(run)


def test_a_run_from_before_the_columns_says_so():
    old = {"Perf": 90, "TBT ms": 300, "LCP ms": 2000, "FCP ms": 900, "KB": 100, "runs": 5}
    run = {"pages": [""], "anchors": {"site|": old, "stock|": old}}
    assert "Not recorded" in window_table(run)
    assert "Not recorded" in spread_table(run)
