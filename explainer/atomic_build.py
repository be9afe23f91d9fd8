"""Build the site into a staging directory and swap it in only when the whole build succeeded.

A bare ``mkdocs build`` cleans ``site_dir`` before it writes a page, so a strict-mode warning, an
exception in a hook, a snippet error or a kill leaves ``site/`` empty or half-written. Here the
inner ``mkdocs build --strict`` writes to ``.site-staging/`` beside ``site/``, and ``site/`` changes
only by one atomic swap (Linux ``renameat2(RENAME_EXCHANGE)``), or where that is missing by two
renames whose leftover the next run puts right. A failed or interrupted build leaves the previous
``site/`` complete and byte-identical.

CLI (what ``make build`` and the Pages workflow run)::

    python -m explainer.atomic_build [--site-dir site] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import fcntl
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from explainer.git import git

log = logging.getLogger("mkdocs.plugins.explainer.atomic_build")

# 7 Feb 2025, the summit: the sitemap's dates when there is no git history to date the build by.
FALLBACK_SOURCE_DATE_EPOCH = "1738886400"
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1


def source_date_epoch(root: Path) -> str:
    """The build's timestamp for reproducible output: the environment's, else the last commit's."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        stamp = git("log", "-1", "--format=%ct", cwd=root).strip()
        if stamp:
            return stamp
    return FALLBACK_SOURCE_DATE_EPOCH


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-staging")


def previous_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-previous")


def recover(site_dir: Path) -> None:
    """Put right what an interrupted earlier run left: a half-done swap, a stale staging directory."""
    previous = previous_dir(site_dir)
    if previous.exists():
        if site_dir.exists():
            # The fallback swap finished its second rename; only the clean-up was missed.
            shutil.rmtree(previous)
        else:
            # Killed between the two renames of the fallback swap: the last good site comes back.
            log.warning("Restoring %s from %s left by an interrupted build", site_dir, previous)
            previous.rename(site_dir)
    shutil.rmtree(staging_dir(site_dir), ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one step; False where the C library or file system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: this kernel or file system cannot exchange
        return False
    raise OSError(errno, os.strerror(errno), str(first))


def swap_in(staged: Path, site_dir: Path, exchange=_exchange) -> None:
    """Make ``staged`` the new ``site_dir``; the old site is removed only after the swap."""
    if not site_dir.exists():
        staged.rename(site_dir)
        return
    if exchange(staged, site_dir):
        shutil.rmtree(staged)  # now holds the old site
        return
    previous = previous_dir(site_dir)
    site_dir.rename(previous)
    # A kill here leaves no site_dir but a complete previous one: recover() renames it back.
    staged.rename(site_dir)
    shutil.rmtree(previous)


def _die_with_parent() -> None:
    # Runs in the child before exec: a SIGKILL of the wrapper also ends the inner build (Linux only).
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def build(site_dir: Path, config_file: Path) -> int:
    """Run ``mkdocs build --strict`` into staging and swap on success; returns the exit status."""
    site_dir = site_dir.resolve()
    root = config_file.resolve().parent
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = site_dir.with_name(f".{site_dir.name}.lock")
    with lock_path.open("w") as lock:
        # Two builds at once would share the staging directory: the second waits.
        fcntl.flock(lock, fcntl.LOCK_EX)
        recover(site_dir)
        staged = staging_dir(site_dir)
        env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root)}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
        command += ["--config-file", str(config_file), "--site-dir", str(staged)]
        child = subprocess.Popen(command, cwd=root, env=env, preexec_fn=_die_with_parent)

        interrupted: list[int] = []

        def stop(signum, _frame):
            # Pass the signal on; the wait below returns once the inner build has ended.
            interrupted.append(signum)
            child.send_signal(signum)

        previous_handlers = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            status = child.wait()
        finally:
            for sig, handler in previous_handlers.items():
                signal.signal(sig, handler)
        if interrupted or status != 0:
            shutil.rmtree(staged, ignore_errors=True)
            reason = f"interrupted (signal {interrupted[0]})" if interrupted else f"failed (exit {status})"
            log.error("Build %s: %s left as it was; run `make build` again", reason, site_dir)
            return 128 + interrupted[0] if interrupted else (status if status > 0 else 128 - status)
        swap_in(staged, site_dir)
        log.info("Site swapped into %s", site_dir)
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m explainer.atomic_build", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (site)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="(mkdocs.yml)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
