"""A "page not found" page in every language.

Material's 404 page says "404 - Not found" in English, and each language's pass of
mkdocs-static-i18n wrote it to the same /404.html, so the last language's won. Each pass's
page now gets the title and text of its language (data/ui*.yml) and is kept: /de/404.html,
/es/404.html, and /404.html in the source language, which also offers the other languages.
GitHub Pages answers every unknown URL with /404.html; a short script on it sends a reader
whose URL lies under /de/ or /es/ to that language's page. Their language switcher leads to
each language's home page (mkdocs-static-i18n left it pointing at the last page rendered).
"""

from __future__ import annotations

import copy
import html
import json
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from .data import absolute_url, load_ui
from .languages import i18n_plugin
from .project import Feature, into_head

MATERIAL_TITLE = "<h1>404 - Not found</h1>"
NAME = "404.html"


class NotFound(Feature):
    """One 404 page per language, the source language's at the site's root."""

    def __init__(self, project) -> None:  # noqa: ANN001 - a Project
        super().__init__(project)
        self.pages: dict[str, str] = {}  # each language's 404 page, until the build ends

    def message(self, lang: str, config: MkDocsConfig) -> str:
        """The title, text and home link of the 404 page in `lang`."""
        ui = load_ui(lang, self.project.data, self.project.default)
        home = absolute_url(config, self.project.langs.prefix(lang))
        return (
            f"<h1>{html.escape(ui['not_found_title'])}</h1>\n"
            f"<p>{html.escape(ui['not_found_body'])}</p>\n"
            f'<p><a href="{html.escape(home)}">{html.escape(ui["not_found_home"])}</a></p>'
        )

    def others(self, config: MkDocsConfig) -> str:
        """The other languages' home links, each in its own language."""
        items = []
        for lang in self.project.langs.translations:
            ui = load_ui(lang, self.project.data, self.project.default)
            home = absolute_url(config, self.project.langs.prefix(lang))
            name = self.project.langs.names[lang]
            items.append(
                f'<li lang="{lang}"><a href="{html.escape(home)}" hreflang="{lang}">'
                f"{html.escape(name)}: {html.escape(ui['not_found_home'])}</a></li>"
            )
        return f"<ul>\n{chr(10).join(items)}\n</ul>" if items else ""

    def redirect(self, config: MkDocsConfig) -> str:
        """The script that sends a reader under /<lang>/ to that language's 404 page."""
        base = urlsplit(absolute_url(config, "")).path
        langs = json.dumps(list(self.project.langs.translations))
        return (
            "<script>(function(){var b="
            + json.dumps(base)
            + ",p=location.pathname;"
            + langs
            + ".forEach(function(l){var h=b+l+'/';"
            "if(p.indexOf(h)===0&&p!==h+'404.html')location.replace(h+'404.html')})})()</script>"
        )

    def on_pre_template(self, template: object, template_name: str, config: MkDocsConfig) -> None:
        """The language switcher of a 404 page leads to each language's home page:
        mkdocs-static-i18n leaves it set to the last page rendered before it."""
        plugin = i18n_plugin(config)
        if template_name == NAME and plugin is not None and plugin.extra_alternate:
            config.extra.alternate = copy.deepcopy(plugin.extra_alternate)  # as i18n sets it

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name != NAME or MATERIAL_TITLE not in output:
            return output
        lang = self.project.build_language(config)
        content = self.message(lang, config)
        if lang == self.project.default:
            content += "\n" + self.others(config)
            output = into_head(output, self.redirect(config))
        self.pages[lang] = output.replace(MATERIAL_TITLE, content, 1)
        return self.pages[lang]

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After every language's pass: each page in its place."""
        plugin = i18n_plugin(config)
        if plugin is not None and plugin.building:
            return
        site = Path(config.site_dir)
        for lang, page in self.pages.items():
            target = site / self.project.langs.prefix(lang) / NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
