"""`make screenshots`: the learner's pages of this site (home, a topic page, the plan, the print page,
and the print page as printed), and the map and a topic page of this site and of synthetic syllabi
of 9 topics (no parts), 40 and 100 (with parts), on desktop and on a 390 px phone, in light and
dark, with a few topics marked done, one in progress and one skipped.

Writes PNGs to screenshots/ (not committed): the learner's pages as learner-*, the others named by
syllabus, with, for each map, its width against the content column's, so picture and figure can be
checked together.
Usage: python scripts/screenshots.py [OUTPUT_DIR]
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_path import browser_path  # noqa: E402
from synthetic import synthetic_page, synthetic_syllabus_yaml  # noqa: E402

SITE_SOURCES = ("mkdocs.yml", "macros.py", "hooks.py", "mathforml", "overrides")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def synthetic_project(directory, n, parts):
    import yaml

    for name in SITE_SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, directory / name)
    shutil.copytree(ROOT / "docs", directory / "docs", ignore=shutil.ignore_patterns("topics"))
    (directory / "docs" / "topics").mkdir()
    text = synthetic_syllabus_yaml(n, random.Random(n), parts=parts)
    (directory / "syllabus.yml").write_text(text, encoding="utf-8")
    for topic in yaml.safe_load(text)["topics"]:
        (directory / "docs" / "topics" / f"{topic['id']}.md").write_text(synthetic_page(topic["id"]), encoding="utf-8")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_and_serve(project, site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0", SITE_URL=url)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=project, env=env, check=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url


def shoot(browser, url, site, label, out):
    data = json.loads((site / "syllabus.json").read_text(encoding="utf-8"))
    order = [t["id"] for t in data["topics"]]
    done = order[: max(2, len(order) // 8)]
    deepest = max(data["topics"], key=lambda t: len(t["requires"]) * 1000 + t["step"])
    for viewport, size in VIEWPORTS.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=size, color_scheme=scheme)
            page = context.new_page()
            page.goto(url)
            key = "mathforml-progress:" + urlparse(url).path
            page.evaluate("([k, d]) => localStorage.setItem(k, JSON.stringify({topics: Object.fromEntries(d.map(i => [i, 'done'])), resources: {}}))", [key, done])
            page.goto(url + "map/")
            page.wait_for_selector('.syllabus-map__node[data-state="ready"]')
            figures = page.evaluate("""() => { const s = document.querySelector('.syllabus-map svg');
                return [s.getBoundingClientRect().width, document.querySelector('.md-content__inner').clientWidth,
                        Math.min(...[...s.querySelectorAll('text, tspan')].map(t => parseFloat(getComputedStyle(t).fontSize)))]; }""")
            name = f"{label}-map-{viewport}-{scheme}.png"
            page.screenshot(path=str(out / name), full_page=viewport == "phone" or len(order) <= 9)
            print(f"{name:<36} map {figures[0]:.0f} px in a {figures[1]} px column, smallest text {figures[2]:g} px")
            page.goto(url + deepest["url"])
            page.locator('[data-syllabus="path"] summary').click()
            name = f"{label}-topic-{viewport}-{scheme}.png"
            page.screenshot(path=str(out / name), full_page=True)
            print(f"{name:<36} {deepest['id']}, path of {len(page.locator('[data-syllabus=path] .syllabus-map__node').all())} topics")
            context.close()


LEARNER_PAGES = {"home": "", "topic": "topics/la-svd/", "plan": "plan/", "print": "print/"}


def shoot_learner_pages(browser, url, site, out):
    order = [t["id"] for t in json.loads((site / "syllabus.json").read_text(encoding="utf-8"))["topics"]]
    marks = {**{i: "done" for i in order[:4]}, order[4]: "skipped", order[5]: "in-progress"}
    key = "mathforml-progress:" + urlparse(url).path
    for viewport, size in VIEWPORTS.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=size, color_scheme=scheme)
            page = context.new_page()
            page.goto(url)
            page.evaluate("([k, m]) => localStorage.setItem(k, JSON.stringify({topics: m, resources: {}, hoursPerWeek: 6}))",
                          [key, marks])
            for name, path in LEARNER_PAGES.items():
                page.goto(url + path)
                # the progress script has shown the marks: its own promise, then two frames
                page.evaluate("() => window.mathforml.syllabus().then(() => new Promise(done =>"
                              " requestAnimationFrame(() => requestAnimationFrame(done))))")
                shot = f"learner-{name}-{viewport}-{scheme}.png"
                page.screenshot(path=str(out / shot), full_page=name != "print")
                print(f"{shot:<36} {page.title()}")
            context.close()
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(url + LEARNER_PAGES["print"])
    page.emulate_media(media="print")
    page.screenshot(path=str(out / "learner-print-as-printed.png"), full_page=True)
    page.pdf(path=str(out / "learner-print.pdf"))
    print(f"{'learner-print-as-printed.png':<36} and learner-print.pdf, the print stylesheet applied")
    context.close()


def main(out):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shots-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        url = build_and_serve(ROOT, Path(tmp) / "site")
        shoot_learner_pages(browser, url, Path(tmp) / "site", out)
        shoot(browser, url, Path(tmp) / "site", "site", out)
        for n, parts in ((9, 0), (40, 8), (100, 10)):
            project = Path(tmp) / f"project-{n}"
            project.mkdir()
            synthetic_project(project, n, parts)
            url = build_and_serve(project, project / "site")
            shoot(browser, url, project / "site", str(n), out)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
