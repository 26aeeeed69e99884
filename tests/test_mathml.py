"""MathML made at build time looks like math: accents sit on their letter, a transpose adds no
operator spacing, operator names apply to their argument with TeX's thin space, a leading minus is
unary, norms are matched fences, long formulas break where TeX breaks them, and TeX the converter
does not know stops the build instead of printing a backslash."""

import re

import pytest

from mathforml.mathml import tex_to_mathml


def test_hat_and_tilde_are_non_stretching_accent_glyphs_that_sit_on_their_letter():
    assert '<mo stretchy="false">\u02c6</mo>' in tex_to_mathml(r"\hat{y}")
    assert '<mo stretchy="false">\u02dc</mo>' in tex_to_mathml(r"\tilde{x}")


def test_transpose_is_an_identifier_not_a_spaced_operator():
    mathml = tex_to_mathml(r"(A^\top A)^{-1}")
    assert re.search(r"<msup><mi>A</mi><mi[^>]*>\u22a4</mi></msup>", mathml)
    assert "<mo>\u22a4</mo>" not in mathml


def test_operator_names_carry_a_function_application_and_a_thin_space_before_a_bare_argument():
    softmax = tex_to_mathml(r"\operatorname{softmax}(QK^\top)V")
    assert "<mi>softmax</mi><mo>\u2061</mo><mrow><mo fence=" in softmax, "no space before a parenthesis"
    assert '<mi>tr</mi><mspace width="0.1667em" /><mo>\u2061</mo><mi>A</mi>' in tex_to_mathml(r"\operatorname{tr} A")
    # After an ordinary symbol or a closing parenthesis TeX puts a thin space before the name too.
    assert ('<mo fence="true" form="postfix" stretchy="false">)</mo></mrow><mspace width="0.1667em" /><mrow><mi>log</mi>'
            in tex_to_mathml(r"p(k)\log p(k)"))


def test_a_leading_minus_is_a_prefix_operator_and_a_binary_one_is_not():
    mathml = tex_to_mathml(r"(1, -2) - x")
    assert '<mo form="prefix" stretchy="false">\u2212</mo><mn>2</mn>' in mathml
    assert "<mo>\u2212</mo><mi>x</mi>" in mathml


def test_norm_bars_are_a_matched_pair_of_fences():
    mathml = tex_to_mathml(r"\lVert \mathbf{h} \rVert_2^2")
    assert ('<mo fence="true" form="prefix" stretchy="false">\u2016</mo><mi>\U0001d421</mi>'
            '<mo fence="true" form="postfix" stretchy="false">\u2016</mo>') in mathml


def test_arg_min_keeps_its_thin_space_and_its_subscript():
    mathml = tex_to_mathml(r"\operatorname{arg\,min}_{\mathbf{w}} L")
    assert "<msub><mi>arg\u2009min</mi>" in mathml
    assert "arg\u2009max" in tex_to_mathml(r"\operatorname*{arg\,max}_x f(x)", display=True)


@pytest.mark.parametrize("tex", [r"\bogus{x}", r"\R^n", r"\href{javascript:alert(1)}{x}"])
def test_unknown_or_untrusted_commands_are_refused(tex):
    with pytest.raises(ValueError, match="cannot render the formula"):
        tex_to_mathml(tex)


@pytest.mark.parametrize("tex, char", [(r"\boldsymbol{\mu}", "\U0001d741"), (r"\boldsymbol{\theta}", "\U0001d73d"),
                                       (r"\boldsymbol{\Sigma}", "\U0001d6ba"), (r"\boldsymbol{x}", "\U0001d499"),
                                       (r"\mathbf{0}", "\U0001d7ce"), (r"\boldsymbol{\epsilon}", "\U0001d750")])
def test_bold_symbols_are_bold_characters_because_browsers_ignore_mathvariant(tex, char):
    # TeX sets capital Greek upright, bold or not: \boldsymbol{\Sigma} is an upright bold Sigma.
    mathml = tex_to_mathml(tex)
    assert char in mathml and "mathvariant" not in mathml


def test_a_long_formula_is_split_where_tex_breaks_a_line_and_reads_as_one():
    from mathforml.mathml import _ARITHMATEX, _replace

    tex = r"f(\mathbf{x}) = f(\mathbf{a}) + \nabla f(\mathbf{a})^\top (\mathbf{x} - \mathbf{a}) + o(\lVert \mathbf{x} - \mathbf{a} \rVert_2)"
    out = _ARITHMATEX.sub(_replace, f'<p><span class="arithmatex">\\({tex}\\)</span></p>')
    assert out.count("<math ") == 4 and out.count("\u200b") == 3, "broken after '=' and each top-level '+'"
    assert f'<span class="math-pieces" data-search-exclude role="math" aria-label="{tex}">' in out
    assert out.count('aria-hidden="true"') == 4
    short = _ARITHMATEX.sub(_replace, '<p><span class="arithmatex">\\(a = b + c\\)</span></p>')
    assert short.count("<math ") == 1 and 'alttext="a = b + c"' in short


# Hostile TeX: a converter could copy \text arguments raw and turn \href, \style and \class into
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
    assert "<mtext>a\xa0&lt;\xa0b\xa0&gt;\xa0c</mtext>" in tex_to_mathml(r"\text{a < b > c}")
