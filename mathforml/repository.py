"""Where a fork publishes: its GitHub Pages address follows from its repository address."""

from __future__ import annotations

import re

_GITHUB = re.compile(r"^https://github\.com/(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$")


def github_pages_url(repo_url):
    """https://github.com/owner/repo -> https://owner.github.io/repo/ (a user site owner.github.io has no path)."""
    match = _GITHUB.match(repo_url or "")
    if not match:
        return None
    owner, repo = match["owner"], match["repo"]
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if repo.lower() == host else f"https://{host}/{repo}/"
