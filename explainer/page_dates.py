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


def _git_dates(path: Path) -> list[str]:
    """Committer dates (ISO 8601), newest first, of the commits that touched ``path``."""
    try:
        return git("log", "--follow", "--format=%cI", "--", path.name, cwd=path.parent).split()
    except (OSError, subprocess.CalledProcessError):  # no git installed, or not a git checkout
        return []


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
