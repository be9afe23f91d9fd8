"""The suite's own layout: shared code lives in tests/helpers.py (and fixtures in conftest.py), and
``make test``'s workers honour ``xdist_group``.

A test module imported by another is imported twice under two names (``test_x`` when pytest
collects it, ``tests.test_x`` when imported), running its module code twice and splitting its state.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import sys

from explainer.processes import run_captured
from tests.helpers import ROOT


def test_no_test_module_imports_another():
    offenders = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            imported = [n for n in names if n.split(".")[-1].startswith("test_")]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in imported]
    assert not offenders, "move what they share into tests/helpers.py:\n" + "\n".join(offenders)


GROUPED = """import pytest

pytestmark = pytest.mark.xdist_group("together")


@pytest.mark.parametrize("case", range(6))
def test_case(case):
    pass
"""


def test_grouped_tests_share_one_worker(tmp_path):
    """`make test` runs pytest with `--dist loadgroup`: a group's expensive module fixtures (the
    atomic-build project, the footnote landings) are built once only while its tests stay on one
    worker. With pytest 9.2 and pytest-xdist 3.8 they silently did not (see requirements-dev.in)."""
    args = shlex.split(re.search(r"^PYTEST_ARGS \?= (.*)$", (ROOT / "Makefile").read_text(), re.M)[1])
    assert "loadgroup" in args, args
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # no config from a folder above tmp_path
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    command = [sys.executable, "-m", "pytest", *args, "-v", "-p", "no:cacheprovider"]
    result = run_captured(command, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    workers = re.findall(r"\[(gw\d)\].*PASSED", result.stdout)
    assert len(workers) == 6 and len(set(workers)) == 1, result.stdout
