"""Prove the site's promise: every translation complete, every link working.

    python scripts/check.py translations [--lang de] [--format text|github|json] [FILE ...]
    python scripts/check.py links [--site site] [--external] [--format ...]
    python scripts/check.py all [--site site] [--build]

One line per finding (`path:line: error: kind: message`), then a per-language summary.
Exit 0 when clean, 1 with findings, 2 on a usage error. `--build` builds the site first
(`mkdocs build --strict`) and reports its warnings and errors as findings too, at the file
and line they are about; the strict build writes the whole site before it stops on its
warnings, so the other checks still run, and one run reports every problem.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from . import links
from . import translations as i18n
from .findings import Finding, count_line, errors, render
from .languages import ROOT, load_config

CACHE = Path(".cache") / "external-links.json"


LOG_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
DOC_LINK = re.compile(
    r"Doc file '(?P<src>[^']+)' contains (?:a|an unrecognized relative) link '(?P<url>[^']+)'"
)
OWN_ERROR = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): error: (?P<message>.*)$")


def build_findings(root: Path, site: Path) -> list[Finding]:
    """Build the site strictly into `site`; its warnings and errors as findings."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    langs = i18n.languages(root)
    found = []
    for line in (result.stdout + result.stderr).splitlines():
        match = LOG_LINE.match(line.strip())
        if match:
            found.append(log_finding(root, match[2].strip(), langs))
    if result.returncode and not found:
        tail = (result.stdout + result.stderr).strip().splitlines()[-1:] or ["no output"]
        found.append(Finding("mkdocs.yml", 1, "build", f"the build failed: {tail[0]}"))
    return found


def log_finding(root: Path, message: str, langs: list[str]) -> Finding:
    """One MkDocs warning or error as a finding at the file and line it is about."""
    own = OWN_ERROR.match(message)
    if own:  # the site's own errors name their file and line already
        path = Path(own["path"])
        where = path.relative_to(root) if path.is_absolute() and path.is_relative_to(root) else path
        return Finding(
            where.as_posix(), int(own["line"]), "build", own["message"], _language(where, langs)
        )
    link = DOC_LINK.search(message)
    if link:
        path = Path("docs") / link["src"]
        text = (root / path).read_text(encoding="utf-8") if (root / path).is_file() else ""
        at = text.find(f"]({link['url']}")
        at = text.find(link["url"]) if at < 0 else at
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        message = f"{message} Fix the link."
        return Finding(path.as_posix(), line, "build", message, _language(path, langs))
    return Finding("mkdocs.yml", 1, "build", message)


def _language(path: Path, langs: list[str]) -> str:
    """The language of a project file: its suffix, else the source language."""
    return (i18n.translation_of(path, langs) or (None, langs[0]))[1]


HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@")


