"""Byte budgets per page type: what a phone must fetch and parse before it shows a page, and
the JavaScript it runs before a reader can use it. `data/budgets.yml` sets them from the
measured pages (docs/dev/performance.md); the full test tier checks every page type in every
language, so a change that makes a page heavier fails with the page and the budget named.

Bytes are uncompressed: what the browser parses and compiles (GitHub Pages sends them
gzipped, at a level that is not ours to set).

- HTML: the page's index.html.
- Render-blocking CSS: every stylesheet the page links in its head or body (outside
  <noscript>, without a print-only media query) and every <style> element.
- Script before the first interaction: every script the page runs when it loads: inline
  scripts, files it links, and the files the loader in overrides/main.html adds after the
  first paint (Material's bundle, site.js, charts.js). Not counted: the Vega libraries, which
  charts.js loads only when a chart comes near the viewport, and the search worker, which runs
  off the main thread.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .data import read_yaml, repo_path
from .languages import ROOT, languages

BUDGETS = ROOT / "data" / "budgets.yml"
# The page types the benchmark measures and the budgets cover, by their path under a
# language's root.
PAGE_TYPES = {
    "home": "",
    "glossary index": "glossary/",
    "entry": "glossary/model-collapse/",  # the longest article, with the most formulas
    "short entry": "glossary/embedding/",  # the shortest article
    "notebook entry": "demos/model-collapse/",
    "diagrams gallery": "diagrams/",
    "diagram page": "diagrams/model-collapse-loop/",
    "translation status": "translation-status/",
    "translator guide": "translator-guide/",
}
NOT_SCRIPT = {"application/ld+json", "application/json"}


@dataclass(frozen=True)
class Weight:
    """Bytes of one page, by what they cost a phone."""

    html: int
    blocking_css: int
    script: int

    @staticmethod
    def label(name: str) -> str:
        """How a message names a field."""
        return {"html": "HTML", "blocking_css": "render-blocking CSS", "script": "script"}[name]


class _Resources(HTMLParser):
    """The stylesheets and scripts of a page: linked files by URL, inline ones by size."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.inline = {"style": 0, "script": 0}
        self._in: str | None = None
        self._noscript = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note a linked stylesheet or script, or the start of an inline one."""
        attr = {name: value or "" for name, value in attrs}
        if tag == "noscript":
            self._noscript += 1
        elif self._noscript:
            return
        elif tag == "link" and attr.get("rel") == "stylesheet":
            if attr.get("media", "all") not in ("print",):
                self.stylesheets.append(attr["href"])
        elif tag == "style":
            self._in = "style"
        elif tag == "script" and attr.get("type", "") not in NOT_SCRIPT:
            source = attr.get("src") or attr.get("data-src")
            if source:
                self.scripts.append(source)
            else:
                self._in = "script"

    def handle_endtag(self, tag: str) -> None:
        """Leave a <noscript>, <style> or <script>."""
        if tag == "noscript":
            self._noscript = max(0, self._noscript - 1)
        if tag in ("style", "script"):
            self._in = None

    def handle_data(self, data: str) -> None:
        """Count the bytes of an inline stylesheet or script."""
        if self._in:
            self.inline[self._in] += len(data.encode("utf-8"))


def _file_of(site: Path, page: str, url: str) -> Path:
    """The file in the built site that `url`, linked from `page`, names."""
    path = urlsplit(urljoin("/" + page, url)).path.lstrip("/")
    return site / path


def weight(site: Path, page: str) -> Weight:
    """The weight of `page` (a folder URL under the site root, e.g. "de/glossary/gan/")."""
    html = site / page / "index.html"
    resources = _Resources()
    resources.feed(html.read_text(encoding="utf-8"))
    css = sum(_file_of(site, page, url).stat().st_size for url in resources.stylesheets)
    script = sum(_file_of(site, page, url).stat().st_size for url in resources.scripts)
    return Weight(
        html=html.stat().st_size,
        blocking_css=css + resources.inline["style"],
        script=script + resources.inline["script"],
    )


def budgets(path: Path = BUDGETS) -> dict[str, Weight]:
    """Page type -> its budget in bytes (the file gives kilobytes of 1,024 bytes)."""
    data = read_yaml(path)
    return {
        kind: Weight(**{f.name: round(float(limits[f.name]) * 1024) for f in fields(Weight)})
        for kind, limits in data.items()
    }


def pages(
    kinds: list[str] | None = None, langs: list[str] | None = None
) -> list[tuple[str, str, str]]:
    """(page type, language, folder URL) of each page type in each language (only `kinds` and
    `langs`, if given); ValueError naming an unknown page type or language."""
    for asked, known, what in (
        (kinds, PAGE_TYPES, "page type"),
        (langs, languages().codes, "language"),
    ):
        unknown = sorted(set(asked or ()) - set(known))
        if unknown:
            raise ValueError(f"unknown {what} {', '.join(unknown)} (one of: {', '.join(known)})")
    return [
        (kind, lang, languages().prefix(lang) + folder)
        for kind, folder in PAGE_TYPES.items()
        if not kinds or kind in kinds
        for lang in languages().codes
        if not langs or lang in langs
    ]


def over_budget(
    site: Path, measured: list[tuple[str, str, str]] | None = None, path: Path = BUDGETS
) -> list[str]:
    """One message per page and measure over its page type's budget (every page type in every
    language, unless `measured` names the pages)."""
    limits = budgets(path)
    messages = [
        f"{repo_path(path)}: error: no budget for the page type {kind!r}; add one (kilobytes "
        "of html, blocking_css and script)"
        for kind in PAGE_TYPES
        if kind not in limits
    ]
    for kind, lang, page in pages() if measured is None else measured:
        if kind not in limits:
            continue
        weighed = weight(site, page)
        for field in fields(Weight):
            size, limit = getattr(weighed, field.name), getattr(limits[kind], field.name)
            if size > limit:
                messages.append(
                    f"/{page} ({kind}, {lang}): {Weight.label(field.name)} is "
                    f"{size / 1024:.1f} KB, over the {kind} budget of {limit / 1024:.1f} KB in "
                    f"{repo_path(path)}; make the page lighter, or raise the budget with the "
                    "measurement that justifies it"
                )
    return messages
