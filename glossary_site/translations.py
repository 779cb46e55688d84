"""Translation checks: missing and orphan files, structure drift, untranslated text,
outdated translations (with a diff of the source since the last sync) and terminology.

Pure functions over a project tree; scripts/check.py is the command line, and the
translation-status hook renders the same data on the site.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import distributions
from pathlib import Path

import yaml
from pathspec.gitignore import GitIgnoreSpec

from . import langid
from . import skeleton as md
from .data import FAST_LOADER, read_yaml
from .findings import Finding
from .languages import ROOT, i18n_config, load_config
from .languages import languages as configured_languages

SNAPSHOTS = Path("i18n") / "snapshots"
NEUTRAL_KEYS = {
    "related",
    "demo",
    "entry",
    "formerly",
}  # data keys that live only in the source language's file
HASH_COMMENT = re.compile(r"^#\s*source_hash:\s*([0-9a-f]+)\s*$", re.MULTILINE)
SKIPPED_SECTIONS = {"references"}  # its list items are references: paper titles stay English
TODO = "notice"  # the level of a finding in a language in progress
STILL_ENGLISH = "is still English"  # what a finding of English prose left in says


def languages(root: Path) -> list[str]:
    """The configured languages, the default (source) language first."""
    return list(configured_languages(root).codes)


# --- files -----------------------------------------------------------------------------------


def translation_of(path: Path, langs: list[str]) -> tuple[Path, str] | None:
    """(source, language) when `path` is a translation like page.de.md, else None (`langs`
    with the default language first)."""
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2] in langs[1:]:
        return path.with_name(".".join(parts[:-2] + parts[-1:])), parts[-2]
    return None


def target_of(source: Path, lang: str) -> Path:
    """The translation of `source` in `lang`: page.md -> page.<lang>.md."""
    return source.with_name(f"{source.stem}.{lang}{source.suffix}")


def _files(root: Path) -> list[Path]:
    """The pages, notebooks and data files of the site: what mkdocs.yml's exclude_docs keeps
    out of the site (developer docs such as docs/dev/) is not translated."""
    excluded = GitIgnoreSpec.from_lines(
        str(load_config(root).get("exclude_docs") or "").splitlines()
    )
    docs = [
        p
        for pattern in ("docs/**/*.md", "docs/**/*.ipynb")
        for p in root.glob(pattern)
        if not excluded.match_file(p.relative_to(root / "docs").as_posix())
    ]
    docs = [p for p in docs if not _written_by_the_build(p)]
    return [p for p in [*docs, *root.glob("data/*.yml")] if ".ipynb_checkpoints" not in p.parts]


def _written_by_the_build(path: Path) -> bool:
    """A page the build writes in every language from data files (a diagram's page: front
    matter `diagram_page:`): it has nothing to translate."""
    if path.suffix != ".md":
        return False
    front, _ = md.split_front_matter(path.read_bytes().decode("utf-8", "replace"))
    return any(line.startswith("diagram_page:") for line in front)  # diagram_pages.PAGE_KEY


# Data files that hold no text to translate: the termbase (every language in one file) and
# the byte budgets of the pages.
LANGUAGE_NEUTRAL = ("termbase.yml", "budgets.yml")


def sources(root: Path, langs: list[str]) -> list[Path]:
    """Every source-language file the translations follow, relative to root."""
    found = [
        p for p in _files(root) if not translation_of(p, langs) and p.name not in LANGUAGE_NEUTRAL
    ]
    return sorted(p.relative_to(root) for p in found)


def translations(root: Path, langs: list[str]) -> list[tuple[Path, Path, str]]:
    """Every translation file as (translation, source, language), relative to root."""
    out = []
    for path in _files(root):
        pair = translation_of(path, langs)
        if pair:
            out.append((path.relative_to(root), pair[0].relative_to(root), pair[1]))
    return sorted(out)


# --- source versions -------------------------------------------------------------------------


def source_hash(text: str) -> str:
    """The version of a source: the start of the SHA-256 of its text."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:12]


def recorded_hash(path: Path, text: str) -> str | None:
    """The source version a translation says it was made from."""
    if path.suffix == ".md":
        front, _ = md.split_front_matter(text)
        data = yaml.safe_load("\n".join(front)) if front else None
        value = data.get("source_hash") if isinstance(data, dict) else None
        return str(value) if value else None
    if path.suffix == ".ipynb":
        try:
            meta = json.loads(text).get("metadata", {})
        except json.JSONDecodeError:
            return None
        return (meta.get("i18n") or {}).get("source_hash")
    match = HASH_COMMENT.search(text)
    return match.group(1) if match else None


def snapshot_path(root: Path, source: Path, digest: str) -> Path:
    """Where the snapshot of `source` at version `digest` is kept."""
    return root / SNAPSHOTS / f"{digest}{source.suffix}"


# --- results ---------------------------------------------------------------------------------


@dataclass
class Result:
    """What the checks found for one source in one language."""

    source: Path
    lang: str
    status: str  # complete, incomplete, outdated, missing
    source_words: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Termbase:
    """The approved terms per language and the terms kept in the source language."""

    terms: list[dict]
    keep: list[str]
    languages: tuple[str, ...]  # the configured ones, the source language first

    def kept(self, lang: str) -> list[str]:
        """Terms that may appear in the source language in `lang` text."""
        src = self.languages[0]
        same = [t[src] for t in self.terms if t[src].casefold() == t.get(lang, "").casefold()]
        return [*self.keep, *same]


def load_termbase(root: Path) -> Termbase:
    """The termbase of the project in `root`, with its languages."""
    data = read_yaml(root / "data" / "termbase.yml") or {}
    keep = [str(k) for k in data.get("keep", [])]
    return Termbase(data.get("terms", []), keep, tuple(languages(root)))


# --- structure -------------------------------------------------------------------------------


