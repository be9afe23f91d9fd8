"""Every built page is valid HTML by the W3C Nu HTML Checker, apart from Material's own known errors.

The allowlist holds only errors from Material's base template, each matched by its message and a
pattern over the offending markup, with how many each page carries. A new error of ours fails, and
so does an entry that no longer matches (a Material upgrade fixed it: drop the entry).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass

import pytest

from explainer.processes import run_captured
from tests.helpers import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class KnownError:
    why: str
    message: str
    extract: re.Pattern
    per_page: int


MATERIAL_ERRORS = [
    KnownError(
        why="Material 9.8 base.html: autocomplete=off on its drawer and search toggle checkboxes",
        message="Attribute “autocomplete” is only allowed when the input type is",
        extract=re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
        per_page=2,
    ),
    KnownError(
        why='Material 9.8 partials/nav-item.html: tabindex="" on a nav section\'s label (one section here)',
        message="Bad value “” for attribute “tabindex” on element “label”",
        extract=re.compile(r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label" tabindex="">'),
        per_page=1,
    ),
]


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
            "fixed it, remove it from MATERIAL_ERRORS; else update the count."
        )
