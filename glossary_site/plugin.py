"""The site's MkDocs plugin, `glossary` in mkdocs.yml (registered in pyproject.toml).

It runs the build's parts in a fixed order, each a Feature of its own module: vendored
assets, the termbase downloads, glossary terms, diagrams, per-language pages and search,
accessibility and speed fixes, formulas, the translation status page, notebooks and
JupyterLite. A fresh set of parts is made at the start of each build (not of each
language's pass of it), so nothing outlives a rebuild of `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, Template
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import siteurl, termbase
from .a11y import A11y
from .api import TermsApi
from .cite import Cite
from .dates import Dates
from .diagram_pages import DiagramPages
from .formulas import Formulas
from .freshness import Freshness
from .jupyterlite import JupyterLite
from .languages import (
    LanguageError,
    i18n_plugin,
    load_config,
    plugin_config,
    preview_only,
    skip_other_languages,
)
from .notebooks import Notebooks
from .notfound import NotFound
from .pages import Pages, Palette
from .project import Feature, Project
from .renders import Renders
from .reuse import TEMPLATES, list_theme_once
from .search import Search
from .sections import Sections
from .social import Social
from .speed import Speed
from .status import Drafts, Status
from .terms import Terms
from .vendor import Vendor


class Termbase(Feature):
    """The termbase for CAT tools, at /termbase/termbase.tbx and .csv."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return termbase.add_files(files, config, self.project.data / "termbase.yml")


# The order in which the parts see each event.
FEATURES: tuple[type[Feature], ...] = (
    Palette,
    Drafts,
    Vendor,
    Termbase,
    Terms,
    TermsApi,
    DiagramPages,
    Pages,
    Freshness,
    Dates,
    Cite,
    Social,
    Search,
    Renders,
    A11y,
    Speed,
    Formulas,
    Sections,
    Status,
    Notebooks,
    JupyterLite,
    NotFound,
)


class GlossaryConfig(base.Config):
    """The plugin's options; folders are relative to the folder of mkdocs.yml."""

    data_dir = c.Type(str, default="data")
    cache_dir = c.Type(str, default=".cache")
    demos_dir = c.Type(str, default="docs/demos")
    node_modules = c.Type(str, default="node_modules")
    diagram_manifest = c.Type(str, default="data/published-diagrams.txt")
    # Sorting rules of the A-Z index per language: {lang: {sort_as: {...}, letters: [...]}}.
    collation = c.Type(dict, default={})
    # Build the site's JupyterLite (/lite/) for the notebooks' "Run in your browser" link.
    jupyterlite = c.Type(bool, default=True)
    # Translations in progress: their checker findings are a to-do list that does not fail
    # CI, and their untranslated pages are drafts (see languages.Languages.in_progress).
    in_progress = c.ListOfItems(c.Type(str), default=[])
    # Build only this language, exactly as the full site has it (mkdocs.yml sets it from
    # BUILD_ONLY_LOCALE): the translator's preview.
    preview_language = c.Optional(c.Type(str))
    # A build to publish (PUBLISH=true in the deploy workflow): site_url must be the site's
    # public address, never this machine's (see siteurl.py).
    publish = c.Type(bool, default=False)


def project_of(root: Path, options: GlossaryConfig) -> Project:
    """The project in `root` (the folder of mkdocs.yml) as the plugin's options describe it."""
    try:
        return Project.at(
            root,
            {
                "data": options.data_dir,
                "cache": options.cache_dir,
                "demos": options.demos_dir,
                "node_modules": options.node_modules,
                "manifest": options.diagram_manifest,
            },
            options.collation,
            options.preview_language,
        )
    except LanguageError as exc:
        raise PluginError(str(exc)) from None


def configured_project(root: Path) -> Project:
    """The project in `root` with the plugin's options as its mkdocs.yml sets them (for tools
    and tests that run outside a build)."""
    options = GlossaryConfig()
    options.load_dict(plugin_config(load_config(root), "glossary"))
    failed, _ = options.validate()
    if failed:
        raise PluginError(f"mkdocs.yml: error: plugin 'glossary': {failed[0][0]}: {failed[0][1]}")
    return project_of(root, options)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Runs each Feature's events; one set of Features per build."""

    def __init__(self) -> None:
        self.features: list[Feature] = []

    def _run(self, event: str, value: object, *args: object) -> object:
        for feature in self.features:
            method = getattr(feature, event, None)
            if method is not None:
                result = method(value, *args)
                value = value if result is None else result
        return value

    def _config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = i18n_plugin(config)
        if i18n is None or not i18n.building:  # a new build, not one language's pass of it
            siteurl.check(config.site_url, self.config.publish)
            project = project_of(Path(config.config_file_path).resolve().parent, self.config)
            if i18n is not None and self.config.preview_language:
                try:
                    preview_only(i18n, self.config.preview_language)
                except LanguageError as exc:
                    raise PluginError(str(exc)) from None
            self.features = [
                feature(project)
                for feature in FEATURES
                if feature is not JupyterLite or self.config.jupyterlite
            ]
        list_theme_once(config.theme)
        return self._run("on_config", config)

    @event_priority(-110)  # after mkdocs-static-i18n has applied the language's settings
    def _language_config(self, config: MkDocsConfig) -> MkDocsConfig:
        return self._run("on_language_config", config)

    on_config = CombinedEvent(_config, _language_config)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._run("on_pre_build", config)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = TEMPLATES  # compiled once per process, not once per rebuild
        return env

    @event_priority(-110)  # after mkdocs-static-i18n has rebuilt the file collection (#198)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return self._run("on_files", files, config)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        return self._run("on_pre_page", page, config, files)

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        return self._run("on_page_markdown", markdown, page, config, files)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._run("on_page_content", html, page, config, files)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._run("on_post_page", output, page, config)

    def on_pre_template(
        self, template: Template, template_name: str, config: MkDocsConfig
    ) -> Template:
        return self._run("on_pre_template", template, template_name, config)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return self._run("on_post_template", output, template_name, config)

    @event_priority(-90)  # before mkdocs-static-i18n starts the other languages' passes
    def _preview_ends_here(self, config: MkDocsConfig) -> None:
        i18n = i18n_plugin(config)
        if self.config.preview_language and i18n is not None and not i18n.building:
            skip_other_languages(i18n)

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def _post_build(self, config: MkDocsConfig) -> None:
        i18n = i18n_plugin(config)
        if self.config.preview_language and i18n is not None:
            i18n.building = False  # as after a full build
        self._run("on_post_build", config)

    on_post_build = CombinedEvent(_preview_ends_here, _post_build)

    def on_build_error(self, error: Exception) -> None:
        self._run("on_build_error", error)
