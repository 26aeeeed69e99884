"""Math as MathML, made at build time: no script, no font download, nothing fetched when a page loads.

pymdownx.arithmatex (mode: generic) finds the TeX in the Markdown; this extension turns its output
into MathML with Temml (mathforml/vendor/), a converter written for MathML Core: operator names
carry a function application and their thin space, a leading minus is a prefix operator, fences
and relations are spaced as TeX spaces them. Temml is JavaScript, run in an embedded V8 engine
(the mini-racer wheel), so the build stays Python-only. Its output then passes an allow-list of
MathML Core elements and attributes: nothing else reaches a page.

A formula wide enough to overflow a phone is split at its top-level relations and binary
operators, Temml's "tex" wrapping, into several <math> elements a line may break between.
"""

from __future__ import annotations

import contextvars
import functools
import html
import logging
import re
import threading
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor

log = logging.getLogger("mkdocs.mathforml.mathml")

TEMML_VERSION = "0.13.5"
TEMML = Path(__file__).parent / "vendor" / f"temml-{TEMML_VERSION}.min.js"

# The page being converted, (its name, its source), set by hooks.py: Markdown tells an extension
# nothing of the file, and a failure must name its page and line.
CURRENT_PAGE = contextvars.ContextVar("current_page", default=None)

# Arithmatex escapes '<' in the TeX, so a formula holds none: stopping there keeps the search linear
# (with '.*?' each unclosed opening scanned to the end of the page).
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>[^<]*?)\\\)|\\\[(?P<block>[^<]*?)\\\])</(?P=tag)>'
)
# The converter's time grows with the formula: the longest in docs/topics/ is about 350 characters.
MAX_FORMULA_CHARS = 5_000

NS = "http://www.w3.org/1998/Math/MathML"
# MathML Core's presentation elements and their attributes: anything else Temml could emit (\href's
# href, inline styles the site's content security policy would block anyway) is dropped or refused.
ALLOWED_ELEMENTS = frozenset("""math mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mover munder
    munderover mtable mtr mtd mstyle mpadded mphantom menclose semantics annotation merror mmultiscripts mprescripts
    none""".split())
ALLOWED_ATTRIBUTES = frozenset("""display alttext mathvariant stretchy accent accentunder movablelimits lspace rspace
    width height depth voffset linethickness columnalign rowalign columnspacing rowspacing columnlines rowlines frame
    fence separator largeop symmetric minsize maxsize form displaystyle scriptlevel notation align encoding
    bevelled class""".split())
# Temml's own classes, which docs/stylesheets/extra.css styles where the site uses them; no other.
_TEMML_CLASS = re.compile(r"(?:tml-[a-z0-9-]+|mathcal|mathscr|menclose)")
ElementTree.register_namespace("", NS)

# A formula of fewer characters of TeX fits any phone; longer ones are split where TeX would break.
WRAP_AFTER_CHARS = 24

_engine = threading.local()


def _temml():
    """One V8 context per thread, with Temml loaded: its load takes a tenth of a second, a formula about a millisecond."""
    context = getattr(_engine, "context", None)
    if context is None:
        from py_mini_racer import MiniRacer

        context = MiniRacer()
        context.eval(TEMML.read_text(encoding="utf-8"))
        _engine.context = context
    return context


def _shown(tex):
    """The formula as a message quotes it: in part when it is long."""
    return repr(tex if len(tex) <= 60 else tex[:57] + "...")


@functools.lru_cache(maxsize=20_000)  # the same short formulas ('x', 'n') recur on every page
def _render(tex, display, wrap):
    from py_mini_racer import JSEvalException

    options = {"displayMode": display, "annotate": False, "throwOnError": True, "trust": False, "xml": True,
               "wrap": "tex" if wrap else "none"}
    try:
        return _temml().call("temml.renderToString", tex, options)
    except JSEvalException as error:
        # The first line says what is wrong ("ParseError: Unsupported function name: \bogus at position 1").
        reason = str(error).split("\n")[0].split("ParseError:")[-1].strip()
        raise ValueError(f"cannot render the formula {_shown(tex)}: {reason[:200]}") from None


