"""Hostile and clumsy CSV input (issue 13): one clear error naming file and line, or safe output.

The property-based test runs ~100 examples by default; CI sets ``HYPOTHESIS_PROFILE=ci`` for fewer.
Run the long fuzz (3,000 examples, a few minutes) with
``HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -q tests/test_hostile_input.py -k fuzz``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import random
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, CData, Comment, Declaration, Doctype, ProcessingInstruction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explainer.chart_spec import load_chart_spec
from explainer.deficits_data import (
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    PACKAGE_PATH,
    DataError,
    load_deficits,
)
from explainer.deficits_table import TABLE_CLASS, plotted_csv, table_html
from explainer.partner_names import name_key, name_problem
from tests.helpers import build_site, copy_project

HEADER = "partner,partner_type,deficit_bn_usd,sources\n"
# Two good rows, so the row under test is on line 4.
BASE = HEADER + "China,country,295.4,S1\nJapan,country,68.5,S9\n"
MARKUP_NAMES = [
    "<img src=x onerror=alert(1)>",
    "[md](javascript:alert(2))",
    "</svg><script>alert(3)</script>",
    'X { onmouseover="alert(4)" }',
    "![x](https://evil.example/t.png)",
    "A | B | C",
    "<!-- hidden --> &amp; &lt;b&gt;",
    'Snip --8<-- "glossary.md"',
    "!!! danger",
    "*[EU]: spoof",
    ":smile: <a href='https://evil.example/'>x</a>",
]
DEFICIT_SCHEMA = next(
    f
    for f in json.loads(PACKAGE_PATH.read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    if f["name"] == "deficit_bn_usd"
)["constraints"]
ALLOWED_ATTRIBUTES = {
    "div": {"class", "role", "aria-label", "tabindex"},
    "table": {"class"},
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"scope"},
    "td": set(),
    "strong": set(),
    "a": {"href"},
}
SOURCE_HREF = re.compile(r"\.\./sources/#s[0-9]+")

settings.register_profile(
    "hostile-default",
    max_examples=100,
    deadline=None,  # timings stay out of pass/fail: the machine is shared
    database=None,  # no .hypothesis/ directory in the work tree (copy_project would copy it)
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("ci", settings.get_profile("hostile-default"), max_examples=30)
settings.register_profile("long", settings.get_profile("hostile-default"), max_examples=3000)
FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "hostile-default"))


def write(tmp_path: Path, text: str | bytes, name: str = "deficits.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def error_for(path: Path, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        load_deficits(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message, message
    return message


def assert_one_clear_error(tmp_path, content, line, fragment):
    path = write(tmp_path, content)
    message = error_for(path)
    where = f"{path}, line {line}: " if line else f"{path}: "
    assert message.startswith(where), message
    assert fragment in message, message


# 6. Numbers: plain ASCII decimals, finite, in the schema's range; the error says the rule.
@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("inf", "must be a number, got 'inf'"),
        ("Infinity", "must be a number, got 'Infinity'"),
        ("NaN", "must be a number, got 'NaN'"),
        ("1e400", "must be a number, got '1e400'"),
        ("1e-400", "must be a number, got '1e-400'"),
        ("45_7", "must be a number, got '45_7'"),
        ("+66.0", "must be a number, got '+66.0'"),
        ("66.", "must be a number, got '66.'"),
        ("\u0666\u0666", "must be a number, got '٦٦'"),  # Arabic-Indic digits
        ("\uff16\uff16.0", "must be a number, got '６６.0'"),  # full-width digits
        ("-inf", "must be a number, got '-inf'"),
        ("0", "must be a positive deficit, got '0'"),
        ("-66.0", "must be a positive deficit, got '-66.0'"),
        ("0.05", "out of range, got '0.05'"),
        ("10000.1", "out of range, got '10000.1'"),
        ("9" * 400, "out of range"),
    ],
)
def test_numbers_must_be_plain_finite_decimals_in_range(tmp_path, value, fragment):
    content = BASE + f"South Korea,country,{value},S8\n"
    assert_one_clear_error(tmp_path, content, 4, fragment)
    path = write(tmp_path, content)
    assert "a plain decimal from 0.1 to 10000 (billion USD), e.g. 68.5" in error_for(path)


def test_number_rule_follows_the_data_package():
    assert DEFICIT_SCHEMA == {"required": True, "minimum": 0.1, "maximum": 10000}


# 7. Names: normalised, no hidden characters or look-alikes, compared ignoring case and Unicode forms.
@pytest.mark.parametrize(
    ("case", "rows", "line", "fragment"),
    [
        ("case only", "japan,country,1.0,S1", 4, "duplicate partner 'japan'"),
        (
            "NFD beside NFC",
            "T\u00fcrkiye,country,1.0,S1\nTu\u0308rkiye,country,2.0,S1",
            5,
            "duplicate partner",
        ),
        ("runs of spaces", "South Korea,country,1.0,S1\nSouth  Korea,country,2.0,S1", 5, "duplicate partner"),
        ("zero-width space", "Ja\u200bpan,country,1.0,S1", 4, "U+200B ZERO WIDTH SPACE"),
        ("only a zero-width space", "\u200b,country,1.0,S1", 4, "U+200B ZERO WIDTH SPACE"),
        ("Cyrillic look-alike", "J\u0430pan,country,1.0,S1", 4, "mixes Latin and Cyrillic letters"),
        ("right-to-left override", "\u202enapaJ,country,1.0,S1", 4, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("no-break space", "South\u00a0Korea,country,1.0,S1", 4, "U+00A0 NO-BREAK SPACE"),
        ("Hangul filler", "\u3164,country,1.0,S1", 4, "U+3164 HANGUL FILLER"),
        ("private use", "Ja\ue000pan,country,1.0,S1", 4, "U+E000"),
        ("quoted newline", '"Ja\npan",country,1.0,S1', 4, "U+000A LINE FEED"),
        ("full-width", "\uff2a\uff41\uff50\uff41\uff4e,country,1.0,S1", 4, "write it as 'Japan'"),
        ("styled letters", "\U0001d409apan,country,1.0,S1", 4, "compatibility characters"),
        ("no letters", "...,country,1.0,S1", 4, "has no letters"),
        ("too long", "A" * 61 + ",country,1.0,S1", 4, "at most 60 are allowed"),
        ("duplicate source codes", "South Korea,country,66.0,S3;S3", 4, "'S3' is listed twice"),
    ],
)
def test_names_and_codes_must_be_unambiguous(tmp_path, case, rows, line, fragment):
    assert_one_clear_error(tmp_path, BASE + rows + "\n", line, fragment)


def test_equivalent_names_name_the_first_line(tmp_path):
    path = write(tmp_path, BASE + "S. Korea,country,66.0,S8\nCHINA,country,1.0,S1\n")
    assert "('China' on line 2 is the same name)" in error_for(path)


def test_names_are_stored_nfc_and_trimmed(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Türkiye")
    partners = load_deficits(write(tmp_path, BASE + f"  {decomposed}  ,country,10.0,S1\n"))
    assert "Türkiye" in [p.name for p in partners]


@pytest.mark.parametrize(
    "name", ["日本国 (Japan)", "アメリカ合衆国", "대한민국 한국", "Côte d’Ivoire", "Hawaiʻi"]
)
def test_real_names_in_other_scripts_pass(name):
    assert name_problem(name) is None


# 10. Names a spreadsheet would run as a formula are rejected, with OWASP's rule in the message.
@pytest.mark.parametrize("name", ['"=HYPERLINK(""https://evil.example"",""x"")"', "+1", "-2+3", "@SUM(A1)"])
def test_formula_names_are_rejected(tmp_path, name):
    assert_one_clear_error(
        tmp_path, BASE + f"{name},country,1.0,S1\n", 4, "a name may not start with = + - @"
    )


# 8. One message, naming the file, instead of a traceback.
@pytest.mark.parametrize(
    ("case", "row", "line", "fragment"),
    [
        ("Japan typed as a bloc", "Japan,bloc,68.5,S9", 3, "Japan must be a country"),
        ("Japan in lower case", "japan,country,68.5,S9", 3, "write its name exactly so, got 'japan'"),
        ("no Japan", "Mexico,country,171.8,S1", None, "no row for 'Japan'"),
    ],
)
def test_the_highlighted_partner_must_be_a_listed_country(tmp_path, case, row, line, fragment):
    assert_one_clear_error(tmp_path, HEADER + "China,country,295.4,S1\n" + row + "\n", line, fragment)


def test_missing_or_directory_csv(tmp_path):
    missing = tmp_path / "nope.csv"
    assert error_for(missing) == f"{missing}: file not found; the chart's CSV must be here"
    assert error_for(tmp_path) == f"{tmp_path}: is a directory; the chart's CSV must be a file"


@pytest.mark.parametrize(
    ("case", "package", "fragment"),
    [
        ("malformed", '{\n  "name": "x",\n  "resources": [\n}\n', "line 4: not valid JSON"),
        ("no resources", '{"name": "x", "sources": []}', "has no 'resources' list"),
        ("empty resources", '{"name": "x", "resources": [], "sources": []}', "has no 'resources' list"),
        ("no schema", '{"resources": [{"name": "x"}], "sources": []}', "no schema 'fields' list"),
        ("not an object", "[]", "must be a JSON object"),
        (
            "no range",
            json.dumps(
                {
                    "resources": [{"schema": {"fields": [{"name": n} for n in HEADER.strip().split(",")]}}],
                    "sources": [],
                }
            ),
            "needs numeric 'minimum' and 'maximum' constraints",
        ),
    ],
)
def test_bad_data_package_names_the_package(tmp_path, case, package, fragment):
    csv_path = write(tmp_path, BASE)
    package_path = write(tmp_path, package, "datapackage.json")
    message = error_for(csv_path, package_path=package_path)
    assert message.startswith(str(package_path)), message
    assert fragment in message, message


def test_missing_data_package(tmp_path):
    package_path = tmp_path / "datapackage.json"
    message = error_for(write(tmp_path, BASE), package_path=package_path)
    assert message == f"{package_path}: file not found; the data package describing the CSV must be here"


# 12. Size caps, checked before parsing.
def test_too_many_rows(tmp_path):
    rows = "".join(f"Country {chr(65 + i // 26)}{chr(97 + i % 26)},country,{i + 1}.0,S1\n" for i in range(40))
    assert_one_clear_error(tmp_path, BASE + rows, MAX_DATA_ROWS + 2, f"at most {MAX_DATA_ROWS}")


def test_file_larger_than_the_cap(tmp_path):
    big = BASE + "# padding\n" * (MAX_FILE_BYTES // 10)
    assert_one_clear_error(tmp_path, big, None, f"larger than 64 KiB ({MAX_FILE_BYTES} bytes)")


# 9. Ties share a rank, and the order of rows never changes a byte of the output.
def test_ties_share_a_rank_and_row_order_does_not_matter(tmp_path):
    rows = [
        "China,country,295.4,S1",
        "Mexico,country,100.0,S1",
        "Vietnam,country,100.0,S1",
        "European Union,bloc,100.0,S1",
        "Japan,country,68.5,S9",
        "India,country,45.7,S3",
    ]
    outputs = set()
    for seed in range(6):
        shuffled = random.Random(seed).sample(rows, len(rows))
        partners = load_deficits(write(tmp_path, HEADER + "\n".join(shuffled) + "\n"))
        outputs.add((repr(partners), table_html(partners), plotted_csv(partners)))
    assert len(outputs) == 1
    ranks = {p.name: p.rank for p in partners}
    assert ranks == {"China": 1, "Mexico": 2, "Vietnam": 2, "European Union": None, "Japan": 4, "India": 5}


# 1. Markup in a name is text in the table, never HTML, Markdown or snippet syntax.
@pytest.mark.parametrize("name", MARKUP_NAMES)
def test_markup_names_are_escaped_text_in_the_table(tmp_path, name):
    cell = '"' + name.replace('"', '""') + '"'
    partners = load_deficits(write(tmp_path, BASE + f"{cell},country,1.0,S1\n"))
    assert_table_is_safe_and_exact(table_html(partners), partners)


def assert_table_is_safe_and_exact(markup: str, partners) -> None:
    # Every line starts with a tag: no Markdown block, admonition or snippet line can start inside.
    assert all(line.startswith("<") for line in markup.splitlines()), markup
    soup = BeautifulSoup(markup, "html.parser")
    for node in soup.descendants:
        assert not isinstance(node, Comment | CData | Declaration | Doctype | ProcessingInstruction), node
        if getattr(node, "name", None) is None:
            continue
        assert node.name in ALLOWED_ATTRIBUTES, node.name
        assert set(node.attrs) <= ALLOWED_ATTRIBUTES[node.name], node
        if node.name == "a":
            assert SOURCE_HREF.fullmatch(node["href"]), node
    region = soup.find("div")
    assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"]
    assert soup.find("table")["class"] == [TABLE_CLASS]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.tbody.find_all("tr")]
    assert rows == [
        [
            str(p.rank) if p.rank else "not ranked (bloc)",
            f"{p.name} (bloc)" if p.is_bloc else p.name,
            f"{p.deficit_bn_usd:.1f}",
            ", ".join(p.sources),
        ]
        for p in partners
    ]


# The invariant, fuzzed: one DataError naming the file (and line), or clean partners and a safe table.
PLAIN_NAMES = ["China", "Mexico", "European Union", "South Korea", "Türkiye", "日本", "japan", "JAPAN"]
HOSTILE_NAMES = [
    *MARKUP_NAMES,
    "Ja\u200bpan",
    "J\u0430pan",
    "\u200b",
    "=1+1",
    "@x",
    "Japan\n",
    "\uff2aapan",
    "a\u0301",
    "\u00e1",
]
VALUES = ["68.5", "68.50", "100", "100.0", "0", "0.1", "10000", "10000.1", "inf", "Infinity", "nan"]
VALUES += ["1e400", "1e-400", "45_7", "\u0664\u0665", "\uff16\uff18", "-1", "+5", "", " 7 "]


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Nine in ten draws from ``good``: a file has many cells, and one bad cell rejects it."""
    return st.integers(0, 9).flatmap(lambda n: bad if n == 0 else good)


