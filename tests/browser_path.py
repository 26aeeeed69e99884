"""Find a Chromium-family browser for the browser tests; print its path, or exit 1."""

import os
import shutil
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser_path():
    explicit = os.environ.get("CHROME_PATH")
    if explicit and os.access(explicit, os.X_OK):
        return explicit
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


if __name__ == "__main__":
    path = browser_path()
    if not path:
        sys.exit(1)
    print(path)