def _checked(mathml, tex):
    """The <math> element of Temml's output, with only allowed elements and attributes."""
    try:
        root = ElementTree.fromstring(mathml)
    except ElementTree.ParseError:
        raise ValueError(f"cannot render the formula {_shown(tex)}: it gives malformed MathML") from None
    for element in root.iter():
        tag = element.tag.removeprefix(f"{{{NS}}}")
        if tag not in ALLOWED_ELEMENTS:
            raise ValueError(f"cannot render the formula {_shown(tex)}: it would put <{tag}> into the page")
        for name in [n for n in element.attrib if n not in ALLOWED_ATTRIBUTES]:
            del element.attrib[name]
        if "class" in element.attrib:
            kept = [c for c in element.attrib["class"].split() if _TEMML_CLASS.fullmatch(c)]
            element.attrib["class"] = " ".join(kept)
            if not kept:
                del element.attrib["class"]
    for parent in root.iter():
        children = list(parent)
        for index in range(len(children) - 1):
            if (children[index].tag == f"{{{NS}}}mo" and children[index].text == _FUNCTION_APPLICATION
                    and children[index + 1].tag == f"{{{NS}}}mspace"):
                # Name, space, then the function application: Firefox spaces an operator name itself
                # unless a space comes first, and doubled Temml's thin space written after the U+2061.
                parent.remove(children[index + 1])
                parent.insert(index, children[index + 1])
    _space_operator_names(root)
    for parent in root.iter(f"{{{NS}}}mover"):
        accent = list(parent)[1:2]
        if accent and accent[0].tag == f"{{{NS}}}mo" and accent[0].text in _ACCENTS:
            # ASCII '~' and '^' are drawn high above the letter, detached; the spacing modifiers sit on it.
            accent[0].text = _ACCENTS[accent[0].text]
    return root


_FUNCTION_APPLICATION = "\u2061"
_ACCENTS = {"~": "\u02dc", "^": "\u02c6"}


def _is_operator_name(element):
    """Temml's group for \\log, \\det, \\operatorname...: a name, then U+2061 (a thin space may come between)."""
    children = list(element)
    return (element.tag == f"{{{NS}}}mrow" and len(children) >= 2
            and any(c.tag == f"{{{NS}}}mo" and c.text == _FUNCTION_APPLICATION for c in children[1:3]))


def _opens_or_operates(element):
    """Whether TeX puts no thin space before an operator name after `element`: an opening fence, or a
    binary operator or relation, whose own spacing MathML already sets."""
    if element.tag != f"{{{NS}}}mo":
        return False
    return element.get("form") == "prefix" or (element.get("form") != "postfix" and element.get("fence") != "true")


def _space_operator_names(root):
    """A thin space before an operator name that follows an ordinary symbol or a closing fence, as
    TeX sets 'p(k) log p(k)': MathML gives an <mi> no space of its own, and Temml adds none there."""
    for parent in root.iter():
        children = list(parent)
        for index in range(len(children) - 1, 0, -1):
            if _is_operator_name(children[index]) and not _opens_or_operates(children[index - 1]):
                parent.insert(index, ElementTree.Element(f"{{{NS}}}mspace", {"width": "0.1667em"}))


def _within_budget(tex):
    if len(tex) > MAX_FORMULA_CHARS:
        raise ValueError(
            f"cannot render the formula {_shown(tex)}: it has {len(tex):,} characters, and a formula may have at "
            f"most {MAX_FORMULA_CHARS:,}. Split it into several formulas."
        )


def tex_to_mathml(tex, display=False):
    """TeX source -> one <math> element as text; raises ValueError when Temml cannot read it."""
    tex = tex.strip()
    _within_budget(tex)
    return ElementTree.tostring(_single(tex, display), encoding="unicode")


