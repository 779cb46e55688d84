"""A translation that is behind its source says so to its readers, in their language.

When the source of a translated page has changed since the translation was last synced (its
`source_hash` front matter names an older version than the source's), the page opens with a
notice: the date of the source's change (history.py) and a link to what changed, shown on the
page as an expandable diff of the source text since the version the translation was made from
(the snapshot that scripts/mark_synced.py kept in i18n/snapshots/). The checker reports the
same translation as outdated to its translators.
"""

from __future__ import annotations

import difflib
import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .data import load_ui
from .history import localized
from .project import Feature
from .translations import recorded_hash, snapshot_path, source_hash

ANCHOR = "source-changes"


def changes(old: str, new: str) -> list[tuple[str, str]]:
    """The lines that differ between two versions of a source, with one line of context:
    (kind, line) with kind "del", "ins", "same", or "gap" between distant changes."""
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        if out:
            out.append(("gap", "…"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out += [("same", line) for line in old.splitlines()[i1:i2]]
                continue
            out += [("del", line) for line in old.splitlines()[i1:i2]]
            out += [("ins", line) for line in new.splitlines()[j1:j2]]
    return out


def diff_html(lines: list[tuple[str, str]], removed: str, added: str) -> str:
    """The changes as a block of lines, removed ones struck through, added ones marked."""
    rows = []
    for kind, line in lines:
        text = html.escape(line) or "&nbsp;"
        if kind == "del":
            rows.append(f'<del title="{html.escape(removed)}">{text}</del>')
        elif kind == "ins":
            rows.append(f'<ins title="{html.escape(added)}">{text}</ins>')
        else:
            rows.append(f'<span class="{kind}">{text}</span>')
    return '<pre class="source-diff">' + "\n".join(rows) + "</pre>"


class Freshness(Feature):
    """The notice on translated pages whose source has changed since their last sync."""

    def notice(self, page: Page, config: MkDocsConfig) -> str | None:
        """The notice's HTML for a page, or None when the page is up to date (or is the
        source, or shown untranslated)."""
        project = self.project
        lang = project.build_language(config)
        path = page.file.abs_src_path
        if lang == project.default or project.content_language(page) != lang or not path:
            return None
        target = Path(path)
        source = project.source_of(page.file.src_uri.replace(f".{lang}.", ".", 1), project.default)
        if target.suffix != ".md" or not source.is_file():
            return None
        text = source.read_text(encoding="utf-8")
        recorded = recorded_hash(target, target.read_text(encoding="utf-8"))
        if recorded is None or recorded == source_hash(text):
            return None
        ui = load_ui(lang, project.data, project.default)
        day = project.history.date_of(source)
        when = f'<time datetime="{day.isoformat()}">{html.escape(localized(day, lang))}</time>'
        body = html.escape(ui["outdated_body"]).replace("{date}", when)
        snapshot = snapshot_path(project.root, source, recorded)
        details = ""
        if snapshot.is_file():
            lines = changes(snapshot.read_text(encoding="utf-8"), text)
            body += f' <a href="#{ANCHOR}">{html.escape(ui["outdated_link"])}</a>'
            details = (
                f'<details id="{ANCHOR}"><summary>{html.escape(ui["outdated_diff"])}</summary>'
                f'<div lang="{project.default}">'
                f"{diff_html(lines, ui['outdated_removed'], ui['outdated_added'])}</div>"
                "</details>"
            )
        return (
            f'<div class="admonition warning outdated" lang="{lang}">'
            f'<p class="admonition-title">{html.escape(ui["outdated_title"])}</p>'
            f"<p>{body}</p>{details}</div>"
        )

    def on_page_content(self, html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        notice = self.notice(page, config)
        if notice is None:
            return html_out
        # Under the title and an entry's definition, which stay on top.
        for after in ('<p class="definition">', "<h1"):
            start = html_out.find(after)
            if start >= 0:
                end = html_out.index("</p>" if after.startswith("<p") else "</h1>", start)
                end += len("</p>" if after.startswith("<p") else "</h1>")
                return f"{html_out[:end]}\n{notice}{html_out[end:]}"
        return f"{notice}\n{html_out}"
