"""Material's stylesheets are purged of rules nothing on the site can match (hooks.py,
mathforml/unused_css.py). In Chromium, no selector the purge dropped matches any element of any page
type, as loaded, with the drawer open or with search results showing; and the elements of a page
compute exactly the styles they have with Material's whole stylesheets, in light and in dark.
One rule is dropped on purpose: `[data-md-color-switching] *` (see hooks.py)."""

import functools
import importlib.util
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from conftest import PAGE_TYPES, ROOT, read_html
from mathforml.unused_css import selectors

MATERIAL_CSS = Path(material.__file__).parent / "templates/assets/stylesheets"
LOOKS = {
    "light desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 800}},
    "dark phone": {"color_scheme": "dark", "viewport": {"width": 390, "height": 844}},
}

# The selectors that match an element of the page, once stripped of their pseudo-classes and
# pseudo-elements (:hover, :not(...), ::before), which querySelector cannot always ask about. A
# stripped selector matches more, never less, and keeps every word the purge required.
MATCHING = r"""(dropped) => dropped.map((selector) => {
  let element = selector;
  while (/:[-\w]+\([^()]*\)/.test(element)) element = element.replace(/:[-\w]+\([^()]*\)/g, "");
  element = element.replace(/::?[-\w]+(?![-\w(])/g, "").replace(/(^|[\s>+~])(?=$|[\s>+~])/g, "$1*") || "*";
  try { return document.querySelector(element) === null ? null : selector; } catch (e) { return "unreadable: " + selector; }
}).filter(Boolean)"""


@functools.cache
def restyling_selectors():
    """The selectors hooks.py drops on purpose, though they can match."""
    spec = importlib.util.spec_from_file_location("hooks", ROOT / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    return hooks.RESTYLING_SELECTORS


def dropped_selectors(built_site):
    """The selectors the purge dropped because nothing can match them."""
    dropped, on_purpose = [], set(restyling_selectors())
    for purged in sorted(built_site.glob("assets/stylesheets/*.min.css")):
        whole = (MATERIAL_CSS / purged.name).read_text(encoding="utf-8")
        dropped += sorted(selectors(whole) - selectors(purged.read_text(encoding="utf-8")) - on_purpose)
    return dropped


def open_drawer(page):
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("document.getElementById('__drawer').checked")


def search(page):
    page.keyboard.press("/")
    page.keyboard.type("series")  # in titles too: results with a marked h1
    page.locator(".md-search-result__item").first.wait_for()


@pytest.mark.parametrize("look", LOOKS)
def test_no_dropped_selector_matches_anything_on_any_page(browser, built_site, site_url, look):
    dropped = dropped_selectors(built_site)
    assert len(dropped) > 500  # the purge does drop rules: the check below is not empty
    context = browser.new_context(**LOOKS[look])
    try:
        page = context.new_page()
        matched = {}
        for path in PAGE_TYPES:
            page.goto(site_url + path)
            page.evaluate("() => window.mathforml.syllabus().then(() => null)")
            if found := page.evaluate(MATCHING, dropped):
                matched[path or "home"] = found
        page.goto(site_url + "topics/series/")
        for name, action in (("drawer open", open_drawer), ("search results", search)):
            if look == "dark phone" or name == "search results":
                action(page)
                if found := page.evaluate(MATCHING, dropped):
                    matched[name] = found
                page.reload()
        assert not matched, f"dropped selectors that match ({look}): {matched}"
    finally:
        context.close()


# One hash of the whole computed style of each element and its ::before and ::after, in document order.
STYLES = """() => {
  const hash = (text) => { let h = 2166136261; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; };
  const out = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of ["", "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo || null);
      let text = "content:none";  // a pseudo-element that is not drawn: nothing else about it matters
      if (!pseudo || style.content !== "none") {
        // Sorted: custom properties come in an order that depends on the stylesheet, not the style.
        text = Array.from(style).sort().map((name) => name + ":" + style.getPropertyValue(name)).join(";");
      }
      // Material writes "<" in some icon strings as the escape "\\3c ", which the purge writes as "<":
      // the same string, which custom properties show as written.
      text = text.replaceAll("\\\\3c ", "<");
      out.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") + pseudo + " " + hash(text));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("look", LOOKS)
def test_home_page_computes_the_same_styles_as_with_materials_whole_stylesheets(browser, built_site, site_url, look):
    styles = []
    for whole in (False, True):
        context = browser.new_context(**LOOKS[look], reduced_motion="reduce")
        try:
            if whole:
                context.route("**/assets/stylesheets/*.min.css", lambda route: route.fulfill(
                    path=MATERIAL_CSS / Path(route.request.url.split("?")[0]).name, content_type="text/css"))
            page = context.new_page()
            page.goto(site_url)
            page.evaluate("() => window.mathforml.syllabus().then(() => null)")
            styles.append(page.evaluate(STYLES))
        finally:
            context.close()
    purged, whole = styles
    # Every element the page was built with (three entries each) and more: the whole page was compared.
    assert len(purged) == len(whole) >= 3 * len(read_html(built_site / "index.html").find_all(True)) > 750
    assert [a for a, b in zip(purged, whole) if a != b] == []


def test_the_purge_drops_rules_and_their_source_maps(built_site):
    for css in ("main", "palette"):
        [purged] = built_site.glob(f"assets/stylesheets/{css}.*.min.css")
        whole = (MATERIAL_CSS / purged.name).read_text(encoding="utf-8")
        assert len(purged.read_text(encoding="utf-8")) < 0.8 * len(whole)
        if css == "main":  # no page has a <kbd>, and no script writes one
            assert ".md-typeset kbd{" in whole and "kbd{" not in purged.read_text(encoding="utf-8")
    assert not list(built_site.glob("assets/stylesheets/*.map"))  # they mapped the whole stylesheets


def test_the_selectors_dropped_on_purpose_are_materials_and_gone(built_site):
    whole, purged = set(), set()
    for path in built_site.glob("assets/stylesheets/*.min.css"):
        whole |= selectors((MATERIAL_CSS / path.name).read_text(encoding="utf-8"))
        purged |= selectors(path.read_text(encoding="utf-8"))
    # Named as Material writes them: after an upgrade that renames one, this fails, not the speed.
    assert set(restyling_selectors()) <= whole - purged


INLINE = {"a", "abbr", "b", "br", "code", "em", "i", "img", "input", "kbd", "label", "mark", "small", "span",
          "strong", "sub", "sup", "svg", "math"}  # <math> without display="block" is inline (MathML Core)


def test_no_table_cell_holds_a_block_whose_margins_materials_dropped_rule_would_zero(built_site):
    blocks = set()
    for html in built_site.rglob("*.html"):
        for cell in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("table:not([class]) :is(td, th)"):
            children = cell.find_all(True, recursive=False)
            blocks |= {(str(html.relative_to(built_site)), child.name) for child in children[:1] + children[-1:] if child.name not in INLINE}
    assert not blocks
