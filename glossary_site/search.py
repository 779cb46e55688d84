"""Give every language its own search index, with that language's stemming.

mkdocs-static-i18n writes one search/search_index.json holding every language's pages, and
every other language's pages load it too. After the last language is built, it is split:
search/search_index.json keeps the default language, <lang>/search/search_index.json holds
that language's pages (locations relative to /<lang>/) and config.lang = [<lang>]. The theme
override points the search of a <lang> page at /<lang>/ (overrides/main.html, block config).

A page's search entries are worked out once per process for the same page: `mkdocs serve`
rebuilds every page on each save, and Material's search plugin parses each page's HTML again
(a third of a rebuild); only the saved page's entries are parsed again.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .languages import i18n_plugin
from .project import Feature, Project

INDEX = Path("search") / "search_index.json"
SEARCH_PLUGIN = "material/search"

# (page URL, title, meta, digest of its HTML) -> the entries Material's search made of it, for
# the life of the process (`mkdocs serve`): a pure function of those inputs.
_ENTRIES: dict[tuple[str, ...], list[dict]] = {}
_ENTRIES_KEPT = 4096


def remembered(index: object) -> Callable[[Page], None]:
    """Material's SearchIndex.add_entry_from_context for `index`, with each page's entries
    remembered: the same page (URL, title, meta, HTML) adds the same entries without parsing
    its HTML again."""
    add = index.add_entry_from_context  # type: ignore[attr-defined]

    def add_entry_from_context(page: Page) -> None:
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        digest = hashlib.sha256((page.content or "").encode()).hexdigest()
        key = (page.url, str(page.title), meta, digest)
        entries = index.entries  # type: ignore[attr-defined]
        if key not in _ENTRIES:
            before = len(entries)
            add(page)
            if len(_ENTRIES) >= _ENTRIES_KEPT:
                _ENTRIES.clear()
            _ENTRIES[key] = copy.deepcopy(entries[before:])
            return
        entries.extend(copy.deepcopy(_ENTRIES[key]))

    add_entry_from_context.remembers = True  # type: ignore[attr-defined]
    return add_entry_from_context


def split_index(
    index: dict, languages: list[str], default: str, skip: set[str] = frozenset()
) -> dict[str, dict]:
    """Split one mixed index into one index per language (pure function).

    `skip` holds page URLs (fallback pages) whose entries are left out.
    """
    others = [lang for lang in languages if lang != default]
    split: dict[str, dict] = {}
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        docs = []
        for doc in index["docs"]:
            location = doc["location"]
            if location.split("#", 1)[0] in skip:
                continue
            own = (
                location.startswith(prefix)
                if prefix
                else not any(location.startswith(f"{o}/") for o in others)
            )
            if own:
                docs.append({**doc, "location": location[len(prefix) :]})
        config = {**index["config"], "lang": [lang]}
        split[lang] = {"config": config, "docs": docs}
    return split


class Search(Feature):
    """One search index per language, without the pages shown untranslated."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.fallbacks: set[str] = set()  # URLs of pages shown in a language they lack

    def on_config(self, config: MkDocsConfig) -> None:
        search = config.plugins.get(SEARCH_PLUGIN)
        index = getattr(search, "search_index", None)  # made anew in each pass's on_config
        if index is not None and not getattr(index.add_entry_from_context, "remembers", False):
            index.add_entry_from_context = remembered(index)

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # A page shown in a language it is not translated into stays out of that language's index.
        if self.project.content_language(page) != self.project.build_language(config):
            self.fallbacks.add(page.url)
        return markdown

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After mkdocs-static-i18n has built every language and merged the index."""
        plugin = i18n_plugin(config)
        if plugin is None or plugin.building:
            return
        site = Path(config.site_dir)
        path = site / INDEX
        if not path.exists():
            raise PluginError(f"{INDEX} was not built: keep the 'search' plugin in mkdocs.yml")
        index = json.loads(path.read_text(encoding="utf-8"))
        default = plugin.default_language
        languages = self.project.built_languages(config)
        parts = split_index(index, languages, default, self.fallbacks)
        for lang, part in parts.items():
            target = site / (INDEX if lang == default else Path(lang) / INDEX)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), "utf-8")
