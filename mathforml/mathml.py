"""Math as MathML, made at build time: no script, no font download, nothing fetched when a page loads.

pymdownx.arithmatex (mode: generic) finds the TeX in the Markdown; this extension turns its output
into MathML with latex2mathml. Browsers render MathML Core natively.
"""

from __future__ import annotations

import html
import logging
import re

from latex2mathml.converter import convert
from markdown import Extension
from markdown.postprocessors import Postprocessor

log = logging.getLogger("mkdocs.mathforml.mathml")

_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])</(?P=tag)>',
    re.DOTALL,
)


def tex_to_mathml(tex, display=False):
    """TeX source -> a <math> element; raises ValueError when latex2mathml cannot read it."""
    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many unrelated types for bad input
        raise ValueError(f"cannot render the formula {tex.strip()!r}: {error}") from None


def _replace(match):
    display = match["block"] is not None
    tex = html.unescape(match["block"] if display else match["inline"])
    try:
        mathml = tex_to_mathml(tex, display)
    except ValueError as error:
        log.warning(str(error))
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
