"""`make bench-hostile`: what the worst hostile inputs cost. Prints figures; asserts nothing.

Each case is one topic page (or one share link) built or opened in the same run as a normal page,
and reported as seconds and as a ratio to the normal one. A build that runs past the cap is cut off
and shown as '>cap'. Run it on an older checkout to get the figures from before a fix.
Usage: python scripts/bench_hostile.py [CAP_SECONDS]
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import ONE_TOPIC, make_project  # noqa: E402
from synthetic import synthetic_page  # noqa: E402

NORMAL = synthetic_page("a")
PAGES = {
    "heading + 400 spaces": NORMAL + "\n## Notes" + " " * 400 + "end\n",
    "1 MB formula": NORMAL + "\n$$" + "x + " * 250_000 + "$$\n",
    "100,000 unclosed <b>": NORMAL + "\n" + "<b>" * 100_000 + "\n",
    "60 KB of unclosed <b>": NORMAL + "\n" + "<b>" * 20_000 + "\n",  # just under the page budget
    "55,000 '['": NORMAL + "\n" + "[" * 55_000 + "\n",  # Python-Markdown's links are quadratic
    "13,700 '[a]('": NORMAL + "\n" + "[a](" * 13_700 + "\n",
}


def build(page, cap):
    """Seconds to build a one-topic site with `page` (None past `cap`), whether it built, and the site."""
    project = make_project(Path(tempfile.mkdtemp()), ONE_TOPIC, {"a": page})
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                                capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return None, False, project / "site"
    return time.perf_counter() - start, result.returncode == 0, project / "site"


def row(name, seconds, base, note, cap):
    shown = f">{cap:.0f}" if seconds is None else f"{seconds:.2f}"
    ratio = f">{cap / base:.0f}" if seconds is None else f"{seconds / base:.1f}"
    print(f"{name:<28} {shown:>8} s {ratio:>7}x  {note}", flush=True)


def share_link_seconds(site, cap):
    """Seconds from opening a 150,000-key share link (1.5 MB) to the plan page's answer, and the answer."""
    from playwright.sync_api import sync_playwright

    from browser_path import browser_path

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(site)))
    url = f"http://127.0.0.1:{server.server_port}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    code = base64.urlsafe_b64encode(json.dumps({"t": {}, "r": [f"{i:x}" for i in range(150_000)]},
                                               separators=(",", ":")).encode()).decode().rstrip("=")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path(), args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(url + "plan/")
            start = time.perf_counter()
            page.goto(url + "plan/#progress=" + code)
            box = page.locator('[data-progress="incoming"] .syllabus-incoming__text')
            box.filter(has_text=" ").wait_for(timeout=cap * 1000)
            seconds, text = time.perf_counter() - start, box.inner_text()
            browser.close()
            return seconds, text
    finally:
        server.shutdown()


def main():
    cap = float(sys.argv[1]) if len(sys.argv) > 1 else 120
    base, ok, site = build(NORMAL, cap)
    print(f"{'case':<28} {'time':>10} {'ratio':>8}")
    row("normal page", base, base, "built" if ok else "FAILED", cap)
    for name, page in PAGES.items():
        seconds, ok, _ = build(page, cap)
        row(name, seconds, base, f"{len(page.encode()):,} bytes, " + ("built" if ok else "refused"), cap)
    try:
        seconds, text = share_link_seconds(site, cap)
        row("share link, 150,000 keys", seconds, 1.0, f"(ratio: to 1 s) {text[:70]}", cap)
    except Exception as error:  # no browser here, or the page never answered within the cap
        print(f"{'share link, 150,000 keys':<28} not measured: {str(error).splitlines()[0][:90]}")


if __name__ == "__main__":
    main()