def _compare(
    kind: str,
    what: str,
    src: list[tuple[int, str]],
    tgt: list[tuple[int, str]],
    path: str,
    lang: str,
    fix: str,
    locate: Callable[[int], int] = lambda line: 1,
    key: Callable[[str], str] = lambda value: value,
) -> list[Finding]:
    """Compare two ordered lists of skeleton items, aligned by value; report the first
    difference at the translation's line of it: the differing or extra item's own line, or,
    for an item the translation lacks, where it belongs (`locate` maps a source line to the
    translation's line)."""
    values = difflib.SequenceMatcher(
        None, [key(v) for _, v in src], [key(v) for _, v in tgt], False
    )
    for op, i1, _, j1, _ in values.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            line, value = src[i1]
            where = max(locate(line), tgt[j1 - 1][0]) if j1 else locate(line)
            message = f"{what} {value!r} (source line {line}) is missing here"
        elif op == "insert":
            where, value = tgt[j1]
            message = f"{what} {value!r} is not in the source"
        else:
            where, value = tgt[j1]
            message = f"{what} #{j1 + 1} is {value!r}, the source has {src[i1][1]!r}"
        return [Finding(path, where, kind, f"{message}; {fix}", lang)]
    return []


def _locator(src: md.Skeleton, tgt: md.Skeleton) -> Callable[[int], int]:
    """Maps a source line to the translation: as far below the last block before it as in the
    source, counted from that block's end in the translation, or as far into the block as the
    line is (the blocks: headings, and the paragraphs, list items, cells, titles, code and math
    blocks, markers and admonitions of each kind the translation has as many of as the source,
    paired in order); line 1 before the first."""
    # (source start, source end, translation start, translation end) of corresponding blocks
    pairs = [(s[0], s[0], t[0], t[0]) for s, t in zip(src.headings, tgt.headings, strict=False)]
    for kind in ("paragraph", "item", "cell", "title", "front-matter"):
        units = [[u for u in prose if u.kind == kind] for prose in (src.prose, tgt.prose)]
        if len(units[0]) == len(units[1]):
            pairs += [
                (a.line, a.line + len(a.breaks), b.line, b.line + len(b.breaks))
                for a, b in zip(*units, strict=True)
            ]
    for items in ("code", "math", "markers", "admonitions"):
        mine, theirs = getattr(src, items), getattr(tgt, items)
        if len(mine) == len(theirs):
            pairs += [(a[0], a[0], b[0], b[0]) for a, b in zip(mine, theirs, strict=True)]
    pairs.sort()

    def locate(line: int) -> int:
        before = [pair for pair in pairs if pair[0] <= line]
        if not before:
            return 1
        start, end, target_start, target_end = before[-1]
        if line <= end:  # inside that block: as far into it, within its lines
            return min(target_start + (line - start), target_end)
        return target_end + (line - end)

    return locate


# A digit-group separator inside a formula: 12{,}288, 12{.}288, 12\,288 (thin space), 12\ 288.
DIGIT_GROUP = re.compile(r"(?<=\d)(?:\{,\}|\{\.\}|\\,|\\ |\\;|~)(?=\d{3}(?!\d))")
COMMA_GROUP = re.compile(r"(?<![\d.])\d+(?:\{,\}\d{3})+(?!\d)")


def ungrouped(formula: str) -> str:
    """A formula without its digit-group separators: each language may group digits its own
    way (12\\,288 in all three, 12{.}288 in German), the formula is the same."""
    return DIGIT_GROUP.sub("", formula)


def comma_grouping(src: md.Skeleton, tgt: md.Skeleton, path: str, lang: str) -> list[Finding]:
    """A number grouped with `{,}` as in the English source: in a language with a decimal
    comma (German, Spanish) 12{,}288 reads as twelve point 288."""
    out = []
    source = {m for _, value in src.math + src.inline_math for m in COMMA_GROUP.findall(value)}
    for line, value in tgt.math + tgt.inline_math:
        for match in COMMA_GROUP.findall(value):
            if match in source:
                fixed = match.replace("{,}", "\\,")
                out.append(
                    Finding(
                        path,
                        line,
                        "structure",
                        f"'{match}' groups digits with a comma, which reads as a decimal comma "
                        f"in {lang}; group them with a thin space: '{fixed}'",
                        lang,
                    )
                )
    return out


def structure(src: md.Skeleton, tgt: md.Skeleton, path: str, lang: str) -> list[Finding]:
    """Structure drift between a Markdown source and its translation."""
    kind = "structure"
    out: list[Finding] = comma_grouping(src, tgt, path, lang)
    compare = functools.partial(_compare, locate=_locator(src, tgt))
    heads = [
        (line, f"h{level} #{hid}" if hid else f"h{level}") for line, level, hid in src.headings
    ]
    theads = [
        (line, f"h{level} #{hid}" if hid else f"h{level}") for line, level, hid in tgt.headings
    ]
    out += compare(kind, "heading", heads, theads, path, lang, "keep the level and { #id }")
    out += compare(kind, "link", src.links, tgt.links, path, lang, "link the same targets")
    out += compare(kind, "image", src.images, tgt.images, path, lang, "keep the same images")
    out += compare(kind, "code block", src.code, tgt.code, path, lang, "copy code unchanged")
    # Digits may be grouped as the language groups them (see `ungrouped`).
    out += compare(
        kind, "math block", src.math, tgt.math, path, lang, "copy math unchanged", key=ungrouped
    )
    # Word order differs between languages: inline formulas are compared as a multiset.
    out += compare(
        kind,
        "inline formula",
        sorted(src.inline_math, key=lambda item: ungrouped(item[1])),
        sorted(tgt.inline_math, key=lambda item: ungrouped(item[1])),
        path,
        lang,
        "copy math unchanged",
        key=ungrouped,
    )
    out += compare(
        kind, "admonition", src.admonitions, tgt.admonitions, path, lang, "keep the same type"
    )
    out += compare(
        kind,
        "table",
        [(line, f"{n} columns") for line, n in src.tables],
        [(line, f"{n} columns") for line, n in tgt.tables],
        path,
        lang,
        "keep the same columns",
    )
    out += compare(kind, "footnote", src.footnotes, tgt.footnotes, path, lang, "keep footnotes")
    out += compare(
        kind, "build marker", src.markers, tgt.markers, path, lang, "copy the <!-- … --> marker"
    )
    return out


