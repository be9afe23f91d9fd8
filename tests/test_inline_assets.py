"""Which stylesheets travel inline, and what of them (explainer/inline_assets.py)."""

from __future__ import annotations

import pytest

from explainer.inline_assets import INLINE_STYLESHEETS, inline_text, stylesheets_to_inline


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


def test_inline_text_drops_the_maintainers_comment_and_the_source_map():
    text = "/* why this file exists */\n.a{color:red}\n/*# sourceMappingURL=palette.min.css.map*/\n"
    assert inline_text(text) == ".a{color:red}"
