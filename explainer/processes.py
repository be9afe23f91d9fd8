"""Running the programs the project and its tests call on: git, the chart renderer, MkDocs, checkers."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


def run_captured(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` to its end with its output captured as text. It raises only where the program
    cannot start (OSError) or outlasts ``timeout``: the caller reads the output and judges the return
    code (``check_returncode()`` raises CalledProcessError where it is not 0)."""
    return subprocess.run(
        command, cwd=cwd, env=env, input=input, timeout=timeout, capture_output=True, text=True, check=False
    )
