"""Figures in Markdown by reference: ``{{ A17.deficit }}``, ``{{ chart:Japan.rank }}``, ``[^A17]``.

A page states a figure, a date or a rank only through a reference, so changing a fact or a CSV row changes
every page that states it, and a figure typed by hand stops the build with ``page:line``:

* ``{{ ID.figure }}`` or ``{{ ID.figure|fmt }}``: a typed figure from ``data/facts.yaml`` (ID is the full
  fact ID or its code, e.g. ``A17``). A fact the sheet does not mark ``verified: yes`` is rendered with its
  attribution, never as the site's own statement.
* ``{{ chart:Partner.deficit }}``, ``.rank`` (among countries), ``.rank_with_blocs`` (blocs listed too):
  computed from the chart's CSV.
* ``{{ grade:ID label }}``: a fact-check verdict, refused if stronger than what the fact's ``verified`` backs.
* ``[^ID]``: a footnote whose text is generated from the fact's own sources.
"""

from __future__ import annotations

import bisect
import functools
import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from explainer.deficits_data import Partner, package_sources
from explainer.facts import DATA_DIR, VERIFIED_STRENGTH, Fact, FactError
from explainer.figures import FORMATS, ORDINAL_WORDS, render_html, render_text
from explainer.figures import NUMBER_WORDS as FIGURE_NUMBER_WORDS

REFERENCE = re.compile(r"\{\{\s*(?P<body>[^{}\n]+?)\s*\}\}")
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:", re.M)
# Verdicts, with the weakest `verified` a fact needs to back each.
GRADES = {
    "correct": ("Correct", "yes"),
    "incorrect": ("Incorrect", "yes"),
    "imprecise": ("Imprecise", "yes"),
    "partly-supported": ("Partly supported", "partly"),
    "not-verifiable": ("Not verifiable", "no"),
}
GRADE_LABELS_JA = {
    "correct": "正確",
    "incorrect": "誤り",
    "imprecise": "不正確な点あり",
    "partly-supported": "一部のみ裏付けあり",
    "not-verifiable": "検証できず",
}
# Names that contain digits but state no figure.
NAMES_WITH_DIGITS = (
    "2プラス2",
    "第5条",
    "232条",
    "14345号",
    "2+2",
    "G7",
    "Article 5",
    "Section 232",
    "FT-900",
    "Executive Order 14345",
    "4.0",
)
NUMBER_WORDS = [*FIGURE_NUMBER_WORDS[2:], "twenty", "hundred", "dozen"]
UNIT_WORDS = [
    "years?",
    "months?",
    "weeks?",
    "days?",
    "billion",
    "trillion",
    "million",
    "percent",
    "seats",
    "votes",
    "times",
]
ORDINALS = ORDINAL_WORDS[2:]  # "first" is too common to mean a figure
# "Second" as a name, not a figure: Trump's second term.
ORDINAL_NAMES = ("second term", "second inauguration", "second administration")
HAND_TYPED = re.compile(
    r"\d[\d.,%]*"
    r"|第?[一二三四五六七八九十百千]+(?:年|月|日|位|億|兆|万|人目|代|回|件|倍|割|%|％|カ国|か国)"
    rf"|\b(?:{'|'.join(NUMBER_WORDS)})[- ](?:{'|'.join(UNIT_WORDS)})\b"
    rf"|\b(?:{'|'.join(ORDINALS)})\b",
    re.I,
)
# What the hand-typed check skips: code, references, footnote labels, link targets, markup, attributes.
_NOT_PROSE = re.compile(
    r"```.*?```|`[^`\n]*`|<!--.*?-->|\{\{.*?\}\}|\[\^[^\]]*\]|\]\([^)]*\)|<[^>\n]*>|\{[:#.][^}\n]*\}"
    r"|\{ *[#.][^}\n]*\}|https?://\S+|^--8<--[^\n]*$|^\s*[*-]?\s*:material-[\w-]+:",
    re.S | re.M,
)


@dataclass(frozen=True)
class Context:
    facts: Mapping[str, Fact]
    partners: list[Partner]
    page_path: str  # docs-relative source path, for messages and relative links
    sources_page: str = "sources.md"
    lang: str = "en"


def _fact(ctx: Context, key: str, where: str) -> Fact:
    try:
        return ctx.facts[key]
    except KeyError:
        raise FactError(f"{where}: unknown fact {key!r}; add it to data/facts.yaml or fix the ID") from None


