"""References in Markdown: figures come from the data, hand-typed ones and over-strong grades are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from explainer.deficits_data import load_deficits
from explainer.fact_markdown import Context, check_against_chart, expand, expand_plain, render_reference
from explainer.facts import FactError, load_facts

FACTS = load_facts()
PARTNERS = load_deficits()


def ctx(page: str = "gifts.md") -> Context:
    return Context(FACTS, PARTNERS, page)


def test_a_reference_renders_the_figure_and_names_its_entry():
    html = render_reference(ctx(), "A17-japan-deficit.deficit", "x")
    assert html == '<data value="68.5" data-ref="A17-japan-deficit.deficit">$68.5 billion</data>'
    assert render_reference(ctx(), "A01.date", "x") == (
        '<time datetime="2025-02-07" data-ref="A01-summit-date.date">February 7, 2025</time>'
    )
    assert render_reference(ctx(), "chart:Japan.rank", "x").endswith(">seventh</data>")
    assert render_reference(ctx(), "chart:Japan.rank_with_blocs", "x").endswith(">eighth</data>")
    assert expand_plain("{{ A23.vote }} on {{ A23.confirmed|day }}", ctx(), "x") == "54–45 on April 8"


def test_a_change_always_names_its_base():
    assert expand_plain("{{ B23.change|abs }}", ctx(), "x") == "7.9% from the revised 2024 figure"


@pytest.mark.parametrize("body", ["A14.japan_2023", "C01.japan", "B22.share"])
def test_an_unverified_figure_carries_its_attribution(body):
    fact = FACTS[body.split(".")[0]]
    assert fact.verified != "yes"
    assert f"({fact.attribution})" in render_reference(ctx(), body, "x")
    assert f"({fact.attribution})" in expand_plain("{{ " + body + " }}", ctx(), "x")


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("Intro.\n\nJapan's deficit was $68.6 billion.\n", r"gifts\.md:3: '68\.6' is typed by hand"),
        ("The summit was on February 7, 2025.\n", r"gifts\.md:1: '7,' is typed by hand"),
        ("Japan ranked seventh.\n", r"gifts\.md:1: 'seventh' is typed by hand"),
        ("It came two years early.\n", r"gifts\.md:1: 'two years' is typed by hand"),
        ("A {{ A17.nope }} figure.\n", r"gifts\.md:1: fact A17-japan-deficit has no figure 'nope'"),
        ("A {{ Z99.value }} figure.\n", r"gifts\.md:1: unknown fact 'Z99'"),
        ("A {{ chart:Narnia.deficit }} figure.\n", r"gifts\.md:1: no partner 'Narnia'"),
        ("Cited.[^Z99]\n", r"gifts\.md:1: unknown fact 'Z99'"),
        ("Cited.[^A17]\n\n[^A17]: My own note.\n", r"gifts\.md:3: footnote text is generated"),
        # A snippet line hides nothing after it.
        ('--8<-- "deficit-chart-figure.md"\n\nIt fell to $63.9 billion.\n', r"gifts\.md:3: '63\.9' is typed"),
    ],
)
def test_mistakes_in_a_page_stop_the_build_with_page_and_line(markdown, message):
    with pytest.raises(FactError, match=message):
        expand(markdown, ctx())


def test_the_line_counts_the_front_matter():
    with pytest.raises(FactError, match=r"gifts\.md:7: "):
        expand("x\n\n68.6\n", ctx(), line_offset=4)


def test_names_with_digits_and_code_are_not_figures():
    text = (
        "The 2+2, the G7, Article 5, Section 232, Executive Order 14345, Trump's second term.\n"
        "`data/us-goods-deficits-2024.csv` and [a link](https://example.org/2025/02/x).\n"
    )
    assert expand(text, ctx()) == text


def test_a_grade_cannot_be_stronger_than_its_fact():
    assert "Correct" in render_reference(ctx(), "grade:A17 correct", "x")
    assert "Partly supported" in render_reference(ctx(), "grade:A14 partly-supported", "x")
    with pytest.raises(
        FactError, match="needs a fact verified 'yes', but A14-top-investor-5yrs is verified 'partly'"
    ):
        render_reference(ctx(), "grade:A14 correct", "x")
    with pytest.raises(FactError, match="is verified 'no'"):
        render_reference(ctx(), "grade:A04 partly-supported", "x")


def test_footnotes_are_generated_from_the_facts_sources():
    out = expand("A claim.[^A17]\n", ctx("sub/page.md"))
    note = out.splitlines()[-1]
    fact = FACTS["A17"]
    assert note.startswith("[^A17]: Reuters via CNA: [channelnewsasia.com](" + fact.source_url + ")")
    assert all(url in note for url in fact.other_sources)
    partly = expand("A claim.[^A14]\n", ctx("sub/page.md")).splitlines()[-1]
    assert "(../sources.md#fact-a14)" in partly


def _with_japan(value: float):
    return [replace(p, deficit_bn_usd=value) if p.name == "Japan" else p for p in PARTNERS]


def test_the_sheet_and_the_csv_must_agree():
    check_against_chart(FACTS, PARTNERS, "deficits.csv")
    with pytest.raises(FactError) as info:
        check_against_chart(FACTS, _with_japan(60.1), "deficits.csv")
    assert str(info.value) == (
        f"data/facts.yaml:{FACTS['A17'].line}: A17-japan-deficit.deficit says 68.5 "
        "but deficits.csv gives Japan deficit = 60.1: the two files disagree; correct the one that is wrong"
    )
