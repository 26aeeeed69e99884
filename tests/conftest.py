"""Shared helpers: build a site from the suite's own fixture syllabi (tests/fixtures/) or a syllabus made
for one test, and read its HTML. No engine test reads the repository's syllabus.yml or docs/topics/:
those are a fork's to change (tests/test_this_site.py holds this site's own promises)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

# The property tests run their full counts in CI (.ci/run sets HYPOTHESIS_PROFILE=ci) and a tenth of
# them locally, where make test should stay quick; examples() scales each test's count.
settings.register_profile("ci", print_blob=True)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# This site's own promises (tests/test_this_site.py: its seed topics, the original resources, the
# address record) hold for this repository alone. They are collected only while mkdocs.yml's
# repo_url is this repository's; a fork changes that line in step 2 of the fork guide.
THIS_SITE_REPO = "https://github.com/mathforml/mathforml"


def repo_url():
    import re
    found = re.search(r"^repo_url:\s*(\S+)", (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return found[1] if found else ""


collect_ignore = [] if repo_url() == THIS_SITE_REPO else ["test_this_site.py"]


def pytest_report_header(config):
    if collect_ignore:
        return f"this site's own checks (tests/test_this_site.py): not run, as repo_url is {repo_url() or 'not set'}, not {THIS_SITE_REPO}"
    return f"this site's own checks (tests/test_this_site.py): run, as repo_url is {THIS_SITE_REPO}"


def examples(full):
    return full if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else max(full // 10, 10)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# One page of each type the site has, as paths under the fixture guide's address: for checks run on
# every page type. Topics: the first, one with a prerequisite in another part, and the last.
PAGE_TYPES = ["", "how-to-use/", "topics/sets/", "topics/series/", "topics/capstone/", "map/", "plan/", "print/",
              "customize/", "404.html"]
# The smallest valid syllabus.yml, for tests that break one thing in it.
ONE_TOPIC = """\
title: T
topics:
  - id: a
    title: A
    requires: []
    hours: 2
    summary: S.
"""


def syllabus_problems(text):
    """The lines of the error a broken syllabus.yml text stops with."""
    from mathforml.syllabus import SyllabusError, parse_syllabus

    with pytest.raises(SyllabusError) as caught:
        parse_syllabus(text)
    return str(caught.value).splitlines()

# Everything a build reads besides syllabus.yml and the topic pages.
SITE_SOURCES = ("mkdocs.yml", "macros.py", "hooks.py", "mathforml", "overrides")


def run_build(project, site_dir=None, site_url=None, env_extra=None):
    """`mkdocs build --strict` in `project`; returns the CompletedProcess."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    env.pop("SITE_URL", None)
    env.pop("GITHUB_ACTIONS", None)
    env.update(env_extra or {})
    if site_url:
        env["SITE_URL"] = site_url
    site_dir = site_dir or project / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def make_project(tmp_path, syllabus, topic_pages=None):
    """A copy of the site with the given syllabus.yml text; every topic gets a small page unless given."""
    project = tmp_path / "project"
    project.mkdir()
    for name in SITE_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("topics"))
    (project / "docs" / "topics").mkdir()
    (project / "syllabus.yml").write_text(textwrap.dedent(syllabus), encoding="utf-8")
    if topic_pages is None:
        import yaml
        from synthetic import synthetic_page
        topic_pages = {t["id"]: synthetic_page(t["id"]) for t in yaml.safe_load(textwrap.dedent(syllabus))["topics"]}
    for topic_id, text in topic_pages.items():
        (project / "docs" / "topics" / f"{topic_id}.md").write_text(text, encoding="utf-8")
    return project


def fixture_syllabus(name="guide"):
    """The fixture syllabus `name` (tests/fixtures/<name>/) as validated data, with its graph."""
    from mathforml.graph import SyllabusGraph
    from mathforml.syllabus import load_syllabus

    return SyllabusGraph(load_syllabus(FIXTURES / name / "syllabus.yml", FIXTURES / name))


def fixture_project(tmp_path, name="guide"):
    """A copy of the site whose syllabus.yml and docs/topics/ are the fixture `name`'s."""
    source = FIXTURES / name
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted((source / "topics").glob("*.md"))}
    return make_project(tmp_path, (source / "syllabus.yml").read_text(encoding="utf-8"), pages)


def broken_internal_links(site):
    """(how many links were followed, [(page, link) that lead nowhere]) over every page of a built site:
    files, and anchors within them."""
    from urllib.parse import urldefrag, urljoin, urlparse

    ids_cache = {}

    def ids_of(path):
        if path not in ids_cache:
            ids_cache[path] = {el["id"] for el in read_html(path).select("[id]")}
        return ids_cache[path]

    broken, checked = [], 0
    for path in sorted(site.rglob("*.html")):
        base = "file://" + path.as_posix()
        page = read_html(path)
        links = [(a, "href") for a in page.select("a[href], link[href]")] + [(s, "src") for s in page.select("[src]")]
        links += [(a, "xlink:href") for a in page.find_all("a", attrs={"xlink:href": True})]
        for el, attr in links:
            target = el[attr]
            if urlparse(target).scheme in ("http", "https", "mailto", "data", "javascript"):
                continue
            if target.startswith("/"):  # root-relative, as in 404.html
                target = "file://" + site.as_posix() + target
            url, fragment = urldefrag(urljoin(base, target))
            file = Path(urlparse(url).path)
            if file.is_dir():
                file = file / "index.html"
            checked += 1
            if not file.exists() or fragment and file.suffix == ".html" and fragment not in ids_of(file):
                broken.append((path.relative_to(site).as_posix(), target))
    return checked, broken


def raw_tex_pages(site, syllabus):
    """The topic pages of a built site that show no MathML or still show TeX."""
    bad = []
    for topic in syllabus.topics:
        html = (site / topic.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        if "<math" not in html or 'class="arithmatex"' in html or "$$" in html or "\\(" in html:
            bad.append(topic.id)
    return bad


def read_html(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The fixture guide's site, built once per session for the address it is served at on 127.0.0.1.

    Material's instant navigation only follows links under site_url, so the build must know the port.
    """
    project = fixture_project(tmp_path_factory.mktemp("guide"))
    yield from build_and_serve(project, project / "site")


def build_and_serve(project, site):
    """Build `project` for the address it is then served at on 127.0.0.1; yields (site, url)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}/"
    result = run_build(project, site, site_url=url)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(served_site):
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site):
    return served_site[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright; the suite fails, rather than skips, without one."""
    from playwright.sync_api import sync_playwright

    from browser_path import browser_path

    path = browser_path()
    assert path, "No Chromium or Chrome found: run `make test`, which installs one, or set CHROME_PATH."
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def firefox():
    """Headless Firefox over WebDriver BiDi (tests/firefox_bidi.py); like Chromium, required, never skipped."""
    from browser_path import firefox_path
    from firefox_bidi import Firefox

    path = firefox_path()
    assert path, "No Firefox found: run `make test`, which installs Debian's firefox-esr, or set FIREFOX_PATH."
    instance = Firefox(path)
    yield instance
    instance.close()


@pytest.fixture
def offline_page(browser, site_url):
    """A fresh browser profile whose every request off the local site is blocked and recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.blocked = []

    def route(route_):
        if route_.request.url.startswith(site_url):
            route_.continue_()
        else:
            page.blocked.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    yield page
    context.close()
