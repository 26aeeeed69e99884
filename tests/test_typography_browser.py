"""Formulas set as a good textbook sets them, measured in Chromium and Firefox on the fixture typography page
(tests/fixtures/typography/typography.md): the gaps that matter against TeX's own spacing, which
MathJax and Temml apply: a thin space (3/18 em) between an operator name and its argument, a
medium one (4/18 em) on each side of a binary operator, a thick one (5/18 em) around a relation,
none after a unary minus, and the same gap on both sides inside a norm or an absolute value."""

import pytest

from conftest import FIXTURES, ONE_TOPIC, make_project, run_build

THIN, MEDIUM, THICK = 3 / 18, 4 / 18, 5 / 18
# Glyph boxes include side bearings, which differ between fonts by a few hundredths of an em.
TOLERANCE = 0.06

# Each leaf's glyphs measured as text, not as its element's box: Firefox puts an operator's own
# spacing inside its box, Chromium outside.
GAP = """([tex, first, second]) => {
  const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
  const math = [...document.querySelectorAll('article math')].find(m => m.getAttribute('alttext') === tex);
  const em = parseFloat(getComputedStyle(math).fontSize);
  const leaves = [...math.querySelectorAll('mi, mn, mo, mtext')].filter(e => e.textContent.trim() && e.textContent !== '\\u2061');
  const a = leaves.filter(e => e.textContent === first)[0], b = leaves.filter(e => e.textContent === second).pop();
  return (text(b).left - text(a).right) / em;
}"""
SIDES = """(tex) => {
  const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
  const math = [...document.querySelectorAll('article math')].find(m => m.getAttribute('alttext') === tex);
  const em = parseFloat(getComputedStyle(math).fontSize);
  const leaves = [...math.querySelectorAll('mi, mn, mo')].filter(e => e.textContent.trim());
  const [open, inner, close] = [leaves[0], leaves[1], leaves[2]].map(text);
  return [(inner.left - open.right) / em, (close.left - inner.right) / em];
}"""


@pytest.fixture(scope="module")
def typography_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("typography"), ONE_TOPIC)
    (project / "docs" / "typography.md").write_text((FIXTURES / "typography" / "typography.md").read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Map: map.md\n", "  - Map: map.md\n  - Typography: typography.md\n"),
                      encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site" / "typography" / "index.html"


@pytest.fixture(scope="module", params=["chromium", "firefox"])
def typography(request, typography_site):
    """Something with evaluate(function, argument) on the typography page, in each browser."""
    if request.param == "firefox":
        firefox = request.getfixturevalue("firefox")
        firefox.open(typography_site.as_uri(), 1280, 900)
        yield firefox
        return
    page = request.getfixturevalue("browser").new_page(viewport={"width": 1280, "height": 900})
    page.goto(typography_site.as_uri())
    yield page
    page.close()


# An operator's own spacing, from the leaves on either side: half of what is left of the gap
# between them once the operator's glyph is taken away (Firefox reports no position for an
# operator's glyph that excludes its spacing, only its width).
AROUND = """([tex, op]) => {
  const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
  const math = [...document.querySelectorAll('article math')].find(m => m.getAttribute('alttext') === tex);
  const em = parseFloat(getComputedStyle(math).fontSize);
  const leaves = [...math.querySelectorAll('mi, mn, mo')].filter(e => e.textContent.trim());
  const at = leaves.findIndex(e => e.textContent === op);
  const [before, sign, after] = [leaves[at - 1], leaves[at], leaves[at + 1]].map(text);
  return ((after.left - before.right) - sign.width) / 2 / em;
}"""


@pytest.mark.parametrize("tex, op, expected", [("a - b", "\u2212", MEDIUM), ("a = b", "=", THICK), (r"x \le y", "\u2264", THICK)])
def test_a_binary_operator_or_relation_is_spaced_as_tex_spaces_it(typography, tex, op, expected):
    space = typography.evaluate(AROUND, [tex, op])
    assert abs(space - expected) <= TOLERANCE, f"{tex}: {space:.3f} em each side of {op}, TeX sets {expected:.3f} em"


@pytest.mark.parametrize("tex, first, second, expected", [
    (r"\log x", "log", "x", THIN),
    (r"\det A", "det", "A", THIN),
    (r"\operatorname{tr} A", "tr", "A", THIN),
    (r"p(k)\log p(k)", ")", "log", THIN),  # TeX: a closing fence, then an operator name
    (r"\exp(x)", "exp", "(", 0),  # and none before an opening one
    ("(1, -2)", "\u2212", "2", 0),  # a unary minus
    ("-x", "\u2212", "x", 0),
])
def test_the_gaps_that_matter_are_texs(typography, tex, first, second, expected):
    gap = typography.evaluate(GAP, [tex, first, second])
    assert abs(gap - expected) <= TOLERANCE, f"{tex}: {first} to {second} is {gap:.3f} em, TeX sets {expected:.3f} em"


@pytest.mark.parametrize("tex", [r"\lVert \mathbf{h} \rVert_2^2", r"\|\mathbf{x}\|", r"\lvert \lambda \rvert", r"|\lambda|"])
def test_a_norm_or_absolute_value_has_the_same_gap_on_both_sides(typography, tex):
    left, right = typography.evaluate(SIDES, tex)
    assert abs(left - right) <= TOLERANCE / 2, f"{tex}: {left:.3f} em inside the left bar, {right:.3f} em inside the right"


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_nothing_on_the_typography_page_is_wider_than_a_screen(request, typography_site, width):
    from overflow import WIDE

    for name in ("browser", "firefox"):
        engine = request.getfixturevalue(name)
        if name == "firefox":
            engine.open(typography_site.as_uri(), width, 800)
            found = engine.evaluate(WIDE)
        else:
            page = engine.new_page(viewport={"width": width, "height": 800})
            page.goto(typography_site.as_uri())
            found = page.evaluate(WIDE)
            page.close()
        assert found["page"] <= width and not found["wide"], f"{name} at {width} px: {found}"


def test_a_formula_too_wide_for_a_phone_breaks_and_one_that_cannot_scrolls_in_its_box(browser, typography_site):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(typography_site.as_uri())
    pieces = page.locator("article span.math-pieces[aria-label^='f(']")
    tops = {round(box["y"]) for box in (m.bounding_box() for m in pieces.locator("math").all())}
    assert len(tops) >= 2, "the long inline formula is set on two lines or more"
    box = page.locator("article .math-scroll:has(math[alttext^='\\\\frac{1}{2\\\\pi}'])")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto'")
    page.close()


BASELINES = """() => {
  const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
  const plain = [...document.querySelectorAll('article math')].find(m => m.getAttribute('alttext') === 'x');
  const boxed = document.querySelector("article .math-pieces[aria-label^='x + x'] .math-scroll mi");
  return [text(plain.querySelector('mi')).bottom, text(boxed).bottom];
}"""


def test_a_formula_in_a_scrolling_box_sits_on_the_line_as_a_plain_one_does(typography):
    # 'vertical-align' is a shorthand that resets 'baseline-source': the box then sat a descent too high.
    plain, boxed = typography.evaluate(BASELINES)
    assert abs(plain - boxed) <= 0.5, f"the same 'x' ends at {plain:.1f} px plain and {boxed:.1f} px in its box"
