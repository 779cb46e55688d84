""" "Last updated" on every page, in the reader's language, and the sitemap's lastmod, both
from the date the page's own file last changed (history.py)."""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .data import load_ui
from .history import localized
from .project import Feature

log = logging.getLogger("mkdocs.plugins.glossary")


class Dates(Feature):
    """ "Last updated" on every page, in the reader's language, and the sitemap's lastmod."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.project.history.shallow:
            log.warning(
                "git: a shallow clone knows only its last commit, so every page is dated by "
                "it; fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in CI)"
            )
        return config

    def date_of_page(self, page: Page) -> dt.date | None:
        """When the file the page is written from last changed (None for generated pages)."""
        path = page.file.abs_src_path
        return self.project.history.date_of(Path(path)) if path else None

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        day = self.date_of_page(page)
        if day is not None:
            lang = self.project.build_language(config)
            label = load_ui(lang, self.project.data, self.project.default)["last_updated"]
            page.update_date = day.isoformat()  # the sitemap's <lastmod>
            page.meta["last_changed"] = day.isoformat()
            # Material shows revision_date in the page's footer facts (partials/source-file).
            page.meta["revision_date"] = (
                f'{html.escape(label)} <time datetime="{day.isoformat()}">'
                f"{html.escape(localized(day, lang))}</time>"
            )
        return markdown
