"""bench/lcp_graph.py: the critical path through Lantern's LCP graphs, and what it charges to each part."""

from __future__ import annotations

import pytest

from bench import lcp_graph
from bench.lighthouse import painted_after_load

ORIGIN = "http://127.0.0.1:1/ishiba-trump/"


def network(id_, url, start, end, deps=(), document=False, type_="Script", priority="High"):
    return {
        "id": id_, "kind": "network", "url": ORIGIN + url, "document": document, "deps": list(deps),
        "start": start, "end": end, "resourceType": type_, "priority": priority, "bytes": 1,
    }  # fmt: skip


def cpu(id_, start, end, deps=(), scripts=(), events=()):
    return {
        "id": id_, "kind": "cpu", "deps": list(deps), "start": start, "end": end,
        "scripts": [ORIGIN + s for s in scripts], "events": list(events),
    }  # fmt: skip


# The page, a parse that finds the stylesheet and the bundle, the bundle run; a late offscreen image
# (not counted) and a stylesheet that ends before the bundle (not on the path).
GRAPH = [
    network("doc", "", 0, 600, document=True, type_="Document", priority="VeryHigh"),
    cpu("parse", 600, 700, deps=["doc"], events=["ParseHTML"]),
    network("css", "assets/stylesheets/main.css", 600, 900, deps=["doc"], type_="Stylesheet"),
    network("bundle", "assets/javascripts/bundle.1a2b.min.js", 700, 1300, deps=["parse"]),
    cpu("run", 1300, 1450, deps=["bundle", "css"], scripts=["assets/javascripts/bundle.1a2b.min.js"]),
    network("image", "assets/photo.png", 700, 2000, deps=["parse"], type_="Image", priority="Low"),
]


def test_the_critical_path_follows_the_dependency_that_finished_last():
    assert [n["id"] for n in lcp_graph.critical_path(GRAPH)] == ["doc", "parse", "bundle", "run"]


def test_the_charges_add_up_to_the_estimate():
    pessimistic = [*GRAPH, network("sitemap", "sitemap.xml", 1450, 1600, deps=["run"], type_="Fetch")]
    graphs = dict(zip(lcp_graph.GRAPHS, (GRAPH, pessimistic), strict=True))
    load = {"lcp": (1450 + 1600) / 2, "graphs": graphs}
    charged = lcp_graph.charges(load)
    assert sum(charged.values()) == pytest.approx(load["lcp"])
    assert charged == pytest.approx(
        {
            "the page's HTML": 600,
            "HTML parsing": 100,
            "Material's bundle: download": 600,
            "Material's bundle: run": 150,
            "sitemap (instant navigation)": 75,
            "(raised to the FCP estimate)": 0,
        }
    )


def test_an_estimate_raised_to_the_fcp_estimate_says_so():
    load = {"lcp": 1500, "graphs": dict.fromkeys(lcp_graph.GRAPHS, GRAPH)}
    assert lcp_graph.charges(load)["(raised to the FCP estimate)"] == pytest.approx(50)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (network("x", "assets/javascripts/workers/search.9f.min.js", 0, 1), "search worker and index"),
        (network("x", "search/search_index.json", 0, 1, type_="Fetch"), "search worker and index"),
        (network("x", "assets/javascripts/glossary.js", 0, 1), "the site's scripts: download"),
        (cpu("x", 0, 1, scripts=["assets/javascripts/glossary.js"]), "the site's scripts: run"),
        (cpu("x", 0, 1, events=["Layout", "Paint"]), "style, layout and paint"),
        (network("x", "assets/favicon.svg", 0, 1, type_="Image"), "other requests"),
    ],
)
def test_each_node_is_named_by_what_it_is(node, expected):
    assert lcp_graph.part(node) == expected


def test_loads_without_a_stall_are_also_compared_on_their_own():
    calm = {
        "lcp": 1450,
        "observedFirstPaint": 200,
        "observedLoad": 400,
        "graphs": dict.fromkeys(lcp_graph.GRAPHS, GRAPH),
    }
    late = [*GRAPH, network("index", "search/search_index.json", 1450, 1850, deps=["run"], type_="Fetch")]
    stall = {
        "lcp": 1850,
        "observedFirstPaint": 1230,
        "observedLoad": 400,
        "graphs": dict.fromkeys(lcp_graph.GRAPHS, late),
    }
    assert painted_after_load(stall) and not painted_after_load(calm)
    table = lcp_graph.table({("site", ""): [calm, calm], ("stock twin", ""): [calm, stall]}, [""])
    assert "| Site, all loads (2) | Twin (2) | Δ | Site, loads without a stall (2) | Twin (1) | Δ |" in table
    assert "| search worker and index | 0 | 200 | -200 | 0 | 0 | +0 |" in table
    assert "| **LCP estimate** | **1,450** | **1,650** | **-200** | **1,450** | **1,450** | **+0** |" in table
