"""What is wider than it should be on a page, measured in the browser: elements of the article that
run past its right edge (a formula's own scroll box counts as one element), and the page's width."""

WIDE = """() => {
  const article = document.querySelector('article');
  const right = article.getBoundingClientRect().right;
  // Inside a box that scrolls, or inside a formula, an element may be wider: the box is what counts.
  const boxed = e => e.parentElement && e.parentElement.closest('.math-block, .math-scroll, .md-typeset__scrollwrap, pre, .syllabus-map__scroll, math');
  const wide = [...article.querySelectorAll('*')]
    .filter(e => !boxed(e))
    // Inline code pads its box past the end of its line by its padding, about a quarter em: not overflow.
    .filter(e => e.getBoundingClientRect().right > right + 6);
  return {page: document.documentElement.scrollWidth, wide: wide.slice(0, 5).map(e =>
    (e.getAttribute('alttext') || e.getAttribute('aria-label') || e.tagName).slice(0, 60))};
}"""
