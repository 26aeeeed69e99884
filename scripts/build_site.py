"""`make build`: build the site into a scratch directory, then swap it in for site/.

site/ is always either the old complete site or the new one: builds take a lock, so two at once
run one after the other; each builds into a directory of its own; and the new site replaces the old
by exchanging the two directories in one step (renameat2 RENAME_EXCHANGE on Linux; elsewhere two
renames, which leave a moment without site/). A killed build leaves only its scratch directory,
which the next build removes.
Usage: python scripts/build_site.py [SITE_DIR]
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import sys
import tempfile
from pathlib import Path

SCRATCH_PREFIX = ".site-"


def exchange(a, b):
    """Swap two directories atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def mkdocs_build(scratch):
    """`mkdocs build --strict` into scratch, in this process: a build killed with it stops writing, where
    a child process would outlive it and fill its scratch again after the next build cleared it."""
    from mkdocs.__main__ import cli

    try:
        cli.main(["build", "--strict", "--site-dir", str(scratch)], prog_name="mkdocs")
    except SystemExit as done:  # click ends every command with it, its messages already printed
        # SystemExit's own meaning: no code is success, a number is the status, anything else a failure.
        return 0 if done.code is None else done.code if isinstance(done.code, int) else 1
    return 0


def main(site="site"):
    site = Path(site)
    parent = site.resolve().parent
    with open(parent / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in parent.glob(SCRATCH_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
        status = mkdocs_build(scratch)
        if status != 0:
            shutil.rmtree(scratch, ignore_errors=True)
            return status
        if not site.exists():
            os.rename(scratch, site)
        elif exchange(scratch, site):
            shutil.rmtree(scratch)  # now the old site
        else:
            old = scratch.with_name(scratch.name + "-old")
            os.rename(site, old)
            os.rename(scratch, site)
            shutil.rmtree(old)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