names = mostly(
    st.one_of(
        st.sampled_from(PLAIN_NAMES + MARKUP_NAMES),
        st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True),
    ),
    st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(max_size=12)),
)
values = mostly(
    st.one_of(
        st.sampled_from(["68.5", "68.50", "100", "100.0", "0.1", "10000", "295.4"]),  # ties
        st.decimals(min_value="0.1", max_value=10000, places=1).map(str),
    ),
    st.one_of(st.sampled_from(VALUES), st.text(alphabet="0123456789.-e_", max_size=6)),
)
rows = st.tuples(
    names,
    mostly(st.sampled_from(["country", "country", "bloc"]), st.sampled_from(["planet", "", "Country"])),
    values,
    mostly(st.sampled_from(["S1", "S1;S5", "S10"]), st.sampled_from(["S3;S3", "S99", "s1", "", "S1;"])),
)


@st.composite
def csv_files(draw) -> str:
    data = draw(st.lists(rows, max_size=MAX_DATA_ROWS + 3, unique_by=lambda r: name_key(r[0])))
    data = [r for r in data if name_key(r[0]) != name_key(load_chart_spec().highlight)]
    if draw(mostly(st.just(True), st.just(False))):
        data.insert(draw(st.integers(0, len(data))), ("Japan", "country", draw(values), "S9"))
    buffer = io.StringIO()
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    writer = csv.writer(buffer, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(["partner", "partner_type", "deficit_bn_usd", "sources"])
    writer.writerows(data)
    text = buffer.getvalue()
    return ("\ufeff" if draw(st.booleans()) else "") + text


@FUZZ
@given(content=mostly(csv_files(), st.text(max_size=200).map(lambda t: HEADER + t)))
def test_fuzz_one_clear_error_or_clean_safe_output(tmp_path, content):
    path = write(tmp_path, content)
    try:
        partners = load_deficits(path)
    except DataError as exc:
        message = str(exc)
        event("rejected: " + message.split(": ", 1)[1][:25])
        assert "\n" not in message and "\r" not in message, message
        match = re.match(re.escape(str(path)) + r"(, line (\d+))?: \S", message)
        assert match, message
        if match.group(2):
            assert 1 <= int(match.group(2)) <= len(re.split(r"\r\n|\r|\n", content)), message
        return
    event(f"parsed: {len(partners)} rows")
    keys = [name_key(p.name) for p in partners]
    assert len(keys) == len(set(keys))
    for p in partners:
        assert p.name == unicodedata.normalize("NFC", p.name).strip() and name_problem(p.name) is None
        assert math.isfinite(p.deficit_bn_usd)
        assert DEFICIT_SCHEMA["minimum"] <= p.deficit_bn_usd <= DEFICIT_SCHEMA["maximum"]
        country_values = [q.deficit_bn_usd for q in partners if not q.is_bloc]
        assert p.rank == (None if p.is_bloc else 1 + sum(v > p.deficit_bn_usd for v in country_values))
    assert [p.deficit_bn_usd for p in partners] == sorted((p.deficit_bn_usd for p in partners), reverse=True)
    assert_table_is_safe_and_exact(table_html(partners), partners)
    # Row order never changes the result.
    header, *body = content.lstrip("\ufeff").splitlines(keepends=True)
    if body and len(body) == len(partners) and all(b.endswith(("\n", "\r")) for b in body):
        assert load_deficits(write(tmp_path, header + "".join(reversed(body)))) == partners


# End to end: a hostile CSV built into the real site.
def test_hostile_names_build_to_escaped_text(tmp_path):
    project = copy_project(tmp_path / "project")
    cells = ['"' + name.replace('"', '""') + '"' for name in MARKUP_NAMES[:5]]
    # Below every real row, so the ranks the pages state (checked against the fact sheet) stay the same.
    body = "".join(f"{cell},country,{10 + i}.0,S1\n" for i, cell in enumerate(cells))
    real = (project / "data" / "us-goods-deficits-2024.csv").read_text(encoding="utf-8")
    (project / "data" / "us-goods-deficits-2024.csv").write_text(real + body, encoding="utf-8")
    # Every partner needs a Japanese name (or the build stops): the same hostile names, for the ja pages.
    package_path = project / "data" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["chart"]["translations"]["ja"]["partners"].update({name: name for name in MARKUP_NAMES[:5]})
    package_path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    result = build_site(tmp_path / "site", "https://example.org/ishiba-trump/", cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    for lang, header in (("ja", "国別の順位"), ("en", "Rank among countries")):
        _assert_names_are_escaped_text(tmp_path / "site", lang, header)


def _assert_names_are_escaped_text(site_dir: Path, lang: str, header: str) -> None:
    root = site_dir / "ja" if lang == "ja" else site_dir
    page = (root / "deficit-chart" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    table = next(t for t in soup.find_all("table") if header in t.get_text())
    texts = [td.get_text() for td in table.find_all("td")]
    for name in MARKUP_NAMES[:5]:
        assert name in texts, name
    for node in table.find_all(True):
        assert node.name in ALLOWED_ATTRIBUTES, node
        assert not any(attr.startswith("on") for attr in node.attrs), node
        for attr in ("src", "href"):
            assert node.get(attr) is None or SOURCE_HREF.fullmatch(node[attr]), node
    assert not soup.select("article script"), "a script element inside the page content"
    assert not any(
        attr.startswith("on") for node in soup.select("article, article *") for attr in node.attrs
    ), "an event-handler attribute inside the page content"
    assert table.find_parent("div", class_="deficits-table", role="region", tabindex="0") is not None


def test_table_links_resolve_in_the_built_site(site):
    page = site.soup(site.url("deficit-chart/"))
    links = page.select("div.deficits-table[role=region][tabindex='0'][aria-label] a")
    assert links
    sources = site.soup(site.url("sources/"))
    for link in links:
        target = link["href"]
        assert target.startswith("../sources/#"), target
        assert sources.find(id=target.split("#", 1)[1]) is not None, target
