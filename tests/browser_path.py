"""Find the browsers for the browser tests: a Chromium-family one, and Firefox for the typography test.
`python tests/browser_path.py` prints Chromium's path, or exits 1 when either is missing."""

import os
import shutil
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FIREFOX_CANDIDATES = ("firefox-esr", "firefox")


def browser_path():
    explicit = os.environ.get("CHROME_PATH")
    if explicit and os.access(explicit, os.X_OK):
        return explicit
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def firefox_path():
    """Firefox, driven over WebDriver BiDi (Playwright's 'moz-firefox' channel): Debian's or Mozilla's own build."""
    explicit = os.environ.get("FIREFOX_PATH")
    if explicit and os.access(explicit, os.X_OK):
        return explicit
    return next((found for found in map(shutil.which, FIREFOX_CANDIDATES) if found), None)


if __name__ == "__main__":
    path = browser_path()
    if not path or not firefox_path():
        sys.exit(1)
    print(path)
