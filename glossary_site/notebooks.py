"""Notebook pages with mkdocs-jupyter under mkdocs-static-i18n, in the reader's language.

- mkdocs-static-i18n rebuilds the file list after mkdocs-jupyter and its notebooks stop
  being pages, so they came out as raw .ipynb JSON (mkdocs-static-i18n #198): they are made
  pages again, at the URL of their language.
- Each language's build evicted the other languages' entries from mkdocs-jupyter's
  execution cache, so nothing was ever a cache hit: eviction now happens once, after the
  last language, keeping every entry any language used (and not after a build with
  execution off, which uses none of them).
- The build executes each notebook in a kernel whose IPython startup file sets DEMO_LANG to
  the notebook's language (plot labels come from latent_demo.texts(DEMO_LANG)) and renders
  Altair charts as <div class="vega-chart"> for the self-hosted Vega scripts; the notebook
  itself is not changed, and the cache key includes the startup file.
- A build that finds notebooks without cached outputs starts executing them on its first
  language pass, in one process per CPU core (every language's), and goes on with its other
  work; a notebook page waits for its own notebook and reads it from the cache as usual. A
  notebook that fails there runs again in its page, which reports it.
- JupyterLab's stylesheet, which nbconvert inlines into every notebook page, is served once
  as assets/stylesheets/jupyter.css, without the rules for classes no notebook page uses,
  the rules that cannot match and the custom properties nothing reads (17 KB of 575 KB);
  the MathJax and Mermaid loaders nbconvert adds are dropped (the site renders math with its
  own KaTeX).
- Each notebook page gets a download of the notebook (with its language cell) and of the
  helper's modules (one zip file), and a "Run in your browser" link into the site's
  JupyterLite.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import io
import json
import logging
import multiprocessing
import os
import re
import struct
import tempfile
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path, PurePath
from types import SimpleNamespace

import mkdocs_jupyter.plugin as jupyter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_jupyter.plugin import NotebookFile

from .cut import top_level
from .data import DataError, data_path, load_demo_texts, load_ui
from .languages import i18n_plugin
from .project import Feature, Project, environment
from .translations import translation_of

log = logging.getLogger("mkdocs.plugins.glossary")

# JupyterLab's stylesheet by nbconvert version: the same for every rebuild of `mkdocs serve`.
NBCONVERT_CSS: dict[str, str] = {}
HELPER = "latent_demo.py"  # the module the notebooks import
HELPER_ARCHIVE = "latent_demo.zip"  # its download, with the parts it imports
STYLES = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
DROPPED = [
    re.compile(r'<script src="">\s*</script>', re.S),  # an empty MathJax loader
    re.compile(
        r"<!-- MathJax configuration -->\s*<script type=\"text/x-mathjax-config\">.*?</script>",
        re.S,
    ),
    re.compile(  # the Mermaid loader (imports Mermaid from a CDN)
        r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async'
        r" \(\) => \{\s*const diagrams.*?</script>",
        re.S,
    ),
    re.compile(r"<style>\s*\.jp-Mermaid:not.*?</style>", re.S),
    re.compile(r"\s*<style>\s*\[?'pre \{ line-height.*?</style>\s*$", re.S),  # a stray list repr
]
# Applied to every page, cached or not: nbconvert's per-cell copy buttons (an inlined script
# and an icon per cell, with an invalid attribute) and its empty MathJax comments.
PAGE_DROPPED = [
    re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S),
    re.compile(r'<div (?:id="cell-\d+" )?class="clipboard-copy-txt"[^>]*>[^<]*</div>'),
    re.compile(r"<script>\s*\(function \(global, factory\).*?</script>", re.S),
    re.compile(r"<script>\s*document\.addEventListener\('clipboard-copy'.*?</script>", re.S),
    re.compile(r"<!-- Load mathjax -->\s*<!-- End of mathjax configuration -->", re.S),
    re.compile(r"<!-- End of mermaid configuration -->"),
]
IMAGE = re.compile(
    r'<img (?P<before>[^>]*?)src="data:image/png;base64,(?P<data>[A-Za-z0-9+/=\s]+)"'
    r"(?P<after>[^>]*)>"
)
CHART = re.compile(
    r'(<div [^>]*class="vega-chart"[^>]*)><script type="application/json">(.*?)</script>', re.S
)
SITE_RENDERER = """\
import altair as _alt, html as _html, json as _json
def _site_chart(spec, **_):
    label = _html.escape(str(spec.get("description", "")), quote=True)
    data = _json.dumps(spec, separators=(",", ":")).replace("</", "<\\\\/")
    return {"text/html": f'<div class="vega-chart" role="img" aria-label="{label}">'
            f'<script type="application/json">{data}</script></div>', "text/plain": label}
