"""What a partner name may contain, and when two names are the same partner.

A name is shown on the page, in the chart and in the CSV download, so it must look like what it is:
no invisible or control characters, no look-alike letters from another script inside a word, no
compatibility forms (full-width or styled letters), and nothing a spreadsheet would run as a
formula. Markup such as ``<`` or ``[`` is allowed here: every output escapes it.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 60
# OWASP's CSV-injection rule: a cell starting with one of these is run as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@")
# Control, format (zero-width, bidi), surrogate, private-use, unassigned, line and paragraph separators.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt) outside the categories above:
# these are letters or marks that render as nothing, e.g. U+3164 HANGUL FILLER.
_DEFAULT_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0x1D173, 0x1D17A),
    (0xE0100, 0xE01EF),
)
# Scripts that legitimately share a word (UTS #39's augmented script sets): Japanese writes Han with
# kana, Korean Han with Hangul, Chinese Han with Bopomofo.
_HAN = frozenset({"Han", "Japanese", "Korean", "Bopomofo"})


def name_key(name: str) -> str:
    """The form two names are compared in: case, Unicode forms and runs of spaces do not count."""
    return " ".join(unicodedata.normalize("NFKC", name.casefold()).split())


def name_problem(name: str) -> str | None:
    """Why ``name`` (already NFC and trimmed) cannot be a partner name, or None if it can."""
    for char in name:
        if _is_hidden(char):
            return (
                f"the partner name contains {_describe(char)}, a control, invisible or non-plain space "
                f"character; delete it (or type a plain space)"
            )
    if len(name) > MAX_NAME_LENGTH:
        return f"the partner name is {len(name)} characters long; at most {MAX_NAME_LENGTH} are allowed"
    if name.startswith(FORMULA_PREFIXES):
        return (
            f"the partner name {name!r} starts with {name[0]!r}, which spreadsheets run as a formula "
            f"when the CSV download is opened; a name may not start with {' '.join(FORMULA_PREFIXES)}"
        )
    plain = unicodedata.normalize("NFKC", name)
    if plain != name:
        return (
            f"the partner name {name!r} uses compatibility characters (full-width, styled or "
            f"ligature forms, or special spaces); write it as {plain!r}"
        )
    if not any(unicodedata.category(c).startswith("L") for c in name):
        return f"the partner name {name!r} has no letters"
    for word in _words(name):
        mixed = _mixed_scripts(word)
        if mixed:
            return (
                f"the word {word!r} in the partner name mixes {mixed}: a look-alike letter from "
                f"another script? Type the name in one script"
            )
    return None


def _is_hidden(char: str) -> bool:
    if unicodedata.category(char) in _HIDDEN_CATEGORIES:
        return True
    if unicodedata.category(char) == "Zs" and char != " ":
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _DEFAULT_IGNORABLE)


def _describe(char: str) -> str:
    label = unicodedata.name(char, "") or {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB"}.get(
        char, f"category {unicodedata.category(char)}"
    )
    return f"U+{ord(char):04X} {label}"


def _words(name: str) -> list[str]:
    """Runs of letters and combining marks: the units inside which scripts may not mix."""
    words, current = [], []
    for char in name:
        if unicodedata.category(char)[0] in "LM":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _scripts(char: str) -> frozenset[str] | None:
    """The scripts a letter belongs to, from its Unicode name (Python has no Script property).

    None for characters every script uses: combining marks and modifier letters.
    """
    if not unicodedata.category(char).startswith("L"):
        return None
    first = unicodedata.name(char, "UNKNOWN").split(" ")[0]
    if first in {"CJK", "IDEOGRAPHIC"}:
        return _HAN
    if first.startswith(("HIRAGANA", "KATAKANA")):
        return frozenset({"Japanese"})
    if first == "HANGUL":
        return frozenset({"Korean"})
    if first == "BOPOMOFO":
        return frozenset({"Bopomofo"})
    if first == "MODIFIER":
        return None
    return frozenset({first.title()})


def _label(scripts: frozenset[str]) -> str:
    return "Han" if scripts == _HAN else min(scripts)


def _mixed_scripts(word: str) -> str | None:
    """'Latin and Cyrillic letters (U+0430 ...)' if the word's letters share no script, else None."""
    common: frozenset[str] | None = None
    first_script = ""
    for char in word:
        scripts = _scripts(char)
        if scripts is None:
            continue
        if common is None:
            common, first_script = scripts, _label(scripts)
            continue
        if not common & scripts:
            return f"{first_script} and {_label(scripts)} letters ({_describe(char)})"
        common &= scripts
    return None