def _partner(ctx: Context, name: str, where: str) -> Partner:
    for p in ctx.partners:
        if p.name == name:
            return p
    names = ", ".join(p.name for p in ctx.partners)
    raise FactError(f"{where}: no partner {name!r} in the chart's CSV (it has: {names})")


def rank_with_blocs(partners: list[Partner], p: Partner) -> int:
    """The rank when blocs are listed next to countries, as the Census release lists the EU."""
    return 1 + sum(q.deficit_bn_usd > p.deficit_bn_usd for q in partners)


def chart_figure(ctx: Context, name: str, field: str, where: str) -> tuple[object, str]:
    p = _partner(ctx, name, where)
    if field == "deficit":
        return p.deficit_bn_usd, "usd_bn"
    if field == "rank":
        if p.rank is None:
            raise FactError(f"{where}: {name} is a bloc and has no rank among countries")
        return p.rank, "ordinal"
    if field == "rank_with_blocs":
        return rank_with_blocs(ctx.partners, p), "ordinal"
    raise FactError(f"{where}: unknown chart field {field!r}; use deficit, rank or rank_with_blocs")


def _split(body: str, where: str) -> tuple[str, str, str | None]:
    target, _, fmt = body.partition("|")
    fmt = fmt.strip() or None
    if fmt and fmt not in FORMATS:
        raise FactError(f"{where}: unknown format {fmt!r}; use one of {', '.join(sorted(FORMATS))}")
    key, dot, field = target.strip().rpartition(".")
    if not dot:
        raise FactError(f"{where}: {{{{ {body} }}}} names no figure; write {{{{ ID.figure }}}}")
    return key, field, fmt


# A full stop ends a sentence unless it closes a one-letter abbreviation ("U.S.").
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][\"”)]?\s|。」?|\n\s*\n")


