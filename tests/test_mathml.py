"""KaTeX's MathML made ready for the browser (styled letters, TeX's spacing, the characters
drawn) and the math font cut to those characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from mkdocs.exceptions import PluginError

from conftest import ROOT
from glossary_site import mathfont
from glossary_site.mathml import glyphs, italic, polish, styled

MATHML = '<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">{}</math></span>'


def test_styled_letters_become_unicode_mathematical_alphanumerics() -> None:
    assert styled("double-struck", "ERx1") == "𝔼ℝ𝕩𝟙"
    assert styled("script", "NLZ") == "𝒩ℒ𝒵"
    assert styled("bold", "1v") == "𝟏𝐯"
    assert styled("fraktur", "gR") == "𝔤ℜ"
    assert styled("script", "1") is None  # no script digits: the token is left as it is
    assert styled("tetradic", "x") is None
    assert italic("h") == "ℎ" and italic("x") == "𝑥" and italic("σ") == "𝜎" and italic("Ω") == "𝛺"
    assert italic("1") is None


def test_polish_maps_variants_and_keeps_what_it_cannot_map() -> None:
    out = polish(
        MATHML.format(
            '<mrow><mi mathvariant="script">N</mi><mn mathvariant="bold">1</mn>'
            '<mi mathvariant="normal">Ω</mi><mi mathvariant="script">1</mi></mrow>'
        )
    )
    assert out == (
        '<math><mrow><mi>𝒩</mi><mn>𝟏</mn><mi mathvariant="normal">Ω</mi>'
        '<mi mathvariant="script">1</mi></mrow></math>'
    )


def test_polish_spaces_function_names_as_tex_does() -> None:
    # \log p: a thin space; \log(x): none; \log\left(x\right): a thin space (an inner atom).
    out = polish(
        MATHML.format(
            "<mrow><mi>log</mi><mo>\u2061</mo><mi>p</mi><mi>log</mi><mo>\u2061</mo>"
            '<mo stretchy="false">(</mo><mi>log</mi><mo>\u2061</mo><mo fence="true">(</mo>'
            "</mrow>"
        )
    )
    assert out.count('<mo rspace="0.1667em">\u2061</mo>') == 2
    assert '<mo>\u2061</mo><mo stretchy="false">(</mo>' in out
    # \arg\min_c \|x\|: the space follows the scripted name, and the bars are tight.
    out = polish(
        MATHML.format(
            "<mrow><msub><mrow><mi>min</mi><mo>\u2061</mo></mrow><mi>c</mi></msub>"
            '<mo stretchy="false">∥</mo><mi>x</mi><mo stretchy="false">∥</mo></mrow>'
        )
    )
    assert out == (
        "<math><mrow><msub><mrow><mi>min</mi><mo>\u2061</mo></mrow><mi>c</mi></msub>"
        '<mspace width="0.1667em" /><mo stretchy="false" lspace="0" rspace="0">∥</mo><mi>x</mi>'
        '<mo stretchy="false" lspace="0" rspace="0">∥</mo></mrow></math>'
    )


def test_operators_in_scripts_are_set_tight_and_the_base_keeps_its_spacing() -> None:
    out = polish(
        MATHML.format(
            "<mrow><munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>d</mi>"
            "</munderover><mo>=</mo></mrow>"
        )
    )
    assert out == (
        '<math><mrow><munderover><mo>∑</mo><mrow><mi>j</mi><mo lspace="0" rspace="0">=</mo>'
        "<mn>1</mn></mrow><mi>d</mi></munderover><mo>=</mo></mrow></math>"
    )


def test_glyphs_are_the_drawn_characters_with_lone_letters_in_italic() -> None:
    markup = polish(
        MATHML.format(
            '<semantics><mrow><msqrt><mi>x</mi></msqrt><mi mathvariant="normal">d</mi><mi>ab</mi>'
            '<mi mathvariant="double-struck">E</mi></mrow><annotation encoding="application/'
            'x-tex">\\sqrt{x}\\mathrm{d}ab</annotation></semantics>'
        )
    )
    assert glyphs(markup) == {"x", "𝑥", "√", "d", "a", "b", "𝔼"}


def test_the_font_is_cut_to_the_characters_with_their_math_variants(tmp_path: Path) -> None:
    source = ROOT / "node_modules" / mathfont.SOURCE
    data = mathfont.cut(source, {"x", "𝑥", "√", "("})
    path = tmp_path / "cut.woff2"
    path.write_bytes(data)
    font = TTFont(path)
    assert data[:4] == b"wOF2"
    cmap = set(font.getBestCmap())
    assert {ord("x"), ord("𝑥"), ord("√"), ord("(")} <= cmap and len(cmap) < 8  # ")" mirrors "("
    assert "MATH" in font
    # The radical's and the bracket's taller forms stay, so \sqrt{\frac{a}{b}} still fits.
    variants = font["MATH"].table.MathVariants.VertGlyphCoverage.glyphs
    assert {"radical", "parenleft"} <= set(variants)
    assert len(font.getGlyphOrder()) > 10
    assert "Copyright" in font["name"].getDebugName(0)
    assert len(data) < 10_000


def test_a_cut_is_cached_by_its_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    node_modules = ROOT / "node_modules"
    first = mathfont.cached_cut(node_modules, {"x"}, tmp_path)
    monkeypatch.setattr(mathfont, "cut", lambda *_: pytest.fail("cut again"))
    assert mathfont.cached_cut(node_modules, {"x"}, tmp_path) == first
    assert [p.suffix for p in tmp_path.iterdir()] == [".woff2"]


def test_a_missing_font_package_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(PluginError) as info:
        mathfont.cached_cut(tmp_path / "node_modules", {"x"}, tmp_path / "cache")
    assert str(info.value) == (
        f"{tmp_path}/node_modules/@fontsource/stix-two-math/package.json is missing: the npm "
        "packages are not installed. Run `make build` (or `npm ci`) to install them."
    )


def test_the_site_font_draws_every_character_of_every_formula(site: Path) -> None:
    """The cut is made from all languages' formulas, and its license is published beside it."""
    font = TTFont(site / mathfont.FONT)
    drawn = set(font.getBestCmap())
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    needed = set().union(*(glyphs(text) for text in pages if "<math" in text))
    assert len(needed) > 100
    assert {chr(c) for c in {ord(ch) for ch in needed} - drawn} == set()
    assert "SIL Open Font License" in (site / mathfont.LICENSE).read_text(encoding="utf-8")
    assert not (site / "assets/vendor/katex").exists()
    assert all(not re.search(r"mathvariant=\"(script|double-struck|bold)\"", t) for t in pages)