_alt.renderers.register("site", _site_chart)
_alt.renderers.enable("site")"""


# The helper's line that the published copy fills with the plot strings of every language.
TEXTS_LINE = "_TEXTS: dict[str, dict[str, str]] = {}"


def published_helper(project: Project) -> dict[str, bytes]:
    """The demo helper as readers download it, JupyterLite serves it and the build's kernels
    import it: every module of the demos folder (``latent_demo.py``, which the notebooks
    import, and the parts it gathers), the plot strings of data/demo*.yml written into the
    one that holds `TEXTS_LINE`, so that the modules run on their own. A project without
    data/demo.yml publishes its modules as they are."""
    modules = {
        path.name: path.read_text(encoding="utf-8") for path in sorted(project.demos.glob("*.py"))
    }
    if not (project.data / "demo.yml").is_file():
        return {name: source.encode("utf-8") for name, source in modules.items()}
    holder = next((name for name, source in modules.items() if TEXTS_LINE in source), None)
    if holder is None:
        raise PluginError(
            f"{project.repo_path(project.demos / HELPER)}:1: error: no helper module has the "
            f"line `{TEXTS_LINE}`, which the build fills with the plot strings; put it back "
            "in the module that defines texts()"
        )
    try:
        langs = project.langs
        # A language in progress has plot strings once its data/demo.<lang>.yml exists (the
        # checker lists the file until then; a notebook of it needs them to run).
        codes = [
            lang
            for lang in langs.codes
            if lang not in langs.in_progress
            or data_path("demo", lang, project.data, langs.default).is_file()
        ]
        texts = load_demo_texts(codes, project.data)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    literal = json.dumps(texts, ensure_ascii=False, indent=1)
    modules[holder] = modules[holder].replace(
        TEXTS_LINE, f"_TEXTS: dict[str, dict[str, str]] = {literal}", 1
    )
    return {name: source.encode("utf-8") for name, source in modules.items()}


def helper_archive(helper: dict[str, bytes]) -> bytes:
    """The helper's modules in one zip file for the download beside each notebook: the same
    bytes on every build (fixed dates and order)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(helper.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# ipykernel sends what a cell prints every 0.2 s, so on a busy machine one cell's lines came
# out as two outputs, and the published page depended on the machine's load. With the timer
# off, each cell's output of each stream is sent once, when the cell ends.
ONE_OUTPUT_PER_CELL = """import sys as _sys
for _stream in (_sys.stdout, _sys.stderr):
    if hasattr(_stream, "flush_interval"):
        _stream.flush_interval = 1e9
del _sys, _stream"""


def startup_code(lang: str) -> str:
    """What every build kernel runs first: the language, the site's chart renderer, and one
    output per cell and stream."""
    return f'DEMO_LANG = "{lang}"\n{SITE_RENDERER}\n{ONE_OUTPUT_PER_CELL}\n'


def notebook_stem(src_uri: str) -> str:
    """A notebook's path without its language suffix and extension: demos/latent-space."""
    return re.sub(r"(\.[a-z]{2})?\.ipynb$", "", src_uri)


# The kernels' numerical libraries run one thread each: the build runs one kernel per core,
# and the threads of kernels side by side only took turns (spinning OpenBLAS threads: a build
# of nine uncached notebooks took 70 s of CPU time instead of 59). One thread count everywhere
# also gives every build, whichever way it executes a notebook, the same sums. Part of the
# cache key.
KERNEL_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def kernel_profile(lang: str) -> Iterator[None]:
    """While open, the kernels this process starts run `startup_code(lang)` first (IPYTHONDIR
    points at a profile of its own), with KERNEL_ENV, and log only errors."""
    with tempfile.TemporaryDirectory() as ipython_dir:
        startup = Path(ipython_dir) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-site.py").write_text(startup_code(lang), encoding="utf-8")
        # The kernel's own warnings (plain-TCP notice on loopback) would fill the log.
        (startup.parent / "ipython_kernel_config.py").write_text(
            "c.IPKernelApp.log_level = 'ERROR'\n", encoding="utf-8"
        )
        with environment({"IPYTHONDIR": ipython_dir, **KERNEL_ENV}):
            yield


# What mkdocs-jupyter's page rendering passes to nb2html from its configuration (besides
# `execute`), and the configuration its cache key reads.
CONVERT_OPTIONS = (
    "kernel_name",
    "theme",
    "allow_errors",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "highlight_extra_classes",
    "include_requirejs",
    "custom_mathjax_url",
)


def convert_options(plugin: jupyter.Plugin) -> dict:
    """What mkdocs-jupyter's `plugin` passes to nb2html for a page, from its configuration."""
    return {name: plugin.config[name] for name in CONVERT_OPTIONS}


def execute_to_cache(nb_path: str, lang: str, options: dict, toc_depth: int, entry: str) -> str:
    """In a worker process: execute and convert one notebook as its page would, and write the
    cache entry (`entry`) the page then reads; return nbconvert's stylesheet."""
    with kernel_profile(lang):
        body = jupyter.convert.nb2html(nb_path, execute=True, **options)
    body, css = split_styles(body)
    toc_tokens, title = jupyter._get_nb_toc_tokens(nb_path, toc_depth)
    path = Path(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    content = {"content": body, "toc_tokens": toc_tokens, "title": title}
    partial.write_text(json.dumps(content), encoding="utf-8")
    partial.replace(path)  # whole or absent, even if the build is interrupted
    return css


def language_cell(lang: str) -> dict:
    """The first cell of a downloaded or JupyterLite notebook: its language."""
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": "demo-language",
        "metadata": {},
        "outputs": [],
        "source": f'DEMO_LANG = "{lang}"  # the language of the plot labels',
    }


def with_language(notebook: dict, lang: str) -> dict:
    """The notebook with its language cell first."""
    return {**notebook, "cells": [language_cell(lang), *notebook["cells"]]}


TOKEN_RULE = re.compile(r"\.highlight-ipynb \.[a-z0-9]{1,3}(?:,[^{]*)?\s*\{[^}]*\}")


def split_styles(body: str) -> tuple[str, str]:
    """(body without nbconvert's inlined stylesheets and loaders, the stylesheets).

    The code cells get Material's `highlight` class and lose nbconvert's token colours, so
    notebook code is coloured like every other code block of the site (in both schemes).
    """
    css = "\n".join(TOKEN_RULE.sub("", block.strip()) for block in STYLES.findall(body))
    body = STYLES.sub("", body).replace(
        'class="highlight-ipynb ', 'class="highlight highlight-ipynb '
    )
    for pattern in DROPPED:
        body = pattern.sub("", body)
    return body, css


COMMENT = re.compile(r"/\*.*?\*/", re.S)
CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
GROUPING = ("@media", "@supports", "@container", "@layer")
# :root is the <html> element, so a selector with :root after a combinator matches nothing:
# mkdocs-jupyter's prefixing turns JupyterLab's `:root {...}` into `.jupyter-wrapper :root`.
UNMATCHABLE = re.compile(r"[\s>+~]:root\b")
VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _match(css: str, start: int) -> int:
    """Index just after the brace that closes the block opened at css[start] == '{'."""
    depth, i, quote = 0, start, ""
    while i < len(css):
        ch = css[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced braces in CSS")


def _split(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` outside quotes and brackets, the parts stripped."""
    return [part.strip() for part in top_level(text, separator)[0] if part.strip()]


def prune_css(css: str, used: set[str]) -> str:
    """Drop the selectors that name a class no page uses, and the rules left without one."""
    return _pruned(css, frozenset(used))


@functools.lru_cache(maxsize=4)  # the same for every rebuild of `mkdocs serve`
def _pruned(css: str, used: frozenset[str]) -> str:
    css = COMMENT.sub("", css)
    out, i = [], 0
    while i < len(css):
        brace = css.find("{", i)
        semi = css.find(";", i)
        if brace == -1:
            break
        if css[i:].lstrip().startswith("@") and semi != -1 and semi < brace:
            statement = css[i : semi + 1].strip()
            if not statement.startswith("@charset"):  # one @charset may only come first
                out.append(statement)
            i = semi + 1
            continue
        end = _match(css, brace)
        prelude, body = css[i:brace].strip(), css[brace + 1 : end - 1]
        i = end
        if prelude.startswith("@charset"):
            continue
        if prelude.startswith("@"):
            if prelude.startswith(GROUPING):
                inner = prune_css(body, used)
                if inner.strip():
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{body}}}")
            continue
        kept = [
            s
            for s in _split(prelude, ",")
            if set(CLASS.findall(NOT.sub("", s))) <= used and not UNMATCHABLE.search(s)
        ]
        if kept:
            out.append(f"{','.join(kept)}{{{body.strip()}}}")
    # A rule repeated word for word counts once, at its last place (where it wins).
    return "\n".join(rule for n, rule in enumerate(out) if rule not in out[n + 1 :])


def drop_unused_properties(css: str, referenced: set[str]) -> str:
    """Drop the custom property declarations nothing reads with var(), in `css` (as pruned
    by prune_css) or in `referenced`; then the rules left empty. Repeats until stable, since
    a dropped declaration may have been the only reader of another property."""
    rule = re.compile(r"([^{}]*)\{([^{}]*)\}")
    while True:
        read = referenced | set(VAR.findall(css))

        def keep(match: re.Match[str], read: set[str] = read) -> str:
            declarations = [
                d
                for d in _split(match[2], ";")
                if not d.startswith("--") or d.split(":", 1)[0].strip() in read
            ]
            return f"{match[1]}{{{';'.join(declarations)}}}" if declarations else ""

        pruned = re.sub(r"\n{2,}", "\n", rule.sub(keep, css))
        pruned = re.sub(r"@[^{};]*\{\s*\}", "", pruned)  # groups left empty
        if pruned == css:
            return css
        css = pruned


def notebook_links(page: Page, lang: str, ui: dict[str, str]) -> str:
    """The download and Run-in-your-browser bar of a notebook page."""
    name = Path(page.file.src_uri).name
    lite = get_relative_url(f"lite/notebooks/index.html?path={name}", page.url)
    return (
        '<div class="notebook-actions">'
        f'<a class="md-button md-button--primary" href="{html.escape(lite)}">'
        f"{html.escape(ui['notebook_run'])}</a> "
        f'<a class="md-button" href="{html.escape(name)}" download>'
        f"{html.escape(ui['notebook_download'])}</a> "
        f'<a class="md-button" href="{HELPER_ARCHIVE}" download>'
        f"{html.escape(ui['notebook_helper'])}</a>"
        f'<p class="notebook-note">{html.escape(ui["notebook_pyodide_note"])}</p></div>'
    )


# mkdocs-jupyter internals this module wraps; tests/test_upstream.py names them too.
PATCHED = ("convert.nb2html", "_compute_cache_key", "Plugin.on_pre_build", "Plugin.on_post_build")


class Notebooks(Feature):
    """Notebook pages in every language, with one execution cache for all of them."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.docs = Path()  # the docs folder, where the notebooks' paths start
        self.used: set[str] = set()  # cache entries any language's build used
        self.css = ""  # JupyterLab's stylesheet, as nbconvert inlines it
        self.classes: set[str] = set()  # every class the notebook pages use
        self.vars: set[str] = set()  # every custom property they read
        self.specs: dict[str, list[str]] = {}  # chart specs per page, until it is written
        self.figures: dict[str, list[bytes]] = {}  # figures per page, likewise
        self.originals: dict[str, object] = {}
        self.evict = None
        self.helper: dict[str, bytes] = {}  # the published demo helper, made at build start
        self.ahead = False  # whether this build executed its uncached notebooks ahead
        self.pool: ProcessPoolExecutor | None = None  # the processes executing them
        self.pending: dict[str, tuple[Future[str], str]] = {}  # cache entry: (job, notebook)
        self.started = 0.0  # when the first of them started

    # --- mkdocs-jupyter, wrapped for the length of one build ---------------------------------

    def _patch(self, config: MkDocsConfig) -> None:
        """Wrap mkdocs-jupyter: language cell, language-aware cache key, one eviction."""
        plugin = config.plugins.get("mkdocs-jupyter")
        if plugin is None or self.originals:
            return
        convert, key = jupyter.convert.nb2html, jupyter._compute_cache_key
        self.originals = {"nb2html": convert, "key": key}

        def nb2html(nb_path: str, **kwargs: object) -> str:
            with kernel_profile(self.written_language(nb_path)):
                body = convert(nb_path, **kwargs)
            body, css = split_styles(body)
            self.css = self.css or css
            return body

        def cache_key(nb_path: str, config: dict, exec_nb: bool) -> str:
            key = self.cache_key(nb_path, config, exec_nb, self.written_language(nb_path))
            # The page reads its entry next: an execution ahead of it must have finished.
            self.wait_for(str(jupyter._get_cache_path(config["cache_dir"], key)))
            return key

        jupyter.convert.nb2html = nb2html
        jupyter._compute_cache_key = cache_key
        self.evict = plugin.on_post_build
        plugin.glossary_notebooks = self  # the event wrappers read the current build's state
        if getattr(plugin, "glossary_wrapped", False):
            return
        events = config.plugins.events
        original_pre = plugin.on_pre_build

        def pre_build(config: MkDocsConfig) -> None:
            original_pre(config)
            # One set of used cache entries for every language's build.
            plugin._used_cache_paths = plugin.glossary_notebooks.used

        events["pre_build"] = [pre_build if m == original_pre else m for m in events["pre_build"]]
        events["post_build"] = [m for m in events["post_build"] if m != self.evict]
        plugin.glossary_wrapped = True

    def cache_key(self, nb_path: str, config: dict, exec_nb: bool, lang: str) -> str:
        """mkdocs-jupyter's key, with the kernel's startup code (the language), its
        environment and the demo helper every notebook imports (its plot strings included)."""
        digest = hashlib.sha256(self.originals["key"](nb_path, config, exec_nb).encode())
        digest.update(startup_code(lang).encode() + json.dumps(KERNEL_ENV).encode())
        for name, data in sorted(self.helper.items()):
            digest.update(name.encode() + b"\0" + data)
        return digest.hexdigest()

    def written_language(self, nb_path: str) -> str:
        """The language notebook `nb_path` (absolute, or relative to the docs folder) is
        written in: its suffix (demos/x.de.ipynb), else the source language's; the language
        of its kernel and of its cache key."""
        path = Path(nb_path).resolve()
        if not path.is_relative_to(self.docs.resolve()):
            return self.project.default  # not a page: the empty notebook of `jupyter_css`
        src = path.relative_to(self.docs.resolve())
        translated = translation_of(src, list(self.project.langs.codes))
        localization = translated[1] if translated else None
        return self.project.file_language(
            SimpleNamespace(src_uri=src.as_posix(), localization=localization)
        )

    def _unpatch(self) -> None:
        if self.originals:
            jupyter.convert.nb2html = self.originals["nb2html"]
            jupyter._compute_cache_key = self.originals["key"]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.plugins.get("mkdocs-jupyter") is None:
            return config
        if not self.helper:
            # The kernels import the published helper (plot strings included), wherever the
            # notebook is executed: it is kept in the cache, rewritten when it changes.
            self.helper = published_helper(self.project)
            folder = self.project.cache / "demo-helper"
            folder.mkdir(parents=True, exist_ok=True)
            for stale in set(folder.glob("*.py")) - {folder / name for name in self.helper}:
                stale.unlink()
            for name, data in self.helper.items():
                if not (folder / name).is_file() or (folder / name).read_bytes() != data:
                    (folder / name).write_bytes(data)
            paths = [
                str(folder),
                *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep)),
            ]
            os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
        self.docs = Path(config.docs_dir)
        self._patch(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """After mkdocs-static-i18n has rebuilt the file collection (#198)."""
        plugin = config.plugins.get("mkdocs-jupyter")
        if plugin is None:
            return files
        for file in list(files):
            if (
                file.src_uri.endswith(".ipynb")
                and not file.is_documentation_page()
                and plugin.should_include(file)
            ):
                # mkdocs-jupyter's own on_files already gave it a page's destination
                # (.../name/index.html) and i18n the language folder; only the type was lost.
                dest = re.sub(r"(/index)?\.(ipynb|html)$", "", file.dest_uri)
                # A notebook not translated into this pass's language falls back to the source,
                # at this language's URL (i18n gave it the source language's, as an asset).
                prefix = self.project.langs.prefix(self.project.build_language(config))
                if prefix and not dest.startswith(prefix):
                    dest = prefix + dest
                page = NotebookFile(file, config.use_directory_urls, config.site_dir)
                if config.use_directory_urls:
                    page.dest_path = f"{dest}/index.html"
                else:
                    page.dest_path = f"{dest}.html"
                page.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, page.dest_path))
                page.url = f"{dest}/" if config.use_directory_urls else f"{dest}.html"
                page.alternates = self._alternates(file.src_uri, config)
                # In place: the collection is mkdocs-static-i18n's, which resolves localized links.
                files.remove(file)
                files.append(page)
        if not self.ahead:
            self.ahead = True
            self.execute_ahead(files, config)
        return files

    def execute_ahead(self, files: Files, config: MkDocsConfig) -> None:
        """On the build's first pass: start executing every notebook of every language the
        build writes whose outputs are not cached, one process per CPU core, into the cache
        the pages read (a single one is left to its page). The build goes on meanwhile; a
        notebook's page waits for its own execution (`wait_for`)."""
        plugin = config.plugins.get("mkdocs-jupyter")
        if plugin is None or not plugin.config["execute"] or not plugin.config["cache"]:
            return
        docs = Path(config.docs_dir)
        stems = {
            notebook_stem(file.src_uri)
            for file in files
            if file.src_uri.endswith(".ipynb") and plugin.should_include(file)
        }
        options = convert_options(plugin)
        ignored = plugin.config["execute_ignore"] or []
        jobs: dict[str, tuple] = {}
        # In the order the language passes render the pages.
        for lang in self.project.built_languages(config):
            for stem in sorted(stems):
                own = f"{stem}.{lang}.ipynb"
                translated = lang != self.project.default and (docs / own).is_file()
                path = str(docs / (own if translated else f"{stem}.ipynb"))
                written = self.written_language(path)
                if any(PurePath(path).match(pattern) for pattern in ignored):
                    continue
                key = self.cache_key(path, plugin.config, True, written)
                entry = jupyter._get_cache_path(plugin.config["cache_dir"], key)
                if not entry.exists():
                    jobs[str(entry)] = (path, written, options, plugin.config["toc_depth"])
        if len(jobs) < 2:
            return
        workers = min(len(jobs), os.cpu_count() or 1)
        log.info("Executing %d notebooks ahead of their pages, %d at a time", len(jobs), workers)
        self.started = time.monotonic()
        context = multiprocessing.get_context("spawn")  # a fresh interpreter, nothing patched
        self.pool = ProcessPoolExecutor(workers, mp_context=context)
        self.pending = {
            entry: (self.pool.submit(execute_to_cache, *job, entry), job[0])
            for entry, job in jobs.items()
        }

    def wait_for(self, entry: str) -> None:
        """Once the execution ahead that writes cache entry `entry` has ended (none: at once).
        A notebook that failed there is left to its page, which executes it again and
        reports the error at its cell."""
        if entry not in self.pending:
            return
        future, path = self.pending.pop(entry)
        try:
            self.css = self.css or future.result()
        except Exception as exc:  # noqa: BLE001 - its page executes it again and reports it
            log.debug("Executing ahead failed: %s (%s); its page executes it", path, exc)
        else:
            log.info("Executed ahead: %s", self.project.repo_path(Path(path)))
        if not self.pending and self.pool is not None:
            self.pool.shutdown()
            self.pool = None
            log.info("Notebooks executed ahead in %.0f s", time.monotonic() - self.started)

    def stop_ahead(self, cancel: bool) -> None:
        """At the end of the build: wait for what is still executing ahead (a notebook no
        page read), or, after an error, cancel what has not started (the error is reported
        once the notebooks already running have ended, each a few seconds)."""
        if cancel and self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool, self.pending = None, {}
        for entry in list(self.pending):
            self.wait_for(entry)

    def _alternates(self, src_uri: str, config: MkDocsConfig) -> dict[str, SimpleNamespace]:
        """The notebook in every built language, as mkdocs-static-i18n records it for pages
        (it does not for notebooks): the language switcher and hreflang links read this."""
        source = self.project.default
        plugin = i18n_plugin(config)
        languages = plugin.build_languages if plugin else [source]
        default = plugin.default_language if plugin else source
        stem = notebook_stem(src_uri)
        out = {}
        for lang in languages:
            own = (Path(config.docs_dir) / f"{stem}.{lang}.ipynb").exists()
            written = lang if own or lang == source else source
            prefix = "" if lang == default else f"{lang}/"
            out[lang] = SimpleNamespace(
                url=f"{prefix}{stem}/",
                localization=None if written == source else written,
                locale=written,
            )
        return out

    def on_page_content(self, html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not page.file.src_uri.endswith(".ipynb"):
            return html_out
        page.meta["notebook"] = True
        self.classes.update(
            name for names in re.findall(r'class="([^"]*)"', html_out) for name in names.split()
        )
        self.vars.update(VAR.findall(html_out))
        for pattern in PAGE_DROPPED:
            html_out = pattern.sub("", html_out)
        # Each chart's spec (its data included) is a file beside the page, fetched by charts.js:
        # the page's HTML stays light and the data is cached like an image.
        specs: list[str] = []

        def spec_file(match: re.Match[str]) -> str:
            specs.append(match.group(2))
            # A figure, not an image: the chart holds sliders and selectors a reader operates.
            div = match.group(1).replace('role="img"', 'role="figure"')
            return f'{div} data-src="chart-{len(specs)}.json">'

        html_out = CHART.sub(spec_file, html_out)
        self.specs[page.file.src_uri] = specs

        # Figures become files beside the page too, loaded lazily with their size known up front.
        figures: list[bytes] = []

        def figure_file(match: re.Match[str]) -> str:
            png = base64.b64decode("".join(match["data"].split()))
            figures.append(png)
            size = ""
            if "width=" not in match["before"] + match["after"]:
                width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR chunk
                size = f' width="{width}" height="{height}"'
            return (
                f'<img {match["before"]}src="figure-{len(figures)}.png"{size} '
                f'loading="lazy" decoding="async"{match["after"]}>'
            )

        html_out = IMAGE.sub(figure_file, html_out)
        self.figures[page.file.src_uri] = figures
        lang = self.project.content_language(page)
        ui = load_ui(lang, self.project.data, self.project.default)
        return notebook_links(page, lang, ui) + html_out

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not page.file.src_uri.endswith(".ipynb"):
            return output
        # The downloads: the notebook with its language cell, and the helper's modules beside it.
        target = Path(page.file.abs_dest_path).parent
        target.mkdir(parents=True, exist_ok=True)
        notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
        lang = self.project.content_language(page)
        (target / Path(page.file.src_uri).name).write_text(
            json.dumps(with_language(notebook, lang), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        (target / HELPER_ARCHIVE).write_bytes(helper_archive(self.helper))
        for number, png in enumerate(self.figures.pop(page.file.src_uri, []), 1):
            (target / f"figure-{number}.png").write_bytes(png)
        specs = self.specs.pop(page.file.src_uri, [])
        for number, spec in enumerate(specs, 1):
            (target / f"chart-{number}.json").write_text(spec, encoding="utf-8")
        # The first chart with a slider or selector is also shown in the entry's demo box.
        interactive = next((spec for spec in specs if '"bind"' in spec), None)
        if interactive:
            (target / "interactive.json").write_text(interactive, encoding="utf-8")
        return output

    def jupyter_css(self) -> str:
        """JupyterLab's stylesheet as nbconvert inlines it (from an empty notebook if needed,
        once per installed nbconvert)."""
        if not self.css and NBCONVERT_CSS.get(version("nbconvert")):
            self.css = NBCONVERT_CSS[version("nbconvert")]
        if not self.css:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "empty.ipynb"
                path.write_text(
                    json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                    encoding="utf-8",
                )
                jupyter.convert.nb2html(str(path), execute=False)
        NBCONVERT_CSS[version("nbconvert")] = self.css
        return self.css

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After mkdocs-static-i18n has built every language."""
        plugin = i18n_plugin(config)
        if plugin is not None and plugin.building:
            return
        self.stop_ahead(cancel=False)
        jupyter_plugin = config.plugins.get("mkdocs-jupyter")
        if jupyter_plugin is not None:
            path = Path(config.site_dir) / "assets" / "stylesheets" / "jupyter.css"
            path.parent.mkdir(parents=True, exist_ok=True)
            # Only the rules whose classes the notebook pages use and that can match, and only
            # the custom properties something reads: 17 KB of mkdocs-jupyter's 575 KB.
            css = prune_css(self.jupyter_css(), self.classes)
            extra = [Path(config.docs_dir) / str(sheet) for sheet in config.extra_css]
            read = set(VAR.findall("".join(p.read_text(encoding="utf-8") for p in extra)))
            css = drop_unused_properties(css, read | self.vars)
            path.write_text('@charset "UTF-8";\n' + css, encoding="utf-8")
        # A build without execution (NOTEBOOK_EXECUTE=false) uses none of the executed entries,
        # and a one-language preview only its language's: evicting after either would make
        # the next full build execute the others again.
        if self.evict is not None and jupyter_plugin.config["execute"] and not self.project.preview:
            self.evict(config)
        self._unpatch()

    def on_build_error(self, error: Exception) -> None:
        self.stop_ahead(cancel=True)
        self._unpatch()
