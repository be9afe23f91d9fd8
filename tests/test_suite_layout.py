"""The suite's own layout: shared code lives in tests/helpers.py (and fixtures in conftest.py).

A test module imported by another is imported twice under two names (``test_x`` when pytest
collects it, ``tests.test_x`` when imported), running its module code twice and splitting its state.
"""

from __future__ import annotations

import ast

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
