"""Render the formulas of Markdown pages with KaTeX when the site is built.

pymdownx.arithmatex (generic mode) leaves `<span class="arithmatex">\\(...\\)</span>` and
`<div class="arithmatex">\\[...\\]</div>` in the page. This hook replaces their content with
KaTeX's HTML and MathML, so a reader's browser downloads and runs no math script: the page
arrives typeset and only needs katex.min.css and its fonts. The search index keeps the TeX
source (the search plugin reads the content before on_post_page). KaTeX runs in one Node.js
process per build, from the exact-pinned npm package; each formula is rendered once.
Notebook pages keep the client-side renderer for the `$...$` of their Markdown cells.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from site_data import repo_path
from vendor_assets import NODE_MODULES, require_npm

KATEX = NODE_MODULES / "katex"
FORMULA = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex"(?P<attrs>[^>]*)>)(?P<tex>.*?)</(?P=tag)>',
    re.DOTALL,
)
DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
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


class MathError(Exception):
    """A formula KaTeX cannot render; the message names the file, the line and the fix."""


class Renderer:
    """A KaTeX process that renders formulas on request, each distinct formula once."""

    def __init__(self, katex: Path = KATEX) -> None:
        self.katex = katex
        self.process: subprocess.Popen[str] | None = None
        self.cache: dict[tuple[str, bool], str] = {}

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

    def render(self, tex: str, display: bool) -> str:
        """KaTeX's HTML for one formula; raise MathError with KaTeX's message."""
        key = (tex, display)
        if key not in self.cache:
            process = self.process or self._start()
            assert process.stdin and process.stdout
            process.stdin.write(json.dumps([tex, display]) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline() or '{"error": "KaTeX stopped"}')
            if "error" in answer:
                raise MathError(answer["error"])
            self.cache[key] = answer["html"]
        return self.cache[key]

    def close(self) -> None:
        if self.process:
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(timeout=10)
            self.process = None


def source_line(markdown: str, tex: str) -> int:
    """The line of the Markdown source where a formula starts (1 if it cannot be found)."""
    text = re.sub(r"<[^>]*>", "", tex).strip()
    first = text.splitlines()[0].strip() if text else ""
    for candidate in (f"${first}", first):  # authors write $...$ and $$...$$
        at = markdown.find(candidate) if first else -1
        if at >= 0:
            return markdown.count("\n", 0, at) + 1
    return 1


def typeset(output: str, renderer: Renderer, source: str, markdown: str) -> str:
    """Replace every arithmatex formula in `output` with KaTeX's rendering (pure but for KaTeX).

    `source` names the Markdown file in error messages; `markdown` is its text, for the line.
    """

    def replace(match: re.Match[str]) -> str:
        tag = match["tag"]
        opening, closing = DELIMITERS[tag]
        raw = html.unescape(match["tex"]).strip()
        tex = raw.removeprefix(opening).removesuffix(closing)
        if "<" in match["tex"] or not (raw.startswith(opening) and raw.endswith(closing)):
            raise PluginError(
                f"{source}:{source_line(markdown, tex)}: error: math: a formula holds markup or "
                f'lacks its {opening} {closing} delimiters: "{raw[:60]}"; write it as '
                "$...$ (inline) or $$...$$ (display) with nothing but TeX inside"
            )
        try:
            rendered = renderer.render(tex.strip(), display=tag == "div")
        except MathError as error:
            raise PluginError(
                f"{source}:{source_line(markdown, tex)}: error: math: KaTeX cannot render "
                f'"{tex.strip()[:60]}": {error}; fix the TeX (KaTeX supports the functions '
                "listed at katex.org/docs/supported)"
            ) from None
        return match["open"] + rendered + f"</{tag}>"

    return FORMULA.sub(replace, output)


_renderer = Renderer()
atexit.register(_renderer.close)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if 'class="arithmatex"' not in output:
        return output
    path = Path(page.file.abs_src_path or "")
    markdown = path.read_text(encoding="utf-8") if path.is_file() else ""
    return typeset(output, _renderer, repo_path(path), markdown)


def on_post_build(config: MkDocsConfig) -> None:
    _renderer.close()