def _pieces(tex, display):
    """The formula as <math> elements a line may break between: its top-level pieces, each ending in a
    relation or binary operator, when the formula is long enough to need it; else one element.
    One rendering for most formulas: only a long display formula that does not split takes two."""
    _within_budget(tex)
    if len(tex) <= WRAP_AFTER_CHARS:
        return [_single(tex, display)]
    # Temml splits only inline formulas: a display one is split as an inline one in display style.
    root = _checked(_render("\\displaystyle " + tex if display else tex, False, wrap=True), tex)
    children = list(root)
    pieces = []
    for child in children:
        operand = any(e.tag not in (f"{{{NS}}}mo", f"{{{NS}}}mspace", f"{{{NS}}}mrow") for e in child.iter())
        if pieces and (not operand or not _ends_in_a_break(pieces[-1])):
            # A bare space (\\quad) or sign (', ') stays with what it follows, and a line breaks only after
            # a relation or a binary operator, as TeX breaks one: never between an operator name and its argument.
            pieces[-1].append(child)
            continue
        piece = ElementTree.Element(f"{{{NS}}}math")
        if display:
            # Inline-level, so that pieces share a line while it has room, but set in display style.
            piece.set("displaystyle", "true")
        piece.append(child)
        pieces.append(piece)
    if len(pieces) > 1:
        return pieces
    return [_single(tex, display)] if display else [root]


def _single(tex, display):
    root = _checked(_render(tex, display, wrap=False), tex)
    if display:
        root.set("display", "block")
    return root


def _scrolling(mathml):
    """A formula or piece that may not fit a phone, in a box that scrolls (Firefox does not scroll a <math>)."""
    return f'<span class="math-scroll">{mathml}</span>'


def _ends_in_a_break(piece):
    """Whether the last symbol of `piece` is a relation or binary operator, after which TeX may break."""
    leaves = [e for e in piece.iter() if e.tag != f"{{{NS}}}mspace" and (e.text or "").strip()]
    last = leaves[-1] if leaves else None
    return (last is not None and last.tag == f"{{{NS}}}mo" and last.text != _FUNCTION_APPLICATION
            and last.get("fence") != "true" and last.get("form") != "prefix" and last.get("separator") != "true")


def _where(tex):
    """'docs/page.md:line: ' of a formula, as far as it is known."""
    page = CURRENT_PAGE.get()
    if page is None:
        return ""
    name, source = page
    index = source.find(tex.strip()[:40])
    return f"{name}:{source.count(chr(10), 0, index) + 1}: " if index >= 0 else f"{name}: "


def _replace(match):
    display = match["block"] is not None
    tex = html.unescape(match["block"] if display else match["inline"]).strip()
    try:
        pieces = _pieces(tex, display)
    except ValueError as error:
        log.warning(f"{_where(tex)}{error}")
        return match[0]
    label = html.escape(tex, quote=True)
    # Search indexes the words around a formula, not its MathML flattened into a string of symbols.
    exclude = "data-search-exclude "
    if len(pieces) == 1:
        # The TeX stays available to copy-paste and to screen readers that prefer it.
        pieces[0].set("alttext", tex)
        mathml = ElementTree.tostring(pieces[0], encoding="unicode").replace("<math ", f"<math {exclude}", 1)
        if not display:
            return _scrolling(mathml) if len(tex) > WRAP_AFTER_CHARS else mathml
        # A long formula that cannot break (a matrix, one long product) may scroll in its box on a phone:
        # then keyboard users must be able to reach it.
        focus = ' tabindex="0"' if len(tex) > WRAP_AFTER_CHARS else ""
        return f'<div class="math-block"{focus}>{mathml}</div>'
    # Several <math> pieces read as one formula: the wrapper is what assistive technology announces.
    # Chromium breaks a line between two <math> elements only at a character: a zero-width space.
    joined = "\u200b".join(_scrolling(ElementTree.tostring(p, encoding="unicode").replace("<math ", '<math aria-hidden="true" ', 1))
                           for p in pieces)
    if display:
        return f'<div class="math-block math-pieces" {exclude}role="math" aria-label="{label}">{joined}</div>'
    return f'<span class="math-pieces" {exclude}role="math" aria-label="{label}">{joined}</span>'


class _MathMLPostprocessor(Postprocessor):
    def run(self, text):
        return _ARITHMATEX.sub(_replace, text)


class MathMLExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(_MathMLPostprocessor(md), "mathforml_mathml", 5)


def makeExtension(**kwargs):
    return MathMLExtension(**kwargs)
