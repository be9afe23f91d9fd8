"""When each page was first published and last changed, from git history.

One source for the page footer's "Last updated", the JSON-LD dates, the citations and print. Outside
a git checkout (a copied project, a source tarball) and for uncommitted pages the dates fall back
to SOURCE_DATE_EPOCH (which `make` and the tests set), so a build stays byte-reproducible.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from explainer.git import git

log = logging.getLogger("mkdocs.plugins.explainer.page_dates")


@dataclass(frozen=True)
class PageDates:
    published: datetime
    modified: datetime


@functools.cache
def _toplevel(directory: Path) -> Path | None:
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=directory).strip())
    except (OSError, subprocess.CalledProcessError):  # no git installed, or not a git checkout
        return None


@functools.cache
def _history(toplevel: Path) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """Every commit of the checkout, newest first: (committer date, changes), a change being
    (status, path) or, for a rename, (status, old path, new path), paths from the top level.

    One `git log` for the whole tree: one `git log --follow` a page cost ~20 ms each, most of a
    warm build's time in this module.
    """
    try:
        # -z: paths unquoted whatever their characters; \x01 starts each commit.
        out = git("log", "-z", "-M", "--name-status", "--format=%x01%cI", cwd=toplevel)
    except (OSError, subprocess.CalledProcessError):
        return ()
    commits = []
    for record in out.split("\x01")[1:]:
        date, _, rest = record.partition("\0")
        tokens = rest.lstrip("\n").split("\0")
        changes, i = [], 0
        while i < len(tokens) and tokens[i]:
            width = 3 if tokens[i][0] in "RC" else 2
            changes.append(tuple(tokens[i : i + width]))
            i += width
        commits.append((date, tuple(changes)))
    return tuple(commits)


def _git_dates(path: Path) -> list[str]:
    """Committer dates (ISO 8601), newest first, of the commits that touched ``path``, following
    renames as `git log --follow` does."""
    # Resolved first: a page reached through a symlink is dated by the checkout that holds it.
    path = path.resolve()
    toplevel = _toplevel(path.parent)
    if toplevel is None:
        return []
    name = path.relative_to(toplevel.resolve()).as_posix()
    dates = []
    for date, changes in _history(toplevel):
        for status, *paths in changes:
            if paths[-1] == name:
                dates.append(date)
                if status[0] == "R":  # older commits knew the page by its old name
                    name = paths[0]
                break
    return dates


def _fallback_date(path: Path) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        # A bare `mkdocs serve` on a new page: the file's own time beats a made-up date.
        log.info("%s: no git history and no SOURCE_DATE_EPOCH; dated from the file's mtime", path)
        return datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
    return datetime.fromtimestamp(int(epoch), tz=UTC)


@functools.cache
def page_dates(path: Path) -> PageDates:
    """First and last commit dates of ``path``; SOURCE_DATE_EPOCH for a file git does not know."""
    dates = _git_dates(path)
    if not dates:
        fallback = _fallback_date(path)
        return PageDates(published=fallback, modified=fallback)
    return PageDates(published=datetime.fromisoformat(dates[-1]), modified=datetime.fromisoformat(dates[0]))
