"""Every number and date a reader sees is in the project's fact sheet, and every source is listed."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.helpers import ROOT

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Page style: "February 7, 2025", "February 7", "June 2025".
PAGE_DATE = re.compile(
    rf"\b{MONTH}\s+(?:(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?|(?P<myear>\d{{4}}))\b", re.I
)
# Fact-sheet style: "7 Feb 2025", "9 Feb", "2025-02-07", "2025/02/07" (in URLs).
SHEET_DATE = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{MONTH}(?:\s+(?P<year>\d{{4}}))?\b", re.I)
SHEET_MONTH = re.compile(rf"\b{MONTH}\s+(?P<year>\d{{4}})\b", re.I)
ISO_DATE = re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{2})(?:[-/](?P<day>\d{2}))?")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])|(?<![\w.])(\d+)(?=st\b|nd\b|rd\b|th\b)")
SOURCES = [
    ROOT / "data" / "facts.yaml",
    ROOT / "data" / "datapackage.json",
    ROOT / "data" / "us-goods-deficits-2024.csv",
]


def _iso(year, month, day) -> str:
    parts = [f"{int(year):04d}" if year else "", f"{int(month):02d}"]
    if day:
        parts.append(f"{int(day):02d}")
    return "-".join(parts)


def _number(token: str) -> str:
    value = token.replace(",", "")
    return str(float(value)) if "." in value else str(int(value))


@pytest.fixture(scope="module")
def sheet() -> tuple[set[str], str]:
    """The fact sheet's numbers, and its dates in ISO form (YYYY-MM-DD, YYYY-MM, -MM-DD)."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    dates = []
    for m in SHEET_DATE.finditer(text):
        month = MONTHS[m["month"].lower()]
        dates.append(_iso(m["year"], month, m["day"]))
    for m in SHEET_MONTH.finditer(text):
        dates.append(_iso(m["year"], MONTHS[m["month"].lower()], None))
    for m in ISO_DATE.finditer(text):
        if 1 <= int(m["month"]) <= 12:
            dates.append(_iso(m["year"], m["month"], m["day"]))
    numbers = {_number(m.group(1) or m.group(0)) for m in NUMBER.finditer(text)}
    # A stated number also counts in its other spellings (e.g. "68.5" covers "68.5" and "68.50").
    return numbers, "\n".join(dates)


def visible_text(soup) -> str:
    article = soup.find("article")
    # The chart's own labels (svg) are drawn from the CSV and checked against it in test_built_site.
    for node in article.select(
        "pre, code, .headerlink, sup[id^=fnref], .footnote-backref, script, style, svg"
    ):
        node.decompose()
    return article.get_text(" ")


def check_page(text: str, numbers: set[str], dates: str) -> list[str]:
    problems = []
    for m in PAGE_DATE.finditer(text):
        month = MONTHS[m["month"].lower()]
        if m["myear"]:
            wanted = _iso(m["myear"], month, None)
        else:
            wanted = _iso(m["year"], month, m["day"])
            date(int(m["year"] or 2024), month, int(m["day"]))  # a real calendar date
        # The sheet sometimes gives a day without its year ("9 April", inside a dated entry).
        yearless = "\n" + wanted[4:] + "\n"
        if wanted not in dates and (m["myear"] or yearless not in f"\n{dates}\n"):
            problems.append(f"date {m.group(0)!r} ({wanted}) is not in the fact sheet")
    text = PAGE_DATE.sub(" ", text)
    for m in NUMBER.finditer(text):
        token = m.group(1) or m.group(0)
        if _number(token) not in numbers:
            problems.append(f"number {token!r} in {text[max(0, m.start() - 40) : m.end() + 20]!r}")
    return problems


def test_every_number_and_date_is_in_the_fact_sheet(site, sheet):
    numbers, dates = sheet
    problems = []
    for url in site.page_urls:
        for problem in check_page(visible_text(site.soup(url)), numbers, dates):
            problems.append(f"{url}: {problem}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "Japan's deficit was $68.6 billion.",  # a typo
        "The summit was on February 17, 2025.",  # a wrong date
        "Japan pledged $600 billion.",  # a figure from memory
        "It happened on February 30.",  # not a date at all
    ],
)
def test_the_check_catches_wrong_numbers(sheet, text):
    numbers, dates = sheet
    try:
        problems = check_page(text, numbers, dates)
    except ValueError:
        problems = ["invalid date"]
    assert problems


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


def test_no_unverified_claim_is_stated_as_fact(site):
    """`verified: no` entries may appear only attributed to the article."""
    for url in site.page_urls:
        text = " ".join(visible_text(site.soup(url)).split())
        for sentence in re.split(r"(?<=[.!?])\s", text):
            if "Japan-basher" in sentence or "de Gaulle" in sentence:
                assert re.search(r"\barticle\b|characteri[sz]ation", sentence, re.I), (url, sentence)
