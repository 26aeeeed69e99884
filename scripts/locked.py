"""`python scripts/locked.py LOCKFILE COMMAND...`: run COMMAND while holding an exclusive lock.

`make serve` and `make test` started at once on a fresh clone would both create .venv; the second
waits for the first instead. The lock goes with the process, so a killed run never leaves it behind.
"""

import fcntl
import subprocess
import sys

with open(sys.argv[1], "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    sys.exit(subprocess.call(sys.argv[2:]))
