"""Formulas typeset at build time: KaTeX's output in the page, precise errors for bad TeX."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import LANGUAGES, build_site, copy_project
from math_render import Renderer, typeset

PREFIX = {"en": "", "de": "de/", "es": "es/"}
MARKDOWN = "# Title\n\nThe rate b grows.\n\nThe rate $\\frac{a}{b$ grows.\n"


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    katex = Renderer()
    yield katex
    katex.close()


def test_inline_and_display_formulas_become_katex_html_and_mathml(renderer: Renderer) -> None:
    page = (
        '<p>Let <span class="arithmatex">\\(a &lt; b\\)</span>.</p>\n'
        '<div class="arithmatex" tabindex="0">\\[\nx^2\n\\]</div>'
    )
    out = typeset(page, renderer, "docs/x.md", "")
    inline, display = re.findall(r'<(span|div) class="arithmatex"[^>]*><span class="katex', out)
    assert (inline, display) == ("span", "div")
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in out
    assert '<span class="katex-display">' in out.split("<div", 1)[1]
    assert '<div class="arithmatex" tabindex="0">' in out
    assert "\\(" not in out and "\\[" not in out


def test_each_distinct_formula_is_rendered_once(renderer: Renderer) -> None:
    page = '<span class="arithmatex">\\(y_1\\)</span>' * 3
    before = len(renderer.cache)
    out = typeset(page, renderer, "docs/x.md", "")
    assert len(renderer.cache) == before + 1
    assert out.count('<span class="katex">') == 3


def test_a_formula_katex_cannot_render_names_file_line_and_fix(renderer: Renderer) -> None:
    page = '<p>The rate <span class="arithmatex">\\(\\frac{a}{b\\)</span> grows.</p>'
    with pytest.raises(PluginError) as info:
        typeset(page, renderer, "docs/glossary/x.md", MARKDOWN)
    assert str(info.value) == (
        'docs/glossary/x.md:5: error: math: KaTeX cannot render "\\frac{a}{b": KaTeX parse '
        "error: Unexpected end of input in a macro argument, expected '}' at end of input: "
        "\\frac{a}{b; fix the TeX (KaTeX supports the functions listed at "
        "katex.org/docs/supported)"
    )


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markdown_pages_arrive_typeset_without_a_math_script(site: Path, lang: str) -> None:
    page = (site / PREFIX[lang] / "glossary/model-collapse/index.html").read_text()
    starts = re.findall(r'class="arithmatex"[^>]*>(<span class="katex(?:-display)?">)?', page)
    assert starts and all(starts), "a formula left for the browser to render"
    assert "katex.min.css" in page
    assert "katex.min.js" not in page and "math.js" not in page
    notebook = (site / PREFIX[lang] / "demos/model-collapse/index.html").read_text()
    assert "katex.min.js" in notebook and "auto-render.min.js" in notebook


def test_the_search_index_keeps_the_tex_source(site: Path) -> None:
    index = (site / "search/search_index.json").read_text()
    assert "\\\\(n+1\\\\)" in index and "katex" not in index


def test_a_build_with_a_broken_formula_fails_with_its_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs/glossary/model-collapse.de.md"
    page.write_text(page.read_text().replace("$(1-p)^M$", "$(1-p)^{M$", 1))
    result = build_site(project, project / "site", NOTEBOOK_EXECUTE="false")
    assert result.returncode == 1
    assert (
        'docs/glossary/model-collapse.de.md:30: error: math: KaTeX cannot render "(1-p)^{M": '
        "KaTeX parse error: Expected '}', got 'EOF' at end of input: (1-p)^{M; fix the TeX"
        in result.log
    )
    assert "Traceback" not in result.log
