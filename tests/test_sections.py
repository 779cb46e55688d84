"""An article's later sections in lazy-section wrappers (glossary_site/sections.py): which
blocks, with what height estimate, and the articles left as they are."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from conftest import LANGUAGES, PREFIX
from glossary_site.sections import TopLevel, blocks_span, lazy_sections, with_lazy_sections

FORMULA = (
    '<div class="arithmatex" style="contain-intrinsic-block-size:auto 4.7em">'
    "<math><mi>x</mi></math></div>"
)
DETAILS = "<details><summary>More</summary><p>hidden text</p></details>"
TEXT = "x" * 90  # two lines of a phone's column


def wrapper(height: str, content: str) -> str:
    style = f"contain-intrinsic-block-size:auto {height}"
    return f'<div class="lazy-section" style="{style}">{content}</div>'


def test_blocks_after_the_second_section_heading_are_wrapped_between_headings_and_code() -> None:
    """Headings and code blocks stay outside; each run of other blocks gets a wrapper with
    its height on a phone: 2 lines of text and a 2-item list (4.2em each, margins included),
    a display formula (4.7em + 1em), a closed <details> (its summary, 3em + 1em)."""
    head = '<h1>T</h1>\n<p>Intro.</p>\n<h2 id="a">A</h2>\n<p>First.</p>\n<h2 id="b">B</h2>\n'
    listed = "<ul><li>one</li><li>two</li></ul>"
    article = (
        f"{head}<p>{TEXT}</p>\n{listed}\n<pre><code>code</code></pre>\n{FORMULA}\n"
        f'<h3 id="c">C</h3>\n{DETAILS}\n'
    )
    first_run = f"<p>{TEXT}</p>\n{listed}"
    assert lazy_sections(article) == (
        f"{head}{wrapper('8em', first_run)}\n"
        f"<pre><code>code</code></pre>\n{wrapper('6em', FORMULA)}\n"
        f'<h3 id="c">C</h3>\n{wrapper("4em", DETAILS)}\n'
    )


def test_an_image_counts_with_its_proportions_at_a_phones_width() -> None:
    """800 x 400 in a column of 23.75em: 11.875em, and 1em of margin."""
    figure = '<figure><img src="a.svg" width="800" height="400" alt="A"></figure>'
    article = f"<h2>A</h2><p>a</p><h2>B</h2>{figure}"
    assert lazy_sections(article) == f"<h2>A</h2><p>a</p><h2>B</h2>{wrapper('13em', figure)}"


@pytest.mark.parametrize(
    "article",
    [
        "<h2>A</h2><p>Only one section.</p>",
        # one block holds both headings: nothing follows it, and it stays as it is
        "<div><h2>A</h2><p>a</p><h2>B</h2><p>b</p></div>",
        # tags that do not balance: the article is left as it is
        "<h2>A</h2><p>a</p><h2>B</h2><div><p>b</p>",
    ],
    ids=["one section", "one block", "unbalanced"],
)
def test_articles_without_a_block_after_their_second_section_stay_as_they_are(
    article: str,
) -> None:
    assert lazy_sections(article) == article


def test_a_block_that_holds_a_heading_or_a_code_block_stays_as_it_is() -> None:
    """Material measures headings and `pre > code` when it mounts, wherever they are; a
    <pre> without <code> (a notebook's code cell) is not measured."""
    held = [
        '<div class="admonition"><h3>H</h3><p>a</p></div>',
        "<details><summary>Cite</summary><pre><span></span><code>@misc{}</code></pre></details>",
    ]
    cell = '<div class="jp-Cell"><pre><span class="n">x</span></pre></div>'
    article = f"<h2>A</h2><p>a</p><h2>B</h2>{held[0]}{held[1]}{cell}"
    assert lazy_sections(article) == (
        f"<h2>A</h2><p>a</p><h2>B</h2>{held[0]}{held[1]}{wrapper('3em', cell)}"
    )


def test_a_notebooks_cells_are_wrapped_after_its_second_heading() -> None:
    """A notebook's headings are inside its Markdown cells: the cells are the blocks."""
    heading = '<div class="jp-Cell jp-MarkdownCell"><h2 id="{0}">{0}</h2><p>{0}</p></div>'
    code = '<div class="jp-Cell jp-CodeCell"><pre>print(1)</pre></div>'
    cells = heading.format("a") + code + heading.format("b") + code + code
    page = (
        '<article class="md-content__inner md-typeset"><div class="notebook-actions"></div>'
        f'<div class="jupyter-wrapper"><div class="jp-Notebook" data-x="1">{cells}</div></div>'
        "</article>"
    )
    wrapped = heading.format("a") + code + heading.format("b") + wrapper("5em", code + code)
    assert with_lazy_sections(page) == page.replace(cells, wrapped)


def test_only_the_article_of_a_page_is_changed() -> None:
    page = (
        "<nav><h2>N</h2><p>n</p><h2>M</h2><p>m</p></nav>"
        '<article class="md-content__inner md-typeset"><h2>A</h2><p>a</p><h2>B</h2><p>b</p>'
        "</article>"
    )
    assert with_lazy_sections(page) == page.replace("<p>b</p>", wrapper("3em", "<p>b</p>"))
    assert with_lazy_sections("<p>x</p>") == "<p>x</p>"


@pytest.mark.parametrize("path", ["glossary/model-collapse/", "demos/model-collapse/"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_entries_skip_their_later_sections_but_no_heading_or_code(
    site: Path, lang: str, path: str
) -> None:
    """The longest entry and the notebook entry: the first section stays as it is, the
    blocks (or cells) of the later ones are in wrappers, and no heading or code block is
    inside one."""
    html = (site / PREFIX[lang].lstrip("/") / path / "index.html").read_text()
    start, end = blocks_span(html) or (0, 0)
    article = html[start:end]
    children = TopLevel().read(article)
    tags = [child.tag if "lazy-section" not in child.classes else "wrapper" for child in children]
    second_h2 = [i for i, n in enumerate(itertools.accumulate(c.h2 for c in children)) if n > 1]
    assert tags.index("wrapper") > second_h2[0]
    assert tags.count("wrapper") >= 6
    for child in children:
        if "lazy-section" in child.classes:
            content = article[child.start : child.end]
            inner = TopLevel().read(content[content.index(">") + 1 : -len("</div>")])
            assert [block.tag for block in inner if not block.skippable] == []
