"""Shared site data: the glossary term data and UI strings per language, and collation.

Used by the build plugin and by the scripts. Term data lives in data/terms.yml (the source
language, with `related`) and data/terms.<lang>.yml (name, synonyms, definition).
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .languages import ROOT, default_language

DATA = ROOT / "data"
# libyaml's parser where PyYAML has it (the pinned wheels do), else the pure-Python one.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> object:
    """A YAML file's data (a fresh copy), parsed once per version of the file: a build reads
    the same data files for every page, and `mkdocs serve` for every rebuild."""
    return copy.deepcopy(_parsed_file(*_stamp(path)))


def _stamp(path: Path) -> tuple[str, int, int]:
    """A file's path, modification time and size: a new one when the file is saved."""
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=256)
def _parsed_file(path: str, mtime_ns: int, size: int) -> object:
    return _parsed(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=128)
def _parsed(text: str) -> object:
    return yaml.load(text, Loader=FAST_LOADER)


def key_lines(path: Path) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping file, for messages."""
    return dict(_key_lines(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=64)
def _key_lines(text: str) -> tuple[tuple[str, int], ...]:
    node = yaml.compose(text, Loader=FAST_LOADER)
    if not isinstance(node, yaml.MappingNode):
        return ()
    return tuple((str(key.value), key.start_mark.line + 1) for key, _ in node.value)


class DataError(Exception):
    """Bad term data: the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Term:
    """One glossary term in one language, with the line it starts at in its data file."""

    slug: str
    name: str
    definition: str
    synonyms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    demo: str = ""  # docs-relative path of the entry's demo notebook
    line: int = 0


@dataclass
class TermData:
    """All terms of one language, keyed by slug, with the file they came from."""

    language: str
    path: Path
    terms: dict[str, Term] = field(default_factory=dict)


