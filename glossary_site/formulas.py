"""Render the formulas of Markdown pages and notebooks with KaTeX when the site is built.

pymdownx.arithmatex (generic mode) leaves `<span class="arithmatex">\\(...\\)</span>` and
`<div class="arithmatex">\\[...\\]</div>` in the page. This part of the build replaces their
content with KaTeX's MathML, which the browser draws itself (MathML Core), made ready for it by
glossary_site/mathml.py: a reader's browser runs no math script and loads one small font (cut
to the formulas' characters by glossary_site/mathfont.py) and no math stylesheet. Screen readers
read the same MathML. The search index keeps the TeX source (the search plugin reads the
content before on_post_page). KaTeX runs in one Node.js process per build, from the
exact-pinned npm package; each formula is rendered once.

A display formula's block carries its height (`contain-intrinsic-block-size`, from the struts
of KaTeX's HTML rendering, which is measured and then dropped), so site.css can let the browser
skip laying out the formulas a reader has not scrolled to (`content-visibility: auto`) without
the page changing length when they appear.

Notebook pages get the same treatment: mkdocs-jupyter leaves the `$...$` and `$$...$$` of
Markdown cells as text in `jp-RenderedMarkdown` blocks, and `typeset_notebook` replaces them
there, never in code or in cell outputs. No page loads a math script.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import mathfont
from .languages import i18n_plugin
from .mathml import glyphs, polish
from .project import Feature, Project, into_head
from .vendor import require_npm

# KaTeX's struts: each base of a formula has one, as tall as the base's height plus depth.
STRUT = re.compile(r'<span class="katex-strut" style="height:(?P<em>[0-9.]+)em')
MATH_SCALE = 1.1  # site.css: .md-typeset math {font-size: 1.1em}
DISPLAY_MARGINS = 2.0  # site.css: .md-typeset math[display="block"] {margin-block: 1em}
FORMULA = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex"[^>]*>)(?P<tex>.*?)</(?P=tag)>', re.DOTALL
)
DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
# The rendered Markdown of a notebook cell, and the <div> tags that tell where it ends.
NOTEBOOK_MARKDOWN = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
DIV_TAG = re.compile(r"<div\b|</div>")
# Code is kept as it is; an unescaped $$...$$ is display math, $...$ inline math.
DOLLARS = re.compile(
    r"(?P<code><(?P<element>pre|code)\b.*?</(?P=element)>)"
    r"|(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$"
    r"|(?<!\\)\$(?P<inline>[^$]+?)(?<!\\)\$",
    re.DOTALL,
)
# One request and one answer per line: [tex, display] -> {"html": ...} or {"error": ...}.
RENDERER = """
const katex = require(process.argv[1]);
const lines = require("readline").createInterface({input: process.stdin});
lines.on("line", (line) => {
  const [tex, display] = JSON.parse(line);
  let answer;
  try {
    answer = {html: katex.renderToString(tex, {displayMode: display, throwOnError: true,
                                               output: "htmlAndMathml"})};
  } catch (error) {
    answer = {error: String(error.message || error)};
  }
  process.stdout.write(JSON.stringify(answer) + "\\n");
});
"""


@dataclass(frozen=True)
class Formula:
    """One typeset formula: its MathML, the characters it draws, and (display formulas) the
    height of its block as CSS."""

    markup: str
    chars: frozenset[str]
    height: str = ""


class MathError(Exception):
    """A formula KaTeX cannot render; the message names the file, the line and the fix."""


# Formulas already typeset, by KaTeX version, TeX and display mode, with the characters they
# draw: the rebuilds of `mkdocs serve` start KaTeX only for a formula they have not seen.
TYPESET: dict[tuple[str, str, bool], Formula] = {}


class Renderer:
    """A KaTeX process that renders formulas on request, each distinct formula once; it keeps
    the characters of every formula it was asked for (the math font's cut)."""

    def __init__(self, katex: Path) -> None:
        self.katex = katex
        self.process: subprocess.Popen[str] | None = None
        self.chars: set[str] = set()
        manifest = katex / "package.json"
        self.version = manifest.read_text(encoding="utf-8") if manifest.is_file() else ""

    def _start(self) -> subprocess.Popen[str]:
        node = shutil.which("node")
        if node is None:
            raise PluginError("math: Node.js is needed to render formulas; install Node.js 20+")
        require_npm(self.katex / "package.json")
        self.process = subprocess.Popen(
            [node, "-e", RENDERER, str(self.katex)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        return self.process

    def render(self, tex: str, display: bool) -> Formula:
        """One formula, typeset; raise MathError with KaTeX's message."""
        key = (self.version, tex, display)
        if key not in TYPESET:
            process = self.process or self._start()
            assert process.stdin and process.stdout
            process.stdin.write(json.dumps([tex, display]) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline() or '{"error": "KaTeX stopped"}')
            if "error" in answer:
                raise MathError(answer["error"])
            markup = polish(answer["html"])  # the MathML alone
            height = display_height(answer["html"]) if display else ""
            TYPESET[key] = Formula(markup, frozenset(glyphs(markup)), height)
        self.chars |= TYPESET[key].chars
        return TYPESET[key]

    def close(self) -> None:
        """Stop the KaTeX process (a later render starts a new one)."""
        if self.process:
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(timeout=10)
            self.process = None


def source_line(source: str, tex: str) -> int:
    """The line of the source text where a formula starts (1 if it cannot be found).

    Markdown holds the TeX as written; a notebook's JSON holds it with backslashes doubled.
    """
    text = re.sub(r"<[^>]*>", "", tex).strip()
    if not text:
        return 1
    first = text.splitlines()[0].strip()
    for candidate in (f"${first}", first, json.dumps(first, ensure_ascii=False)[1:-1]):
        at = source.find(candidate)
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return 1


def render_at(renderer: Renderer, tex: str, display: bool, source: str, text: str) -> Formula:
    """`tex`, typeset; a PluginError naming `source` and the line of `tex` in its
    `text` if KaTeX fails (the line is looked up only then)."""
    try:
        return renderer.render(tex, display=display)
    except MathError as error:
        raise PluginError(
            f'{source}:{source_line(text, tex)}: error: math: KaTeX cannot render "{tex[:60]}": '
            f"{error}; fix the TeX (KaTeX supports the functions listed at "
            "katex.org/docs/supported)"
        ) from None


def markup_error(source: str, text: str, tex: str, raw: str, lacks: str) -> PluginError:
    """The error for a formula with HTML inside (or, from arithmatex, without its delimiters)."""
    return PluginError(
        f"{source}:{source_line(text, tex)}: error: math: a formula holds markup{lacks}: "
        f'"{raw[:60]}"; write it as $...$ (inline) or $$...$$ (display) with nothing but '
        "TeX inside"
    )


def display_height(rendered: str) -> str:
    """The height of a display formula's block in em of the text around it, as CSS: KaTeX's
    tallest strut plus the margins, at the site's math size."""
    struts = [float(match["em"]) for match in STRUT.finditer(rendered)]
    return f"{MATH_SCALE * (DISPLAY_MARGINS + max(struts, default=1.0)):.3f}em"


def typeset(output: str, renderer: Renderer, source: str, markdown: str) -> str:
    """Replace every arithmatex formula in `output` with its MathML (pure but for KaTeX).

    `source` names the Markdown file in error messages; `markdown` is its text, for the line.
    """

    def replace(match: re.Match[str]) -> str:
        tag = match["tag"]
        opening, closing = DELIMITERS[tag]
        raw = html.unescape(match["tex"]).strip()
        tex = raw.removeprefix(opening).removesuffix(closing).strip()
        if "<" in match["tex"] or not (raw.startswith(opening) and raw.endswith(closing)):
            lacks = f" or lacks its {opening} {closing} delimiters"
            raise markup_error(source, markdown, tex, raw, lacks)
        formula = render_at(renderer, tex, tag == "div", source, markdown)
        opening = match["open"]
        if formula.height:
            style = f"contain-intrinsic-block-size:auto {formula.height}"
            opening = opening.replace(">", f' style="{style}">', 1)
        return opening + formula.markup + f"</{tag}>"

    return FORMULA.sub(replace, output)


def markdown_cells(output: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the content of each rendered Markdown cell in `output`."""
    cells = []
    for opening in NOTEBOOK_MARKDOWN.finditer(output):
        depth = 1
        for tag in DIV_TAG.finditer(output, opening.end()):
            depth += 1 if tag[0] == "<div" else -1
            if depth == 0:
                cells.append((opening.end(), tag.start()))
                break
    return cells


def typeset_notebook(output: str, renderer: Renderer, source: str, notebook: str) -> str:
    """Replace the $...$ and $$...$$ of a notebook page's Markdown cells with their MathML.

    `source` names the notebook in error messages; `notebook` is its JSON text, for the line.
    """

    def replace(match: re.Match[str]) -> str:
        if match["code"]:
            return match["code"]
        display = match["display"] is not None
        raw = match["display"] if display else match["inline"]
        tex = html.unescape(raw).strip()
        if "<" in raw:
            raise markup_error(source, notebook, tex, match[0], "")
        return render_at(renderer, tex, display, source, notebook).markup

    parts, done = [], 0
    for start, end in markdown_cells(output):
        parts += [output[done:start], DOLLARS.sub(replace, output[start:end])]
        done = end
    return "".join(parts) + output[done:]


class Formulas(Feature):
    """Formulas typeset at build time, by one KaTeX process per build, and the math font cut
    to their characters once every language is built."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.renderer = Renderer(self.project.node_modules / "katex")

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        notebook = page.file.src_uri.endswith(".ipynb")
        if not notebook and 'class="arithmatex"' not in output:
            return output
        path = Path(page.file.abs_src_path or "")
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if notebook:
            output = typeset_notebook(output, self.renderer, self.project.repo_path(path), text)
        output = typeset(output, self.renderer, self.project.repo_path(path), text)
        if "<math" not in output:
            return output
        font = get_relative_url(mathfont.FONT, page.url)
        return into_head(output, mathfont.head(font))

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After mkdocs-static-i18n has built every language: the font, cut to all of them."""
        self.renderer.close()
        plugin = i18n_plugin(config)
        if self.renderer.chars and (plugin is None or not plugin.building):
            cache = self.project.cache / "math-font"
            mathfont.write(
                Path(config.site_dir), self.project.node_modules, self.renderer.chars, cache
            )

    def on_build_error(self, error: Exception) -> None:
        self.renderer.close()
