"""Shared site data: the languages, the glossary term data per language, and collation.

Used by the build hooks and by the scripts. Term data lives in data/terms.yml (English, the
source, with `related`) and data/terms.<lang>.yml (name, synonyms, definition).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DEFAULT_LANGUAGE = "en"


class DataError(Exception):
    """Bad term data: the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Term:
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


def repo_path(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def load_terms(language: str, data_dir: Path = DATA) -> TermData:
    """Load and check one language's term data; raise DataError naming file:line and fix."""
    path = data_path("terms", language, data_dir)
    where = repo_path(path)
    if not path.exists():
        raise DataError(
            f"{where}:1: error: term data for '{language}' is missing; "
            f"copy {repo_path(data_path('terms', DEFAULT_LANGUAGE, data_dir))} and translate it"
        )
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise DataError(
            f"{where}:{line}: error: not valid YAML ({exc.problem}); fix the syntax"
        ) from None
    data = TermData(language, path)
    if node is None:
        return data
    if not isinstance(node, yaml.MappingNode):
        raise DataError(f"{where}:1: error: expected a mapping of term slugs to entries")
    for key_node, value_node in node.value:
        slug, line = key_node.value, key_node.start_mark.line + 1
        entry = yaml.safe_load(yaml.serialize(value_node)) if value_node else None
        if not isinstance(entry, dict):
            raise DataError(f"{where}:{line}: error: term '{slug}' must be a mapping")
        for required in ("name", "definition"):
            if not str(entry.get(required) or "").strip():
                raise DataError(
                    f"{where}:{line}: error: term '{slug}' has no {required}; add "
                    f"`{required}:` in {language}"
                )
        for neutral in ("related", "demo"):
            if language != DEFAULT_LANGUAGE and neutral in entry:
                raise DataError(
                    f"{where}:{line}: error: term '{slug}' sets `{neutral}`; it lives only in "
                    f"{repo_path(data_path('terms', DEFAULT_LANGUAGE, data_dir))}: remove it here"
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


def load_all_terms(languages: list[str], data_dir: Path = DATA) -> dict[str, TermData]:
    """Load every language and check them against the English source.

    A language with no term data file yet uses the English data (like a page with no
    translation); the translation checker reports the file as missing.
    """
    all_data = {
        lang: load_terms(lang, data_dir)
        for lang in languages
        if lang == DEFAULT_LANGUAGE or data_path("terms", lang, data_dir).exists()
    }
    for lang in languages:
        all_data.setdefault(lang, all_data[DEFAULT_LANGUAGE])
    source = all_data[DEFAULT_LANGUAGE]
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
    """The related terms of `slug`, in `language`."""
    source = all_data[DEFAULT_LANGUAGE].terms[slug]
    return [all_data[language].terms[target] for target in source.related]


_GERMAN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def collation_key(text: str, language: str) -> tuple[str, str]:
    """Sort key following the language's dictionary order.

    German (DIN 5007-1): umlauts sort as their base vowel, ß as ss. Spanish: accents are
    ignored but ñ is its own letter after n. English: accents ignored. Case is a tiebreak.
    """
    lowered = text.casefold()
    if language == "de":
        lowered = lowered.translate(_GERMAN)
    if language == "es":
        lowered = lowered.replace("ñ", "n\uffff")
    decomposed = unicodedata.normalize("NFKD", lowered)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base, text


def initial(text: str, language: str) -> str:
    """The letter a term is filed under in the A-Z index."""
    first = text.strip()[:1].upper()
    if language == "es" and first == "Ñ":
        return "Ñ"
    decomposed = unicodedata.normalize("NFKD", first)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or first


def data_path(name: str, language: str, data_dir: Path = DATA) -> Path:
    """data/<name>.yml for English, data/<name>.<lang>.yml for a translation."""
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    return data_dir / f"{name}{suffix}.yml"


def load_ui(language: str, data_dir: Path = DATA) -> dict[str, str]:
    """The UI strings of one language; every English key must be present."""
    source_path = data_path("ui", DEFAULT_LANGUAGE, data_dir)
    source = yaml.safe_load(source_path.read_text(encoding="utf-8")) or {}
    path = data_path("ui", language, data_dir)
    if not path.exists():  # not translated yet: English, as for pages (the checker reports it)
        path = source_path
    strings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in source:
        if not str(strings.get(key) or "").strip():
            raise DataError(
                f"{repo_path(path)}:1: error: UI string '{key}' is missing; add `{key}:` with the "
                f"translation of: {source[key]}"
            )
    return {key: " ".join(str(value).split()) for key, value in strings.items()}


def absolute_url(config, url: str) -> str:  # noqa: ANN001 - a MkDocsConfig
    """The absolute URL of a site path, built from site_url."""
    return (config.site_url or "/").rstrip("/") + "/" + url.lstrip("/")


def i18n_plugin(config):  # noqa: ANN001, ANN201 - MkDocsConfig and the plugin are untyped here
    """The mkdocs-static-i18n plugin instance, or None when the site has no i18n."""
    return config.plugins.get("i18n")


def build_language(config) -> str:  # noqa: ANN001
    """The language the current (per-language) build writes."""
    plugin = i18n_plugin(config)
    return plugin.current_language if plugin and plugin.current_language else DEFAULT_LANGUAGE


def configured_languages(config) -> list[str]:  # noqa: ANN001
    """Every language configured in mkdocs.yml, the default first."""
    plugin = i18n_plugin(config)
    if not plugin:
        return [DEFAULT_LANGUAGE]
    langs = [lang.locale for lang in plugin.config.languages]
    return sorted(langs, key=lambda lang: lang != DEFAULT_LANGUAGE)


def content_language(page) -> str:  # noqa: ANN001 - a MkDocs Page
    """The language a page's Markdown is written in: its file suffix, else English.

    A page shown in a language it has no translation for is written in English.
    """
    return getattr(page.file, "localization", None) or DEFAULT_LANGUAGE
