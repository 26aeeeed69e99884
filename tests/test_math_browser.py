"""Formulas render in a real browser with every request off the site blocked."""

SCREENSHOTS = __import__("pathlib").Path(__file__).parent / "screenshots"


def test_formulas_render_offline(offline_page, site_url):
    page = offline_page
    page.goto(site_url + "topics/series/")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # solutions too
    formulas = page.locator("article math")
    assert formulas.count() >= 5
    for index in range(formulas.count()):
        formula = formulas.nth(index)
        # Chromium lays out MathML itself: 'math' display, a real box, and no TeX source left as text.
        assert formula.evaluate("el => getComputedStyle(el).display") in ("math", "block math", "inline math")
        box = formula.bounding_box()
        assert box and box["width"] > 5 and box["height"] > 5
        assert "\\" not in formula.text_content()
    fraction = page.locator("article .math-block mfrac").first
    numerator, denominator = (fraction.locator(":scope > *").nth(i).bounding_box() for i in (0, 1))
    assert numerator["y"] + numerator["height"] <= denominator["y"] + 1, "fraction is stacked, not inline text"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "math-offline.png"), full_page=True)
    assert page.blocked == []
