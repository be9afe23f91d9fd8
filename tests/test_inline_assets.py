"""Which stylesheets travel inline, and what of them (explainer/inline_assets.py)."""

from __future__ import annotations

import pytest

from explainer.inline_assets import (
    INLINE_STYLESHEETS,
    inline_text,
    only_colours,
    palette_colours,
    stylesheets_to_inline,
)


def test_materials_palette_stylesheet_is_found_by_its_hashed_name():
    published = ["assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/palette.fb2fffe2.min.css"]
    assert stylesheets_to_inline(published) == (*INLINE_STYLESHEETS, published[1])


@pytest.mark.parametrize(
    "published",
    [
        ["assets/stylesheets/main.57a0d79d.min.css"],
        ["assets/stylesheets/palette.aaaa.min.css", "assets/stylesheets/palette.bbbb.min.css"],
    ],
    ids=["renamed", "two"],
)
def test_an_unexpected_palette_stylesheet_stops_the_build_naming_the_fix(published):
    with pytest.raises(ValueError, match=r"update MATERIAL_PALETTE in explainer/inline_assets\.py"):
        stylesheets_to_inline(published)


def test_inline_text_is_the_file_without_its_comments_or_spare_whitespace():
    css = (
        "/* why this file exists */\n.a {\n  color: red; /* why red */\n}\n/*# sourceMappingURL=x.css.map*/\n"
    )
    assert inline_text(css, "assets/stylesheets/site.css") == ".a{color:red}"
    js = "/* why this script runs here */\nconst a = `x ${1}`; // why\nif (a) {\n  go(a);\n}\n"
    assert inline_text(js, "assets/javascripts/palette.js") == "const a=`x ${1}`;if(a){go(a);}"


# The shapes of rule Material's palette stylesheet has: a scheme, a colour, a selector list that
# mixes colours, a colour inside a media query.
PALETTE = (
    "[data-md-color-scheme=slate]{color-scheme:dark}"
    "[data-md-color-primary=pink]{--md-primary-fg-color:#e92063}"
    "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
    "[data-md-color-accent=red],[data-md-color-accent=pink]{--md-accent-fg-color:#ff1947}"
    "@media screen and (max-width:76.2344em){[data-md-color-primary=lime] .md-nav--primary{color:red}"
    ":is([data-md-color-primary=indigo],.x) .md-tabs{color:blue}}"
)


def test_the_palette_keeps_only_the_rules_for_the_colours_the_site_shows():
    assert only_colours(PALETTE, {"indigo", "red"}) == (
        "[data-md-color-scheme=slate]{color-scheme:dark}"
        "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
        "[data-md-color-accent=red]{--md-accent-fg-color:#ff1947}"
        "@media screen and (max-width:76.2344em){:is([data-md-color-primary=indigo],.x) .md-tabs{color:blue}}"
    )


def test_the_colours_are_those_theme_palette_names_as_material_writes_them():
    palette = [{"primary": "deep purple", "accent": "red"}, {"scheme": "slate", "primary": "indigo"}]
    # An option without an accent shows Material's default accent, indigo.
    assert palette_colours(palette) == {"deep-purple", "red", "indigo"}
    assert palette_colours(None) == {"indigo"}
