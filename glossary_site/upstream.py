"""The upstream internals this package patches or relies on, with the exact versions they were
checked against. docs/dev/upgrading.md explains each one and the upstream issue to watch;
tests/test_upstream.py fails, naming the patch, when a pinned version moves away from these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Patch:
    """One package whose internals the build depends on."""

    package: str  # the distribution name, as pinned in requirements.txt
    version: str  # the version the patch was written and checked against
    where: str  # the module of this package that does it
    internals: tuple[str, ...]  # the names it reaches into: "module:attribute.path"
    why: str


PATCHES = (
    Patch(
        "mkdocs-jupyter",
        "0.26.3",
        "glossary_site/notebooks.py",
        (
            "mkdocs_jupyter.plugin:convert.nb2html",
            "mkdocs_jupyter.plugin:_compute_cache_key",
            "mkdocs_jupyter.plugin:Plugin.on_pre_build",
            "mkdocs_jupyter.plugin:Plugin.on_post_build",
            "mkdocs_jupyter.plugin:Plugin.should_include",
            "mkdocs_jupyter.plugin:NotebookFile",
            "mkdocs_jupyter.plugin:_get_nb_toc_tokens",
            "mkdocs_jupyter.plugin:_get_cache_path",
        ),
        "notebooks are pages again under mkdocs-static-i18n (its #198); a kernel startup file "
        "sets each notebook's language; the cache key includes it and the demo helper; cache "
        "eviction once per build instead of once per language; uncached notebooks executed ahead "
        "of their pages, in parallel, into the entries the pages read",
    ),
    Patch(
        "mkdocs-static-i18n",
        "1.3.1",
        "glossary_site/languages.py, pages.py, search.py, notebooks.py",
        (
            "mkdocs_static_i18n.reconfigure:ExtendedPlugin.building",
            "mkdocs_static_i18n.reconfigure:ExtendedPlugin.current_language",
            "mkdocs_static_i18n.reconfigure:ExtendedPlugin.build_languages",
            "mkdocs_static_i18n.reconfigure:ExtendedPlugin.default_language",
            "mkdocs_static_i18n.plugin:I18n.on_config",
            "mkdocs_static_i18n.plugin:I18n.on_post_build",
            "mkdocs_static_i18n.reconfigure:ExtendedPlugin.extra_alternate",
            "mkdocs_static_i18n.reconfigure:ExtendedPlugin.current_language_config",
        ),
        "the state of the per-language builds (which pass is running, which languages are "
        "built); the files' `alternates`, `localization` and `locale_alternate_of`; the "
        "one-language preview sets the first pass's language and ends the build after it; "
        "each pass's palette labels are set again from mkdocs.yml (pages.Palette: the "
        "plugin restores the palette from a copy that the next language's labels change)",
    ),
    Patch(
        "mkdocs",
        "1.6.1",
        "glossary_site/reuse.py, renders.py",
        (
            "mkdocs.theme:Theme.get_env",
            "mkdocs.theme:Theme.custom_dir",
            "mkdocs.structure.files:Files.add_files_from_theme",
            "mkdocs.structure.pages:Page.render",
            "mkdocs.structure.pages:Page.present_anchor_ids",
            "mkdocs.structure.pages:Page.links_to_anchors",
        ),
        "the theme's file list, which add_files_from_theme asks the Jinja environment for in "
        "every language pass, is made once per theme version and overrides/ content; a "
        "page's render (content, toc, title, anchors and links to anchors) is remembered "
        "for the life of the process and given back when nothing it reads has changed",
    ),
    Patch(
        "mkdocs-material",
        "9.8.1",
        "glossary_site/speed.py",
        (),
        "exact text replacements in the bundle, main.css and palette.css (each fix names the "
        "text it needs; the build stops if it is gone)",
    ),
)
