"""Start a translation: copy an English source to its translation file, with the source's
structure and its source-version marker, so the checker lists exactly what is left.

    python scripts/scaffold.py docs/glossary/gan.md de
    python scripts/scaffold.py --all fr          # every missing file of a language

A glossary entry gets its title from data/terms.<lang>.yml when that file has the term.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from . import sync
from . import translations as i18n
from .languages import ROOT

ENTRY = re.compile(r"^docs/glossary/(?P<slug>[a-z0-9-]+)\.md$")


def term_name(root: Path, source: Path, lang: str) -> str | None:
    """The translated name of the entry `source`, from data/terms.<lang>.yml, if it is there."""
    match = ENTRY.match(source.as_posix())
    terms_file = root / "data" / f"terms.{lang}.yml"
    if not match or not terms_file.exists():
        return None
    terms = yaml.safe_load(terms_file.read_text(encoding="utf-8")) or {}
    return (terms.get(match["slug"]) or {}).get("name")


def scaffold(root: Path, source: Path, lang: str) -> Path:
    """Create the translation of `source` in `lang`; return its path."""
    target = i18n.target_of(source, lang)
    text = (root / source).read_text(encoding="utf-8")
    name = term_name(root, source, lang)
    if name:
        text = re.sub(r"(?m)^# .*$", f"# {name}", text, count=1)
    (root / target).write_text(text, encoding="utf-8")
    sync.mark(root, target, i18n.languages(root))
    return target


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """Create the translation files asked for: exit 0, or 2 on bad input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="the English source file")
    parser.add_argument("lang", help="the language code, e.g. de")
    parser.add_argument("--all", action="store_true", help="every missing file of the language")
    parser.add_argument("--force", action="store_true", help="overwrite an existing translation")
    args = parser.parse_intermixed_args(argv)
    langs = i18n.languages(root)
    if args.lang not in langs[1:]:
        print(
            f"mkdocs.yml:1: error: '{args.lang}' is not a configured translation language "
            f"({', '.join(langs[1:])}); add it to the i18n "
            "plugin's languages first",
            file=sys.stderr,
        )
        return 2
    if bool(args.source) == args.all:
        parser.print_usage(sys.stderr)
        print("error: name one source file, or use --all", file=sys.stderr)
        return 2
    if args.all:
        todo = [
            s
            for s in i18n.sources(root, langs)
            if not (root / i18n.target_of(s, args.lang)).exists()
        ]
    else:
        source = args.source
        if not (root / source).is_file() or i18n.translation_of(source, langs):
            print(
                f"{source}:1: error: not an English source file; name a file such as "
                "docs/glossary/gan.md",
                file=sys.stderr,
            )
            return 2
        if (root / i18n.target_of(source, args.lang)).exists() and not args.force:
            print(
                f"{i18n.target_of(source, args.lang)}:1: error: the translation exists already; "
                "edit it, or pass --force to start over",
                file=sys.stderr,
            )
            return 2
        todo = [source]
    for source in todo:
        print(f"{scaffold(root, source, args.lang)}: created from {source}")
    print(f"next: translate, then run `python scripts/check.py translations --lang {args.lang}`")
    return 0
