"""Findings of the site checks and their three output formats: text, GitHub, JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, what it is, and how to fix it (in the message)."""

    path: str
    line: int
    kind: str
    message: str
    lang: str = ""
    level: str = "error"
    detail: str = field(default="", compare=False)

    def text(self) -> str:
        """The finding as one `path:line: level: kind: message` line, with its detail indented."""
        out = f"{self.path}:{self.line}: {self.level}: {self.kind}: {self.message}"
        if self.detail:
            out += "\n" + "\n".join(f"    {line}" for line in self.detail.splitlines())
        return out

    def github(self) -> str:
        """The finding as a GitHub workflow annotation command."""

        def escape(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        body = self.message + (f"\n{self.detail}" if self.detail else "")
        title = escape(f"{self.kind} ({self.lang})" if self.lang else self.kind)
        props = f"file={self.path},line={self.line},title={title.replace(',', '%2C')}"
        return f"::{self.level} {props}::{escape(body)}"


def render(findings: list[Finding], fmt: str, summary: dict | None = None) -> str:
    """All findings in one format, with the summary table (text) or object (json)."""
    ordered = sorted(findings, key=lambda f: (f.path, f.line, f.kind, f.message))
    if fmt == "json":
        return json.dumps(
            {"findings": [asdict(f) for f in ordered], "summary": summary or {}},
            ensure_ascii=False,
            indent=2,
        )
    lines = [f.github() if fmt == "github" else f.text() for f in ordered]
    if fmt == "text" and summary and summary.get("to do"):
        lines = [*todo_table(summary["to do"]), "", *lines]
    if fmt == "text" and summary:
        lines += ["", *summary_table(summary)]
    lines.append(count_line(ordered))
    return "\n".join(lines)


def errors(findings: list[Finding]) -> list[Finding]:
    """The findings that fail the check (not the to-do list of a language in progress)."""
    return [f for f in findings if f.level == "error"]


def count_line(findings: list[Finding]) -> str:
    """ "N findings" ("no findings"), and what a language in progress has left to do."""
    count = len(errors(findings))
    line = f"{count} finding{'s' if count != 1 else ''}" if count else "no findings"
    todo = len(findings) - count
    if todo:
        langs = ", ".join(sorted({f.lang for f in findings if f.level != "error"}))
        line += f"; {todo} to do in {langs} (in progress)"
    return line


def todo_table(rows: list[dict]) -> list[str]:
    """The to-do list of the languages in progress: one row per unfinished file, the least
    done first, with its findings and the share of its lines without one."""
    table = [["to do (in progress)", "findings", "done"]]
    table += [[row["file"], str(row["findings"]), f"{row['done']} %"] for row in rows]
    return _columns(table)


def _columns(table: list[list[str]]) -> list[str]:
    """Rows of cells as aligned text, a rule under the first."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]

    def fmt(row: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))

    return [fmt(table[0]), fmt(["-" * w for w in widths]), *(fmt(row) for row in table[1:])]


def summary_table(summary: dict) -> list[str]:
    """A plain-text table: one row per language, one column per summary field."""
    rows = summary.get("languages", {})
    if not rows:
        return []
    columns = list(next(iter(rows.values())).keys())
    header = ["language", *columns]
    body = [[lang, *(str(values[c]) for c in columns)] for lang, values in rows.items()]
    return _columns([header, *body])
