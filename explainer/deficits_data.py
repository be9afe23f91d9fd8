"""Load and validate the 2024 U.S. goods-deficit table against its Frictionless data package.

The data package (``data/datapackage.json``) is the single description of the columns, units,
constraints and sources. This module only normalises harmless variants (UTF-8 BOM, CRLF, stray
spaces around cells, Unicode NFC) and turns Frictionless' report, and the rules the schema cannot
say (plain numbers, look-alike names, the size of the file), into one message that names the file,
the line and the problem, so a bad edit stops the build before anything is written.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from explainer.partner_names import name_key, name_problem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CSV_PATH = DATA_DIR / "us-goods-deficits-2024.csv"
PACKAGE_PATH = DATA_DIR / "datapackage.json"
# One empty file per table Frictionless has passed, named by a digest of what it checked: importing
# Frictionless and validating cost ~0.7 s, a third of a warm build, for data that rarely changes.
VALIDATED_DIR = DATA_DIR.parent / "build" / "validated"

# The chart plots every row ("top ten countries plus the EU"); more rows than this would crowd it
# unreadably, and caps keep a pasted or generated file from building a multi-megabyte page.
MAX_DATA_ROWS = 30
MAX_FILE_BYTES = 64 * 1024
# Plain ASCII decimals only: float() and Frictionless also take "inf", "1e400", "45_7" and
# non-ASCII digits, none of which anyone means in this column.
PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
# The columns this module and the chart read by name.
REQUIRED_FIELDS = ("partner", "partner_type", "deficit_bn_usd", "sources")


class DataError(ValueError):
    """The CSV cannot be charted; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Partner:
    name: str
    partner_type: str  # "country" or "bloc"
    deficit_bn_usd: float
    sources: tuple[str, ...]
    rank: int | None  # rank among individual countries; None for a bloc

    @property
    def is_bloc(self) -> bool:
        return self.partner_type == "bloc"


def _fail(path: Path, line: int | None, problem: str) -> DataError:
    where = f"{path}, line {line}" if line else str(path)
    return DataError(f"{where}: {problem}")


def _read_bytes(path: Path, what: str, limit: int | None = None) -> bytes:
    if not path.exists():
        raise _fail(path, None, f"file not found; {what} must be here")
    if path.is_dir():
        raise _fail(path, None, f"is a directory; {what} must be a file")
    if not path.is_file():
        raise _fail(path, None, f"is not a regular file; {what} must be a file")
    try:
        with path.open("rb") as stream:
            raw = stream.read() if limit is None else stream.read(limit + 1)
    except OSError as exc:
        raise _fail(path, None, f"cannot be read ({exc.strerror})") from None
    if limit is not None and len(raw) > limit:
        raise _fail(
            path,
            None,
            f"the file is larger than {limit // 1024} KiB ({limit} bytes), the limit for this table "
            f"of at most {MAX_DATA_ROWS} rows; is it the right file?",
        )
    return raw


def _read_rows(path: Path) -> tuple[list[list[str]], list[int]]:
    """Return the cells (trimmed, NFC) of every non-blank record and the line each one starts on."""
    raw = _read_bytes(path, "the chart's CSV", limit=MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(
            path, line, f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise _fail(path, line, "contains a NUL byte; this is not a text CSV file")
    if not text.strip():
        raise _fail(path, None, "the file is empty; expected a header row and data rows")

    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append([unicodedata.normalize("NFC", cell.strip()) for cell in record])
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(
            path, reader.line_num, f"malformed CSV, e.g. a quote that is never closed ({exc})"
        ) from None
    return rows, lines


def _load_package(package_path: Path) -> dict:
    """The data package, checked for the parts this module reads; problems name the file."""
    package_path = Path(package_path)
    raw = _read_bytes(package_path, "the data package describing the CSV")
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail(package_path, None, "not valid UTF-8 text; save the file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise _fail(package_path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(descriptor, dict):
        raise _fail(package_path, None, "must be a JSON object describing a data package")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources or not isinstance(resources[0], dict):
        raise _fail(package_path, None, "has no 'resources' list; resources[0] must describe the CSV")
    schema = resources[0].get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, dict) and "name" in f for f in fields):
        raise _fail(package_path, None, "resources[0] has no schema 'fields' list naming the CSV's columns")
    by_name = {f["name"]: f for f in fields}
    missing = [n for n in REQUIRED_FIELDS if n not in by_name]
    if missing:
        raise _fail(package_path, None, f"the schema has no field {missing[0]!r}; the chart needs it")
    constraints = by_name["deficit_bn_usd"].get("constraints")
    if not isinstance(constraints, dict) or not all(
        isinstance(constraints.get(k), int | float) for k in ("minimum", "maximum")
    ):
        raise _fail(
            package_path, None, "field 'deficit_bn_usd' needs numeric 'minimum' and 'maximum' constraints"
        )
    sources = descriptor.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, dict) and "title" in s for s in sources):
        raise _fail(package_path, None, "has no 'sources' list of {title, path} entries")
    return descriptor


