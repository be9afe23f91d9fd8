"""Link-preview images for every page, drawn offline with Pillow at the chart metadata's "social" size.

English cards use Pillow's bundled font, identical on every machine. Japanese cards use Noto Sans CJK
from Debian's fonts-noto-cjk (`make` installs it): nothing is downloaded, and a card whose text the
font cannot draw stops the build instead of publishing missing-glyph boxes. The chart page's card is
the chart itself (rendered with the chart's other static images).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import textwrap
import time
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
# Debian's fonts-noto-cjk; face 0 of the collection is the Japanese one.
CJK_FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
)
# Pillow's bundled font lacks a few typographic glyphs; draw their plain equivalents.
_PLAIN = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class SocialCard:
    path: str  # URL path under the site root, e.g. "assets/social/home.png"
    title: str
    description: str
    tagline: str = ""  # the line at the foot of the card
    lang: str = "en"
    chart_image: Path | None = None  # use this finished image instead of drawing a card


class CardFontError(RuntimeError):
    """No font on this machine can draw a card's text; the message names the fix."""


def _font(size: int, lang: str = "en", bold: bool = False) -> ImageFont.FreeTypeFont:
    if lang == "en":
        return ImageFont.load_default(size=size)
    path = CJK_FONTS[1 if bold else 0]
    if not path.is_file():
        raise CardFontError(
            f"Japanese link-preview cards need {path}: install it with "
            "`apt-get install -y fonts-noto-cjk` (make build does), then rebuild"
        )
    return ImageFont.truetype(str(path), size=size, index=0)


def missing_glyphs(text: str, font: ImageFont.FreeTypeFont) -> set[str]:
    """Characters the font would draw as its 'missing glyph' box (compared with a surely absent one)."""

    def glyph(ch: str) -> bytes:
        image = Image.new("L", (font.size * 2, font.size * 2))
        ImageDraw.Draw(image).text((0, 0), ch, font=font, fill=255)
        return image.tobytes()

    tofu = glyph("\U0010fffd")
    return {ch for ch in set(text) if not ch.isspace() and glyph(ch) == tofu}


def _tokens(text: str) -> list[tuple[str, str]]:
    """(token, separator) pairs: words for spaced scripts, single characters for Japanese."""
    tokens: list[tuple[str, str]] = []
    for word in text.split():
        if any(ord(ch) > 0x2E7F for ch in word):
            tokens += [(ch, "") for ch in word]
            tokens[-1] = (tokens[-1][0], " ")
        else:
            tokens.append((word, " "))
    return tokens


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines, line, pending = [], "", ""
    for token, separator in _tokens(text):
        trial = f"{line}{pending}{token}" if line else token
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            lines.append(line)
            line = token
        pending = separator
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = textwrap.shorten(lines[-1] + " …", width=len(lines[-1]), placeholder=" …")
    return lines


def draw_card(
    title: str, description: str, site_name: str, tagline: str = "", lang: str = "en"
) -> Image.Image:
    if lang == "en":  # Pillow's bundled font lacks a few typographic glyphs
        title, description, tagline = (s.translate(_PLAIN) for s in (title, description, tagline))
    size = load_chart_spec().sizes["social"]
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    left, width = 80, size[0] - 160
    draw.rectangle((0, 0, 24, size[1]), fill=ACCENT)
    fonts = {"site": _font(34, lang), "title": _font(64, lang, bold=True), "body": _font(32, lang)}
    fonts["tagline"] = _font(28, lang)
    drawn = {"site": site_name.upper() if lang == "en" else site_name, "title": title}
    drawn |= {"body": description, "tagline": tagline}
    missing = set().union(*(missing_glyphs(drawn[k], fonts[k]) for k in drawn))
    if missing:
        raise CardFontError(f"the card font cannot draw {''.join(sorted(missing))!r} in {title!r}")
    draw.text((left, 64), drawn["site"], font=fonts["site"], fill=MUTED)
    y = 150
    for line in _wrap(draw, title, fonts["title"], width, 3):
        draw.text((left, y), line, font=fonts["title"], fill=TEXT, stroke_width=1, stroke_fill=TEXT)
        y += 84
    y += 20
    for line in _wrap(draw, description, fonts["body"], width, 3):
        draw.text((left, y), line, font=fonts["body"], fill=MUTED)
        y += 46
    draw.text((left, size[1] - 80), tagline, font=fonts["tagline"], fill=TEXT)
    return image


def _card_key(card: SocialCard, site_name: str) -> str:
    digest = hashlib.sha256()
    size = "x".join(map(str, load_chart_spec().sizes["social"]))
    for part in (card.title, card.description, card.tagline, card.lang, site_name, size, version("pillow")):
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
        cached = cache_dir / f"{card.lang}-{_card_key(card, site_name)}.png"
        used.add(cached.name)
        if not cached.is_file():
            image = draw_card(card.title, card.description, site_name, card.tagline, card.lang)
            _save_atomically(image, cached)
        shutil.copyfile(cached, target)
    languages = {card.lang for card in cards}
    # Each language's pass prunes only its own cards, and temporary files a crash left behind: old
    # ones only, since a build running alongside may be writing a fresh one right now.
    crash_leftovers = [p for p in cache_dir.glob(".tmp-*.png") if time.time() - p.stat().st_mtime > 3600]
    owned = [p for lang in languages for p in cache_dir.glob(f"{lang}-*.png")]
    for stale in sorted(owned + crash_leftovers):
        if stale.name not in used:
            log.debug("Deleting the unused social card %s", stale.name)
            stale.unlink()
