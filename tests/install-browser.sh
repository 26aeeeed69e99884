#!/usr/bin/env bash
# The browser tests need Chromium, and Firefox for the typography test; Playwright's own browser download is
# not used (it needs the open internet).
set -euo pipefail
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium and firefox-esr for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr >/dev/null
else
  echo "The browser tests need Chromium or Chrome, and Firefox. Install them, or set CHROME_PATH and FIREFOX_PATH." >&2
  exit 1
fi
