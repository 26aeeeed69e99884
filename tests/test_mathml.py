"""MathML made at build time looks like math: accents sit on their letter, a transpose adds no
operator spacing, operator names are upright words without stray spaces, and TeX the converter
does not know stops the build instead of printing a backslash."""

import pytest

from mathforml.mathml import tex_to_mathml


def test_hat_is_a_non_stretching_accent_glyph():
    mathml = tex_to_mathml(r"\hat{y}")
    assert "<mo stretchy=\"false\">\u02c6</mo>" in mathml and "^" not in mathml


def test_tilde_is_an_accent():
    assert "\u02dc" in tex_to_mathml(r"\tilde{x}")


def test_transpose_is_an_identifier_not_a_spaced_operator():
    mathml = tex_to_mathml(r"(A^\top A)^{-1}")
    assert '<msup><mi>A</mi><mi mathvariant="normal">\u22a4</mi></msup>' in mathml
    assert "<mo>\u22a4</mo>" not in mathml


def test_operator_names_are_upright_words_with_a_thin_space_only_before_an_argument():
    softmax = tex_to_mathml(r"\operatorname{softmax}(QK^\top)V")
    assert "<mi>softmax</mi><mo stretchy=\"false\">(</mo>" in softmax
    trace = tex_to_mathml(r"\operatorname{tr} A")
    assert '<mi>tr</mi><mspace width="0.1667em" /><mi>A</mi>' in trace


def test_arg_min_keeps_its_thin_space_and_its_subscript():
    mathml = tex_to_mathml(r"\operatorname{arg\,min}_{\mathbf{w}} L")
    assert "<msub><mi>arg\u2009min</mi>" in mathml
    assert "<mi>a</mi><mi>r</mi>" not in mathml
    assert "arg\u2009max" in tex_to_mathml(r"\operatorname*{arg\,max}_x f(x)", display=True)


@pytest.mark.parametrize("tex", [r"\arg\min_x f", r"\bogus{x}", r"\R^n"])
def test_unknown_commands_are_refused(tex):
    with pytest.raises(ValueError, match="unknown TeX command"):
        tex_to_mathml(tex)


@pytest.mark.parametrize("tex, char", [(r"\boldsymbol{\mu}", "\U0001d741"), (r"\boldsymbol{\theta}", "\U0001d73d"),
                                       (r"\boldsymbol{\Sigma}", "\U0001d72e"), (r"\boldsymbol{x}", "\U0001d499"),
                                       (r"\mathbf{0}", "\U0001d7ce"), (r"\boldsymbol{\epsilon}", "\U0001d750")])
def test_bold_symbols_are_bold_characters_because_browsers_ignore_mathvariant(tex, char):
    mathml = tex_to_mathml(tex)
    assert char in mathml and "mathvariant" not in mathml


# Hostile TeX: latex2mathml copies \text arguments raw and turns \href, \style and \class into
# attributes. Nothing of it may reach the page as markup or as an attribute that does anything.
HOSTILE_TEX = [
    r"\text{<img src='x' onerror='alert(1)'/>}",
    r"\text{<img/src='x'/onerror=alert(1)>}",
    r"\mbox{<script>alert(1)</script>}",
    r"\hbox{<b onmouseover='alert(1)'>x</b>}",
    r"\href{javascript:alert(1)}{x}",
    r"\style{background:url(x)}{x}",
    r"\class{md-header}{x}",
    r"\text{a < b & c > d}",
]


@pytest.mark.parametrize("tex", HOSTILE_TEX)
def test_hostile_tex_renders_as_harmless_text_or_not_at_all(tex):
    import xml.etree.ElementTree as ElementTree

    from mathforml.mathml import ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, NS
    try:
        mathml = tex_to_mathml(tex)
    except ValueError:
        return  # refused: the build warns, and a strict build stops
    root = ElementTree.fromstring(mathml)
    for element in root.iter():
        assert element.tag.removeprefix(f"{{{NS}}}") in ALLOWED_ELEMENTS, element.tag
        assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
    lowered = mathml.lower()
    assert "<img" not in lowered and "<script" not in lowered and "<b " not in lowered and "javascript:" not in lowered


def test_text_arguments_are_shown_literally():
    assert "<mtext>a\xa0&lt;\xa0b\xa0&amp;\xa0c\xa0&gt;\xa0d</mtext>" in tex_to_mathml(r"\text{a < b & c > d}")