# --- untranslated text and terminology -------------------------------------------------------


def is_reference(unit: md.Prose) -> bool:
    """A list item under the references heading: a reference, whose paper title stays as
    published. A note under that heading is prose like any other."""
    return unit.section in SKIPPED_SECTIONS and unit.kind == "item"


def untranslated(prose: list[md.Prose], base: Termbase, path: str, lang: str) -> list[Finding]:
    """Source-language sentences and clauses left in a translation's prose."""
    out = []
    keep = base.kept(lang)
    # Score every fragment of the file in one batch, spread over the CPU cores.
    langid.prime(
        [
            piece
            for unit in prose
            if not is_reference(unit)
            for piece in langid.fragments(unit.text, keep)
        ],
        base.languages,
    )
    for unit in prose:
        if is_reference(unit):
            continue
        for hit in langid.find_english(unit.text, keep, base.languages):
            what = "sentence" if hit.whole_sentence else "part of a sentence"
            out.append(
                Finding(
                    path,
                    unit.line_at(hit.offset),
                    "untranslated",
                    f"this {what} {STILL_ENGLISH}: {_quote(hit.text)}; translate it",
                    lang,
                )
            )
        for hit, other in langid.find_other_translation(unit.text, keep, base.languages, lang):
            out.append(
                Finding(
                    path,
                    unit.line_at(hit.offset),
                    "untranslated",
                    f"this sentence is in '{other}', not '{lang}': {_quote(hit.text)}; "
                    "translate it",
                    lang,
                )
            )
    return out


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def _squash(text: str) -> str:
    """Casefolded text without spaces and hyphens: 'Posterior-Kollaps' -> 'posteriorkollaps'."""
    return re.sub(r"[\s\-‐]+", "", text.casefold())


def terminology(prose: list[md.Prose], base: Termbase, path: str, lang: str) -> list[Finding]:
    """Deviations from the termbase: an English term left where the termbase has a
    translation, another spelling of the approved term, or a term the termbase marks as
    one to avoid."""
    out: list[Finding] = []
    # A language the termbase does not cover yet has no approved terms to check.
    src = base.languages[0]
    approved = [t for t in base.terms if t.get(lang)]

    def report(unit: md.Prose, offset: int, message: str) -> None:
        out.append(Finding(path, unit.line_at(offset), "terminology", message, lang))

    # The patterns of each term, compiled once for all paragraphs of the file.
    checks = []
    for term in approved:
        wanted = term[lang]
        # A term spelled as in English (Sample, Codebook) is checked only for what it avoids.
        same = term[src].casefold() == wanted.casefold()
        english = None if same else re.compile(rf"(?i)(?<![\w-]){re.escape(term[src])}s?(?![\w-])")
        avoided = [
            re.compile(rf"(?i)(?<![\w-]){re.escape(avoid)}(?![\w-])")
            for avoid in (term.get("avoid") or {}).get(lang, [])
        ]
        variant = None
        if not same and re.search(r"[\s-]", wanted):
            # Another spelling of a multi-part term: same letters, other spaces or hyphens.
            parts = [re.escape(p) for p in re.split(r"[\s-]+", wanted)]
            joined = r"[\s\-‐]*".join(parts)
            variant = re.compile(rf"(?i)(?<![\w-]){joined}(?![\w-])")
        checks.append((term, wanted, english, avoided, variant))

    for unit in prose:
        if is_reference(unit):
            continue
        text = langid.mask(unit.text, [])  # no code, math, link targets or citations
        folded = text.casefold()
        for term, wanted, english, avoided, variant in checks:
            if english and term[src].casefold() in folded:
                for match in english.finditer(text):
                    report(
                        unit,
                        match.start(),
                        f"'{match[0]}' is English; the termbase term is '{wanted}'",
                    )
            for pattern in avoided:
                for match in pattern.finditer(text):
                    report(
                        unit,
                        match.start(),
                        f"'{match[0]}': the termbase term for '{term[src]}' is '{wanted}'",
                    )
            if variant is None:
                continue
            for match in variant.finditer(text):
                found = " ".join(match[0].split())
                if found.casefold() != wanted.casefold():
                    report(unit, match.start(), f"'{found}' is spelled '{wanted}' in the termbase")
    return out


# --- bad input ------------------------------------------------------------------------------

RAW_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def markdown_input(text: str, path: str, lang: str, offset: int = 0) -> list[Finding]:
    """Raw scripts, inline event handlers and duplicate heading ids in Markdown."""
    out: list[Finding] = []
    in_code = False
    for number, line in enumerate(text.split("\n"), start=1):
        if md.FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = md.INLINE_CODE.sub("", line)
        if RAW_SCRIPT.search(line):
            out.append(
                Finding(
                    path,
                    number + offset,
                    "bad-input",
                    "raw <script> in Markdown; remove it (pages run only the site's own scripts)",
                    lang,
                )
            )
        if EVENT_HANDLER.search(line):
            out.append(
                Finding(
                    path,
                    number + offset,
                    "bad-input",
                    "inline event handler (on...=) in HTML; remove it",
                    lang,
                )
            )
    seen: dict[str, int] = {}
    for line, _level, hid in md.parse(text).headings:
        if hid and hid in seen:
            out.append(
                Finding(
                    path,
                    line + offset,
                    "bad-input",
                    f"duplicate heading id '#{hid}' (first on line {seen[hid] + offset}); make "
                    "each id unique",
                    lang,
                )
            )
        seen.setdefault(hid, line)
    return out


def read_checked(root: Path, path: Path, lang: str) -> tuple[str | None, list[Finding]]:
    """A file's text and its input findings; the text is None when it cannot be checked."""
    where = str(path)
    data = (root / path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Finding(
                where,
                line,
                "bad-input",
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                lang,
            )
        ]
    if not text.strip():
        return None, [
            Finding(
                where, 1, "bad-input", "the file is empty; write its content or delete it", lang
            )
        ]
    if path.suffix == ".md":
        return _markdown_checked(text, where, lang)
    if path.suffix == ".ipynb":
        return _notebook_checked(text, where, lang)
    try:
        yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or "syntax error"
        return None, [
            Finding(where, line, "bad-input", f"not valid YAML ({problem}); fix the syntax", lang)
        ]
    return text, []


