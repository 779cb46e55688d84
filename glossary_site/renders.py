"""Each page's Markdown rendered once per process for the same inputs.

`mkdocs serve` renders every page of every language again on each save, a third of a rebuild.
A page whose Markdown (after the plugins' on_page_markdown), URL and file are the same as at
its last render, in a language pass whose file list and Markdown settings are the same, gets
that render's HTML, table of contents, title and anchors again, and the warnings it logged
are logged again (so `--strict` still counts them). Only the saved page is converted.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .project import Feature

# What Page.render sets (mkdocs 1.6.1, glossary_site/upstream.py), and links_to_anchors
# (when the log level is above DEBUG): the anchors a page links to in other files, kept by
# file path and given back as this pass's files (the anchors are checked after the render).
RESULTS = ("content", "toc", "_title_from_render", "present_anchor_ids")
_RENDERS: dict[str, Rendered] = {}
_KEPT = 4096


@dataclass
class Rendered:
    """What one render of a page left on it, and the log records it made."""

    results: dict[str, Any]
    anchors: dict[str, dict[str, str]]  # links_to_anchors by the linked file's path
    records: list[logging.LogRecord]


class _Recorder(logging.Handler):
    """Keeps every log record it is given."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep `record`."""
        self.records.append(record)


def settings_digest(files: Files, config: MkDocsConfig) -> str:
    """What a render depends on besides the page: the pass's files (links resolve against
    them) and the Markdown and link-validation settings."""
    parts = [
        repr(config["markdown_extensions"]),
        repr(sorted((config["mdx_configs"] or {}).items(), key=lambda item: item[0])),
        repr(config["validation"]),
        repr(config["use_directory_urls"]),
        str(config["docs_dir"]),
        *(f"{file.src_uri}\0{file.dest_uri}\0{file.url}" for file in files),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class Renders(Feature):
    """Gives each page a render that remembers its result (see the module's docstring)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.settings: tuple[int, str] | None = None  # (id of the pass's Files, its digest)

    def _settings(self, files: Files, config: MkDocsConfig) -> str:
        if self.settings is None or self.settings[0] != id(files):
            self.settings = (id(files), settings_digest(files, config))
        return self.settings[1]

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if not page.file.src_uri.endswith(".md"):  # notebooks: mkdocs-jupyter's own render
            return page
        render = page.render

        def remembered(config: MkDocsConfig, files: Files) -> None:
            if page.markdown is None:
                return render(config, files)
            source = "\0".join(
                (self._settings(files, config), page.file.src_uri, page.url, page.markdown)
            )
            key = hashlib.sha256(source.encode()).hexdigest()
            done = _RENDERS.get(key)
            if done is None:
                recorder = _Recorder()
                logger = logging.getLogger("mkdocs")
                logger.addHandler(recorder)
                try:
                    render(config, files)
                finally:
                    logger.removeHandler(recorder)
                if len(_RENDERS) >= _KEPT:
                    _RENDERS.clear()
                results = {name: getattr(page, name, None) for name in RESULTS}
                anchors = {
                    file.src_uri: links for file, links in (page.links_to_anchors or {}).items()
                }
                _RENDERS[key] = Rendered(copy.deepcopy(results), anchors, recorder.records)
                return None
            for name, value in copy.deepcopy(done.results).items():
                setattr(page, name, value)
            if done.anchors:
                page.links_to_anchors = {
                    files.get_file_from_path(path): dict(links)
                    for path, links in done.anchors.items()
                }
            for record in done.records:
                logging.getLogger(record.name).handle(record)
            return None

        page.render = remembered  # type: ignore[method-assign]
        return page
