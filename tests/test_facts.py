"""On the built site, every figure traces to one entry, and unverified claims are never the site's own."""

from __future__ import annotations

import re

from explainer.deficits_data import load_deficits
from explainer.fact_markdown import NAMES_WITH_DIGITS, Context, chart_figure
from explainer.facts import load_facts, unique_facts
from explainer.figures import machine_value
from tests.helpers import build_site, copy_project

FACTS = load_facts()
PARTNERS = load_deficits()
# Generated from the data and checked against it elsewhere (the chart's own tests), or the fact sheet
# and changelog quoted as data: their numbers are not prose.
GENERATED = (
    "svg, table, .deficit-chart__headline, .deficit-chart__subtitle, [data-fact-sheet], .footnote, "
    "sup[id^=fnref], .attribution, pre, code, .headerlink, script, style"
)


def expected_value(ref: str) -> str:
    key, _, field = ref.rpartition(".")
    if key.startswith("chart:"):
        value, unit = chart_figure(Context(FACTS, PARTNERS, "test"), key.removeprefix("chart:"), field, ref)
    else:
        figure = FACTS[key].figures[field]
        value, unit = figure.value, figure.unit
    return machine_value(value, unit)


def test_every_rendered_figure_equals_its_entry(site):
    seen = 0
    for url in site.page_urls:
        for node in site.soup(url).select("article [data-ref]:is(data, time)"):
            got = node.get("value") or node.get("datetime")
            assert got == expected_value(node["data-ref"]), (url, node)
            seen += 1
    assert seen > 100


def test_no_figure_is_typed_by_hand_on_a_built_page(site):
    """Digits a reader sees come from a reference (inside <data>/<time>) or from generated data."""
    problems = []
    for url in site.page_urls:
        article = site.soup(url).find("article")
        for node in article.select(f"{GENERATED}, data[data-ref], time[data-ref], .verdict"):
            node.decompose()
        text = article.get_text(" ")
        for name in NAMES_WITH_DIGITS:
            text = text.replace(name, " ")
        problems += [
            f"{url}: {m.group(0)!r} in {text[max(0, m.start() - 40) : m.end() + 20]!r}"
            for m in re.finditer(r"\d[\d.,]*", text)
        ]
    assert not problems, "\n".join(problems)


BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "figcaption", "td", "th"]


def graded(block) -> bool:
    """A fact-check heading quotes the claim under test; the grade right below it attributes it."""
    following = block.find_next_sibling()
    return (
        block.name == "h2"
        and following is not None
        and following.select_one(".verdict[data-ref]") is not None
    )


def sentences(soup) -> list[str]:
    """The article's sentences, block by block (a heading never runs into the paragraph below it)."""
    article = soup.find("article")
    skipped = "[data-fact-sheet], .footnote, sup[id^=fnref], .headerlink, script, style, svg"
    for node in article.select(skipped):
        node.decompose()
    out = []
    for block in article.find_all(BLOCKS):
        if block.find(BLOCKS) or graded(block):
            continue
        text = " ".join(block.get_text(" ").split())
        out += re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])|(?<=。)", text)
    return out


def test_unverified_claims_are_only_stated_with_their_attribution(site):
    """A sentence that uses an unverified fact's wording also says who claims it."""
    unverified = [f for f in unique_facts(FACTS) if f.verified != "yes" and f.phrases]
    assert len(unverified) >= 10
    problems = []
    for url in site.page_urls:
        for sentence in sentences(site.soup(url)):
            for fact in unverified:
                said_by = fact.attribution_in("ja" if "/ja/" in url else "en")
                uses = any(p.lower() in sentence.lower() for p in fact.phrases)
                if uses and said_by.lower() not in sentence.lower():
                    problems.append(f"{url}: {fact.id} without {said_by!r}: {sentence!r}")
    assert not problems, "\n".join(problems)


def test_grades_name_their_fact(site):
    grades = site.soup(site.url("fact-check/")).select("article .verdict[data-ref]")
    assert len(grades) >= 15
    assert {g.get_text() for g in grades} >= {"Correct", "Imprecise", "Incorrect", "Not verifiable"}


def test_sources_page_lists_every_external_source(site):
    sources_page = site.soup(site.url("sources/"))
    listed = {a["href"] for a in sources_page.select("article a[href^='http']")}
    missing = set()
    for url in site.page_urls:
        for a in site.soup(url).select("article a[href^='http']"):
            href = a["href"]
            if not href.startswith(site.base_url) and href not in listed:
                missing.add(f"{url}: {href}")
    assert not missing, "\n".join(sorted(missing))


def test_changing_a_chart_value_follows_the_data_or_stops_the_build(tmp_path):
    """Japan at 60.1: every page says $60.1 billion and ninth, or the build names the disagreement."""
    project = copy_project(tmp_path / "project")
    csv_path = project / "data" / "us-goods-deficits-2024.csv"
    csv_path.write_text(csv_path.read_text().replace("Japan,country,68.5", "Japan,country,60.1"))
    result = build_site(tmp_path / "site", "https://example.org/", cwd=project)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
        assert len(errors) == 1, result.stderr
        assert "data/facts.yaml" in errors[0] and "us-goods-deficits-2024.csv" in errors[0], errors[0]
        assert "68.5" in errors[0] and "60.1" in errors[0]
        assert not (tmp_path / "site" / "index.html").exists()
        return
    pages = "\n".join(p.read_text() for p in (tmp_path / "site").rglob("*.html"))
    assert "68.5" not in pages and "seventh" not in pages
    assert "$60.1 billion" in pages and "ninth" in pages
