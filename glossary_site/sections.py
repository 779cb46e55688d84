"""An article's later sections are laid out when a reader comes near them, not on load.

On a long entry the page's first style and layout took 55 to 77 ms (unslowed), most of it
for sections far below the first screen, and Lighthouse's simulation of a phone counts
whatever of that task falls after its estimate of the first paint as blocking time. After
the block that holds the article's second `<h2>`, each run of blocks between two headings or
code blocks is wrapped in a `<div class="lazy-section">`, which site.css gives
`content-visibility: auto`: the browser skips its style and layout while it is off screen,
and lays it out before it scrolls into view. A notebook page's blocks are its cells (its
headings are inside its Markdown cells).

What stays outside the wrappers, and why (a block that holds one stays outside too):
- headings: Material's table of contents measures where each heading is (`toc.follow`);
  inside a skipped block that would force its layout when the table of contents mounts;
- code blocks (`pre > code`): Material's content component measures each one (to let a
  reader scroll a wide one from the keyboard), which would force the layout of a skipped
  block around it. A notebook's code cells (a <pre> without <code>) are not measured.

A wrapper is contained, so it is a block of its own, and the margins of its first and last
blocks no longer merge with those around it. site.css gives it back the spacing they had:
above, it takes back the bottom margin of the heading before it (1em, as Material sets h2 and
h3), which its first block's margin used to absorb; below, its last block has no margin, as
the next heading's is larger. (A notebook's cells have no margins to give back.) It reaches
0.8rem to each side, as far as Material lets a wide table scroll, and paints 0.4rem beyond
that (`overflow-clip-margin`), so that nothing it holds is clipped, focus rings included.
Every block of the entry and of the notebook entry stays where it is without the wrappers (a
browser test compares them, on a phone and on a desktop).

Each wrapper carries an estimate of its height on a phone (`contain-intrinsic-block-size`),
so the page has about its length before the wrappers are laid out; once laid out, the
browser keeps their real height (`auto`). The estimate counts lines of text, the heights
that glossary_site/formulas.py gives display formulas, and the images' proportions.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from .project import Feature

NOTEBOOK = re.compile(r'<div class="jp-Notebook"[^>]*>')
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
BLOCKS = frozenset("p li dd dt figcaption blockquote".split())
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Text on a phone: the article's column is about 45 characters of Roboto wide, and a line is
# 1.6em high (Material's .md-typeset line-height); a block adds 1em of margin.
CHARS_PER_LINE = 45
LINE_EM = 1.6
MARGIN_EM = 1.0
SUMMARY_EM = 3.0  # a closed <details>: its summary line and padding
ROW_EM = 0.8  # a table row's or list item's padding and gap, beyond its lines of text
COLUMN_EM = 23.75  # the phone's column in em (380 px at 16 px), for an image's height
FORMULA_HEIGHT = re.compile(r"contain-intrinsic-block-size:auto ([0-9.]+)em")
WRAPPER = '<div class="lazy-section" style="contain-intrinsic-block-size:auto {:.0f}em">'


@dataclass
class Child:
    """One element at the top of the article: its tag, where it starts and ends in the
    article's HTML, and what its height is estimated from."""

    tag: str
    classes: str
    start: int
    end: int = -1
    chars: int = 0  # characters of text, outside formulas
    blocks: int = 0  # paragraphs, list items and other blocks of text
    fixed_em: float = 0.0  # the heights of display formulas and images
    rows: int = 0
    h2: int = 0  # the <h2> it is or holds
    measured: bool = False  # it is or holds a heading or a code block (`pre > code`)

    @property
    def skippable(self) -> bool:
        """Neither a heading nor a code block, nor holding one: Material measures those when
        it mounts."""
        return not (self.measured or self.tag in HEADINGS or self.tag == "pre")

    @property
    def height_em(self) -> float:
        """Its estimated height on a phone, in em of the article's text, with its margin."""
        lines = max(self.blocks, math.ceil(self.chars / CHARS_PER_LINE))
        return lines * LINE_EM + self.rows * ROW_EM + self.fixed_em + MARGIN_EM


