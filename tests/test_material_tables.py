"""The data table's copy of Material's table look (explainer/material_tables.py)."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
import tinycss2

from explainer.material_tables import MATERIAL_STYLESHEET, MATERIAL_TABLE, material_stylesheet, table_css

STYLESHEETS = Path(material.__file__).parent / "templates"


def materials_stylesheet() -> str:
    (path,) = [
        p
        for p in STYLESHEETS.rglob("*.css")
        if MATERIAL_STYLESHEET.fullmatch(p.relative_to(STYLESHEETS).as_posix())
    ]
    return path.read_text(encoding="utf-8")


def rules(css: str, context: str = "") -> list[tuple[str, str, str]]:
    """(at-rule context, selector list, declarations) of every style rule, at-rules flattened."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            found.append(
                (context, tinycss2.serialize(rule.prelude).strip(), tinycss2.serialize(rule.content))
            )
        elif rule.type == "at-rule" and rule.content is not None:
            inner = f"{context}@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"
            found += rules(tinycss2.serialize(rule.content), inner)
    return found


def test_every_rule_material_has_for_tables_is_copied_onto_the_class():
    material_css = materials_stylesheet()
    copied = rules(table_css(material_css, "data"))
    expected = [
        (
            context,
            ",".join(
                s.strip().replace(MATERIAL_TABLE, "table.data")
                for s in selectors.split(",")
                if MATERIAL_TABLE in s
            ),
            declarations,
        )
        for context, selectors, declarations in rules(material_css)
        if MATERIAL_TABLE in selectors
    ]
    assert len(expected) >= 10, "Material's stylesheet changed: fewer table rules than when this was written"
    assert copied == expected


def test_nothing_else_of_materials_stylesheet_is_copied():
    for _, selectors, _ in rules(table_css(materials_stylesheet(), "data")):
        assert all("table.data" in s for s in selectors.split(",")), selectors


def test_a_stylesheet_without_table_rules_stops_the_build_naming_the_fix():
    with pytest.raises(ValueError, match=r"update MATERIAL_TABLE in explainer/material_tables\.py"):
        table_css(".md-typeset table.other{color:red}@font-face{font-family:x}", "data")


@pytest.mark.parametrize(
    "published", [["assets/stylesheets/palette.fb2fffe2.min.css"], ["assets/stylesheets/main.aa.min.css"] * 2]
)
def test_materials_stylesheet_is_found_by_its_hashed_name_or_the_build_names_the_fix(published):
    assert material_stylesheet(["x.css", "assets/stylesheets/main.57a0d79d.min.css"]).endswith(
        "main.57a0d79d.min.css"
    )
    with pytest.raises(ValueError, match=r"update MATERIAL_STYLESHEET in explainer/material_tables\.py"):
        material_stylesheet(published)