def _markdown_checked(text: str, where: str, lang: str) -> tuple[str | None, list[Finding]]:
    lines = text.split("\n")
    if lines[0].strip() == "---":
        front, size = md.split_front_matter(text)
        if not size:
            return None, [
                Finding(
                    where,
                    1,
                    "bad-input",
                    "front matter opened on line 1 is never closed; add a line '---' after it",
                    lang,
                )
            ]
        try:
            data = yaml.safe_load("\n".join(front))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(exc, "problem", None) or "syntax error"
            return None, [
                Finding(
                    where,
                    line,
                    "bad-input",
                    f"front matter is not valid YAML ({problem}); fix it",
                    lang,
                )
            ]
        if data is not None and not isinstance(data, dict):
            return None, [
                Finding(
                    where, 2, "bad-input", "front matter must be 'key: value' lines; fix it", lang
                )
            ]
    return text, markdown_input(text, where, lang)


def _notebook_checked(text: str, where: str, lang: str) -> tuple[str | None, list[Finding]]:
    # The compiled validator nbformat ships with: the same schema, ten times faster.
    os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")
    import nbformat

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            Finding(
                where,
                exc.lineno,
                "bad-input",
                f"not valid JSON ({exc.msg}); fix the notebook",
                lang,
            )
        ]
    try:
        nbformat.validate(nbformat.from_dict(data))
    except (nbformat.ValidationError, AttributeError, KeyError, TypeError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [
            Finding(
                where,
                1,
                "bad-input",
                f"not a valid notebook (nbformat 4: {message}); fix or re-save it in Jupyter",
                lang,
            )
        ]
    out: list[Finding] = []
    lines = _cell_lines(text)
    for index, cell in enumerate(data.get("cells", [])):
        line = lines[index] if index < len(lines) else 1
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count")):
            out.append(
                Finding(
                    where,
                    line,
                    "bad-input",
                    f"code cell {index + 1} has committed outputs; outputs come from the build: "
                    f"clear them (jupyter nbconvert --clear-output --inplace {where})",
                    lang,
                )
            )
        if cell.get("cell_type") == "markdown":
            for finding in markdown_input("".join(cell.get("source", "")), where, lang):
                out.append(
                    Finding(where, line, finding.kind, f"cell {index + 1}: {finding.message}", lang)
                )
    return text, out


# --- one unit --------------------------------------------------------------------------------


def outdated(
    root: Path, source: Path, target: Path, src_text: str, tgt_text: str, lang: str
) -> list[Finding]:
    """A finding, with the source's diff since the last sync, when the translation is behind."""
    current = source_hash(src_text)
    recorded = recorded_hash(target, tgt_text)
    sync = f"python scripts/mark_synced.py {target}"
    if recorded is None:
        return [
            Finding(
                str(target),
                1,
                "outdated",
                f"no source version recorded; after review run `{sync}`",
                lang,
            )
        ]
    if recorded == current:
        return []
    old = snapshot_path(root, source, recorded)
    if old.exists():
        diff = "".join(
            difflib.unified_diff(
                old.read_text(encoding="utf-8").splitlines(keepends=True),
                src_text.splitlines(keepends=True),
                f"{source} (synced {recorded})",
                f"{source} (now {current})",
                n=1,
            )
        )
    else:
        diff = f"(no snapshot of version {recorded} in {SNAPSHOTS}: compare by hand)"
    return [
        Finding(
            str(target),
            1,
            "outdated",
            f"{source} changed since this translation was synced; update the translation, "
            f"then run `{sync}`",
            lang,
            detail=diff,
        )
    ]


def check_markdown(
    src_text: str, tgt_text: str, target: Path, lang: str, base: Termbase
) -> list[Finding]:
    """Every finding of a Markdown translation against its source."""
    src, tgt = md.parse(src_text), md.parse(tgt_text)
    path = str(target)
    # One finding per fault: a line with English left in is not also told to use a term
    # (translating it will), and a word the termbase lists to avoid is not also a missing term.
    english = untranslated(tgt.prose, base, path, lang)
    english += copied_phrases(src.prose, tgt.prose, base, path, lang, {f.line for f in english})
    told = {f.line for f in english}
    terms = [f for f in terminology(tgt.prose, base, path, lang) if f.line not in told]
    told |= {f.line for f in terms}
    coverage = [
        f for f in term_coverage(src.prose, tgt.prose, base, path, lang) if f.line not in told
    ]
    return (
        structure(src, tgt, path, lang)
        + english
        + short_untranslated(src.prose, tgt.prose, base, path, lang)
        + terms
        + coverage
    )


def aligned(
    src: list[md.Prose], tgt: list[md.Prose], kinds: tuple[str, ...]
) -> Iterator[tuple[md.Prose, md.Prose]]:
    """(source unit, translated unit) pairs of each kind, in order, for the kinds of which the
    translation has as many as the source (the structure check reports the others)."""
    for kind in kinds:
        pairs = [[u for u in units if u.kind == kind] for units in (src, tgt)]
        if len(pairs[0]) == len(pairs[1]):
            yield from zip(*pairs, strict=True)


def _folded(text: str) -> str:
    """Lower case without accents or umlauts: "Räume" and "raume" compare equal."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _stem(word: str) -> str:
    """The start of a word that its inflections and derivations share (folded): 60 % of it,
    at least four letters ("modellko" for Modellkollaps, "genera" for generación)."""
    word = _folded(word)
    return word[: max(4, math.ceil(0.6 * len(word)))]


def _term_forms(wanted: str) -> list[re.Pattern[str]]:
    """Patterns for a term's forms in folded text: its words' stems in order, up to two words
    between them (an adjective put in: "colapso temprano del modelo"), or the stem of its
    longest word alone (an ellipsis: "la interpolación esférica en lugar de la lineal")."""
    words = re.split(r"[\s\-‐]+", wanted)
    gap = r"\w*(?:[\s\-‐]+\w+){0,2}?[\s\-‐]+"
    return [
        re.compile(gap.join(re.escape(_stem(w)) for w in words)),
        re.compile(re.escape(_stem(max(words, key=len)))),
    ]


def term_coverage(
    src: list[md.Prose], tgt: list[md.Prose], base: Termbase, path: str, lang: str
) -> list[Finding]:
    """Where a source paragraph (list item, heading, cell, title) uses a termbase term of
    several words, its translation uses the approved term, in some form: an unlisted synonym
    is reported at the translation's paragraph. Each term counts once per paragraph, the
    longest first ("latent space collapse" before "latent space")."""
    source_language = base.languages[0]
    # Terms of several words only: a single word is often used in another sense too (to
    # sample; the generation of images), where a translation rightly uses another word.
    terms = sorted(
        (t for t in base.terms if t.get(lang) and re.search(r"[\s-]", t[source_language])),
        key=lambda t: -len(t[source_language]),
    )
    patterns = [
        (
            term,
            re.compile(rf"(?<![\w-]){re.escape(_folded(term[source_language]))}s?(?![\w-])"),
            _term_forms(term[lang]),
        )
        for term in terms
    ]
    out = []
    for source, unit in aligned(src, tgt, ("paragraph", "item", "heading", "cell", "title")):
        if is_reference(source):
            continue
        source_text = _folded(langid.mask(source.text, []))
        target_text = _folded(langid.mask(unit.text, []))
        taken: list[tuple[int, int]] = []
        for term, used, forms in patterns:
            match = next(
                (
                    m
                    for m in used.finditer(source_text)
                    if not any(a <= m.start() and m.end() <= b for a, b in taken)
                ),
                None,
            )
            if match is None:
                continue
            taken.append(match.span())
            if not any(form.search(target_text) for form in forms):
                out.append(
                    Finding(
                        path,
                        unit.line,
                        "terminology",
                        f"the source (line {source.line}) uses '{term[source_language]}', "
                        f"and this {unit.kind} has no form of the termbase term "
                        f"'{term[lang]}'; use it (data/termbase.yml) instead of another word",
                        lang,
                    )
                )
    return out


# A word, a hyphenated compound as one ("Skip-Connections").
TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
# Text set off as quoted or named in another language: a paper title in quotes, a term given
# in English in italics ("nach dem englischen *simplex equiangular tight frame*").
SET_OFF = re.compile(
    r"„[^“”\n]*[“”]|“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»|(?<![*\w])\*[^*\n]+\*(?![*\w])"
)
COPIED_WORDS = 3  # the shortest run of words copied from the source that is reported


def copied_phrases(
    src: list[md.Prose],
    tgt: list[md.Prose],
    base: Termbase,
    path: str,
    lang: str,
    reported: set[int],
) -> list[Finding]:
    """English phrases of a few words left inside a translated clause, too short for lingua
    to judge alone: runs of three or more words that the translated unit shares with its
    source unit (in order), which lingua takes for English, as it does two of their words
    alone. Names (every word capitalised), text in quotes or italics, citations and kept
    terms are not counted; lines in `reported` already have a finding of English left in."""
    keep = base.kept(lang)

    def words(text: str) -> list[re.Match[str]]:
        blanked = langid.mask(SET_OFF.sub(lambda m: " " * len(m[0]), text), keep)
        return list(TOKEN.finditer(blanked))

    # (source unit, translated unit, offset, the run as written, its words as judged: code,
    # link targets and the rest that langid.mask blanks left out)
    runs: list[tuple[md.Prose, md.Prose, int, str, list[str]]] = []
    kinds = ("paragraph", "item", "heading", "cell", "title", "front-matter")
    for source, unit in aligned(src, tgt, kinds):
        if is_reference(source):
            continue
        said = [m[0].casefold() for m in words(source.text)]
        grams = {tuple(said[i : i + COPIED_WORDS]) for i in range(len(said))}
        tokens = words(unit.text)
        seen_as = [m[0] for m in tokens]
        seen = [word.casefold() for word in seen_as]
        i = 0
        while i + COPIED_WORDS <= len(seen):
            if tuple(seen[i : i + COPIED_WORDS]) not in grams:
                i += 1
                continue
            end = i + COPIED_WORDS
            while end < len(seen) and tuple(seen[end + 1 - COPIED_WORDS : end + 1]) in grams:
                end += 1
            if not all(m[0][0].isupper() for m in tokens[i:end]):
                phrase = unit.text[tokens[i].start() : tokens[end - 1].end()]
                runs.append((source, unit, tokens[i].start(), phrase, seen_as[i:end]))
            i = end
    langid.prime([piece for *_, run in runs for piece in (" ".join(run), *run)], base.languages)
    out = []
    for source, unit, offset, phrase, run in runs:
        line = unit.line_at(offset)
        english_words = sum(1 for word in run if langid.english_score(word, base.languages))
        if line in reported or english_words < 2:
            continue  # a name, a loanword or words both languages share ("positive KL in")
        if not langid.english_score(" ".join(run), base.languages):
            continue  # lingua takes the whole for another language
        out.append(
            Finding(
                path,
                line,
                "untranslated",
                f"this phrase is copied from the source (line {source.line}) and {STILL_ENGLISH}: "
                f"{_quote(phrase)}; translate it",
                lang,
            )
        )
    return out


def short_untranslated(
    src: list[md.Prose], tgt: list[md.Prose], base: Termbase, path: str, lang: str
) -> list[Finding]:
    """Headings and table cells too short for lingua, left as their source: compared with
    the source's, in order (when the translation has as many), code and math aside."""
    out = []
    keep = base.kept(lang)
    for source, unit in aligned(src, tgt, ("heading", "cell")):
        text = langid.mask(unit.text, [])
        if len(langid.WORD.findall(text)) >= langid.MIN_WORDS:
            continue  # long enough for lingua (find_english)
        if same_as_source(text, langid.mask(source.text, []), keep):
            out.append(
                Finding(
                    path,
                    unit.line,
                    "untranslated",
                    f"this {unit.kind} is the same as the source: {_quote(unit.text)}; "
                    f"translate it, or, if it is the same in {lang}, add it to "
                    f"data/termbase.yml (a term whose {lang} is the same, or under `keep`)",
                    lang,
                )
            )
    return out


def _cell_lines(text: str) -> list[int]:
    """The line of each cell in a notebook's JSON text."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"cell_type"\s*:', text)]


def _is_references(markdown: str) -> bool:
    """Is this (English) notebook cell the references list? Its heading says so."""
    match = re.match(r"\s*#{1,6}\s+(.*)", markdown)
    return bool(match) and match.group(1).strip().casefold() == "references"


def _cells_of(data: object) -> list[dict]:
    """The cells of a notebook, with sources as text; ValueError when it has no such shape."""
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise ValueError("no list of cells")
    out = []
    for cell in cells:
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        out.append({"cell_type": str(cell.get("cell_type")), "source": str(source)})
    return out


def check_notebook(
    src_text: str, tgt_text: str, target: Path, lang: str, base: Termbase
) -> list[Finding]:
    """Every finding of a notebook translation against its source."""
    path = str(target)
    try:
        src_cells = _cells_of(json.loads(src_text))
        tgt_cells = _cells_of(json.loads(tgt_text))
    except (json.JSONDecodeError, ValueError) as exc:
        return [Finding(path, 1, "structure", f"not a valid notebook ({exc}); fix the JSON", lang)]
    lines = _cell_lines(tgt_text)
    out: list[Finding] = []
    if [c["cell_type"] for c in src_cells] != [c["cell_type"] for c in tgt_cells]:
        return [
            Finding(
                path,
                1,
                "structure",
                f"the cells differ from the source ({len(tgt_cells)} cells, the source has "
                f"{len(src_cells)}, or their types differ); keep the same cells in the same order",
                lang,
            )
        ]
    for index, (a, b) in enumerate(zip(src_cells, tgt_cells, strict=True)):
        line = lines[index] if index < len(lines) else 1
        a_text, b_text = a["source"], b["source"]
        if a["cell_type"] == "code":
            if a_text != b_text:
                out.append(
                    Finding(
                        path,
                        line,
                        "structure",
                        f"code cell {index + 1} differs from the source; code cells stay "
                        "identical in every language",
                        lang,
                    )
                )
            continue
        if a["cell_type"] != "markdown":
            continue
        if _is_references(a_text):
            # Paper titles stay English: only the structure of a references cell is checked.
            src, tgt = md.parse(a_text), md.parse(b_text)
            checked = structure(src, tgt, path, lang)
        else:
            checked = check_markdown(a_text, b_text, target, lang, base)
        for finding in checked:
            message = f"cell {index + 1}: {finding.message}"
            out.append(Finding(path, line, finding.kind, message, lang, detail=finding.detail))
    return out


def _flatten(node: yaml.Node, prefix: str = "") -> dict[str, tuple[int, object]]:
    """Key path -> (line, scalar value) for every scalar in a YAML document."""
    out: dict[str, tuple[int, object]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out.update(_flatten(value, f"{prefix}{key.value}."))
    elif isinstance(node, yaml.SequenceNode):
        if not node.value:
            out[prefix.rstrip(".")] = (node.start_mark.line + 1, None)
        for index, value in enumerate(node.value):
            out.update(_flatten(value, f"{prefix}{index}."))
    elif isinstance(node, yaml.ScalarNode):
        out[prefix.rstrip(".")] = (node.start_mark.line + 1, node.value)
    return out


def check_data(
    src_text: str, tgt_text: str, target: Path, lang: str, base: Termbase
) -> list[Finding]:
    """Every finding of a YAML data translation against its source."""
    path = str(target)
    try:
        src = _flatten(yaml.compose(src_text, Loader=FAST_LOADER))
        tgt = _flatten(yaml.compose(tgt_text, Loader=FAST_LOADER))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [Finding(path, line, "structure", f"not valid YAML ({exc}); fix the syntax", lang)]
    out: list[Finding] = []

    def neutral(key: str) -> bool:
        return any(part in NEUTRAL_KEYS for part in key.split("."))

    def shape(keys: dict[str, tuple[int, object]]) -> dict[str, int]:
        """Key paths without list indexes (lists such as synonyms may differ in length)."""
        out: dict[str, int] = {}
        for key, (line, _) in keys.items():
            out.setdefault(re.sub(r"\.\d+(?=\.|$)", "", key), line)
        return out

    src_shape, tgt_shape = shape(src), shape(tgt)
    for key in sorted(k for k in src_shape.keys() - tgt_shape.keys() if not neutral(k)):
        out.append(Finding(path, 1, "missing", f"'{key}' is not translated; add it", lang))
    for key in sorted(tgt_shape.keys() - src_shape.keys()):
        kind, where = (
            ("structure", "only in the English file")
            if neutral(key)
            else (
                "orphan",
                "not in the source",
            )
        )
        out.append(Finding(path, tgt_shape[key], kind, f"'{key}' is {where}; remove it", lang))
    src_keys = {k for k in src if not neutral(k)}
    keep = base.kept(lang)
    for key in sorted(src_keys & set(tgt)):
        line, value = tgt[key]
        if not isinstance(value, str):
            continue
        hits = langid.find_english(value, keep, base.languages)
        for hit in hits:
            out.append(
                Finding(
                    path,
                    line,
                    "untranslated",
                    f"'{key}' is still English: {_quote(hit.text)}; translate it",
                    lang,
                )
            )
        if not hits and same_as_source(value, src[key][1], keep):
            out.append(
                Finding(
                    path,
                    line,
                    "untranslated",
                    f"'{key}' is the same as the source: {_quote(value)}; translate it, or, "
                    f"if it is the same in {lang}, add it to data/termbase.yml (a term whose "
                    f"{lang} is the same, or under `keep`)",
                    lang,
                )
            )
    return out


PLACEHOLDERS = re.compile(r"\{\w*\}")


def same_as_source(value: str, source: object, keep: list[str]) -> bool:
    """A short string left as its source: the same words (spacing and case aside; a German
    "Live-Demo" for "Live demo" is an adaptation), with a word that the termbase does not keep
    as it is (acronyms, symbols, numbers and placeholders aside). Lingua cannot judge one or
    two words, so identity is the test."""

    def plain(text: str) -> str:
        return " ".join(PLACEHOLDERS.sub(" ", text).split()).casefold()

    if not isinstance(source, str) or plain(value) != plain(source):
        return False
    kept = {plain(term) for term in keep}
    if plain(value) in kept or plain(value).removesuffix("s") in kept:
        return False
    words = re.findall(r"[^\W\d_]+", PLACEHOLDERS.sub(" ", value))
    return any(
        sum(c.isalpha() for c in word) >= 2
        and not word.isupper()
        and word.casefold() not in kept
        and word.casefold().removesuffix("s") not in kept
        for word in words
    )


CHECKERS = {".md": check_markdown, ".ipynb": check_notebook, ".yml": check_data}


def words_of(path: Path, text: str) -> int:
    """The number of words a translator has to translate in a source file."""
    if path.suffix == ".md":
        return md.parse(text).words
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        return sum(
            md.parse("".join(c.get("source", ""))).words
            for c in cells
            if c.get("cell_type") == "markdown"
        )
    return len(re.findall(r"\w+", re.sub(r"(?m)^\s*#.*$", "", text)))


def check_unit(root: Path, source: Path, lang: str, base: Termbase, src_text: str) -> Result:
    """All translation checks of one source (already read and valid) in one language."""
    target = target_of(source, lang)
    words = words_of(source, src_text)
    if not (root / target).exists():
        finding = Finding(
            str(source),
            1,
            "missing",
            f"no {lang} translation; create {target} (python scripts/scaffold.py {source} {lang})",
            lang,
        )
        return Result(source, lang, "missing", words, [finding])
    tgt_text, bad = read_checked(root, target, lang)
    if tgt_text is None:
        return Result(source, lang, "incomplete", words, bad)
    found = bad + CHECKERS[source.suffix](src_text, tgt_text, target, lang, base)
    stale = outdated(root, source, target, src_text, tgt_text, lang)
    status = "outdated" if stale else ("incomplete" if found else "complete")
    return Result(source, lang, status, words, found + stale)


def _language_lines(text: str) -> dict[str, dict[str, int]]:
    """Where each language entry of the i18n plugin sits in mkdocs.yml: {locale: {key path:
    line}}, the entry's own line under "" (key paths as _flatten writes them)."""
    try:
        document = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return {}

    def get(node: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            return next((v for k, v in node.value if k.value == key), None)
        return None

    plugins = get(document, "plugins")
    i18n = next(
        (
            get(item, "i18n")
            for item in getattr(plugins, "value", [])
            if get(item, "i18n") is not None
        ),
        None,
    )
    out: dict[str, dict[str, int]] = {}
    for entry in getattr(get(i18n, "languages"), "value", []):
        locale = get(entry, "locale")
        if locale is None:
            continue
        lines = {"": locale.start_mark.line + 1}
        for key, value in entry.value:
            lines[key.value] = key.start_mark.line + 1
            if not isinstance(value, yaml.ScalarNode):
                lines.update({f"{key.value}.{k}": line for k, (line, _) in _flatten(value).items()})
        out[locale.value] = lines
    return out


def config_strings(root: Path, langs: list[str]) -> list[Finding]:
    """Per-language strings in mkdocs.yml: site name and description, copyright, navigation
    titles, admonition titles and the palette toggle labels. Each is reported at its own line:
    missing, English left in it, or the same as the English string."""
    config = load_config(root)
    lines_of = _language_lines((root / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = i18n_config(config)
    base = load_termbase(root)
    sections = sorted({next(iter(item)) for item in _nav_sections(config.get("nav", []))})
    admonitions = sorted(
        {
            m.group(1).lower()
            for p in (root / "docs").rglob("*.md")
            if not translation_of(p, languages(root))
            for m in re.finditer(r"^\s*!!!\s+([\w-]+)", p.read_text(encoding="utf-8"), re.M)
        }
    )
    toggles = [p.get("toggle", {}).get("name") for p in config.get("theme", {}).get("palette", [])]
    out: list[Finding] = []
    for entry in plugin.get("languages", []):
        lang = entry.get("locale")
        if lang == langs[0]:
            continue
        lines = lines_of.get(lang, {"": 1})
        keep = base.kept(lang)

        if not any(t_lang == lang for _, _, t_lang in translations(root, langs)):
            out.append(
                Finding(
                    "mkdocs.yml",
                    lines[""],
                    "missing",
                    f"language '{lang}' is configured but has no translated files; add them "
                    f"(python scripts/scaffold.py --all {lang}) or remove the language",
                    lang,
                )
            )
        strings = [(key, key, entry.get(key), config.get(key)) for key in SITE_STRINGS]
        strings += [
            (
                f"nav_translations '{title}'",
                f"nav_translations.{title}",
                (entry.get("nav_translations") or {}).get(title),
                title,
            )
            for title in sections
        ]
        strings += [
            (
                f"admonition_translations '{kind}'",
                f"admonition_translations.{kind}",
                (entry.get("admonition_translations") or {}).get(kind),
                None,
            )
            for kind in admonitions
        ]
        palette = (entry.get("theme") or {}).get("palette") or []
        strings += [
            (
                f"theme.palette[{index}] toggle name",
                f"theme.palette.{index}.toggle.name",
                palette[index].get("toggle", {}).get("name") if index < len(palette) else None,
                english,
            )
            for index, english in enumerate(toggles)
        ]
        for what, key, value, english in strings:
            finding = _config_string(what, key, value, english, lang, lines, keep, base.languages)
            if finding:
                out.append(finding)
    return out


SITE_STRINGS = ("site_name", "site_description", "copyright")


def _config_string(
    what: str,
    key: str,
    value: object,
    english: object,
    lang: str,
    lines: dict[str, int],
    keep: list[str],
    known: tuple[str, ...],
) -> Finding | None:
    """The finding for one per-language string of mkdocs.yml (`key` in the '`lang`' entry,
    reported at the line of its longest prefix that `lines` has): missing, English left in
    it, or the same as the English string `english`; None if it is translated."""
    parts = key.split(".")
    line = next(
        (
            lines[prefix]
            for prefix in (".".join(parts[:n]) for n in range(len(parts), 0, -1))
            if prefix in lines
        ),
        lines[""],
    )
    if not value:
        message = f"{what} is not translated; add `{key}` to the '{lang}' entry"
        return Finding("mkdocs.yml", line, "missing", message, lang)
    hits = langid.find_english(str(value), keep, known)
    if hits:
        message = f"{what} is still English: {_quote(hits[0].text)}; translate it"
    elif isinstance(english, str) and same_as_source(str(value), english, keep):
        message = (
            f"{what} is the same as the English: {_quote(str(value))}; translate it, "
            f"or, if it is the same in {lang}, add it to data/termbase.yml under `keep`"
        )
    else:
        return None
    return Finding("mkdocs.yml", line, "untranslated", message, lang)


def _nav_sections(nav: list) -> list[dict]:
    out = []
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    out.append(item)
                    out += _nav_sections(value)
    return out


# Results of check_unit by everything they depend on, for the rebuilds of `mkdocs serve`: a
# saved page is checked again, the others are not.
_UNITS: dict[tuple, Result] = {}


def _stamp(path: Path) -> str | None:
    """A file's version: the hash of its bytes (None: it does not exist)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


@functools.cache
def code_version() -> str:
    """The checker's code and every installed package's version: what a result kept on disk
    was made with (a result of other code is never read)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


@functools.cache
def _results_folder(cache: Path) -> Path:
    """Where this code keeps its results in `cache`, made once per process; the folders of
    other code versions are removed (their results are never read again)."""
    folder = cache / code_version()
    for other in cache.glob("*"):
        if other != folder and other.is_dir():
            for old in other.glob("*"):
                old.unlink()
            other.rmdir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_unit_cached(
    root: Path,
    source: Path,
    lang: str,
    base: Termbase,
    src_text: str,
    inputs: tuple,
    cache: Path | None = None,
) -> Result:
    """check_unit, reused while the source text, the translation file and `inputs` (the
    versions of the files every check reads) are the same bytes: from this process's earlier
    checks (the rebuilds of `mkdocs serve`), else from `cache`/<code version>/ on disk (the
    next build or preview), where it is then kept."""
    key = (
        str(root),
        str(source),
        lang,
        hashlib.sha256(src_text.encode()).hexdigest(),
        _stamp(root / target_of(source, lang)),
        inputs,
    )
    if key in _UNITS:
        return _UNITS[key]
    if len(_UNITS) > 4096:
        _UNITS.clear()
    stored = None
    if cache is not None:
        name = hashlib.sha256(repr(key[1:]).encode()).hexdigest()
        stored = _results_folder(cache) / f"{name}.pickle"
        if stored.is_file():
            _UNITS[key] = pickle.loads(stored.read_bytes())
            return _UNITS[key]
    _UNITS[key] = check_unit(root, source, lang, base, src_text)
    if stored is not None:
        partial = stored.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(pickle.dumps(_UNITS[key]))
        partial.replace(stored)  # whole or absent, whichever process writes it
    return _UNITS[key]


def check_all(
    root: Path = ROOT, only: list[str] | None = None, cache: Path | None = None
) -> tuple[list[Result], list[Finding]]:
    """Every source in every configured language (or `only` these languages); with `cache`,
    each file's results are kept there for the next run (see check_unit_cached)."""
    langs = languages(root)
    targets = [lang for lang in langs[1:] if not only or lang in only]
    base = load_termbase(root)
    inputs = tuple(
        (str(path.relative_to(root)), _stamp(path))
        for path in sorted([root / "mkdocs.yml", *(root / "data").glob("*.yml")])
    ) + (("snapshots", tuple(sorted(p.name for p in (root / SNAPSHOTS).glob("*")))),)
    results: list[Result] = []
    extra: list[Finding] = []
    for source in sources(root, langs):
        text, bad = read_checked(root, source, langs[0])
        extra += bad
        if text is None:
            continue
        results += [
            check_unit_cached(root, source, lang, base, text, inputs, cache) for lang in targets
        ]
    extra += [f for f in config_strings(root, langs) if f.lang in targets]
    for target, source, lang in translations(root, langs):
        if lang in targets and not (root / source).exists():
            extra.append(
                Finding(
                    str(target),
                    1,
                    "orphan",
                    f"its source {source} does not exist; remove it or restore the source",
                    lang,
                )
            )
    pending = set(configured_languages(root).in_progress)
    if pending:  # a language in progress: its findings are a to-do list, not errors
        results = [
            dataclasses.replace(r, findings=[as_todo(f) for f in r.findings])
            if r.lang in pending
            else r
            for r in results
        ]
        extra = [as_todo(f) if f.lang in pending else f for f in extra]
    return results, extra


def as_todo(finding: Finding) -> Finding:
    """A finding of a language in progress: a notice (what is left to do), not an error."""
    return dataclasses.replace(finding, level=TODO)


def summary(results: list[Result]) -> dict:
    """Per language: complete / outdated / incomplete / missing files, and words."""
    table: dict[str, dict[str, object]] = {}
    for result in results:
        row = table.setdefault(
            result.lang,
            {
                "files": 0,
                "complete": 0,
                "incomplete": 0,
                "outdated": 0,
                "missing": 0,
                "words": 0,
                "words_done": 0,
            },
        )
        row["files"] += 1
        row[result.status] += 1
        row["words"] += result.source_words
        if result.status == "complete":
            row["words_done"] += result.source_words
    for row in table.values():
        row["percent"] = round(100 * row["words_done"] / row["words"]) if row["words"] else 100
    return {"languages": table}
