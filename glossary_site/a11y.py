"""Accessibility fixes on top of Material's markup.

- The search overlay is a role="dialog" without a name: it gets the translated "Search"
  label as aria-label.
- Display formulas and notebook code cells can scroll sideways: they become focusable
  (tabindex="0") so keyboard users can scroll them.
- Material writes tabindex="" on the labels of navigation sections: an empty tabindex is not
  valid HTML and browsers ignore it, so it is dropped.
- The title of the table of contents is a label for the toggle that Material puts under the
  page's item in the navigation. A page not in the navigation (a diagram's page) has no such
  toggle: it gets one, hidden as Material's are, so the label names a control.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .data import load_ui
from .project import Feature

TOC_LABEL = '<label class="md-nav__title" for="__toc">'
TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
DISPLAY_MATH = '<div class="arithmatex">'
NOTEBOOK_CODE = re.compile(r'(<div class="highlight highlight-ipynb[^"]*">\s*)<pre>')


class A11y(Feature):
    """The accessibility fixes, applied to every page."""

    def on_page_content(self, html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        html_out = html_out.replace(DISPLAY_MATH, DISPLAY_MATH[:-1] + ' tabindex="0">')
        return NOTEBOOK_CODE.sub(r'\1<pre tabindex="0">', html_out)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        project = self.project
        ui = load_ui(project.build_language(config), project.data, project.default)
        label = html.escape(ui["search_dialog"], quote=True)
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)
        if TOC_LABEL in output and 'id="__toc"' not in output:
            output = output.replace(TOC_LABEL, TOC_TOGGLE + "\n" + TOC_LABEL, 1)
        return output.replace(' tabindex="">', ">")

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's own pages (404.html) get the same clean-up as content pages."""
        return output_content.replace(' tabindex="">', ">")