class TopLevel(HTMLParser):
    """The article's top-level elements, from its HTML (`read`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.children: list[Child] = []
        self.in_math = 0
        self.hidden = 0  # inside a closed <details>, whose content takes no height
        self.open: list[str] = []  # the tags of the open elements, innermost last
        self.broken = False  # an end tag with no element open
        self.lines: list[int] = []

    def read(self, text: str) -> list[Child] | None:
        """The top-level children of `text`, or None if its tags do not balance."""
        self.end_of_first(text)
        if self.broken or self.open or any(child.end < 0 for child in self.children):
            return None
        return self.children

    def end_of_first(self, text: str) -> int:
        """Where the element that `text` starts with ends in it (-1: it does not end), whatever
        follows it."""
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()
        return self.children[0].end if self.children else -1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A new top-level element at the top, or what the current one's height counts."""
        values = dict(attrs)
        if not self.open:
            self.children.append(Child(tag, values.get("class") or "", self._offset()))
        if self.children:
            child = self.children[-1]
            child.h2 += tag == "h2"
            code = tag == "code" and self.open[-1:] == ["pre"]
            child.measured |= tag in HEADINGS or code
            self._measure(child, tag, values)
        if tag in VOID:
            self._closed(self._offset() + len(self.get_starttag_text() or ""))
        else:
            self.open.append(tag)

    def _measure(self, child: Child, tag: str, values: dict[str, str | None]) -> None:
        """Count what `child`'s height is estimated from, at an opening `tag`."""
        if tag == "details" and (self.hidden or "open" not in values):
            child.fixed_em += 0 if self.hidden else SUMMARY_EM
            self.hidden += 1
        self.in_math += tag == "math"
        if self.hidden:
            return
        child.blocks += tag in BLOCKS
        child.rows += tag == "tr"
        formula = FORMULA_HEIGHT.search(values.get("style") or "")
        child.fixed_em += float(formula[1]) if formula else 0
        width, height = values.get("width") or "", values.get("height") or ""
        if tag == "img" and width.isdigit() and height.isdigit() and int(width):
            child.fixed_em += COLUMN_EM * int(height) / int(width)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing tag (`<path/>` in an SVG) opens and closes at once."""
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()
            self._closed(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        """One level up; back at the top, the current element ends here."""
        if tag in VOID:
            return
        if not self.open:
            self.broken = True
            return
        self.open.pop()
        if tag == "math":
            self.in_math -= 1
        if tag == "details" and self.hidden:
            self.hidden -= 1
        self._closed(self.rawdata.index(">", self._offset()) + 1)

    def _closed(self, end: int) -> None:
        """The tag that ends at `end` ends a top-level element if the parser is back at the
        top."""
        if not self.open and self.children:
            self.children[-1].end = end

    def handle_data(self, data: str) -> None:
        """Text of the current element, unless in a formula or a closed <details>."""
        if self.open and self.children and not (self.in_math or self.hidden):
            self.children[-1].chars += len(data.strip())


def lazy_sections(article: str) -> str:
    """`article` (the HTML inside <article>, or inside a notebook's cell list) with each run
    of skippable blocks after the one with its second <h2> in a lazy-section wrapper;
    unchanged if its tags do not balance."""
    children = TopLevel().read(article)
    if children is None:
        return article
    seen = list(itertools.accumulate(child.h2 for child in children))
    if not seen or seen[-1] < 2:
        return article
    runs: list[list[Child]] = [[]]
    for child in children[next(i for i, count in enumerate(seen) if count >= 2) :]:
        if child.skippable:
            runs[-1].append(child)
        elif runs[-1]:
            runs.append([])
    parts, done = [], 0
    for run in filter(None, runs):
        height = sum(child.height_em for child in run)
        start, end = run[0].start, run[-1].end
        parts += [article[done:start], WRAPPER.format(height), article[start:end], "</div>"]
        done = end
    return "".join(parts) + article[done:]


def blocks_span(output: str) -> tuple[int, int] | None:
    """Where the blocks of a built page's article are in it: a notebook's cells, other pages'
    article content; None without an article."""
    match = ARTICLE.search(output)
    if match is None:
        return None
    start, end = match.span(1)
    notebook = NOTEBOOK.search(output, start, end)
    cells_end = TopLevel().end_of_first(output[notebook.start() : end]) if notebook else -1
    if notebook and cells_end > 0:
        return notebook.end(), notebook.start() + cells_end - len("</div>")
    return start, end


def with_lazy_sections(output: str) -> str:
    """A built page with `lazy_sections` applied to its article's blocks, if it has any."""
    span = blocks_span(output)
    if span is None:
        return output
    start, end = span
    return output[:start] + lazy_sections(output[start:end]) + output[end:]


class Sections(Feature):
    """The lazy-section wrappers in every page's article."""

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return with_lazy_sections(output)
