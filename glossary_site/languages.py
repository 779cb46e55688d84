"""The site's languages, named in one place: the i18n plugin's `languages` in mkdocs.yml.

Everything else (the build plugin, the checker, the scripts, the tests) derives the list,
the default (source) language and the URL prefixes from here. Adding a language is its entry
in mkdocs.yml plus its files.
"""

from __future__ import annotations

import copy
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
CONFIG_FILE = "mkdocs.yml"


class LanguageError(Exception):
    """mkdocs.yml names no usable languages: the message names the file and the fix."""


@dataclass(frozen=True)
class Languages:
    """The configured languages: `codes` has the default (source) language first."""

    codes: tuple[str, ...]
    names: dict[str, str]
    # Languages marked in progress (the glossary plugin's `in_progress`): their findings are
    # a to-do list, not errors, and their unfinished pages are published as drafts.
    in_progress: tuple[str, ...] = ()

    @property
    def complete(self) -> tuple[str, ...]:
        """The translations not marked in progress: any finding in them is an error."""
        return tuple(lang for lang in self.translations if lang not in self.in_progress)

    @property
    def default(self) -> str:
        """The language of the source files (`page.md`), served at the site's root."""
        return self.codes[0]

    @property
    def translations(self) -> tuple[str, ...]:
        """Every language but the default one."""
        return self.codes[1:]

    def prefix(self, lang: str) -> str:
        """The URL prefix of a language: "" for the default one, else "<lang>/"."""
        return "" if lang == self.default else f"{lang}/"


def load_config(root: Path = ROOT) -> dict:
    """mkdocs.yml as data, read with MkDocs' own YAML loader (so `!ENV` means what it means
    to MkDocs). A fresh copy: callers may change it."""
    path = root / CONFIG_FILE
    environment = tuple(sorted(os.environ.items()))  # what `!ENV` reads
    return copy.deepcopy(_parse(path.read_text(encoding="utf-8"), environment))


@functools.lru_cache(maxsize=8)
def _parse(text: str, environment: tuple[tuple[str, str], ...]) -> dict:
    """mkdocs.yml parsed once per text and environment (the checker reads it per file)."""
    return yaml_load(text)


def plugin_config(config: dict, name: str) -> dict:
    """A plugin's options from a parsed mkdocs.yml ({} when it has none)."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
    return {}


def i18n_config(config: dict) -> dict:
    """The i18n plugin's options from a parsed mkdocs.yml ({} when there is none)."""
    return plugin_config(config, "i18n")


def from_config(config: dict, where: str = CONFIG_FILE) -> Languages:
    """The languages of a parsed mkdocs.yml; LanguageError when there are none."""
    entries = [entry for entry in i18n_config(config).get("languages") or [] if entry]
    if not entries:
        raise LanguageError(
            f"{where}:1: error: the i18n plugin lists no languages; add them under "
            "plugins: i18n: languages"
        )
    default = [e["locale"] for e in entries if e.get("default")] or [entries[0]["locale"]]
    codes = [default[0], *(e["locale"] for e in entries if e["locale"] != default[0])]
    names = {e["locale"]: str(e.get("name") or e["locale"]) for e in entries}
    pending = tuple(
        str(code) for code in plugin_config(config, "glossary").get("in_progress") or ()
    )
    for code in pending:
        if code not in codes[1:]:
            raise LanguageError(
                f"{where}:1: error: the glossary plugin's in_progress names '{code}', which is "
                f"not a translation of the site; use one of {', '.join(codes[1:])}"
            )
    return Languages(tuple(codes), names, pending)


def languages(root: Path = ROOT) -> Languages:
    """The languages configured in `root`/mkdocs.yml (read once per version of the file: the
    build asks for every page)."""
    path = root / CONFIG_FILE
    stat = path.stat()
    environment = tuple(sorted(os.environ.items()))
    where = str(path) if root != ROOT else CONFIG_FILE
    return _languages(str(path), stat.st_mtime_ns, stat.st_size, environment, where)


@functools.lru_cache(maxsize=16)
def _languages(
    path: str, _mtime: int, _size: int, environment: tuple[tuple[str, str], ...], where: str
) -> Languages:
    return from_config(_parse(Path(path).read_text(encoding="utf-8"), environment), where)


def default_language(root: Path = ROOT) -> str:
    """The default (source) language of the project in `root`."""
    return languages(root).default


# --- inside a build --------------------------------------------------------------------------


def i18n_plugin(config):  # noqa: ANN001, ANN201 - MkDocsConfig and the plugin are untyped here
    """The mkdocs-static-i18n plugin instance, or None when the site has no i18n."""
    return config.plugins.get("i18n")


def preview_only(plugin, lang: str) -> None:  # noqa: ANN001 - the untyped i18n plugin
    """Make this build a one-language preview of `lang`, as the full site builds it: its pages
    at their own URLs (`/de/...`), its untranslated pages from the default language under the
    notice, the language switcher and hreflang links as on the full site. Call it before the
    i18n plugin's on_config; `skip_other_languages` then stops the passes of the others.
    (mkdocs-static-i18n's own `build_only_locale` makes `lang` the default language instead,
    so `page.md` would win over `page.de.md` and the pages would move to the root.)"""
    codes = [entry.locale for entry in plugin.config.languages]
    if lang not in codes:
        raise LanguageError(
            f"{CONFIG_FILE}: error: BUILD_ONLY_LOCALE={lang} is not a language of the site; "
            f"use one of {', '.join(codes)}"
        )
    plugin.current_language = lang  # the first (and only) pass


def skip_other_languages(plugin) -> None:  # noqa: ANN001 - the untyped i18n plugin
    """Before the i18n plugin's on_post_build: it then keeps this pass's search entries and
    starts no pass for another language (it takes the build for one of its own passes)."""
    plugin.building = True


def _locale(code: str) -> Locale | None:
    """CLDR's locale of a language code as mkdocs.yml writes it (de, pt-BR, zh-Hant), or None."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@functools.cache
def open_graph_locale(code: str) -> str:
    """A language's Open Graph locale, language_TERRITORY: its own territory (pt-BR: pt_BR),
    or its likeliest one from CLDR's likely subtags (de: de_DE, en: en_US); the code itself if
    CLDR does not know it."""
    locale = _locale(code)
    if locale is None:
        return code
    if locale.territory is None:
        likely = get_global("likely_subtags").get(str(locale))
        locale = Locale.parse(likely) if likely else locale
    return f"{locale.language}_{locale.territory}" if locale.territory else code


@functools.cache
def bibtex_language(code: str) -> str:
    """A language's name for biblatex's `language` field: its English name in CLDR, in lower
    case, without region or script (german, spanish, portuguese for pt-BR), which is babel's
    name for most languages; the code itself if CLDR does not know it."""
    locale = _locale(code)
    return code if locale is None else Locale(locale.language).get_display_name("en").lower()
