"""Light and dark: a first visit gets the browser's scheme before its content is parsed, and the switch in the
header works and is kept (without Material's rule that restyled every element, see hooks.py)."""

import pytest
from playwright.sync_api import expect

# The body's scheme when the page's content is parsed (the header, with the scheme options, comes first).
WATCH = """
window.parsing = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes)
      if (node.classList && node.classList.contains("md-container"))
        parsing.push(document.body.getAttribute("data-md-color-scheme"));
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


@pytest.mark.parametrize("scheme, palette", [("dark", "slate"), ("light", "default")])
@pytest.mark.parametrize("path", ["", "topics/series/", "404.html"])
def test_a_first_visit_is_in_the_browsers_scheme_before_its_content_is_parsed(browser, site_url, scheme, palette, path):
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(WATCH)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == palette
        # Set while the header is parsed, before the content exists: no paint of it in the other scheme.
        assert page.evaluate("parsing") == [palette]
    finally:
        context.close()


def test_the_scheme_switch_works_and_is_kept(browser, site_url):
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site_url)
        background = "() => getComputedStyle(document.body).backgroundColor"
        light = page.evaluate(background)
        page.locator('label[for="__palette_1"]').click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        assert page.evaluate(background) != light
        page.reload()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.goto(site_url + "map/")  # and on every page: the choice is the site's
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    finally:
        context.close()
