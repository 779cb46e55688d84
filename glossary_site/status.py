"""Render the Translation status page from the checker's own data.

A page containing `<!-- translation-status -->` gets, in the reader's language, a table per
language (files complete, with findings, outdated, missing; words translated) and a table of
every file's status. The numbers are those of `python scripts/check.py translations`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import translations
from .data import load_ui
from .project import Feature, Project

MARKER = "<!-- translation-status -->"


def status_markdown(results: list[translations.Result], ui: dict[str, str]) -> str:
    """The status tables, with the labels of `ui` (the reader's UI strings)."""
    summary = translations.summary(results)["languages"]
    keys = ["complete", "incomplete", "outdated", "missing"]
    head = [ui["status_language"], ui["status_files"], *(ui[f"status_{k}"] for k in keys)]
    head.append(ui["status_words"])
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for code, row in summary.items():
        cells = [f"`{code}`", str(row["files"]), *(str(row[k]) for k in keys)]
        cells.append(f"{row['words_done']} / {row['words']} ({row['percent']} %)")
        rows.append("| " + " | ".join(cells) + " |")
    languages = list(summary)
    files = ["", f"| {ui['status_file']} | " + " | ".join(f"`{c}`" for c in languages) + " |"]
    files.append("|" + " --- |" * (len(languages) + 1))
    by_source: dict[Path, dict[str, str]] = {}
    for result in results:
        by_source.setdefault(result.source, {})[result.lang] = ui[f"status_{result.status}"]
    for source, states in sorted(by_source.items()):
        files.append(f"| `{source}` | " + " | ".join(states.get(c, "") for c in languages) + " |")
    return "\n".join([*rows, *files, "", ui["status_generated"]])


def checked(project: Project, only: list[str] | None = None) -> list[translations.Result]:
    """The checker's results for every translation (or `only` these languages), kept in the
    build's cache between builds (translations.check_unit_cached)."""
    return translations.check_all(project.root, only, project.cache / "translations")[0]


class Status(Feature):
    """The translation status page, checked once per build."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.results: list[translations.Result] | None = None

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if MARKER not in markdown:
            return markdown
        if self.results is None:
            self.results = checked(self.project)
        project = self.project
        ui = load_ui(project.content_language(page), project.data, project.default)
        return markdown.replace(MARKER, status_markdown(self.results, ui))


class Drafts(Feature):
    """A translation in a language in progress is published as a translation once no English
    is left in it; until then it is shown as the source it still mostly is (the notice, its
    content marked English, kept out of search), so a copy made by scaffold.py never
    presents English as French. The checker decides, as on the status page."""

    def on_config(self, config: MkDocsConfig) -> None:
        pending = list(self.project.langs.in_progress)
        if not pending or self.project.drafts:
            return
        docs = Path(config.docs_dir).resolve().relative_to(self.project.root.resolve())
        results = checked(self.project, pending)
        for result in results:
            target = translations.target_of(result.source, result.lang)
            english_left = any(  # English prose: a heading or cell like "Beta" is not enough
                translations.STILL_ENGLISH in f.message for f in result.findings
            )
            if english_left and target.is_relative_to(docs):
                self.project.drafts.add(target.relative_to(docs).as_posix())
