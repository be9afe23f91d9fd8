"""The project's git history, which dates the build and its pages and lists the files it is made of."""

from __future__ import annotations

from pathlib import Path

from explainer.processes import run_captured


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """What ``git *args`` prints in ``cwd``; raises OSError where git is missing and CalledProcessError
    where it fails (outside a checkout, for one)."""
    result = run_captured(["git", *args], cwd=cwd, env=env)
    result.check_returncode()
    return result.stdout
