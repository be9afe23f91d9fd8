"""`make build` (python -m explainer.atomic_build) changes site/ only when a whole build succeeded.

A failed, rejected or killed build must leave the previous site/ complete and byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from explainer.atomic_build import previous_dir, recover, staging_dir, swap_in
from tests.helpers import copy_project, tree_digest

# One worker runs them all under `pytest -n 2 --dist loadgroup`, so the built project is built once.
pytestmark = pytest.mark.xdist_group("atomic_build")

SITE_URL = "https://example.org/explainer/"
EDITED_PAGE = "docs/timeline.md"


def _env() -> dict[str, str]:
    return {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1738886400"}


def _start(project: Path) -> subprocess.Popen:
    # Its own session, so a test can end whatever is left of it without touching pytest.
    return subprocess.Popen(
        [sys.executable, "-m", "explainer.atomic_build"],
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _run(project: Path) -> subprocess.CompletedProcess:
    process = _start(project)
    _, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stderr=stderr)


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = _run(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(built_project, tmp_path) -> tuple[Path, dict[str, str]]:
    """A copy of the built project whose page differs from its site/, so a build that completed shows."""
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy, symlinks=True)
    _edit(copy, EDITED_PAGE, "\n# ", "\nA sentence only a finished build publishes.\n\n# ")
    return copy, tree_digest(copy / "site")


def test_a_good_build_swaps_the_new_site_in(project):
    project, before = project
    result = _run(project)
    assert result.returncode == 0, result.stderr
    assert tree_digest(project / "site") != before
    assert "only a finished build" in (project / "site" / "timeline" / "index.html").read_text()
    assert not staging_dir(project / "site").exists() and not previous_dir(project / "site").exists()


LATE_FAILURE_HOOK = "def on_post_build(config):\n    raise RuntimeError('late failure')\n"


@pytest.mark.parametrize("failure", ["broken link", "missing snippet", "late exception"])
def test_a_failed_build_leaves_the_site_byte_identical(project, failure):
    project, before = project
    if failure == "broken link":  # a strict-mode warning, not an error: MkDocs would still write it
        _edit(project, EDITED_PAGE, "\n# ", "\n[Nowhere](no-such-page.md)\n\n# ")
    elif failure == "missing snippet":
        _edit(project, EDITED_PAGE, "\n# ", '\n--8<-- "no-such-snippet.md"\n\n# ')
    else:
        (project / "failing_hook.py").write_text(LATE_FAILURE_HOOK, encoding="utf-8")
        _edit(project, "mkdocs.yml", "  - hooks.py\n", "  - hooks.py\n  - failing_hook.py\n")
    result = _run(project)
    assert result.returncode != 0
    assert "left as it was" in result.stderr, result.stderr
    assert tree_digest(project / "site") == before
    assert not staging_dir(project / "site").exists()


def _kill_when(process: subprocess.Popen, project: Path, line: str, signum: int, files: int) -> None:
    """Send ``signum`` once ``line`` is logged and the staging directory holds at least ``files`` files."""
    seen = threading.Event()

    def read():
        for text in process.stderr:
            if line in text:
                seen.set()
        seen.set()  # the stream closed: the build ended before the line, so the kill below comes late

    threading.Thread(target=read, daemon=True).start()
    assert seen.wait(60), f"no {line!r} within 60 s"
    staged = staging_dir(project / "site")
    deadline = time.monotonic() + 30
    while files and time.monotonic() < deadline:
        if staged.is_dir() and sum(1 for p in staged.rglob("*") if p.is_file()) >= files:
            break
        time.sleep(0.005)
    process.send_signal(signum)


@pytest.mark.parametrize(
    ("signum", "line", "files"),
    [
        (signal.SIGTERM, "Cleaning site directory", 0),
        (signal.SIGKILL, "Building documentation", 0),
        (signal.SIGKILL, "Building documentation", 20),  # mid-way through writing pages
    ],
    ids=["TERM-at-cleaning", "KILL-at-building", "KILL-mid-way"],
)
def test_a_killed_build_leaves_the_site_byte_identical(project, signum, line, files):
    project, before = project
    process = _start(project)
    try:
        _kill_when(process, project, line, signum, files)
        status = process.wait(60)
    finally:
        # Whatever survived (nothing should: the inner build dies with the wrapper) goes now.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    # The kill landed before the swap: a finished build would report 0 and change site/.
    assert status in (-signum, 128 + signum), status
    assert tree_digest(project / "site") == before
    if signum == signal.SIGTERM:  # a catchable signal is cleaned up at once
        assert not staging_dir(project / "site").exists()
    recover(project / "site")  # what the next build does first
    assert not staging_dir(project / "site").exists()
    assert tree_digest(project / "site") == before


def _tree(root: Path, text: str) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_text(text)
    (root / "sub" / "page.html").write_text(text)
    return root


def _assert_only_the_site_is_left(site: Path, text: str) -> None:
    assert (site / "index.html").read_text() == text
    assert (site / "sub" / "page.html").read_text() == text
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


@pytest.mark.parametrize("exchange", ["renameat2", "two renames"])
def test_swap_replaces_the_site_and_drops_the_old_one(tmp_path, exchange):
    site = _tree(tmp_path / "site", "old")
    staged = _tree(staging_dir(site), "new")
    if exchange == "renameat2":
        swap_in(staged, site)
    else:
        swap_in(staged, site, exchange=lambda first, second: False)
    _assert_only_the_site_is_left(site, "new")


def test_recover_restores_a_site_left_between_two_renames(tmp_path):
    site = tmp_path / "site"
    _tree(previous_dir(site), "old")  # killed after `site -> .site-previous`, before `staging -> site`
    _tree(staging_dir(site), "new")
    recover(site)
    _assert_only_the_site_is_left(site, "old")


def test_recover_drops_a_previous_site_once_the_new_one_is_in(tmp_path):
    site = _tree(tmp_path / "site", "new")
    _tree(previous_dir(site), "old")
    recover(site)
    _assert_only_the_site_is_left(site, "new")
