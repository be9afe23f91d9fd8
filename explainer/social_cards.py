"""Link-preview images for every page, drawn offline with Pillow at the chart metadata's "social" size.

Pillow's bundled font keeps the cards identical on every machine, with nothing to download. The
chart page's card is the chart itself (rendered with the chart's other static images).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from explainer.chart_spec import load_chart_spec

log = logging.getLogger("mkdocs.plugins.explainer.social")
CACHE_DIR = Path(__file__).resolve().parent.parent / "build" / "social-cache"
BACKGROUND = "#1a237e"
ACCENT = "#ff5c77"
TEXT = "#ffffff"
MUTED = "#c5cae9"
TAGLINE = "The first Ishiba-Trump summit · White House, 7 February 2025"
# Pillow's bundled font lacks a few typographic glyphs; draw their plain equivalents.
_PLAIN = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class SocialCard:
    path: str  # URL path under the site root, e.g. "assets/social/home.png"
    title: str
    description: str
    chart_image: Path | None = None  # use this finished image instead of drawing a card


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = textwrap.shorten(lines[-1] + " …", width=len(lines[-1]), placeholder=" …")
    return lines


def draw_card(title: str, description: str, site_name: str) -> Image.Image:
    title, description = title.translate(_PLAIN), description.translate(_PLAIN)
    size = load_chart_spec().sizes["social"]
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    left, width = 80, size[0] - 160
    draw.rectangle((0, 0, 24, size[1]), fill=ACCENT)
    draw.text((left, 64), site_name.upper(), font=_font(34), fill=MUTED)
    y = 150
    title_font = _font(68)
    for line in _wrap(draw, title, title_font, width, 3):
        draw.text((left, y), line, font=title_font, fill=TEXT, stroke_width=1, stroke_fill=TEXT)
        y += 84
    y += 20
    body_font = _font(32)
    for line in _wrap(draw, description, body_font, width, 3):
        draw.text((left, y), line, font=body_font, fill=MUTED)
        y += 44
    draw.text((left, size[1] - 80), TAGLINE, font=_font(28), fill=TEXT)
    return image


def _card_key(card: SocialCard, site_name: str) -> str:
    digest = hashlib.sha256()
    size = "x".join(map(str, load_chart_spec().sizes["social"]))
    for part in (card.title, card.description, site_name, size, version("pillow")):
        digest.update(part.encode() + b"\0")
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _save_atomically(image: Image.Image, target: Path) -> None:
    # An interrupted build must not leave a half-written card that later builds would reuse.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".png")
    try:
        with os.fdopen(handle, "wb") as stream:
            image.save(stream, format="PNG", optimize=True)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_cards(cards: list[SocialCard], site_dir: Path, site_name: str, cache_dir: Path = CACHE_DIR) -> None:
    """Write each card into ``site_dir``, reusing cached renders of unchanged cards, and prune the rest."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for card in cards:
        target = site_dir / card.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if card.chart_image is not None:
            shutil.copyfile(card.chart_image, target)
            continue
        cached = cache_dir / f"{_card_key(card, site_name)}.png"
        used.add(cached.name)
        if not cached.is_file():
            _save_atomically(draw_card(card.title, card.description, site_name), cached)
        shutil.copyfile(cached, target)
    for stale in sorted(cache_dir.glob("*.png")):
        if stale.name not in used:
            log.debug("Deleting the unused social card %s", stale.name)
            stale.unlink()
