"""The project's git history, which dates the build and its pages and lists the files it is made of."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """What ``git *args`` prints in ``cwd``; raises OSError where git is missing and CalledProcessError
    where it fails (outside a checkout, for one)."""
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout
