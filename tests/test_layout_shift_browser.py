"""Nothing moves while a page loads (cumulative layout shift 0), on a desktop and on a phone, for a
new visitor and for a learner with marks: what the progress script fills in is in the page from
the build, with the space it needs."""

import functools
import http.server
import json
import threading
import time
from urllib.parse import urlparse

import pytest

from conftest import PAGE_TYPES, QuietHandler, fixture_syllabus

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# Every shift a page makes, from its first paint, kept where the test can read it.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push({value: entry.value,
      nodes: entry.sources.map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "")});
  }
}).observe({type: "layout-shift", buffered: true});
"""
# Resolves once the progress script has shown the state: its own promise, then two frames.
PROGRESS_SHOWN = """() => window.mathforml.syllabus().then(() =>
  new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))"""


def shifts_on_every_page_type(page, base_url):
    """The shifts each page type made while it loaded and the progress script showed its state."""
    moved = {}
    for path in PAGE_TYPES:
        page.goto(base_url + path)
        page.evaluate(PROGRESS_SHOWN)
        shifts = page.evaluate("window.__shifts")
        if shifts:
            moved[path or "home"] = shifts
    return moved


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("marks", ["new visitor", "learner with marks"])
def test_no_page_moves_while_it_loads(browser, site_url, viewport, marks):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        context.add_init_script(RECORD_SHIFTS)
        if marks == "learner with marks":
            first, second, third = (t.id for t in fixture_syllabus().reading_order[:3])
            state = {"topics": {first: "done", second: "in-progress", third: "skipped"}, "resources": {}}
            key = "mathforml-progress:" + urlparse(site_url).path
            context.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(state))})")
        moved = shifts_on_every_page_type(context.new_page(), site_url)
        assert not moved, f"layout shifts ({viewport}, {marks}): {moved}"
    finally:
        context.close()


# Where a slow connection can pause the HTML: before the header's repository link, inside the
# side navigation, and inside the article. A paint of half a page once moved the search box 262 px.
PAUSE_BEFORE = ['<div class="md-header__source">', '<li class="md-nav__item', '<p>']


class SlowHTMLHandler(QuietHandler):
    """Sends each page in pieces, 150 ms apart, cut before the first of each of PAUSE_BEFORE."""

    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/"):
            path += "index.html"
        if not path.endswith(".html"):
            return super().send_head()
        with open(path, "rb") as file:
            self.html = file.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.html)))
        self.end_headers()
        return None

    def do_GET(self):
        self.html = None
        file = self.send_head()
        if file:
            try:
                self.copyfile(file, self.wfile)
            finally:
                file.close()
            return
        cuts = sorted({self.html.find(mark.encode()) for mark in PAUSE_BEFORE} - {-1})
        for start, end in zip([0, *cuts], [*cuts, len(self.html)]):
            self.wfile.write(self.html[start:end])
            self.wfile.flush()
            time.sleep(0.15)


@pytest.fixture(scope="module")
def slow_site_url(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SlowHTMLHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_page_moves_when_its_html_arrives_in_pieces(browser, slow_site_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        context.add_init_script(RECORD_SHIFTS)
        moved = shifts_on_every_page_type(context.new_page(), slow_site_url)
        assert not moved, f"layout shifts ({viewport}): {moved}"
    finally:
        context.close()
