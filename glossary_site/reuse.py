"""What a build reuses instead of redoing: from one language pass to the next, and from one
rebuild of `mkdocs serve` to the next, always keyed on what it was made from.

- MkDocs makes a new Jinja environment for every pass, so the theme's templates (Material's
  55 of them) were compiled again on every save. Their compiled code is kept per template
  and source checksum (Jinja checks the checksum before it uses an entry).
- The theme's file list is made once, not once per language pass and rebuild (see
  `list_theme_once`).
- Elsewhere, on the same principle: YAML data parsed once per file content
  (`data.read_yaml`), each formula typeset once (`formulas.TYPESET`), the translation checks
  of a page redone only when it or what they read changes (`translations.check_unit_cached`),
  JupyterLab's stylesheet made once per nbconvert version (`notebooks.NBCONVERT_CSS`), and
  each page's search entries made once per page URL, title, meta and HTML
  (`search.remembered`), and each Markdown page rendered once per Markdown, files and settings
  (`renders.Renders`).
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.theme import Theme


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory for the life of the process."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` with the code kept for its template, if any (Jinja then checks that
        the template's source checksum matches)."""
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja has just compiled for the bucket's template."""
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = CompiledTemplates()


# The theme's file lists by what they were made from (see `list_theme_once`).
LISTINGS: dict[tuple, list[str]] = {}


def theme_fingerprint(theme: Theme) -> tuple:
    """What the theme's file list depends on: the installed MkDocs and Material, and the file
    names in the project's own theme folder (overrides/), so an added file is seen."""
    parts: list[object] = [version("mkdocs"), version("mkdocs-material"), tuple(theme.dirs)]
    if theme.custom_dir:
        path = Path(theme.custom_dir)
        parts.append(tuple(sorted(p.relative_to(path).as_posix() for p in path.rglob("*"))))
    return tuple(parts)


def list_theme_once(theme: Theme) -> None:
    """Make `theme` list its files once, not once per language pass and rebuild: MkDocs walks
    the theme's folders (Material's 14,500 files, filtered pattern by pattern) each time it
    collects a pass's files. The list is kept by `theme_fingerprint`."""
    if getattr(theme, "glossary_listing", False):
        return
    theme.glossary_listing = True
    fingerprint = theme_fingerprint(theme)
    get_env = theme.get_env

    def env_listing_once() -> Environment:
        env = get_env()
        list_templates = env.list_templates

        def listed(extensions: object = None, filter_func: object = None) -> list[str]:
            # MkDocs' filter depends on the theme's configuration only, which the passes share.
            key = (fingerprint, repr(extensions), getattr(filter_func, "__qualname__", None))
            if key not in LISTINGS:
                LISTINGS[key] = list_templates(extensions, filter_func)
            return list(LISTINGS[key])

        env.list_templates = listed
        return env

    theme.get_env = env_listing_once
