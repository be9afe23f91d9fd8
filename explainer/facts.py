"""The fact sheet (``data/facts.yaml``): loaded, checked against its schema, and typed.

Pages state a fact's figures only through references, so the sheet is data the build depends on: a missing
field, a bad date, an unknown ``verified`` value or a duplicate ID stops the build with ``file:line`` and the
rule that was broken. Figures that the chart's CSV also holds are checked against it (``same_as``), so the
two files can never publish different numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FACTS_PATH = DATA_DIR / "facts.yaml"
SCHEMA_PATH = DATA_DIR / "facts.schema.json"

# How strongly the sheet backs a fact; a fact-check grade may not claim more than its fact.
VERIFIED_STRENGTH = {"no": 0, "partly": 1, "yes": 2}


class FactError(ValueError):
    """The fact sheet or a reference to it is wrong; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Figure:
    value: object
    unit: str
    approx: bool = False
    base: str | None = None
    base_ja: str | None = None
    basis: str | None = None
    same_as: str | None = None

    def base_in(self, lang: str) -> str | None:
        return self.base_ja if lang == "ja" else self.base


@dataclass(frozen=True)
class Fact:
    id: str
    claim: str
    verified: str
    source_url: str | None
    source_publisher: str | None
    source_date: str | None
    source_kind: str | None
    line: int
    attribution: str | None = None
    attribution_ja: str | None = None
    phrases: tuple[str, ...] = ()
    other_sources: tuple[str, ...] = ()
    figures: dict[str, Figure] = field(default_factory=dict)
    note: str | None = None

    def attribution_in(self, lang: str) -> str | None:
        return self.attribution_ja if lang == "ja" else self.attribution

    @property
    def code(self) -> str:
        return self.id.split("-", 1)[0]

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(u for u in (self.source_url, *self.other_sources) if u)


# libyaml's parser when PyYAML has it (its wheels do): the same safe constructor, ~7× faster on the
# fact sheet, which every build loads once per language.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Keeps the line of every mapping, so errors can point into the file."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _line_of(entries: list, path) -> int | None:
    """The line of the deepest mapping on a jsonschema error path."""
    node, line = entries, None
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            line = node.get("__line__", line)
    return line


def _strip_lines(node):
    if isinstance(node, dict):
        return {k: _strip_lines(v) for k, v in node.items() if k != "__line__"}
    if isinstance(node, list):
        return [_strip_lines(v) for v in node]
    return node


def _check_date(text: str) -> None:
    for part in text.replace(" / ", "|").split("|"):
        for piece in part.split("-") if len(part) == 9 else [part]:  # "2017-2018"
            if len(piece) == 10:
                dt.date.fromisoformat(piece)
            elif len(piece) == 7:
                dt.date.fromisoformat(piece + "-01")


def load_facts(path: Path = FACTS_PATH, schema_path: Path = SCHEMA_PATH) -> dict[str, Fact]:
    """Every fact by ID (and by its short code), or one FactError naming ``path:line``."""
    path = Path(path)
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except OSError as exc:
        raise FactError(f"{path}: cannot read the fact sheet ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise FactError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    try:
        schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FactError(f"{schema_path}: cannot read the fact sheet's schema ({exc})") from None
    plain = _strip_lines(entries)
    errors = sorted(Draft202012Validator(schema).iter_errors(plain), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        line = _line_of(entries, first.absolute_path)
        steps = list(first.absolute_path)
        fact_id = plain[steps[0]].get("id", "?") if steps and isinstance(plain[steps[0]], dict) else "?"
        where = ".".join(str(p) for p in steps[1:])
        raise FactError(
            f"{path}:{line}: {fact_id}: {where + ': ' if where else ''}{first.message} "
            f"(the rules are in {Path(schema_path).name})"
        )

    facts: dict[str, Fact] = {}
    for raw in entries:
        line = raw["__line__"]
        data = _strip_lines(raw)
        for key in ("date", "source_date"):
            if data.get(key):
                try:
                    _check_date(str(data[key]))
                except ValueError:
                    raise FactError(
                        f"{path}:{line}: {data['id']}: {key} {data[key]!r} is not a real calendar date"
                    ) from None
        figures = {name: Figure(**spec) for name, spec in (data.get("figures") or {}).items()}
        for name, figure in figures.items():
            if figure.unit in {"date"}:
                try:
                    dt.date.fromisoformat(str(figure.value))
                except ValueError:
                    raise FactError(
                        f"{path}:{line}: {data['id']}: figures.{name} {figure.value!r} is not an ISO date "
                        "(YYYY-MM-DD)"
                    ) from None
        fact = Fact(
            id=data["id"],
            claim=data["claim"],
            verified=data["verified"],
            source_url=data["source_url"],
            source_publisher=data["source_publisher"],
            source_date=data["source_date"],
            source_kind=data["source_kind"],
            line=line,
            attribution=data.get("attribution"),
            attribution_ja=data.get("attribution_ja"),
            phrases=tuple(data.get("phrases") or ()),
            other_sources=tuple(data.get("other_sources") or ()),
            figures=figures,
            note=data.get("note"),
        )
        for key in (fact.id, fact.code):
            if key in facts:
                raise FactError(
                    f"{path}:{line}: duplicate fact ID {key!r} (first at line {facts[key].line}); "
                    "give each fact its own ID and code"
                )
            facts[key] = fact
    return facts


def unique_facts(facts: dict[str, Fact]) -> list[Fact]:
    """Each fact once, in file order (the mapping also holds every fact under its short code)."""
    return sorted({id(f): f for f in facts.values()}.values(), key=lambda f: f.line)