def repo_path(path: Path, root: Path = ROOT) -> str:
    """`path` relative to `root` (the repository), for messages; as it is when outside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def load_terms(language: str, data_dir: Path = DATA, default: str | None = None) -> TermData:
    """Load and check one language's term data; raise DataError naming file:line and fix."""
    default = default or default_language()
    path = data_path("terms", language, data_dir, default)
    where = repo_path(path)
    if not path.exists():
        raise DataError(
            f"{where}:1: error: term data for '{language}' is missing; "
            f"copy {repo_path(data_path('terms', default, data_dir, default))} and translate it"
        )
    try:
        table, lines = read_yaml(path), key_lines(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise DataError(
            f"{where}:{line}: error: not valid YAML ({exc.problem}); fix the syntax"
        ) from None
    data = TermData(language, path)
    if table is None:
        return data
    if not isinstance(table, dict):
        raise DataError(f"{where}:1: error: expected a mapping of term slugs to entries")
    for key, entry in table.items():
        slug = str(key)
        line = lines.get(slug, 1)
        if not isinstance(entry, dict):
            raise DataError(f"{where}:{line}: error: term '{slug}' must be a mapping")
        for required in ("name", "definition"):
            if not str(entry.get(required) or "").strip():
                raise DataError(
                    f"{where}:{line}: error: term '{slug}' has no {required}; add "
                    f"`{required}:` in {language}"
                )
        for neutral in ("related", "demo"):
            if language != default and neutral in entry:
                raise DataError(
                    f"{where}:{line}: error: term '{slug}' sets `{neutral}`; it lives only in "
                    f"{repo_path(data_path('terms', default, data_dir, default))}: remove it here"
                )
        data.terms[slug] = Term(
            slug=slug,
            name=" ".join(str(entry["name"]).split()),
            definition=" ".join(str(entry["definition"]).split()),
            synonyms=tuple(str(s) for s in entry.get("synonyms") or ()),
            related=tuple(str(s) for s in entry.get("related") or ()),
            demo=str(entry.get("demo") or ""),
            line=line,
        )
    return data


def load_all_terms(languages: Sequence[str], data_dir: Path = DATA) -> dict[str, TermData]:
    """Load every language (the default, source language first) and check them against the
    source.

    A language with no term data file yet uses the source data (like a page with no
    translation); the translation checker reports the file as missing.
    """
    default = languages[0]
    all_data = {
        lang: load_terms(lang, data_dir, default)
        for lang in languages
        if lang == default or data_path("terms", lang, data_dir, default).exists()
    }
    for lang in languages:
        all_data.setdefault(lang, all_data[default])
    source = all_data[default]
    for term in source.terms.values():
        for target in term.related:
            if target not in source.terms:
                raise DataError(
                    f"{repo_path(source.path)}:{term.line}: error: term '{term.slug}' relates to "
                    f"unknown term '{target}'; use one of: {', '.join(sorted(source.terms))}"
                )
    for lang, data in all_data.items():
        if data is source:
            continue
        for slug in source.terms:
            if slug not in data.terms:
                raise DataError(
                    f"{repo_path(data.path)}:1: error: term '{slug}' is missing in {lang}; add it "
                    f"with name, synonyms and definition"
                )
        for slug, term in data.terms.items():
            if slug not in source.terms:
                raise DataError(
                    f"{repo_path(data.path)}:{term.line}: error: term '{slug}' does not exist in "
                    f"{repo_path(source.path)}; remove it or add it there first"
                )
    return all_data


def related(all_data: dict[str, TermData], language: str, slug: str) -> list[Term]:
    """The related terms of `slug`, in `language` (`all_data` as load_all_terms returns it)."""
    source = next(iter(all_data.values())).terms[slug]
    return [all_data[language].terms[target] for target in source.related]


def _own_letter(letter: str) -> str:
    """How a letter of its own (Spanish ñ) sorts: right after its base letter."""
    return _base(letter) + "\uffff"


def _base(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def collation_key(text: str, rules: Collation | None = None) -> tuple[str, str]:
    """Sort key following a language's dictionary order (`rules`, from the plugin options).

    Accents are ignored; `sort_as` letters sort as their replacement (German DIN 5007-1: ä
    as a, ß as ss); `letters` of their own sort after their base letter (Spanish ñ after n).
    Case is a tiebreak.
    """
    rules = rules or Collation()
    lowered = text.casefold().translate(str.maketrans(rules.sort_as))
    for letter in rules.letters:
        lowered = lowered.replace(letter, _own_letter(letter))
    return _base(lowered), text


def initial(text: str, rules: Collation | None = None) -> str:
    """The letter a term is filed under in the A-Z index."""
    first = text.strip()[:1].upper()
    if rules and first.lower() in rules.letters:
        return first
    return _base(first) or first


@dataclass(frozen=True)
class Collation:
    """A language's sorting rules for the A-Z index (see collation_key)."""

    sort_as: dict[str, str] = field(default_factory=dict)
    letters: tuple[str, ...] = ()


def data_path(name: str, language: str, data_dir: Path = DATA, default: str | None = None) -> Path:
    """data/<name>.yml for the default language, data/<name>.<lang>.yml for a translation."""
    suffix = "" if language == (default or default_language()) else f".{language}"
    return data_dir / f"{name}{suffix}.yml"


def load_ui(language: str, data_dir: Path = DATA, default: str | None = None) -> dict[str, str]:
    """The UI strings of one language; every key of the source language must be present."""
    default = default or default_language()
    source_path = data_path("ui", default, data_dir, default)
    path = data_path("ui", language, data_dir, default)
    if not path.exists():  # not translated yet: the source's, as for pages (the checker reports it)
        path = source_path
    return dict(_ui(*_stamp(source_path), *_stamp(path)))  # a copy: callers may change it


@functools.lru_cache(maxsize=32)
def _ui(source_name: str, _mtime: int, _size: int, name: str, *_version: int) -> dict[str, str]:
    source_path, path = Path(source_name), Path(name)
    source = read_yaml(source_path) or {}
    strings = read_yaml(path) or {}
    for key in source:
        if not str(strings.get(key) or "").strip():
            raise DataError(
                f"{repo_path(path)}:1: error: UI string '{key}' is missing; add `{key}:` with the "
                f"translation of: {source[key]}"
            )
    return {key: " ".join(str(value).split()) for key, value in strings.items()}


def absolute_url(config, url: str) -> str:  # noqa: ANN001 - a MkDocsConfig
    """The absolute URL of a site path, built from site_url."""
    if url in ("", "."):
        url = ""
    return (config.site_url or "/").rstrip("/") + "/" + url.lstrip("./")


PLACEHOLDER = re.compile(r"\{(\w*)\}")


def load_demo_texts(languages: Sequence[str], data_dir: Path = DATA) -> dict[str, dict[str, str]]:
    """The demo notebooks' plot strings per language (data/demo.yml for the source language,
    data/demo.<lang>.yml for each translation), checked: every language has every key, with
    the source's {placeholders}. A missing file or string is an error, never a fallback."""
    default = languages[0]
    tables: dict[str, dict[str, str]] = {}
    for lang in languages:
        path = data_path("demo", lang, data_dir, default)
        where = repo_path(path)
        if not path.is_file():
            raise DataError(
                f"{where}:1: error: the plot strings of the demo notebooks in '{lang}' are "
                f"missing; create the file with `python scripts/scaffold.py "
                f"{repo_path(data_path('demo', default, data_dir, default))} {lang}` and "
                "translate it"
            )
        lines = key_lines(path)
        table = read_yaml(path)
        tables[lang] = {str(key): str(value) for key, value in (table or {}).items()}
        if lang == default:
            continue
        source = tables[default]
        for key, text in source.items():
            if key not in tables[lang]:
                raise DataError(
                    f"{where}:1: error: plot string '{key}' is missing; add `{key}:` with the "
                    f"translation of: {text}"
                )
            wanted, found = (
                set(PLACEHOLDER.findall(text)),
                set(PLACEHOLDER.findall(tables[lang][key])),
            )
            if wanted != found:
                raise DataError(
                    f"{where}:{lines.get(key, 1)}: error: plot string '{key}' has the "
                    f"placeholders {sorted(found)}, the source {sorted(wanted)}; use the "
                    "source's, unchanged"
                )
        for key in tables[lang].keys() - source.keys():
            raise DataError(
                f"{where}:{lines.get(key, 1)}: error: plot string '{key}' does not exist in "
                f"{repo_path(data_path('demo', default, data_dir, default))}; remove it"
            )
    return tables