def _describe(error, names: list[str]) -> str:
    field = getattr(error, "field_name", "") or ""
    cell = getattr(error, "cell", None)
    kind = error.type
    if kind in {"missing-label", "extra-label", "incorrect-label", "duplicate-label", "blank-label"}:
        return f"the header must be exactly: {','.join(names)} ({error.note})"
    if kind == "missing-cell":
        return f"the row is truncated: no value for {field!r}"
    if kind == "extra-cell":
        return "the row has more cells than the header (is a value split by a stray comma?)"
    if kind == "type-error":
        return f"{field!r} must be a number, got {cell!r}"
    if kind in {"unique-error", "primary-key"}:
        return (
            f"duplicate partner {cell!r}: each partner may appear only once" if cell else "duplicate partner"
        )
    if kind == "constraint-error":
        if "required" in error.note:
            return f"{field!r} is blank; every row needs a value"
        if "enum" in error.note:
            return f"unknown {field} {cell!r}; allowed values are 'country' and 'bloc'"
        if "pattern" in error.note:
            return f"{field!r} must be source codes separated by semicolons, e.g. S1;S5, got {cell!r}"
        return f"{field!r} value {cell!r} breaks a rule: {error.note}"
    if kind == "blank-row":
        return "the row is empty"
    return f"{kind}: {error.note or error.message}"


def _deficit_problem(cell: str, constraints: dict) -> str | None:
    low, high = constraints["minimum"], constraints["maximum"]
    rule = f"a plain decimal from {low} to {high} (billion USD), e.g. 68.5"
    if cell.startswith("-") and PLAIN_DECIMAL.fullmatch(cell[1:]):
        return f"'deficit_bn_usd' must be a positive deficit, got {cell!r}; write {rule}"
    if not PLAIN_DECIMAL.fullmatch(cell):
        return (
            f"'deficit_bn_usd' must be a number, got {cell!r}; write {rule} "
            "(ASCII digits and an optional decimal point: no signs, exponents, separators or words)"
        )
    value = float(cell)
    if value <= 0:
        return f"'deficit_bn_usd' must be a positive deficit, got {cell!r}; write {rule}"
    if not (math.isfinite(value) and low <= value <= high):
        return f"'deficit_bn_usd' is out of range, got {cell!r}; write {rule}"
    return None


class _RowChecker:
    """The rules Table Schema cannot say, checked row by row in file order."""

    def __init__(self, names: list[str], fields: list[dict], known_sources: set[str], package_name: str):
        self.names = names
        self.deficit_constraints = next(f for f in fields if f["name"] == "deficit_bn_usd")["constraints"]
        self.known_sources = known_sources
        self.package_name = package_name
        self.seen: dict[str, tuple[str, int]] = {}

    def problem(self, row: list[str], line: int) -> str | None:
        record = dict(zip(self.names, row, strict=True))
        name, deficit, sources = record["partner"], record["deficit_bn_usd"], record["sources"]
        if name:
            problem = name_problem(name)
            if problem:
                return problem
            key = name_key(name)
            if key in self.seen:
                first, first_line = self.seen[key]
                same = "" if first == name else f" ({first!r} on line {first_line} is the same name)"
                return (
                    f"duplicate partner {name!r}: each partner may appear only once{same}; names are "
                    "compared ignoring case, spacing and Unicode forms"
                )
            self.seen[key] = (name, line)
        if deficit:
            problem = _deficit_problem(deficit, self.deficit_constraints)
            if problem:
                return problem
        codes = sources.split(";") if sources else []
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            return f"source code {repeated[0]!r} is listed twice in 'sources'; list each code once"
        unknown = [c for c in codes if c and c not in self.known_sources]
        if unknown:
            return f"unknown source code {unknown[0]!r}; list it in {self.package_name} first"
        return None


def _highlight_problem(
    records: list[dict[str, str]], lines: list[int], highlighted: str
) -> tuple[int | None, str] | None:
    """The chart highlights this partner and prints its rank, so it must be there, and be a country."""
    wanted = name_key(highlighted)
    for line, r in zip(lines, records, strict=True):
        if name_key(r["partner"]) != wanted:
            continue
        if r["partner"] != highlighted:
            return line, (
                f"the chart highlights {highlighted!r}; write its name exactly so, got {r['partner']!r}"
            )
        if r["partner_type"] != "country":
            return line, (
                f"{highlighted} must be a country: the chart highlights it and prints its rank "
                f"among countries, but its partner_type is {r['partner_type']!r}"
            )
        return None
    return None, f"no row for {highlighted!r}, the partner the chart highlights; add it"


