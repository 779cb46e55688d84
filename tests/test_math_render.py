"""Formulas typeset at build time, on Markdown and notebook pages: KaTeX's MathML in the page,
drawn by the browser with the site's math font; no math script or stylesheet, precise errors
for bad TeX."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import LANGUAGES, PREFIX, ROOT
from glossary_site.formulas import (
    TYPESET,
    Renderer,
    display_height,
    markdown_cells,
    typeset,
    typeset_notebook,
)

MARKDOWN = "# Title\n\nThe rate b grows.\n\nThe rate $\\frac{a}{b$ grows.\n"


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    katex = Renderer(ROOT / "node_modules" / "katex")
    yield katex
    katex.close()


def test_inline_and_display_formulas_become_mathml(renderer: Renderer) -> None:
    page = (
        '<p>Let <span class="arithmatex">\\(a &lt; \\mathbb{E}\\)</span>.</p>\n'
        '<div class="arithmatex" tabindex="0">\\[\nx^2\n\\]</div>'
    )
    out = typeset(page, renderer, "docs/x.md", "")
    assert out == (
        '<p>Let <span class="arithmatex"><math><semantics><mrow><mi>a</mi><mo>&lt;</mo>'
        "<mi>𝔼</mi></mrow>"
        '<annotation encoding="application/x-tex">a &lt; \\mathbb{E}</annotation></semantics>'
        "</math></span>.</p>\n"
        '<div class="arithmatex" tabindex="0" style="contain-intrinsic-block-size:auto 3.151em">'
        '<math display="block"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow>'
        '<annotation encoding="application/x-tex">x^2</annotation></semantics></math></div>'
    )
    assert renderer.chars >= {"a", "𝑎", "<", "𝔼", "x", "𝑥", "2"}


def test_a_display_formula_is_as_tall_as_its_tallest_strut_plus_its_margins() -> None:
    rendered = (
        '<span class="katex-display"><span class="katex-html" aria-hidden="true">'
        '<span class="katex-base"><span class="katex-strut" style="height:0.6667em;'
        'vertical-align:-0.0833em;"></span></span><span class="katex-base">'
        '<span class="katex-strut" style="height:2.4em;vertical-align:-0.9em;"></span>'
    )
    assert display_height(rendered) == "4.840em"  # 1.1 * (2 + 2.4)
    assert display_height("<span>no strut</span>") == "3.300em"


def test_each_distinct_formula_is_rendered_once(renderer: Renderer) -> None:
    """Once per process: a rebuild of `mkdocs serve` (a new Renderer) starts no KaTeX for the
    formulas it has seen."""
    page = '<span class="arithmatex">\\(y_{\\text{once}}\\)</span>' * 3
    before = len(TYPESET)
    out = typeset(page, renderer, "docs/x.md", "")
    assert len(TYPESET) == before + 1
    assert out.count('<span class="arithmatex"><math>') == 3
    rebuild = Renderer(renderer.katex)
    assert typeset(page, rebuild, "docs/x.md", "") == out
    assert rebuild.process is None


def test_markup_inside_a_formula_is_an_error(renderer: Renderer) -> None:
    page = '<span class="arithmatex">\\(a <abbr title="t">b</abbr>\\)</span>'
    with pytest.raises(PluginError) as info:
        typeset(page, renderer, "docs/x.md", "# T\n$a b$\n")
    assert str(info.value) == (
        "docs/x.md:2: error: math: a formula holds markup or lacks its \\( \\) delimiters: "
        '"\\(a <abbr title="t">b</abbr>\\)"; write it as $...$ (inline) or $$...$$ (display) '
        "with nothing but TeX inside"
    )


def test_a_missing_katex_package_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(PluginError) as info:
        Renderer(katex=tmp_path / "node_modules" / "katex").render("x", display=False)
    assert str(info.value) == (
        f"{tmp_path}/node_modules/katex/package.json is missing: the npm packages are not "
        "installed. Run `make build` (or `npm ci`) to install them."
    )


CELL = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
NOTEBOOK = '{\n "cells": [\n  {\n   "source": [\n    "Real data follow $\\\\frac{a}{b$.\\n"\n'


def test_notebook_markdown_cells_are_typeset_and_code_and_outputs_are_kept(
    renderer: Renderer,
) -> None:
    page = (
        f"<p>$kept$</p>{CELL}\n<p>Cost $a &lt; b$ and \\$5, <code>$x$</code>.</p>"
        '<div class="note">$$\nx^2\n$$</div>\n</div>\n'
        '<div class="jp-OutputArea"><pre>$ out $</pre></div>'
    )
    out = typeset_notebook(page, renderer, "docs/demos/x.ipynb", "")
    assert out.startswith(f"<p>$kept$</p>{CELL}\n<p>Cost <math>")
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in out
    assert "and \\$5, <code>$x$</code>.</p>" in out
    assert '<div class="note"><math display="block">' in out
    assert out.endswith('</div>\n</div>\n<div class="jp-OutputArea"><pre>$ out $</pre></div>')


def test_a_markdown_cell_ends_at_its_own_closing_div() -> None:
    page = f"{CELL}<div>a</div><p>b</p></div></div>{CELL}c</div>"
    assert [page[start:end] for start, end in markdown_cells(page)] == [
        "<div>a</div><p>b</p>",
        "c",
    ]


@pytest.mark.parametrize(
    ("typesetter", "page", "source", "text"),
    [
        (
            typeset,
            '<p>The rate <span class="arithmatex">\\(\\frac{a}{b\\)</span> grows.</p>',
            "docs/glossary/x.md:5",
            MARKDOWN,
        ),
        (
            typeset_notebook,
            f"{CELL}<p>Real data follow $\\frac{{a}}{{b$.</p></div>",
            "docs/demos/x.de.ipynb:5",
            NOTEBOOK,
        ),
    ],
    ids=["markdown", "notebook"],
)
def test_a_formula_katex_cannot_render_names_file_line_and_fix(
    renderer: Renderer, typesetter: Callable[..., str], page: str, source: str, text: str
) -> None:
    with pytest.raises(PluginError) as info:
        typesetter(page, renderer, source.split(":")[0], text)
    assert str(info.value) == (
        f'{source}: error: math: KaTeX cannot render "\\frac{{a}}{{b": KaTeX parse error: '
        "Unexpected end of input in a macro argument, expected '}' at end of input: "
        "\\frac{a}{b; fix the TeX (KaTeX supports the functions listed at "
        "katex.org/docs/supported)"
    )


def test_markup_inside_a_notebook_formula_is_an_error(renderer: Renderer) -> None:
    page = f"{CELL}<p>$a <em>b</em> c$</p></div>"
    with pytest.raises(PluginError) as info:
        typeset_notebook(page, renderer, "docs/demos/x.ipynb", "")
    assert str(info.value) == (
        'docs/demos/x.ipynb:1: error: math: a formula holds markup: "$a <em>b</em> c$"; '
        "write it as $...$ (inline) or $$...$$ (display) with nothing but TeX inside"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["glossary/model-collapse", "demos/model-collapse"])
def test_pages_arrive_typeset_without_a_math_script(site: Path, lang: str, page: str) -> None:
    text = (site / PREFIX[lang] / page / "index.html").read_text()
    starts = re.findall(r'class="arithmatex"[^>]*>(<math\b)?', text)
    assert "<math>" in text and all(starts), "a formula left for the browser to render"
    cells = "".join(text[start:end] for start, end in markdown_cells(text))
    assert not re.search(r"(?<!\\)\$", re.sub(r"<(pre|code|annotation)\b.*?</\1>", "", cells))
    assert 'class="katex' not in text and 'mathvariant="script"' not in text
    font = "../" * (page.count("/") + 1 + bool(PREFIX[lang])) + "assets/fonts/stix-two-math.woff2"
    assert f'<link rel="preload" href="{font}" as="font" type="font/woff2" crossorigin>' in text
    assert f'src:url("{font}") format("woff2")' in text
    assert "katex" not in re.sub(r"<annotation\b.*?</annotation>", "", text, flags=re.DOTALL)
    assert "math.js" not in text and "auto-render" not in text


def test_the_search_index_keeps_the_tex_source(site: Path) -> None:
    index = (site / "search/search_index.json").read_text()
    assert "\\\\(n+1\\\\)" in index and "katex" not in index
