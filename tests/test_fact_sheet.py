"""The fact sheet is data with a schema: each kind of mistake stops the build with one clear error."""

from __future__ import annotations

import re

import pytest

from explainer.facts import FACTS_PATH, FactError, load_facts

GOOD = FACTS_PATH.read_text(encoding="utf-8")


def sheet_with(tmp_path, text: str):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def first_entry_line(entry_id: str) -> int:
    return next(n for n, line in enumerate(GOOD.splitlines(), 1) if line == f"- id: {entry_id}")


def test_the_project_sheet_loads_and_every_unverified_fact_has_an_attribution():
    facts = load_facts()
    assert facts["A17"] is facts["A17-japan-deficit"]
    for fact in facts.values():
        assert fact.verified == "yes" or fact.attribution, fact.id


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        # a missing field
        (
            lambda t: t.replace("  source_kind: primary\n", "", 1),
            r"facts\.yaml:\d+: A01-summit-date: .*'source_kind' is a required property",
        ),
        # a bad date (not a calendar date, and not ISO)
        (
            lambda t: t.replace("date: '2025-02-07'\n", "date: '2025-02-30'\n", 1),
            r"facts\.yaml:\d+: A01-summit-date: date '2025-02-30' is not a real calendar date",
        ),
        (
            lambda t: t.replace("date: '2025-02-07'\n", "date: 7 Feb 2025\n", 1),
            r"facts\.yaml:\d+: A01-summit-date: .*date: '7 Feb 2025' does not match",
        ),
        # an unknown `verified` value
        (
            lambda t: t.replace("verified: 'yes'", "verified: 'probably'", 1),
            r"facts\.yaml:\d+: A01-summit-date: .*verified: 'probably' is not one of \['yes', 'partly',",
        ),
        # a duplicate ID
        (
            lambda t: t.replace("- id: A02-netanyahu-first", "- id: A01-summit-date", 1),
            r"facts\.yaml:\d+: duplicate fact ID 'A01-summit-date' \(first at line \d+\)",
        ),
        # an English attribution without its Japanese one
        (
            lambda t: t.replace("  attribution_ja: '読売新聞による'\n", ""),
            r"facts\.yaml:\d+: A08-2plus2: .*'attribution_ja' is a dependency of 'attribution'",
        ),
        # unverified without who says so
        (
            lambda t: re.sub(
                r"(id: A04-hayashi-feb6-quote\n(?:.*\n)*?)  attribution: .*\n", r"\1", t, count=1
            ),
            r"facts\.yaml:\d+: A04-hayashi-feb6-quote: .*'attribution' is a required property",
        ),
        # a percentage that names no base
        (
            lambda t: t.replace(
                "unit: percent_change, base: 'the revised 2024 figure', ", "unit: percent_change, "
            ),
            r"facts\.yaml:\d+: B23-2025-deficit-japan: .*'base' is a required property",
        ),
    ],
    ids=[
        "missing-field",
        "bad-date",
        "non-iso-date",
        "unknown-verified",
        "duplicate-id",
        "no-japanese-attribution",
        "no-attribution",
        "no-base",
    ],
)
def test_each_mistake_gives_one_clear_error(tmp_path, mutate, expected):
    text = mutate(GOOD)
    assert text != GOOD, "the mutation did not apply"
    with pytest.raises(FactError) as info:
        load_facts(sheet_with(tmp_path, text))
    message = str(info.value)
    assert len(message.splitlines()) == 1, message
    assert re.search(expected, message), message


def test_errors_point_at_the_entry(tmp_path):
    text = GOOD.replace("verified: 'yes'", "verified: 'probably'", 1)
    with pytest.raises(FactError, match=rf"facts\.yaml:{first_entry_line('A01-summit-date')}:"):
        load_facts(sheet_with(tmp_path, text))


def test_malformed_yaml_names_the_line(tmp_path):
    with pytest.raises(FactError, match=r"facts\.yaml:\d+: not valid YAML"):
        load_facts(sheet_with(tmp_path, "- id: A01-x\n  claim: [unclosed\n"))
