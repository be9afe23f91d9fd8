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


def render_text(
    value,
    unit: str,
    fmt: str | None = None,
    approx: bool = False,
    base: str | None = None,
    lang: str = "en",
) -> str:
    """The words a reader sees for one figure; a change always names its base."""
    if lang == "ja":
        return render_text_ja(value, unit, fmt, approx, base)
    if fmt == "n":
        return str(value)
    if unit == "date":
        return _date(str(value), fmt)
    if unit == "month":
        return _date(f"{value}-01", "month")
    if unit in {"year", "decade"}:
        return str(value)
    if unit == "count":
        text = NUMBER_WORDS[value] if fmt == "word" and 0 <= value < len(NUMBER_WORDS) else _number(value)
        return f"about {text}" if approx else text
    if unit == "fiscal_year":
        return f"FY{value}" if fmt == "short" else f"fiscal {value}"
    if unit == "ordinal":
        return ordinal_suffix(int(value)) if fmt == "num" else ordinal_word(int(value))
    if unit == "tally":
        return "–".join(str(v) for v in value)
    number = abs(value) if fmt == "abs" else value
    if unit == "percent":
        text = f"{_number(number)}%"
    elif unit == "percent_change":
        text = f"{_number(number)}% from {base}"
    elif unit == "usd_bn":
        text = f"${_number(number)}B" if fmt == "short" else f"${_number(number)} billion"
    elif unit == "usd_tn":
        text = f"${_number(number)} trillion"
    elif unit == "jpy_tn":
        text = f"¥{_number(number)} trillion"
    elif unit == "jpy_bn":
        text = f"¥{_number(number)} billion"
    elif unit == "usd":
        text = f"${_number(number)}"
    else:  # the schema lists every unit; a new one must be taught here
        raise ValueError(f"no rendering for unit {unit!r}")
    return f"about {text}" if approx else text


def _oku(value, decimals: int) -> str:
    """Billions as the Japanese press writes them: 68.5 -> 685億, 1211.7 -> 1兆2,117億."""
    oku = Decimal(str(value)) * 10
    places = max(decimals - 1, 0)
    if oku >= 10_000:
        cho, rest = divmod(oku, 10_000)
        rest_text = f"{rest:,.{places}f}億" if rest else ""
        return f"{int(cho)}兆{rest_text}"
    return f"{oku:,.{places}f}億"


def render_text_ja(value, unit: str, fmt: str | None, approx: bool, base: str | None) -> str:
    """Japanese conventions: 2,954億ドル, 2025年2月7日, 7位, 2025年度, 約110."""
    if fmt == "n":
        return str(value)
    if unit == "date":
        return _date(str(value), fmt, "ja")
    if unit == "month":
        return _date(f"{value}-01", "month", "ja")
    if unit == "year":
        return f"{value}年"
    if unit == "decade":
        return f"{str(value).rstrip('s')}年代"
    if unit == "fiscal_year":
        return f"{value}年度"
    if unit == "ordinal":
        return str(value) if fmt == "num" else f"{value}位"
    if unit == "tally":
        return "対".join(str(v) for v in value)
    number = abs(value) if fmt == "abs" else value
    decimals = _decimals(number)
    if unit == "count":
        text = _number(number)
    elif unit == "percent":
        text = f"{_number(number)}%"
    elif unit == "percent_change":
        text = f"{base}比{_number(number)}%"
    elif unit == "usd_bn":
        text = f"{_oku(number, decimals)}ドル"
    elif unit == "usd_tn":
        text = f"{_number(number)}兆ドル"
    elif unit == "jpy_tn":
        text = f"{_number(number)}兆円"
    elif unit == "jpy_bn":
        text = f"{_oku(number, decimals)}円"
    elif unit == "usd":
        text = f"{_number(number)}ドル"
    else:
        raise ValueError(f"no Japanese rendering for unit {unit!r}")
    return f"約{text}" if approx else text


def machine_value(value, unit: str) -> str:
    if unit == "tally":
        return "-".join(str(v) for v in value)
    if unit == "month":
        return str(value)
    return str(value)


def render_html(
    value,
    unit: str,
    ref: str,
    fmt: str | None = None,
    approx: bool = False,
    base: str | None = None,
    lang: str = "en",
) -> str:
    """The figure as HTML that names its source: ``<time>`` for dates, ``<data>`` for the rest."""
    text = html.escape(render_text(value, unit, fmt, approx, base, lang))
    ref = html.escape(ref, quote=True)
    if unit in {"date", "month"}:
        return f'<time datetime="{html.escape(machine_value(value, unit))}" data-ref="{ref}">{text}</time>'
    return f'<data value="{html.escape(machine_value(value, unit))}" data-ref="{ref}">{text}</data>'
