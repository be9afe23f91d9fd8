"""Load and validate the 2024 U.S. goods-deficit table against its Frictionless data package.

The data package (``data/datapackage.json``) is the single description of the columns, units,
constraints and sources. This module only normalises harmless variants (UTF-8 BOM, CRLF, stray
spaces around cells) and turns Frictionless' report into one message that names the file, the line
and the problem, so a bad edit stops the build before anything is written.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from frictionless import Package

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CSV_PATH = DATA_DIR / "us-goods-deficits-2024.csv"
PACKAGE_PATH = DATA_DIR / "datapackage.json"


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


def _read_rows(path: Path) -> tuple[list[list[str]], list[int]]:
    """Return the cells of every non-blank record and the physical line each one starts on."""
    raw = path.read_bytes()
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
                rows.append([cell.strip() for cell in record])
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(
            path, reader.line_num, f"malformed CSV, e.g. a quote that is never closed ({exc})"
        ) from None
    return rows, lines


def _schema_descriptor(package_path: Path) -> dict:
    return json.loads(package_path.read_text(encoding="utf-8"))


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
        if "Minimum" in error.note or "minimum" in error.note:
            return f"{field!r} must be a positive deficit, got {cell!r}"
        return f"{field!r} value {cell!r} breaks a rule: {error.note}"
    if kind == "blank-row":
        return "the row is empty"
    return f"{kind}: {error.note or error.message}"


def load_deficits(path: Path = CSV_PATH, package_path: Path = PACKAGE_PATH) -> list[Partner]:
    """Validate ``path`` against the data package's schema and return partners, largest deficit first."""
    path = Path(path)
    rows, lines = _read_rows(path)
    descriptor = _schema_descriptor(package_path)
    resource = copy.deepcopy(descriptor["resources"][0])
    for key in ("path", "format", "mediatype", "encoding", "dialect"):
        resource.pop(key, None)
    resource["data"] = rows
    descriptor = {**descriptor, "resources": [resource]}
    names = [f["name"] for f in resource["schema"]["fields"]]

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

    report = Package(descriptor).validate()
    errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
    if errors:
        # Report the first bad row, and its structural problem before any cell-level one.
        structural = {"missing-cell": 0, "extra-cell": 0}
        first = min(errors, key=lambda e: (getattr(e, "row_number", 0) or 0, structural.get(e.type, 1)))
        row_number = getattr(first, "row_number", None)
        line = lines[row_number - 1] if row_number else lines[0]
        raise _fail(path, line, _describe(first, names))

    records = [dict(zip(names, row, strict=True)) for row in rows[1:]]
    known = package_sources(package_path)
    for line, r in zip(lines[1:], records, strict=True):
        unknown = [code for code in r["sources"].split(";") if code not in known]
        if unknown:
            raise _fail(
                path, line, f"unknown source code {unknown[0]!r}; list it in {package_path.name} first"
            )
    records.sort(key=lambda r: float(r["deficit_bn_usd"]), reverse=True)
    partners: list[Partner] = []
    rank = 0
    for r in records:
        is_country = r["partner_type"] == "country"
        rank += is_country
        partners.append(
            Partner(
                name=r["partner"],
                partner_type=r["partner_type"],
                deficit_bn_usd=float(r["deficit_bn_usd"]),
                sources=tuple(r["sources"].split(";")),
                rank=rank if is_country else None,
            )
        )
    return partners


def package_sources(package_path: Path = PACKAGE_PATH) -> dict[str, dict]:
    """The data package's sources keyed by their code (the text before the colon in each title)."""
    sources = _schema_descriptor(package_path)["sources"]
    return {s["title"].split(":", 1)[0]: s for s in sources}
