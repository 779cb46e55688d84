"""Per-language page behaviour on top of mkdocs-static-i18n.

- A page shown in a language it has no translation for carries a visible notice in the
  reader's language with a link to the original, its content is marked with the original's
  language (mkdocs-static-i18n falls back silently), and search engines are asked not to
  index it.
- The head of every page gets hreflang alternates as absolute URLs built from site_url, one
  per language the page is really translated into, plus x-default (the source language). They
  replace Material's relative alternates.
- A one-language preview (BUILD_ONLY_LOCALE) of a translation builds only that language's
  folder; the site's root then sends the browser there.
- /robots.txt lets every crawler in and names the sitemap by its absolute URL; the sitemap
  lists no page shown in a language it is not written in (nor links to one as an alternate).
- Each language's palette toggle labels are its own from mkdocs.yml, or else the default
  language's (Palette).
- "Edit this page" (edit_uri in mkdocs.yml) opens the file the page is written from, the
  translation on a translated page. On a page not translated yet, it and a link in the notice
  lead to the translator guide's steps for translating a page.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .data import absolute_url, data_path, load_ui
from .languages import i18n_plugin, load_config
from .project import Feature, Project, into_head

GUIDE = "translator-guide.md"
GUIDE_STEPS = "translate-a-page"  # the guide's section on translating a page
MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)
SITEMAP_ALTERNATE = re.compile(r'\s*<xhtml:link rel="alternate" hreflang="[^"]*" href="([^"]*)"/>')


def _merged(base: dict, changes: dict) -> dict:
    """`base` with `changes` written into it, nested mappings key by key."""
    for key, value in changes.items():
        inner = base.get(key)
        base[key] = (
            _merged(inner, value) if isinstance(value, dict) and isinstance(inner, dict) else value
        )
    return base


class Palette(Feature):
    """The palette toggle labels of each language's pass: its own (the `theme: palette:` of
    its entry in mkdocs.yml), else the default language's. mkdocs-static-i18n restores the
    palette before a language's overrides from the saved copy that the next language's
    overrides then change in place, so a language without labels of its own got the previous
    language's: a new language's pages were labelled in Spanish."""

    def on_language_config(self, config: MkDocsConfig) -> None:
        i18n = i18n_plugin(config)
        source = (load_config(self.project.root).get("theme") or {}).get("palette")
        if i18n is None or not isinstance(source, list):
            return
        own = (i18n.current_language_config.get("theme") or {}).get("palette") or []
        palette = copy.deepcopy(source)
        for scheme, labels in zip(palette, own, strict=False):
            if isinstance(scheme, dict) and isinstance(labels, dict):
                _merged(scheme, labels)
        config.theme["palette"] = palette


class Pages(Feature):
    """The untranslated-page notice, the hreflang alternates and the sitemap."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.not_indexed: set[str] = set()  # absolute URLs of pages shown untranslated

    def hreflang_links(self, page: Page, config: MkDocsConfig) -> str:
        """The <link rel="alternate" hreflang> elements of a page, x-default last."""
        default = self.project.default
        versions = self.project.translations(page)
        plugin = i18n_plugin(config)
        order = plugin.build_languages if plugin else [default]
        links = [
            f'<link rel="alternate" hreflang="{lang}" '
            f'href="{html.escape(absolute_url(config, url))}">'
            for lang in order
            if (url := versions.get(lang)) is not None
        ]
        if default in versions:
            href = html.escape(absolute_url(config, versions[default]))
            links.append(f'<link rel="alternate" hreflang="x-default" href="{href}">')
        return "\n    ".join(links)

    def on_page_content(self, html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        project = self.project
        reader = project.build_language(config)
        written = project.content_language(page)
        if reader == written:
            return html_out
        ui = load_ui(reader, project.data, project.default)
        # The notice is in the reader's language once its UI strings exist (a new language
        # in progress may not have them yet: the source's are used, and marked as such).
        has_ui = data_path("ui", reader, project.data, project.default).is_file()
        notice_lang = reader if has_ui else project.default
        original = getattr(page.file, "alternates", {}).get(written)
        original_url = original.url if original else page.url
        href = get_relative_url(original_url or ".", page.url)
        guide = files.get_file_from_path(GUIDE)
        help_link = ""
        if guide is not None:
            steps = f"{get_relative_url(guide.url, page.url)}#{GUIDE_STEPS}"
            page.edit_url = steps  # the edit button: how to translate this page
            help_link = (
                f' <a href="{html.escape(steps)}">{html.escape(ui["untranslated_help"])}</a>'
            )
        notice = (
            f'<div class="admonition info untranslated" lang="{notice_lang}">'
            f'<p class="admonition-title">{html.escape(ui["untranslated_title"])}</p>'
            f"<p>{html.escape(ui['untranslated_body'])} "
            f'<a href="{html.escape(href)}" hreflang="{written}">'
            f"{html.escape(ui['untranslated_link'])}</a>{help_link}</p></div>"
        )
        return f'{notice}\n<div lang="{written}">\n{html_out}\n</div>'

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        links = self.hreflang_links(page, config)
        if self.project.build_language(config) != self.project.content_language(page):
            # Shown in a language it is not written in: kept out of search engines.
            links += '\n    <meta name="robots" content="noindex">'
            self.not_indexed.add(absolute_url(config, page.url))
        output = MATERIAL_ALTERNATE.sub("", output)
        return into_head(output, links)

    def sitemap_without_drafts(self, sitemap: Path) -> None:
        """The sitemap without the pages kept out of search engines (a sitemap that lists
        them asks for the opposite), neither as entries nor as another entry's alternates."""
        if not self.not_indexed or not sitemap.is_file():
            return
        text = sitemap.read_text(encoding="utf-8")
        text = SITEMAP_URL.sub(lambda m: "" if m[1] in self.not_indexed else m[0], text)
        text = SITEMAP_ALTERNATE.sub(lambda m: "" if m[1] in self.not_indexed else m[0], text)
        sitemap.write_text(text, encoding="utf-8")

    def on_post_build(self, config: MkDocsConfig) -> None:
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(config, 'sitemap.xml')}\n"
        (Path(config.site_dir) / "robots.txt").write_text(robots, encoding="utf-8")
        self.sitemap_without_drafts(Path(config.site_dir) / "sitemap.xml")
        lang = self.project.preview
        index = Path(config.site_dir) / "index.html"
        if lang and lang != self.project.default and not index.exists():
            home = self.project.langs.prefix(lang)
            index.write_text(
                f'<!doctype html>\n<html lang="{lang}">\n<meta charset="utf-8">\n'
                f"<title>{html.escape(self.project.langs.names[lang])}</title>\n"
                f'<meta http-equiv="refresh" content="0; url={home}">\n'
                f'<p><a href="{home}">{home}</a></p>\n</html>\n',
                encoding="utf-8",
            )
