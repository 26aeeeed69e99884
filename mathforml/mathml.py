"""Math as MathML, made at build time: no script, no font download, nothing fetched when a page loads.

pymdownx.arithmatex (mode: generic) finds the TeX in the Markdown; this extension turns its output
into MathML with latex2mathml. Browsers render MathML Core natively.
"""

from __future__ import annotations

import contextvars
import html
import logging
import re
import xml.etree.ElementTree as ElementTree

from latex2mathml.converter import convert
from markdown import Extension
from markdown.postprocessors import Postprocessor

log = logging.getLogger("mkdocs.mathforml.mathml")

# Arithmatex escapes '<' in the TeX, so a formula holds none: stopping there keeps the search linear
# (with '.*?' each unclosed opening scanned to the end of the page).
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>[^<]*?)\\\)|\\\[(?P<block>[^<]*?)\\\])</(?P=tag)>'
)
# The page being converted, (its name, its source), set by hooks.py: Markdown tells an extension
# nothing of the file, and a failure must name its page and line.
CURRENT_PAGE = contextvars.ContextVar("current_page", default=None)

# latex2mathml's time grows with the formula: the longest in docs/topics/ is about 350 characters.
MAX_FORMULA_CHARS = 5_000


NS = "http://www.w3.org/1998/Math/MathML"
# MathML Core's presentation elements and their attributes: everything else latex2mathml could emit
# (\href's href, \style's style, \class's class, markup copied from \text) is dropped or refused.
ALLOWED_ELEMENTS = frozenset("""math mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mover munder
    munderover mtable mtr mtd mstyle mpadded mphantom menclose semantics annotation merror mmultiscripts mprescripts
    none""".split())
ALLOWED_ATTRIBUTES = frozenset("""display alttext mathvariant stretchy accent accentunder movablelimits lspace rspace
    width height depth voffset linethickness columnalign rowalign columnspacing rowspacing columnlines rowlines frame
    fence separator largeop symmetric minsize maxsize form displaystyle scriptlevel notation align encoding
    bevelled""".split())
# Commands whose argument latex2mathml copies into the output as it is.
_TEXT_ARGUMENT = re.compile(r"\\(text|mbox|hbox|textrm|textit|textbf|textsf|texttt|mathrm)\s*\{([^{}]*)\}")
ElementTree.register_namespace("", NS)
_OPERATOR_NAME = re.compile(r"\\operatorname\*?\{([A-Za-z]+(?:\\[,;: ][A-Za-z]+)*)\}")
_SPACING = re.compile(r"\\[,;: ]")
THIN_SPACE = "\u2009"
# latex2mathml writes accents with ASCII glyphs that fonts draw detached, high above the letter.
_ACCENTS = {"^": "\u02c6", "~": "\u02dc"}


def _bold(char, italic):
    """The Unicode mathematical bold (italic) letter or digit for `char`, or None.

    Browsers render MathML Core, which ignores mathvariant="bold": \\boldsymbol{\\mu} would come
    out as a plain mu. The bold letters are characters of their own."""
    code = ord(char)
    if "0" <= char <= "9":
        return chr(0x1D7CE + code - ord("0"))
    latin = 0x1D468 if italic else 0x1D400
    if "A" <= char <= "Z":
        return chr(latin + code - ord("A"))
    if "a" <= char <= "z":
        return chr(latin + 26 + code - ord("a"))
    capitals, small = (0x1D71C, 0x1D736) if italic else (0x1D6A8, 0x1D6C2)
    if 0x391 <= code <= 0x3A9 and code != 0x3A2:  # Alpha to Omega (U+03A2 is unassigned; its bold slot holds Theta symbol)
        return chr(capitals + code - 0x391)
    if 0x3B1 <= code <= 0x3C9:
        return chr(small + code - 0x3B1)
    symbols = {0x3F5: 0x1A, 0x3D1: 0x1B, 0x3D5: 0x1D, 0x3D6: 0x1F}  # epsilon, theta, phi, pi variants
    if code in symbols:
        return chr(small + symbols[code])
    return None


def _shown(tex):
    """The formula as a message quotes it: in part when it is long."""
    return repr(tex if len(tex) <= 60 else tex[:57] + "...")


