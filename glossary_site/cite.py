""" "Cite this page" on every glossary entry, in the reader's language: a formatted reference,
a BibTeX entry and a CSL-JSON item to copy, each with the page's URL and the date its text
last changed (history.py). The site as a whole is cited by CITATION.cff at the repository's
root.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .credit import CREATOR, LICENSE_NAME
from .data import absolute_url, load_ui
from .history import localized
from .languages import bibtex_language
from .project import Feature
from .terms import entry_of


def bibtex(key: str, title: str, container: str, url: str, day: dt.date, lang: str) -> str:
    """A BibTeX @misc entry (biblatex reads its date, url and language fields too)."""

    def text(value: str) -> str:
        return re.sub(r"([&%$#_])", r"\\\1", value)

    fields = [
        ("author", f"{{{text(CREATOR)}}}"),
        ("title", f"{{{text(title)}}}"),
        ("howpublished", text(container)),
        ("year", str(day.year)),
        ("date", day.isoformat()),
        ("url", url),
        ("language", bibtex_language(lang)),
        ("note", LICENSE_NAME),
    ]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def csl_json(key: str, title: str, container: str, url: str, day: dt.date, lang: str) -> str:
    """A CSL-JSON item (Zotero, pandoc, Citation.js) for the entry."""
    item = {
        "id": key,
        "type": "entry-encyclopedia",
        "title": title,
        "container-title": container,
        "author": [{"literal": CREATOR}],
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "URL": url,
        "language": lang,
        "license": LICENSE_NAME,
    }
    return json.dumps([item], ensure_ascii=False, indent=2)


class Cite(Feature):
    """The cite block at the end of every glossary entry."""

    def block(self, page: Page, config: MkDocsConfig) -> str | None:
        """The cite block of a glossary entry in the build's language, or None for any other
        page."""
        slug = entry_of(page)
        path = page.file.abs_src_path
        if not slug or not path or not page.title:
            return None
        project = self.project
        lang = project.build_language(config)
        ui = load_ui(lang, project.data, project.default)
        day = project.history.date_of(Path(path))
        url = absolute_url(config, page.url)
        key = f"lscg-{slug}-{lang}"
        title, container = page.title, config.site_name
        reference = (
            f"{html.escape(CREATOR)} ({day.year}). <cite>{html.escape(title)}</cite>. "
            f"{html.escape(container)}. "
            f"{html.escape(ui['last_updated'])} {html.escape(localized(day, lang))}. "
            f'<a href="{html.escape(url)}">{html.escape(url)}</a> ({LICENSE_NAME})'
        )
        parts = [
            f'<p class="cite__label">{html.escape(ui["cite_reference"])}</p>',
            f'<p class="cite__reference">{reference}</p>',
            '<p class="cite__label">BibTeX</p>',
            '<pre><code class="language-bibtex">'
            f"{html.escape(bibtex(key, title, container, url, day, lang))}</code></pre>",
            '<p class="cite__label">CSL-JSON</p>',
            '<pre><code class="language-json">'
            f"{html.escape(csl_json(key, title, container, url, day, lang))}</code></pre>",
        ]
        return (
            f'<details class="cite" id="cite"><summary>{html.escape(ui["cite_title"])}</summary>'
            + "\n".join(parts)
            + "</details>"
        )

    def on_page_content(self, html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        block = self.block(page, config)
        return html_out if block is None else f"{html_out}\n{block}"
