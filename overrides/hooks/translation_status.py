"""Render the Translation status page from the checker's own data.

A page containing `<!-- translation-status -->` gets, in the reader's language, a table per
language (files complete, with findings, outdated, missing; words translated) and a table of
every file's status. The numbers are those of `python scripts/check.py translations`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_data import ROOT, content_language, load_ui

sys.path.insert(0, str(ROOT / "scripts"))

import i18n_check  # noqa: E402

MARKER = "<!-- translation-status -->"
_results: list[i18n_check.Result] = []


def on_pre_build(config: MkDocsConfig) -> None:
    _results.clear()


def _results_once() -> list[i18n_check.Result]:
    if not _results:
        _results.extend(i18n_check.check_all(ROOT)[0])
    return _results


def status_markdown(results: list[i18n_check.Result], lang: str) -> str:
    ui = load_ui(lang)
    summary = i18n_check.summary(results)["languages"]
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, status_markdown(_results_once(), content_language(page)))
