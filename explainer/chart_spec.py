"""The deficit chart's one metadata block: the ``chart`` object of ``data/datapackage.json``.

Text, highlighted partner, render sizes and output names live next to the data they describe (as
OWID keeps chart metadata beside its data step), so the page, the images and the tests read one copy.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from explainer.deficits_data import PACKAGE_PATH

LAYOUTS = ("wide", "narrow", "download", "social")


@dataclass(frozen=True)
class ChartWords:
    """What the chart says: templates in a ChartSpec (see the "description" key of the metadata for
    their fields), the text filled from the data in a ``chart_text.ChartText``."""

    headline: str
    subtitle: str
    source: str
    bloc_note: str
    alt_text: str


# What each entry of "translations" must give: the chart's words and every partner's name.
TRANSLATED_KEYS = tuple(f.name for f in fields(ChartWords))
_TEXT_KEYS = (*TRANSLATED_KEYS, "highlight", "url_dir", "file_stem")


class ChartSpecError(ValueError):
    """The ``chart`` metadata is missing or malformed; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class ChartSpec(ChartWords):
    highlight: str  # the partner the chart highlights, by its name in the CSV
    sizes: dict[str, tuple[int, int]]  # CSS pixels of each static render: wide, narrow, download, social
    url_dir: str  # where the site publishes the chart's files, relative to the site root
    file_stem: str  # base name of the downloads (CSV, PNG, SVG)
    # Per language other than English: TRANSLATED_KEYS, "partners" (CSV name -> shown name) and
    # optional "short_names" (CSV name -> name on phone-width charts).
    translations: dict[str, dict] = field(default_factory=dict)
    lang: str = "en"  # the language of the text fields above; see localized()

    def languages(self) -> tuple[str, ...]:
        return ("en", *sorted(self.translations))

    def partner_name(self, name: str) -> str:
        """A partner's name as this language shows it (the CSV's name in English)."""
        return name if self.lang == "en" else self.translations[self.lang]["partners"][name]

    def short_name(self, name: str) -> str | None:
        """The phone-width name in a translation, or None where the language has none of its own."""
        return self.translations[self.lang].get("short_names", {}).get(name) if self.lang != "en" else None


def localized(spec: ChartSpec, lang: str) -> ChartSpec:
    """The English spec with its text in ``lang`` ("en", or a key of the metadata's "translations")."""
    if lang == spec.lang:
        return spec
    if spec.lang != "en":
        raise ValueError(f"localize the English chart spec, not the {spec.lang!r} one")
    if lang not in spec.translations:
        raise ChartSpecError(
            f'{PACKAGE_PATH}: chart.translations has no "{lang}" entry; add the chart text in that language'
        )
    text = spec.translations[lang]
    return replace(spec, lang=lang, **{key: text[key] for key in TRANSLATED_KEYS})


def check_partner_names(spec: ChartSpec, partners: Iterable[str], path: Path = PACKAGE_PATH) -> None:
    """Stop when a translation lacks a name for a partner in the CSV (the chart would show a gap)."""
    names = list(partners)
    for lang, text in sorted(spec.translations.items()):
        missing = [name for name in names if name not in text["partners"]]
        if missing:
            raise _spec_error(
                path,
                f"translations.{lang}.partners",
                f"no name for {', '.join(map(repr, missing))} (a partner in the CSV); add one",
            )


def entry_files(spec: ChartSpec) -> dict[str, str]:
    """The files of a chart-cache entry, by what they are (chart_cache adds its manifest)."""
    return {
        "figure": "figure.json",
        "csv": f"{spec.file_stem}.csv",
        "png": f"{spec.file_stem}.png",
        "svg": f"{spec.file_stem}.svg",
        "social": "social.png",
        # The in-page static chart, per layout; inlined into the page and themed by CSS (see inline_chart).
        "wide": "chart-wide.svg",
        "narrow": "chart-narrow.svg",
    }


def _spec_error(path: Path, key: str, problem: str) -> ChartSpecError:
    return ChartSpecError(f'{path}: chart.{key}: {problem}; fix the "chart" object in {path.name}')


def parse_chart_spec(descriptor: dict, path: Path = PACKAGE_PATH) -> ChartSpec:
    chart = descriptor.get("chart")
    if not isinstance(chart, dict):
        raise ChartSpecError(f'{path}: no "chart" object; add one (see explainer/chart_spec.py for its keys)')
    for key in _TEXT_KEYS:
        value = chart.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _spec_error(path, key, f"expected a non-empty string, got {value!r}")
    sizes = chart.get("sizes")
    if not isinstance(sizes, dict) or set(sizes) != set(LAYOUTS):
        raise _spec_error(path, "sizes", f"expected exactly the keys {', '.join(LAYOUTS)}, got {sizes!r}")
    parsed_sizes: dict[str, tuple[int, int]] = {}
    for layout in LAYOUTS:
        size = sizes[layout]
        valid = isinstance(size, list) and len(size) == 2
        if not valid or not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 4000 for n in size
        ):
            raise _spec_error(path, f"sizes.{layout}", f"expected [width, height] in pixels, got {size!r}")
        parsed_sizes[layout] = (size[0], size[1])
    if any(n % 3 for n in parsed_sizes["social"]):
        # The social card is drawn at two-thirds size and scaled 1.5x (see chart_render).
        raise _spec_error(path, "sizes.social", "width and height must be multiples of 3")
    if chart["url_dir"].startswith("/") or ".." in chart["url_dir"].split("/"):
        raise _spec_error(path, "url_dir", "must be a relative path inside the site")
    spec = ChartSpec(
        **{key: chart[key] for key in _TEXT_KEYS},
        sizes=parsed_sizes,
        translations=_parse_translations(chart.get("translations", {}), path),
    )
    # A renderer request carries an already localized spec; localizing again is a no-op.
    lang = chart.get("lang", "en")
    return spec if lang == "en" else localized(spec, lang)


def _parse_translations(translations, path: Path) -> dict[str, dict]:
    if not isinstance(translations, dict):
        raise _spec_error(path, "translations", f"expected an object by language, got {translations!r}")
    parsed: dict[str, dict] = {}
    for lang, text in translations.items():
        where = f"translations.{lang}"
        if lang == "en" or not isinstance(text, dict):
            raise _spec_error(path, where, "expected an object for a language other than en")
        for key in TRANSLATED_KEYS:
            if not isinstance(text.get(key), str) or not text[key].strip():
                problem = f"expected a non-empty string, got {text.get(key)!r}"
                raise _spec_error(path, f"{where}.{key}", problem)
        for key in ("partners", "short_names"):
            names = text.get(key, {})
            if not isinstance(names, dict) or not all(
                isinstance(v, str) and v.strip() and v == v.strip() for v in names.values()
            ):
                raise _spec_error(path, f"{where}.{key}", "expected an object of CSV name -> trimmed name")
        parsed[lang] = {
            **{key: text[key] for key in TRANSLATED_KEYS},
            "partners": dict(text.get("partners", {})),
            "short_names": dict(text.get("short_names", {})),
        }
    return parsed


@functools.cache
def _load(path: Path, mtime_ns: int) -> ChartSpec:
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ChartSpecError(f"{path}: cannot read the data package ({exc})") from None
    return parse_chart_spec(descriptor, path)


def load_chart_spec(path: Path = PACKAGE_PATH) -> ChartSpec:
    """The chart metadata, re-read whenever the file changes (as it may during ``mkdocs serve``)."""
    path = Path(path)
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError as exc:
        raise ChartSpecError(f"{path}: cannot read the data package ({exc})") from None
    return _load(path, mtime_ns)
