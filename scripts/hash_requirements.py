"""`python scripts/hash_requirements.py requirements*.txt`: add to each exact pin the sha256 of every
file PyPI serves for that version (each platform's wheels and the sdist), so `pip install
--require-hashes` installs only those files, on any machine. Run it after changing a pin.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request

PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s\\;#]+)")


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def hashes(name, version):
    request = urllib.request.Request(f"https://pypi.org/simple/{normalized(name)}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    pattern = "[-_.]".join(re.escape(part) for part in normalized(name).split("-"))
    stem = re.compile(rf"^{pattern}-{re.escape(version)}(-|\.tar|\.zip)", re.I)
    found = sorted({f["hashes"]["sha256"] for f in files if stem.match(f["filename"]) and "sha256" in f["hashes"]})
    if not found:
        raise SystemExit(f"no files for {name}=={version} on PyPI")
    return found


def rewrite(path):
    out = []
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.lstrip().startswith("--hash") or line.rstrip().endswith("\\") and "--hash" in line:
            continue
        match = PIN.match(line)
        if not match:
            out.append(line)
            continue
        pin = f"{match['name']}=={match['version']}"
        digests = hashes(match["name"], match["version"])
        out.append(pin + " \\")
        out.extend(f"    --hash=sha256:{d}" + (" \\" if i < len(digests) - 1 else "") for i, d in enumerate(digests))
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    for path in sys.argv[1:]:
        rewrite(path)
