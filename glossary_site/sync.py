"""Mark translations as synced with their English source after review.

Records the source's version in each translation (front matter `source_hash`, notebook
metadata `i18n.source_hash`, or a `# source_hash:` comment in YAML) and keeps a snapshot of
the source under i18n/snapshots/, so the checker can later show what changed since.

    python scripts/mark_synced.py docs/glossary/model-collapse.de.md [more files]
    python scripts/mark_synced.py --all [--lang de]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import translations as i18n
from .languages import ROOT


def with_marker(path: Path, text: str, digest: str) -> str:
    """The translation's text with its source version set to `digest`."""
    if path.suffix == ".md":
        front, size = i18n.md.split_front_matter(text)
        if not size:
            return f"---\nsource_hash: {digest}\n---\n\n{text}"
        lines = [line for line in front if not line.startswith("source_hash:")]
        body = text.split("\n", size)[size] if text.count("\n") >= size else ""
        return "\n".join(["---", f"source_hash: {digest}", *lines, "---", body])
    if path.suffix == ".ipynb":
        notebook = json.loads(text)
        notebook.setdefault("metadata", {}).setdefault("i18n", {})["source_hash"] = digest
        return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
    marker = f"# source_hash: {digest}"
    if i18n.HASH_COMMENT.search(text):
        return i18n.HASH_COMMENT.sub(marker, text, count=1)
    head = re.match(r"(?:#.*\n)*", text)[0]
    return f"{head}{marker}\n{text[len(head) :]}"


def mark(root: Path, target: Path, langs: list[str]) -> str:
    """Record the current version of `target`'s source in it; return that version."""
    pair = i18n.translation_of(target, langs)
    if pair is None:
        raise ValueError(
            f"{target}: not a translation (expected a name like page.de.md); name the "
            "translated file"
        )
    source = pair[0]
    if not (root / source).exists():
        raise ValueError(f"{target}: its source {source} does not exist")
    source_text = (root / source).read_text(encoding="utf-8")
    digest = i18n.source_hash(source_text)
    snapshot = i18n.snapshot_path(root, source, digest)
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    snapshot.write_text(source_text, encoding="utf-8")
    text = (root / target).read_text(encoding="utf-8")
    (root / target).write_text(with_marker(target, text, digest), encoding="utf-8")
    return digest


def prune(root: Path, langs: list[str]) -> list[Path]:
    """Remove snapshots no translation refers to any more."""
    used = set()
    for target, source, _ in i18n.translations(root, langs):
        digest = i18n.recorded_hash(target, (root / target).read_text(encoding="utf-8"))
        if digest:
            used.add(i18n.snapshot_path(root, source, digest).name)
    removed = [p for p in (root / i18n.SNAPSHOTS).glob("*") if p.name not in used]
    for path in removed:
        path.unlink()
    return removed


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """Mark the files named (or --all) as synced: exit 0, or 2 on bad input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="translation files to mark")
    parser.add_argument("--all", action="store_true", help="every existing translation")
    parser.add_argument("--lang", action="append", help="with --all: only this language")
    args = parser.parse_intermixed_args(argv)
    if bool(args.files) == args.all:
        parser.print_usage(sys.stderr)
        print("error: name translation files, or use --all", file=sys.stderr)
        return 2
    langs = i18n.languages(root)
    targets = args.files or [
        t for t, _, lang in i18n.translations(root, langs) if not args.lang or lang in args.lang
    ]
    status = 0
    for target in targets:
        relative = target if not target.is_absolute() else target.relative_to(root)
        if not (root / relative).exists():
            print(f"{relative}:1: error: no such file; check the path", file=sys.stderr)
            status = 2
            continue
        try:
            digest = mark(root, relative, langs)
        except ValueError as exc:
            print(f"{exc}", file=sys.stderr)
            status = 2
            continue
        print(f"{relative}: synced with source version {digest}")
    prune(root, langs)
    return status
