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
    if fmt == "text" and summary:
        lines += ["", *summary_table(summary)]
    count = len(ordered)
    lines.append(f"{count} finding{'s' if count != 1 else ''}" if count else "no findings")
    return "\n".join(lines)


def summary_table(summary: dict) -> list[str]:
    """A plain-text table: one row per language, one column per summary field."""
    rows = summary.get("languages", {})
    if not rows:
        return []
    columns = list(next(iter(rows.values())).keys())
    header = ["language", *columns]
    body = [[lang, *(str(values[c]) for c in columns)] for lang, values in rows.items()]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))

    return [fmt(header), fmt(["-" * w for w in widths]), *(fmt(row) for row in body)]
