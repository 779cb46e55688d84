"""What every part of the build needs to know: where the project's files are, its languages,
and the language of the build and of a page. Made once per build from the plugin's options.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .data import Collation, repo_path
from .history import History
from .languages import Languages, i18n_plugin, languages


@dataclass(frozen=True)
class Project:
    """The project a build reads: its folders (absolute) and its languages."""

    root: Path
    langs: Languages
    data: Path
    cache: Path
    demos: Path
    node_modules: Path
    manifest: Path
    collation: dict[str, Collation] = field(default_factory=dict)
    preview: str | None = None  # the one language a preview builds (BUILD_ONLY_LOCALE)
    # Translations (docs-relative paths) of languages in progress that still have English
    # left: published as the source they still are, not as translations (see Drafts).
    drafts: set[str] = field(default_factory=set)

    @classmethod
    def at(
        cls, root: Path, folders: dict[str, str], collation: dict, preview: str | None = None
    ) -> Project:
        """The project in `root` (the folder of mkdocs.yml), with `folders` relative to it and
        `collation` as the plugin option gives it ({lang: {sort_as: {...}, letters: [...]}});
        `preview` names the only language built, if one is."""
        return cls(
            root=root,
            langs=languages(root),
            preview=preview or None,
            collation={
                lang: Collation(
                    sort_as={str(k): str(v) for k, v in (rule.get("sort_as") or {}).items()},
                    letters=tuple(str(x) for x in rule.get("letters") or ()),
                )
                for lang, rule in collation.items()
            },
            **{name: root / value for name, value in folders.items()},
        )

    @property
    def default(self) -> str:
        """The source language (files without a language suffix)."""
        return self.langs.default

    def build_language(self, config) -> str:  # noqa: ANN001 - a MkDocsConfig
        """The language the current (per-language) build writes."""
        plugin = i18n_plugin(config)
        return (plugin.current_language if plugin else None) or self.default

    def built_languages(self, config) -> list[str]:  # noqa: ANN001 - a MkDocsConfig
        """The languages this build writes: the preview's one, or every language built."""
        if self.preview:
            return [self.preview]
        plugin = i18n_plugin(config)
        return list(plugin.build_languages) if plugin else [self.default]

    def content_language(self, page) -> str:  # noqa: ANN001 - a MkDocs Page
        """The language a page's Markdown is written in: its file suffix, else the source
        language (a page shown in a language it has no translation for, or a draft); a page
        the build writes in each language (a diagram's page) says so in its meta."""
        return page.meta.get("written_in") or self.file_language(page.file)

    def file_language(self, file) -> str:  # noqa: ANN001 - a MkDocs File or an alternate
        """The language a file is written in: its suffix, unless it is a draft."""
        if getattr(file, "src_uri", None) in self.drafts:
            return self.default
        return getattr(file, "localization", None) or self.default

    def translations(self, page) -> dict[str, str]:  # noqa: ANN001 - a MkDocs Page
        """Language -> site-relative URL of each real (not fallback) version of the page: the
        hreflang alternates and the card's og:locale:alternate both come from here."""
        alternates = getattr(page.file, "alternates", None) or {}
        if "languages" in page.meta:  # written by the build in each of these languages
            return {
                lang: file.url
                for lang, file in alternates.items()
                if lang in page.meta["languages"]
            }
        found = {
            lang: file.url for lang, file in alternates.items() if self.file_language(file) == lang
        }
        built = self.url_language(page.url)  # (a notebook's file may name another)
        if self.content_language(page) == built:
            found[built] = page.url
        return found

    def url_language(self, url: str) -> str:
        """The language whose part of the site a site-relative URL is in: `de` for
        `de/glossary/`, the default language for a URL without a language's prefix."""
        first = url.split("/", 1)[0]
        return first if first in self.langs.translations else self.default

    @cached_property
    def history(self) -> History:
        """When each file last changed (git history, read once per build)."""
        return History(self.root)

    def source_of(self, docs_path: str, lang: str) -> Path:
        """The file a page is written from in `lang`: its translation, if there is one that is
        not a draft, else the source (`docs_path` as docs/ names the source, e.g.
        glossary/gan.md)."""
        if lang != self.default:
            stem, dot, suffix = docs_path.rpartition(".")
            translated = f"{stem}.{lang}{dot}{suffix}"
            if (self.root / "docs" / translated).is_file() and translated not in self.drafts:
                return self.root / "docs" / translated
        return self.root / "docs" / docs_path

    def written_in(self, docs_path: str, lang: str) -> str:
        """The language of the text a page shows in `lang` (`docs_path` as for source_of):
        `lang` where it is translated, else the source language."""
        source = self.root / "docs" / docs_path
        return lang if self.source_of(docs_path, lang) != source else self.default

    def repo_path(self, path: Path) -> str:
        """`path` relative to the project, for messages."""
        return repo_path(path, self.root)


class Feature:
    """One concern's share of the build. The plugin makes a fresh instance of each at the
    start of every build, so no state outlives a rebuild of `mkdocs serve`; each defines the
    MkDocs events it needs, with their usual signatures, and `on_language_config(config)`:
    the configuration of a language's pass once mkdocs-static-i18n has applied its settings."""

    def __init__(self, project: Project) -> None:
        self.project = project


def into_head(output: str, markup: str) -> str:
    """A built page's HTML with `markup` added at the end of its head (the one place the
    build's features add links, meta tags, styles and scripts to a page's head)."""
    return output.replace("</head>", f"    {markup}\n  </head>", 1)


@contextmanager
def environment(settings: dict[str, str | None]) -> Iterator[None]:
    """While open, the process's environment has `settings` (None: the variable unset); the
    variables are as they were afterwards."""

    def apply(values: dict[str, str | None]) -> None:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    previous = {name: os.environ.get(name) for name in settings}
    apply(settings)
    try:
        yield
    finally:
        apply(previous)
