"""Per-language page behaviour on top of mkdocs-static-i18n.

- A page shown in a language it has no translation for carries a visible notice in the
  reader's language with a link to the English original, and its content is marked
  lang="en" (mkdocs-static-i18n falls back silently).
- The head of every page gets hreflang alternates as absolute URLs built from site_url, one
  per language the page is really translated into, plus x-default (English). They replace
  Material's relative alternates.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_data import DEFAULT_LANGUAGE, build_language, content_language, i18n_plugin, load_ui

MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def translations(page: Page) -> dict[str, str]:
    """Language -> site-relative URL of each real (not fallback) version of the page."""
    alternates = getattr(page.file, "alternates", None) or {}
    found = {
        lang: file.url
        for lang, file in alternates.items()
        if (getattr(file, "localization", None) or DEFAULT_LANGUAGE) == lang
    }
    if content_language(page) == build_language_of(page):
        found[build_language_of(page)] = page.url
    return found


def build_language_of(page: Page) -> str:
    return getattr(page.file, "locale_alternate_of", None) or DEFAULT_LANGUAGE


def absolute(config: MkDocsConfig, url: str) -> str:
    if url in ("", "."):
        url = ""
    return (config.site_url or "/").rstrip("/") + "/" + url.lstrip("./")


def hreflang_links(page: Page, config: MkDocsConfig) -> str:
    versions = translations(page)
    plugin = i18n_plugin(config)
    order = plugin.build_languages if plugin else [DEFAULT_LANGUAGE]
    links = [
        f'<link rel="alternate" hreflang="{lang}" href="{html.escape(absolute(config, url))}">'
        for lang in order
        if (url := versions.get(lang)) is not None
    ]
    if DEFAULT_LANGUAGE in versions:
        default = html.escape(absolute(config, versions[DEFAULT_LANGUAGE]))
        links.append(f'<link rel="alternate" hreflang="x-default" href="{default}">')
    return "\n    ".join(links)


def on_page_content(html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    reader = build_language(config)
    written = content_language(page)
    if reader == written:
        return html_out
    ui = load_ui(reader)
    original = getattr(page.file, "alternates", {}).get(written)
    original_url = original.url if original else page.url
    href = get_relative_url(original_url or ".", page.url)
    notice = (
        f'<div class="admonition info untranslated" lang="{reader}">'
        f'<p class="admonition-title">{html.escape(ui["untranslated_title"])}</p>'
        f"<p>{html.escape(ui['untranslated_body'])} "
        f'<a href="{html.escape(href)}" hreflang="{written}">'
        f"{html.escape(ui['untranslated_link'])}</a></p></div>"
    )
    return f'{notice}\n<div lang="{written}">\n{html_out}\n</div>'


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    links = hreflang_links(page, config)
    output = MATERIAL_ALTERNATE.sub("", output)
    return output.replace("</head>", f"    {links}\n  </head>", 1)