def tex_to_mathml(tex, display=False):
    """TeX source -> a <math> element; raises ValueError when latex2mathml cannot read it."""
    tex = tex.strip()
    if len(tex) > MAX_FORMULA_CHARS:
        raise ValueError(
            f"cannot render the formula {_shown(tex)}: it has {len(tex):,} characters, and a formula may have at "
            f"most {MAX_FORMULA_CHARS:,}. Split it into several formulas."
        )
    names = {}

    def operator_name(match):
        # latex2mathml cannot read spacing inside \operatorname{arg\,min}: give it the bare word
        # and put the thin space back in the MathML.
        word = _SPACING.sub("", match[1])
        names[word] = _SPACING.sub(THIN_SPACE, match[1])
        return "\\operatorname{" + word + "}"

    # Text arguments are written into the MathML as they are: escape them, so '<' shows as '<'.
    safe = _TEXT_ARGUMENT.sub(lambda m: f"\\{m[1]}{{{html.escape(m[2], quote=False)}}}", tex)
    try:
        mathml = convert(_OPERATOR_NAME.sub(operator_name, safe), display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many unrelated types for bad input
        raise ValueError(f"cannot render the formula {_shown(tex)}: {str(error)[:200]}") from None
    return _polish(mathml, names, tex)


def _polish(mathml, names, tex):
    """Typographic fixes on latex2mathml's output; refuses TeX it passed through unread."""
    try:
        root = ElementTree.fromstring(mathml)
    except ElementTree.ParseError:
        # latex2mathml copies \text{...} unescaped: markup there would reach the page raw.
        raise ValueError(f"cannot render the formula {_shown(tex)}: it gives malformed MathML (is there a '<' or '&' in \\text?)") from None
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        tag, text = element.tag.removeprefix(f"{{{NS}}}"), element.text or ""
        if tag not in ALLOWED_ELEMENTS:
            raise ValueError(f"cannot render the formula {_shown(tex)}: it would put <{tag}> into the page")
        for name in [n for n in element.attrib if n not in ALLOWED_ATTRIBUTES]:
            del element.attrib[name]
        if "\\" in text:
            raise ValueError(f"cannot render the formula {_shown(tex)}: unknown TeX command {text!r}")
        parent = parents.get(element)
        parent_tag = parent.tag.removeprefix(f"{{{NS}}}") if parent is not None else ""
        variant = element.get("mathvariant")
        if tag in ("mi", "mn") and variant in ("bold", "bold-italic") and len(text) == 1 and _bold(text, variant == "bold-italic"):
            element.text = _bold(text, variant == "bold-italic")
            del element.attrib["mathvariant"]
        elif tag == "mo" and parent_tag == "mover" and text in _ACCENTS:
            element.text = _ACCENTS[text]
            element.set("stretchy", "false")
        elif tag == "mo" and text == "\u22a4" and parent_tag == "msup":
            # A transpose is a symbol, not a relation: as <mo> it gets wide space on both sides.
            element.tag, element.attrib = f"{{{NS}}}mi", {"mathvariant": "normal"}
        elif tag == "mo" and len(text) > 1 and text.isalpha():
            # An operator name as <mo> gets operator spacing on both sides; TeX sets it upright
            # with a thin space only before an argument that is not a bracket.
            element.tag, element.attrib, element.text = f"{{{NS}}}mi", {}, names.get(text, text)
            holder = element if parent_tag in ("mrow", "math", "") else parent
            siblings = list(parents[holder]) if holder in parents else []
            after = siblings[siblings.index(holder) + 1] if holder in siblings and siblings.index(holder) + 1 < len(siblings) else None
            if after is not None and after.tag != f"{{{NS}}}mo":
                space = ElementTree.Element(f"{{{NS}}}mspace", {"width": "0.1667em"})
                parents[holder].insert(siblings.index(holder) + 1, space)
    return ElementTree.tostring(root, encoding="unicode")


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
    tex = html.unescape(match["block"] if display else match["inline"])
    try:
        mathml = tex_to_mathml(tex, display)
    except ValueError as error:
        log.warning(f"{_where(tex)}{error}")
        return match[0]
    # The TeX stays available to copy-paste and to screen readers that prefer it.
    mathml = mathml.replace("<math ", f'<math alttext="{html.escape(tex.strip(), quote=True)}" ', 1)
    return f'<div class="math-block">{mathml}</div>' if display else mathml


class _MathMLPostprocessor(Postprocessor):
    def run(self, text):
        return _ARITHMATEX.sub(_replace, text)


class MathMLExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(_MathMLPostprocessor(md), "mathforml_mathml", 5)


def makeExtension(**kwargs):
    return MathMLExtension(**kwargs)