@functools.lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[tuple[int, int], ...]:
    # Once a page, not once a reference: scanning the text up to each of a page's ~30 references
    # was a tenth of the build's hook time.
    return tuple((m.start(), m.end()) for m in SENTENCE_END.finditer(text))


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from the last full stop (or blank line) before it to the next one."""
    ends = _sentence_ends(text)
    before = bisect.bisect_right(ends, pos, key=lambda end: end[1]) - 1
    start = ends[before][1] if before >= 0 else 0
    following = next((m for m in ends[before + 1 :] if m[0] >= pos), None)
    return start, following[0] + 1 if following else len(text)


def render_reference(
    ctx: Context, body: str, where: str, plain: bool = False, attributed: set[str] | None = None
) -> str:
    """One reference as HTML (or plain text, for titles and descriptions).

    ``attributed`` collects the facts whose attribution the current sentence already carries.
    """
    if body.startswith("grade:"):
        return render_grade(ctx, body.removeprefix("grade:"), where)
    if body == "fact-sheet":
        return render_fact_sheet(ctx)
    if body == "chart-sources":
        return render_chart_sources()
    if body == "changelog":
        name = "changelog.yaml" if ctx.lang == "en" else f"changelog.{ctx.lang}.yaml"
        return render_changelog(DATA_DIR / name, ctx.lang)
    key, field, fmt = _split(body, where)
    if key.startswith("chart:"):
        value, unit = chart_figure(ctx, key.removeprefix("chart:"), field, where)
        ref = f"chart:{key.removeprefix('chart:')}.{field}"
        text = render_text(value, unit, fmt, lang=ctx.lang)
        return text if plain else render_html(text, value, unit, ref)
    fact = _fact(ctx, key, where)
    figure = fact.figures.get(field)
    if figure is None:
        known = ", ".join(fact.figures) or "none yet"
        raise FactError(f"{where}: fact {fact.id} has no figure {field!r} (it has: {known})")
    ref = f"{fact.id}.{field}"
    base = figure.base_in(ctx.lang)
    if figure.unit == "percent_change" and not base:
        raise FactError(f"{where}: {ref} has no base_ja; add it to data/facts.yaml")
    text = render_text(figure.value, figure.unit, fmt, figure.approx, base, ctx.lang)
    if not plain:
        text = render_html(text, figure.value, figure.unit, ref)
    if fact.verified != "yes" and (attributed is None or fact.id not in attributed):
        if attributed is not None:
            attributed.add(fact.id)
        # The sheet does not back it on its own: the reference carries who says so.
        said = fact.attribution_in(ctx.lang)
        if not said:
            raise FactError(f"{where}: {fact.id} has no attribution_ja; add it to data/facts.yaml")
        open_, close = ("（", "）") if ctx.lang == "ja" else (" (", ")")
        attribution = html.escape(said)
        text = (
            f"{text}{open_}{attribution}{close}"
            if plain
            else f'{text}<span class="attribution">{open_}{attribution}{close}</span>'
        )
    return text


def render_grade(ctx: Context, body: str, where: str) -> str:
    key, _, grade = body.strip().partition(" ")
    fact = _fact(ctx, key, where)
    grade = grade.strip()
    if grade not in GRADES:
        raise FactError(f"{where}: unknown grade {grade!r}; use one of {', '.join(GRADES)}")
    label, needs = GRADES[grade]
    shown = GRADE_LABELS_JA[grade] if ctx.lang == "ja" else label
    if VERIFIED_STRENGTH[fact.verified] < VERIFIED_STRENGTH[needs]:
        raise FactError(
            f"{where}: grade {label!r} needs a fact verified {needs!r}, but {fact.id} is verified "
            f"{fact.verified!r}; use a weaker grade (e.g. 'partly-supported' or 'not-verifiable')"
        )
    return f'<span class="verdict verdict--{grade}" data-ref="{html.escape(fact.id)}">{shown}</span>'


def hand_typed(markdown: str) -> list[tuple[int, str]]:
    """(line, token) for every figure typed by hand instead of referenced."""
    found = []
    blanked = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    for lineno, line in enumerate(blanked.splitlines(), start=1):
        for name in (*NAMES_WITH_DIGITS, *ORDINAL_NAMES):
            line = re.sub(re.escape(name), " " * len(name), line, flags=re.I)
        for m in HAND_TYPED.finditer(line):
            found.append((lineno, m.group(0)))
    return found


def _host(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.")


FOOTNOTE_WORDS = {
    "en": {
        "sep": ", ",
        "colon": ": ",
        "end": ".",
        "none": "No source was found",
        "also": " Also: ",
        "list": ", ",
        "partly": " Verified only in part: see [{code} in the fact sheet]({href}).",
    },
    "ja": {
        "sep": "、",
        "colon": "：",
        "end": "。",
        "none": "出典は見つかっていません",
        "also": "ほかに：",
        "list": "、",
        "partly": "一部のみ確認済み：[ファクトシートの{code}]({href})を参照。",
    },
}


def footnote_text(ctx: Context, fact: Fact) -> str:
    """A footnote built from the fact's own sources (publishers' names stay as they publish them)."""
    words = FOOTNOTE_WORDS[ctx.lang]
    date = ""
    if fact.source_date:
        unit = {10: "date", 7: "month"}.get(len(fact.source_date), "year")
        date = words["sep"] + render_text(fact.source_date, unit, lang=ctx.lang)
    sheet = posixpath.relpath(ctx.sources_page, posixpath.dirname(ctx.page_path) or ".")
    if fact.source_url:
        link = f"[{_host(fact.source_url)}]({fact.source_url})"
        text = f"{fact.source_publisher}{words['colon']}{link}{date}{words['end']}"
    else:
        text = f"{fact.source_publisher or words['none']}{date}{words['end']}"
    more = [f"[{_host(u)}]({u})" for u in fact.other_sources]
    if more:
        text += words["also"] + words["list"].join(more) + words["end"]
    if fact.verified != "yes":
        text += words["partly"].format(code=fact.code, href=f"{sheet}#fact-{fact.code.lower()}")
    return text


def expand(markdown: str, ctx: Context, line_offset: int = 0) -> str:
    """Render every reference in a page; append generated footnotes; refuse hand-typed figures."""
    problems = [
        f"{ctx.page_path}:{line + line_offset}: {token!r} is typed by hand; state figures, dates and ranks "
        "through a reference ({{ ID.figure }} or {{ chart:Partner.field }}, see explainer/fact_markdown.py)"
        for line, token in hand_typed(markdown)
    ]
    if problems:
        raise FactError("\n".join(problems))

    def where(pos: int) -> str:
        return f"{ctx.page_path}:{markdown[:pos].count(chr(10)) + 1 + line_offset}"

    manual = FOOTNOTE_DEF.search(markdown)
    if manual:
        raise FactError(
            f"{where(manual.start())}: footnote text is generated from the fact's sources; "
            "cite with [^FACT-ID] and delete the definition"
        )

    labels: dict[str, Fact] = {}
    for m in FOOTNOTE_REF.finditer(markdown):
        labels.setdefault(m["label"], _fact(ctx, m["label"], where(m.start())))
    # An unverified figure is attributed once per sentence: not again if the writer already names who
    # claims it in that sentence, or an earlier reference in it carries the attribution.
    attributed: dict[int, set[str]] = {}

    def render(m: re.Match) -> str:
        start, end = _sentence_bounds(markdown, m.start())
        said = attributed.setdefault(start, set())
        sentence = " ".join(REFERENCE.sub(" ", markdown[start:end]).split()).lower()
        for fact in ctx.facts.values():
            said_by = fact.attribution_in(ctx.lang)
            if said_by and said_by.lower() in sentence:
                said.add(fact.id)
        return render_reference(ctx, m["body"], where(m.start()), attributed=said)

    out = REFERENCE.sub(render, markdown)
    if labels:
        out = (
            out.rstrip("\n")
            + "\n\n"
            + "\n".join(f"[^{label}]: {footnote_text(ctx, fact)}" for label, fact in labels.items())
            + "\n"
        )
    return out


def expand_plain(text: str, ctx: Context, where: str) -> str:
    """References in a title or description, as plain text (they land in <title> and <meta>)."""
    problems = [f"{where}: {token!r} is typed by hand; use a reference" for _, token in hand_typed(text)]
    if problems:
        raise FactError("\n".join(problems))
    return REFERENCE.sub(lambda m: render_reference(ctx, m["body"], where, plain=True), text)


def check_against_chart(facts: Mapping[str, Fact], partners: list[Partner], csv_name: str) -> None:
    """A figure held by both the fact sheet and the CSV must agree, or the build stops naming both."""
    ctx = Context(facts, partners, "data/facts.yaml")
    for fact in {id(f): f for f in facts.values()}.values():
        for name, figure in fact.figures.items():
            if not figure.same_as:
                continue
            key, _, field = figure.same_as.removeprefix("chart:").rpartition(".")
            where = f"data/facts.yaml:{fact.line}: {fact.id}.{name}"
            value, _ = chart_figure(ctx, key, field, where)
            if value != figure.value:
                raise FactError(
                    f"{where} says {figure.value} but {csv_name} gives {key} {field} = {value}: "
                    "the two files disagree; correct the one that is wrong"
                )


def render_fact_sheet(ctx: Context) -> str:
    """The whole fact sheet as a list, each entry with an anchor that footnotes link to."""
    status = {"yes": "verified", "partly": "verified in part", "no": "not verified"}
    items = []
    for fact in sorted({id(f): f for f in ctx.facts.values()}.values(), key=lambda f: f.line):
        links = [f'<a href="{html.escape(u)}">{html.escape(_host(u))}</a>' for u in fact.urls]
        sources = f"{html.escape(fact.source_publisher or 'no source found')}" + (
            f": {', '.join(links)}" if links else ""
        )
        items.append(
            f'<li id="fact-{fact.code.lower()}"><strong>{fact.code}</strong> '
            f'<span class="fact-sheet__status">{status[fact.verified]}</span> {html.escape(fact.claim)} '
            f'<span class="fact-sheet__sources">Sources: {sources}.</span></li>'
        )
    # Kept in English in both editions (it is the data), and out of search: the pages say it all.
    opening = '<ol class="fact-sheet" lang="en" data-fact-sheet data-search-exclude>'
    return opening + "\n" + "\n".join(items) + "\n</ol>"


def render_chart_sources() -> str:
    """The data package's sources, each with the anchor the data table's source codes link to."""
    items = []
    for code, source in package_sources().items():
        title = source["title"].split(":", 1)[1].strip()
        url = html.escape(source["path"], quote=True)
        items.append(
            f'<li id="{html.escape(code.lower())}"><strong>{html.escape(code)}</strong>: '
            f'<a href="{url}">{html.escape(title)}</a></li>'
        )
    return '<ul class="chart-sources" lang="en" data-fact-sheet>\n' + "\n".join(items) + "\n</ul>"


def render_changelog(path: Path = DATA_DIR / "changelog.yaml", lang: str = "en") -> str:
    """The site's corrections and changes (data/changelog.yaml), newest first."""
    items = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        date = str(entry["date"])
        shown = html.escape(render_text(date, "date", lang=lang))
        items.append(
            f'<li><time datetime="{html.escape(date)}">{shown}</time> '
            f'<span class="changelog__kind">{html.escape(entry["kind"])}</span> '
            f"{html.escape(entry['summary'])}</li>"
        )
    return '<ul class="changelog" data-fact-sheet>\n' + "\n".join(items) + "\n</ul>"
