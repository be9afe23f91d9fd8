"""The link-preview card cache: written atomically, pruned of cards the build no longer uses."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from explainer.chart_spec import load_chart_spec
from explainer.social_cards import SocialCard, write_cards
from tests.helpers import png_size


def _cards(*titles: str) -> list[SocialCard]:
    return [SocialCard(path=f"assets/social/{t}.png", title=t, description=f"About {t}") for t in titles]


def test_cards_have_the_metadata_size_and_unused_ones_are_pruned(tmp_path):
    cache = tmp_path / "cache"
    write_cards(_cards("one", "two"), tmp_path / "site", "Site", cache)
    assert len(list(cache.glob("*.png"))) == 2
    size = load_chart_spec().sizes["social"]
    assert png_size((tmp_path / "site" / "assets/social/one.png").read_bytes()) == size
    (cache / ".tmp-left-by-a-crash.png").write_bytes(b"\x89PNG")
    os.utime(cache / ".tmp-left-by-a-crash.png", (0, 0))  # long ago: not a parallel build's file
    (cache / ".tmp-being-written.png").write_bytes(b"\x89PNG")

    write_cards(_cards("one"), tmp_path / "site2", "Site", cache)

    left = sorted(p.name for p in cache.glob("*.png"))
    assert len(left) == 2 and ".tmp-being-written.png" in left, (
        "the card for 'two' or the old temp file stayed"
    )


def test_an_interrupted_render_leaves_no_card_to_reuse(tmp_path, monkeypatch):
    cache = tmp_path / "cache"

    def crash(self, stream, *args, **kwargs):
        stream.write(b"\x89PNG half")
        raise OSError("disk full")

    monkeypatch.setattr(Image.Image, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        write_cards(_cards("one"), tmp_path / "site", "Site", cache)
    assert list(cache.iterdir()) == []
    monkeypatch.undo()
    write_cards(_cards("one"), tmp_path / "site", "Site", cache)
    assert (
        png_size((tmp_path / "site" / "assets/social/one.png").read_bytes())
        == load_chart_spec().sizes["social"]
    )
