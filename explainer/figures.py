"""How a typed figure reads on the page (American English, one date style: "February 7, 2025").

Each figure is rendered inside a ``<data>`` or ``<time>`` element that names the fact it came from, so a test
can tie every number a reader sees back to its entry.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

ORDINAL_WORDS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
FORMATS = {"short", "day", "month", "year", "abs", "num", "word", "n"}
LANGUAGES = ("en", "ja")
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def ordinal_suffix(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_word(n: int) -> str:
    return ORDINAL_WORDS[n] if 0 < n < len(ORDINAL_WORDS) else ordinal_suffix(n)


def _decimals(value) -> int:
    text = repr(value)
    return len(text.split(".", 1)[1]) if isinstance(value, float) and "." in text else 0


def _number(value, decimals: int | None = None) -> str:
    decimals = _decimals(value) if decimals is None else decimals
    return f"{value:,.{decimals}f}"


# How each language writes a date, a day without its year, a month and a year.
DATE_STYLES = {
    "en": {None: "{m} {d}, {y}", "day": "{m} {d}", "month": "{m} {y}", "year": "{y}"},
    "ja": {None: "{y}年{n}月{d}日", "day": "{n}月{d}日", "month": "{y}年{n}月", "year": "{y}年"},
}


def _date(value: str, fmt: str | None, lang: str = "en") -> str:
    day = dt.date.fromisoformat(value)
    style = DATE_STYLES[lang][fmt if fmt in DATE_STYLES[lang] else None]
    return style.format(m=f"{day:%B}", n=day.month, d=day.day, y=day.year)


# Units that label rather than measure (years, ranks, tallies): written as they are, never "about".
LABEL_STYLES = {
    "en": {
        "year": lambda value, fmt: str(value),
        "decade": lambda value, fmt: str(value),
        "fiscal_year": lambda value, fmt: f"FY{value}" if fmt == "short" else f"fiscal {value}",
        "ordinal": lambda value, fmt: (
            ordinal_suffix(int(value)) if fmt == "num" else ordinal_word(int(value))
        ),
        "tally": lambda value, fmt: "–".join(str(v) for v in value),
    },
    "ja": {
        "year": lambda value, fmt: f"{value}年",
        "decade": lambda value, fmt: f"{str(value).rstrip('s')}年代",
        "fiscal_year": lambda value, fmt: f"{value}年度",
        "ordinal": lambda value, fmt: str(value) if fmt == "num" else f"{value}位",
        "tally": lambda value, fmt: "対".join(str(v) for v in value),
    },
}
# How each language writes an amount: {n} is the number, {oku} the same in 億 (the Japanese press's
# unit for billions), {base} what a change is measured from. A (unit, format) key wins over the unit.
AMOUNT_STYLES = {
    "en": {
        "percent": "{n}%",
        "percent_change": "{n}% from {base}",
        "usd_bn": "${n} billion",
        ("usd_bn", "short"): "${n}B",
        "usd_tn": "${n} trillion",
        "jpy_tn": "¥{n} trillion",
        "jpy_bn": "¥{n} billion",
        "usd": "${n}",
    },
    "ja": {
        "count": "{n}",
        "percent": "{n}%",
        "percent_change": "{base}比{n}%",
        "usd_bn": "{oku}ドル",
        "usd_tn": "{n}兆ドル",
        "jpy_tn": "{n}兆円",
        "jpy_bn": "{oku}円",
        "usd": "{n}ドル",
    },
}
APPROXIMATELY = {"en": "about {}", "ja": "約{}"}


def render_text(
    value,
    unit: str,
    fmt: str | None = None,
    approx: bool = False,
    base: str | None = None,
    lang: str = "en",
) -> str:
    """The words a reader sees for one figure; a change always names its base.

    Japanese follows the Japanese press: 2,954億ドル, 2025年2月7日, 7位, 2025年度, 約110."""
    if fmt == "n":
        return str(value)
    if unit == "date":
        return _date(str(value), fmt, lang)
    if unit == "month":
        return _date(f"{value}-01", "month", lang)
    if unit in LABEL_STYLES[lang]:
        return LABEL_STYLES[lang][unit](value, fmt)
    text = (
        _english_count(value, fmt)
        if (lang, unit) == ("en", "count")
        else _amount(value, unit, fmt, base, lang)
    )
    return APPROXIMATELY[lang].format(text) if approx else text


def _english_count(value: int, fmt: str | None) -> str:
    # Small counts may be spelled out ("six meetings").
    return NUMBER_WORDS[value] if fmt == "word" and 0 <= value < len(NUMBER_WORDS) else _number(value)


def _amount(value, unit: str, fmt: str | None, base: str | None, lang: str) -> str:
    styles = AMOUNT_STYLES[lang]
    style = styles.get((unit, fmt)) or styles.get(unit)
    if style is None:  # the schema lists every unit; a new one must be taught here
        raise ValueError(f"no {lang!r} rendering for unit {unit!r}")
    number = abs(value) if fmt == "abs" else value
    oku = _oku(number, _decimals(number)) if "{oku}" in style else None
    return style.format(n=_number(number), oku=oku, base=base)


def _oku(value, decimals: int) -> str:
    """Billions as the Japanese press writes them: 68.5 -> 685億, 1211.7 -> 1兆2,117億."""
    oku = Decimal(str(value)) * 10
    places = max(decimals - 1, 0)
    if oku >= 10_000:
        cho, rest = divmod(oku, 10_000)
        rest_text = f"{rest:,.{places}f}億" if rest else ""
        return f"{int(cho)}兆{rest_text}"
    return f"{oku:,.{places}f}億"


def machine_value(value, unit: str) -> str:
    return "-".join(str(v) for v in value) if unit == "tally" else str(value)


def render_html(text: str, value, unit: str, ref: str) -> str:
    """A figure's words (``render_text``) as HTML that names its source: ``<time>`` for dates, ``<data>``
    for the rest."""
    text = html.escape(text)
    ref = html.escape(ref, quote=True)
    if unit in {"date", "month"}:
        return f'<time datetime="{html.escape(machine_value(value, unit))}" data-ref="{ref}">{text}</time>'
    return f'<data value="{html.escape(machine_value(value, unit))}" data-ref="{ref}">{text}</data>'
