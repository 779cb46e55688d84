"""Prove the site's promise: every translation complete, every link working.

    python scripts/check.py translations [--lang de] [--format text|github|json] [FILE ...]
    python scripts/check.py links [--site site] [--external] [--format ...]
    python scripts/check.py all [--site site]

One line per finding (`path:line: error: kind: message`), then a per-language summary.
Exit 0 when clean, 1 with findings, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import links
from . import translations as i18n
from .findings import Finding, count_line, errors, render
from .languages import ROOT, load_config

CACHE = Path(".cache") / "external-links.json"


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
    args = parser.parse_intermixed_args(argv)
    langs = i18n.languages(root)
    for lang in args.lang or []:
        if lang not in langs:
            parser.error(f"--lang {lang}: not a configured language ({', '.join(langs)})")
    findings: list[Finding] = []
    summaries: dict = {}
    if args.mode in ("translations", "all"):
        found, summaries["translations"] = translation_findings(root, args.lang, args.files)
        findings += found
    if args.mode in ("links", "all"):
        site = args.site if args.site.is_absolute() else root / args.site
        if not (site / "index.html").is_file():
            print(
                f"{args.site}/index.html: error: no built site here; run `make build` first "
                "or pass --site",
                file=sys.stderr,
            )
            return 2
        found, summaries["links"] = link_findings(root, site, args.external, args.lang)
        findings += found
    if args.format == "json":
        print(render(findings, "json", summaries))
    else:
        blocks = [
            render([f for f in findings if _mode(f) == name], args.format, summary)
            for name, summary in summaries.items()
        ]
        print(("\n\n" if args.format == "text" else "\n").join(blocks))
        if len(summaries) > 1:  # the last line speaks for every mode, as the exit status does
            print(
                f"\nall: {count_line(findings)}"
                if args.format == "text"
                else f"all: {count_line(findings)}"
            )
    return 1 if errors(findings) else 0


def _mode(finding: Finding) -> str:
    return "links" if finding.kind.endswith(("-link", "-fragment", "-leak")) else "translations"
