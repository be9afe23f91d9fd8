"""Every built page is valid HTML by the W3C Nu HTML Checker, apart from Material's own known errors.

The allowlist, tests/material_html_errors.yaml, holds only errors from Material's templates, each
matched by its message and a pattern over the offending markup, with how many each page carries. A
new error of ours fails, and so does an entry that no longer matches (a Material upgrade fixed it:
drop the entry).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from explainer.processes import run_captured
from tests.helpers import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class KnownError:
    why: str
    message: str
    extract: re.Pattern
    per_page: int


ALLOWLIST = Path(__file__).parent / "material_html_errors.yaml"


def _material_errors() -> list[KnownError]:
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    return [KnownError(**{**entry, "extract": re.compile(entry["extract"])}) for entry in entries]


MATERIAL_ERRORS = _material_errors()


def _is_problem(message: dict) -> bool:
    # "info" without a subtype is advice (e.g. trailing slashes on void elements), not an error.
    return message["type"] != "info" or message.get("subType") == "warning"


def _known(message: dict) -> KnownError | None:
    for known in MATERIAL_ERRORS:
        if message["message"].startswith(known.message) and known.extract.search(message.get("extract", "")):
            return known
    return None


def _check(site_dir) -> list[dict]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: `make test` installs default-jre-headless (apt) for the HTML checker")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} not found: run `npm ci` in {ROOT} (`make test` does)")
    result = run_captured([java, "-jar", str(VNU_JAR), "--skip-non-html", "--format", "json", str(site_dir)])
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return [m for m in messages if _is_problem(m)]


def _describe(message: dict) -> str:
    where = f"{message['url'].removeprefix('file:')}:{message.get('lastLine')}"
    return f"{where}: {message['message']}\n    {message.get('extract', '').strip()}"


def test_built_pages_are_valid_html_apart_from_materials_known_errors(site):
    # Material's template builds every page but the embeddable chart, which extends nothing of it.
    pages = [p for p in sorted(site.dir.rglob("*.html")) if "embed" not in p.relative_to(site.dir).parts]
    problems = _check(site.dir)
    ours = [m for m in problems if _known(m) is None]
    assert not ours, "\n".join(_describe(m) for m in ours)
    counts = Counter(_known(m).why for m in problems)
    for known in MATERIAL_ERRORS:
        expected = known.per_page * len(pages)
        assert counts[known.why] == expected, (
            f"Material's known error now appears {counts[known.why]} times, not {expected} "
            f"({known.per_page} on each of {len(pages)} pages): {known.why}. If a Material upgrade "
            f"fixed it, remove it from {ALLOWLIST.name}; else update the count."
        )