def changed_lines(root: Path, since: str) -> dict[str, set[int]]:
    """The lines each file gained or changed since the git revision `since` (a pull request's
    base): {path: {line, ...}}. A ValueError names what git said when it cannot tell."""
    result = subprocess.run(
        ["git", "diff", "--unified=0", "--no-color", since, "--"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise ValueError(result.stderr.strip().splitlines()[-1] if result.stderr else since)
    changed: dict[str, set[int]] = {}
    path = ""
    for line in result.stdout.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else ""
        elif path and (hunk := HUNK.match(line)):
            start, count = int(hunk[1]), int(hunk[2] if hunk[2] is not None else 1)
            changed.setdefault(path, set()).update(range(start, start + count))
    return changed


def summary_markdown(findings: list[Finding]) -> str:
    """Findings outside the changed lines, as a Markdown table for a CI job summary."""
    bar = "\\|"  # a | inside a table cell
    rows = [
        f"| `{f.path}:{f.line}` | {f.level} | {f.kind} | {f.message.replace('|', bar)} |"
        for f in sorted(findings, key=lambda f: (f.path, f.line))
    ]
    head = f"### {len(findings)} more findings, outside the lines this change touches\n\n"
    table = "| where | level | kind | message |\n| --- | --- | --- | --- |\n"
    return head + table + "\n".join(rows)


def site_url(root: Path) -> str:
    """site_url from mkdocs.yml (MkDocs' own loader resolves its !ENV form)."""
    value = load_config(root).get("site_url") or "/"
    return str(value).rstrip("/") + "/"


def translation_findings(
    root: Path, only: list[str] | None, files: list[Path]
) -> tuple[list[Finding], dict]:
    """The translation findings (all, or only those of `files`) and the summary table."""
    results, extra = i18n.check_all(root, only)
    found = [f for r in results for f in r.findings] + extra
    if files:
        wanted = {str(f) for f in files}
        found = [f for f in found if f.path in wanted]
        results = [r for r in results if str(i18n.target_of(r.source, r.lang)) in wanted]
    return found, {**i18n.summary(results), "to do": todo_list(root, results)}


def todo_list(root: Path, results: list[i18n.Result]) -> list[dict]:
    """Per file of a language in progress that is not finished: its findings and the share
    of its lines that no finding points at (0 for a file not created yet)."""
    pending = set(i18n.configured_languages(root).in_progress)
    rows = []
    for result in results:
        if result.lang not in pending or result.status == "complete":
            continue
        target = i18n.target_of(result.source, result.lang)
        lines = []
        if (root / target).is_file():
            lines = [
                n for n, t in enumerate((root / target).read_text().splitlines(), 1) if t.strip()
            ]
        flagged = {f.line for f in result.findings} & set(lines)
        done = round(100 * (1 - len(flagged) / len(lines))) if lines else 0
        rows.append({"file": str(target), "findings": len(result.findings), "done": done})
    return sorted(rows, key=lambda row: (row["done"], row["file"]))


def link_findings(
    root: Path, site: Path, external: bool, only: list[str] | None
) -> tuple[list[Finding], dict]:
    """The link findings of the built site in `site` and the per-language summary table."""
    url = site_url(root)
    ctx = links.Context(
        site=site,
        root=root,
        site_path=links.urlsplit(url).path or "/",
        site_url=url,
        languages=i18n.languages(root),
    )
    pages = links.read_site(site)
    found = links.check_internal(pages, ctx)
    if external:
        found += links.check_external(pages, ctx, root / CACHE)
    if only:
        found = [f for f in found if f.lang in only]
    table: dict[str, dict[str, int]] = {}
    for page in pages:
        row = table.setdefault(
            links.page_language(page, ctx),
            {"pages": 0, "links": 0, "broken": 0, "fragments": 0, "leaks": 0, "external": 0},
        )
        row["pages"] += 1
        row["links"] += len(pages[page].links)
    kinds = {
        "broken-link": "broken",
        "missing-fragment": "fragments",
        "language-leak": "leaks",
        "external-link": "external",
    }
    for finding in found:
        if finding.lang in table:
            table[finding.lang][kinds[finding.kind]] += 1
    return found, {"languages": dict(sorted(table.items()))}


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """The checker's command line: exit 0 clean, 1 findings, 2 usage error."""
    parser = argparse.ArgumentParser(
        prog="check.py", description="Translation completeness and link integrity."
    )
    parser.add_argument("mode", choices=["translations", "links", "all"])
    parser.add_argument("files", nargs="*", type=Path, help="only report on these files")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--external", action="store_true", help="also check external links")
    parser.add_argument(
        "--build", action="store_true", help="build the site strictly first; report its warnings"
    )
    parser.add_argument(
        "--changed-since",
        metavar="REV",
        help="print only the findings on lines changed since this git revision; the others go "
        "to the file in $GITHUB_STEP_SUMMARY (or standard error) as a table",
    )
    args = parser.parse_intermixed_args(argv)
    langs = i18n.languages(root)
    for lang in args.lang or []:
        if lang not in langs:
            parser.error(f"--lang {lang}: not a configured language ({', '.join(langs)})")
    findings: list[Finding] = []
    summaries: dict = {}
    site = args.site if args.site.is_absolute() else root / args.site
    if args.build:
        found = build_findings(root, site)
        summaries["build"] = {"languages": {}}
        findings += [f for f in found if not args.lang or f.lang in args.lang]
    if args.mode in ("translations", "all"):
        found, summaries["translations"] = translation_findings(root, args.lang, args.files)
        findings += found
    if args.mode in ("links", "all"):
        if not (site / "index.html").is_file():
            print(
                f"{args.site}/index.html: error: no built site here; run `make build` first "
                "or pass --site",
                file=sys.stderr,
            )
            return 2
        found, summaries["links"] = link_findings(root, site, args.external, args.lang)
        findings += found
    everything = findings
    if args.changed_since:
        try:
            changed = changed_lines(root, args.changed_since)
        except ValueError as exc:
            print(f"--changed-since {args.changed_since}: error: {exc}", file=sys.stderr)
            return 2
        elsewhere = [f for f in findings if f.line not in changed.get(f.path, ())]
        findings = [f for f in findings if f.line in changed.get(f.path, ())]
        if elsewhere:
            report = summary_markdown(elsewhere)
            target = os.environ.get("GITHUB_STEP_SUMMARY")
            if target:
                with open(target, "a", encoding="utf-8") as out:
                    out.write(report + "\n")
            else:
                print(report, file=sys.stderr)
    if args.format == "json":
        print(render(findings, "json", summaries))
    else:
        blocks = [
            render([f for f in findings if _mode(f) == name], args.format, summary)
            for name, summary in summaries.items()
        ]
        print(("\n\n" if args.format == "text" else "\n").join(blocks))
        if len(summaries) > 1:  # the last line speaks for every mode, as the exit status does
            last = f"all: {count_line(everything)}"
            print(f"\n{last}" if args.format == "text" else last)
    return 1 if errors(everything) else 0


def _mode(finding: Finding) -> str:
    if finding.kind == "build":
        return "build"
    return "links" if finding.kind.endswith(("-link", "-fragment", "-leak")) else "translations"
