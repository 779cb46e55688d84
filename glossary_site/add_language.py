"""Add a language to the site, marked in progress: its entry in the i18n plugin's `languages`
and its code in the glossary plugin's `in_progress`, both in mkdocs.yml.

    python scripts/add_language.py fr [--name Français]

Nothing else is needed for the site to build and the checks to pass: every page appears
under /fr/ in English under the notice until its translation exists, and the checker lists
what is left without failing. Translate file by file (`scripts/scaffold.py`); the translator
guide's "Add a new language" says the rest.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .languages import CONFIG_FILE, ROOT, LanguageError, languages

CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)?")


def _find(lines: list[str], wanted: str, what: str) -> int:
    """The index of the line that reads `wanted`; ValueError naming `what` when there is none."""
    found = next((i for i, line in enumerate(lines) if line.rstrip() == wanted), None)
    if found is None:
        raise ValueError(f"1: error: no {what}")
    return found


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the block under line `start`: its lines blank or indented `indent`."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" " * indent)):
        end += 1
    while lines[end - 1].strip() == "":  # blank lines after the block stay after it
        end -= 1
    return end


def add(text: str, code: str, name: str) -> str:
    """mkdocs.yml's text with `code` added after the last i18n language and marked in
    progress under the glossary plugin (ValueError naming the line when it cannot)."""
    lines = text.splitlines(keepends=True)
    languages_at = _find(lines, "      languages:", "`languages:` list under the i18n plugin")
    end = _block_end(lines, languages_at, 8)
    lines[end:end] = [
        f"        - locale: {code}\n",
        f"          name: {name}\n",
        "          build: true\n",
    ]
    glossary = _find(lines, "  - glossary:", "`- glossary:` plugin")
    block = range(glossary + 1, _block_end(lines, glossary, 6))
    marked = next((i for i in block if lines[i].startswith("      in_progress:")), None)
    if marked is not None:
        value, _, comment = lines[marked].split(":", 1)[1].partition("#")
        codes = [*re.findall(r"[\w-]+", value), code]
        note = f"  #{comment.rstrip()}" if comment.strip() else ""
        lines[marked] = f"      in_progress: [{', '.join(codes)}]{note}\n"
    else:
        lines.insert(glossary + 1, f"      in_progress: [{code}]  # not finished yet\n")
    return "".join(lines)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """Add the language named on the command line: exit 0, or 2 on bad input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="the language code, e.g. fr")
    parser.add_argument("--name", help="its name in the language switcher (default: the code)")
    args = parser.parse_args(argv)
    if not CODE.fullmatch(args.code):
        parser.error(f"{args.code!r} is not a language code such as fr or pt-BR")
    try:
        codes = languages(root).codes
    except LanguageError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.code in codes:
        print(
            f"{CONFIG_FILE}:1: error: '{args.code}' is already a language of the site "
            f"({', '.join(codes)})",
            file=sys.stderr,
        )
        return 2
    path = root / CONFIG_FILE
    try:
        text = add(path.read_text(encoding="utf-8"), args.code, args.name or args.code)
    except ValueError as exc:
        print(f"{CONFIG_FILE}:{exc}; add the language by hand (translator guide)", file=sys.stderr)
        return 2
    path.write_text(text, encoding="utf-8")
    print(f"{CONFIG_FILE}: added '{args.code}', in progress")
    print(
        f"next: translate a page with `python scripts/scaffold.py docs/index.md {args.code}`, "
        f"and see what is left with `python scripts/check.py translations --lang {args.code}`"
    )
    return 0
