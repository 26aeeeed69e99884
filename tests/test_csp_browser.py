"""A strict content security policy in every page, hashes computed at build time: zero violations in
Chromium on every page type while search, progress, math and the map work."""

import pytest
from playwright.sync_api import expect

from conftest import read_html

PAGES = ["", "topics/series/", "topics/capstone/", "map/", "plan/", "print/", "customize/", "how-to-use/", "404.html"]
RECORD = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def test_every_page_carries_the_policy(built_site):
    for path in PAGES:
        file = built_site / (path + "index.html" if not path.endswith(".html") else path)
        meta = read_html(file).select_one('meta[http-equiv="Content-Security-Policy"]')
        assert meta and "script-src 'self' 'sha256-" in meta["content"] and "object-src 'none'" in meta["content"], path
        assert "'unsafe-inline'" not in meta["content"]


@pytest.mark.parametrize("path", PAGES)
def test_no_violation_while_everything_works(browser, site_url, path):
    context = browser.new_context()
    context.add_init_script(RECORD)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        if path.startswith("topics/"):
            page.locator("input[data-progress-topic][value='done']").check()
            expect(page.locator('[data-progress="next"]')).to_contain_text("Continue with")
            assert page.locator("article math").first.evaluate("el => getComputedStyle(el).display").endswith("math")
        if path == "map/":
            expect(page.locator(".syllabus-map__node").first).to_be_visible()
            expect(page.locator('.syllabus-map__node[data-state="ready"]').first).to_be_visible()
        if path == "plan/":
            expect(page.locator('[data-plan="all-date"] time')).to_be_visible()
        page.keyboard.press("/")
        page.keyboard.type("binomial")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()


def test_the_policy_blocks_an_injected_inline_script(browser, site_url):
    context = browser.new_context()
    context.add_init_script(RECORD)
    try:
        page = context.new_page()
        page.goto(site_url + "topics/series/")
        page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                                 document.body.appendChild(s); }""")
        assert page.evaluate("window.__ran") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    finally:
        context.close()