def load_deficits(path: Path = CSV_PATH, package_path: Path = PACKAGE_PATH) -> list[Partner]:
    """Validate ``path`` against the data package's schema and return partners, largest deficit first.

    Ties share a rank (1, 2, 2, 4) and are listed by name, so the order of rows in the file never
    changes the result.
    """
    path, package_path = Path(path), Path(package_path)
    descriptor = _load_package(package_path)
    rows, lines = _read_rows(path)
    resource = copy.deepcopy(descriptor["resources"][0])
    for key in ("path", "format", "mediatype", "encoding", "dialect"):
        resource.pop(key, None)
    resource["data"] = rows
    descriptor = {**descriptor, "resources": [resource]}
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]

    header = rows[0]
    if header != names:
        missing = [n for n in names if n not in header]
        if len(header) == 1 and len(names) > 1:
            problem = f"the header is one column {header[0]!r}; the delimiter must be a comma"
        elif missing:
            problem = f"the header has no column {missing[0]!r}; expected: {','.join(names)}"
        else:
            problem = f"the header must be exactly: {','.join(names)}"
        raise _fail(path, lines[0], problem)
    if len(rows) < 2:
        raise _fail(path, lines[0], "no data rows under the header")
    if len(rows) - 1 > MAX_DATA_ROWS:
        raise _fail(
            path,
            lines[MAX_DATA_ROWS + 1],
            f"too many rows: the chart plots every row and takes at most {MAX_DATA_ROWS} "
            f"(the top ten countries plus blocs); this file has {len(rows) - 1}",
        )

    # (row index, precedence, problem): the first bad row wins; within a row, a structural problem
    # (wrong number of cells) comes first, then this module's checks, then the schema's.
    problems = _schema_problems(descriptor, package_path, names)
    checker = _RowChecker(names, fields, set(package_sources(package_path)), package_path.name)
    for index, (row, line) in enumerate(zip(rows[1:], lines[1:], strict=True), start=1):
        if len(row) == len(names):
            problem = checker.problem(row, line)
            if problem:
                problems.append((index, 1, problem))
                break
    if problems:
        index, _, problem = min(problems)
        raise _fail(path, lines[index], problem)

    records = [dict(zip(names, row, strict=True)) for row in rows[1:]]
    # The highlighted partner is named in the chart's metadata beside the schema (see chart_spec.py).
    highlighted = (_load_package(package_path).get("chart") or {}).get("highlight", "")
    highlight = _highlight_problem(records, lines[1:], highlighted)
    if highlight:
        raise _fail(path, *highlight)
    return _ranked(records)


def _schema_problems(descriptor: dict, package_path: Path, names: list[str]) -> list[tuple[int, int, str]]:
    """Frictionless' verdict on ``descriptor`` (the package with the rows inline), as problems; a
    verdict of none is remembered under VALIDATED_DIR, keyed by the descriptor and the version."""
    digest = hashlib.sha256(json.dumps(descriptor, sort_keys=True).encode())
    digest.update(f"frictionless {version('frictionless')}".encode())
    marker = VALIDATED_DIR / digest.hexdigest()
    if marker.is_file():
        return []
    from frictionless import FrictionlessException, Package

    try:
        report = Package(descriptor).validate()
    except FrictionlessException as exc:
        raise _fail(package_path, None, f"the data package is not valid: {exc.error.message}") from None
    problems = []
    for error in [e for task in report.tasks for e in task.errors] + list(report.errors):
        row_number = getattr(error, "row_number", None) or 1
        precedence = 0 if error.type in {"missing-cell", "extra-cell"} else 2
        problems.append((row_number - 1, precedence, _describe(error, names)))
    if not problems:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:  # a read-only checkout validates every time
            pass
    return problems


def _ranked(records: list[dict[str, str]]) -> list[Partner]:
    """Largest deficit first, ties by name; countries get competition ranks (1, 2, 2, 4)."""
    ordered = sorted(
        records, key=lambda r: (-float(r["deficit_bn_usd"]), name_key(r["partner"]), r["partner"])
    )
    country_values = [float(r["deficit_bn_usd"]) for r in ordered if r["partner_type"] == "country"]
    partners = []
    for r in ordered:
        value = float(r["deficit_bn_usd"])
        is_country = r["partner_type"] == "country"
        partners.append(
            Partner(
                name=r["partner"],
                partner_type=r["partner_type"],
                deficit_bn_usd=value,
                sources=tuple(r["sources"].split(";")),
                rank=1 + sum(v > value for v in country_values) if is_country else None,
            )
        )
    return partners


def package_sources(package_path: Path = PACKAGE_PATH) -> dict[str, dict]:
    """The data package's sources keyed by their code (the text before the colon in each title)."""
    sources = _load_package(package_path)["sources"]
    return {s["title"].split(":", 1)[0]: s for s in sources}
