"""Nothing moves while a page loads (cumulative layout shift 0), on a desktop and on a phone, for a
new visitor and for a learner with marks: what the progress script fills in is in the page from
the build, with the space it needs."""

import json
from urllib.parse import urlparse

import pytest

from conftest import PAGE_TYPES

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


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("marks", ["new visitor", "learner with marks"])
def test_no_page_moves_while_it_loads(browser, site_url, viewport, marks):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        context.add_init_script(RECORD_SHIFTS)
        if marks == "learner with marks":
            state = {"topics": {"on-ramp": "done", "python-numpy": "in-progress", "la-vectors": "skipped"},
                     "resources": {}}
            key = "mathforml-progress:" + urlparse(site_url).path
            context.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(state))})")
        page = context.new_page()
        moved = {}
        for path in PAGE_TYPES:
            page.goto(site_url + path)
            page.evaluate(PROGRESS_SHOWN)
            shifts = page.evaluate("window.__shifts")
            if shifts:
                moved[path or "home"] = shifts
        assert not moved, f"layout shifts ({viewport}, {marks}): {moved}"
    finally:
        context.close()
