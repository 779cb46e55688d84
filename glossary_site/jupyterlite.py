"""Build the site's JupyterLite (Pyodide kernel) with every demo notebook, and publish it at
/lite/. Each notebook gets a first cell setting DEMO_LANG to its language, so a translated
notebook draws translated labels in the browser too. The build is cached in .cache/lite and
redone only when a notebook, the helper module or the JupyterLite packages change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .languages import i18n_plugin
from .notebooks import published_helper, with_language
from .project import Feature

STAMP = ".source-hash"
PACKAGES = ("jupyterlite-core", "jupyterlite-pyodide-kernel")
ICON_LINK = '<link rel="icon" type="image/png" href="{href}">'


def notebook_language(path: Path, default: str) -> str:
    """The language of a notebook file: its suffix (page.de.ipynb), else `default`."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 else default


def contents(demos: Path, default: str, helper: dict[str, bytes]) -> dict[str, bytes]:
    """The files the JupyterLite build serves: notebooks with their language cell, and the
    published helper's modules."""
    out = dict(helper)
    for path in sorted(demos.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        lang = notebook_language(path, default)
        text = json.dumps(with_language(notebook, lang), ensure_ascii=False)
        out[path.name] = text.encode("utf-8")
    return out


def add_icons(folder: Path) -> None:
    """JupyterLite's pages name no icon, so browsers ask for /favicon.ico (a 404): link its own.
    Its redirect pages have no <title>: they get one."""
    for page in folder.rglob("index.html"):
        depth = len(page.relative_to(folder).parts) - 1
        link = ICON_LINK.format(href="../" * depth + "icon-120x120.png")
        text = page.read_text(encoding="utf-8")
        if "<title>" not in text:  # the redirect pages have none (invalid HTML)
            text = text.replace("</head>", "<title>JupyterLite</title>\n</head>", 1)
        if 'rel="icon"' not in text:
            text = text.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n    {link}', 1)
        page.write_text(text, encoding="utf-8")


def build(files: dict[str, bytes], out: Path) -> None:
    """Build JupyterLite with `files` into `out`, unless `out` holds that build already."""
    stamp = out / STAMP
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + data)
    for package in PACKAGES:
        digest.update(f"{package}=={version(package)}".encode())
    digest.update(Path(__file__).read_bytes())  # this module patches the build
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "contents"
        source.mkdir()
        for name, data in files.items():
            (source / name).write_bytes(data)
        shutil.rmtree(out, ignore_errors=True)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "jupyter",
                "lite",
                "build",
                "--contents",
                str(source),
                "--output-dir",
                str(out),
                "--no-sourcemaps",
            ],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        raise PluginError(f"the JupyterLite build failed:\n{tail}")
    add_icons(out)
    stamp.write_text(digest.hexdigest())


class JupyterLite(Feature):
    """The site's JupyterLite at /lite/, built when its contents change."""

    @property
    def out(self) -> Path:
        """Where the JupyterLite build is kept between builds."""
        return self.project.cache / "lite"

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if config.plugins.get("mkdocs-jupyter") is None:
            return  # a site without notebooks has no JupyterLite
        plugin = i18n_plugin(config)
        if plugin is None or not plugin.building:
            helper = published_helper(self.project)
            build(contents(self.project.demos, self.project.default, helper), self.out)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After every language's pass: /lite/ for every language, linked from the cache."""
        plugin = i18n_plugin(config)
        if plugin is not None and plugin.building:
            return
        if config.plugins.get("mkdocs-jupyter") is None:
            return
        publish(self.out, Path(config.site_dir) / "lite")


def publish(build_dir: Path, target: Path) -> None:
    """The JupyterLite build's files in `target`: hard links where the file system allows
    (a rebuild of `mkdocs serve` then writes no byte of its 549 files; nothing changes them
    in the site), copies elsewhere."""
    for path in sorted(build_dir.rglob("*")):
        if not path.is_file() or path.name == STAMP:
            continue
        dest = target / path.relative_to(build_dir)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)  # left by a dirty build
        try:
            os.link(path, dest)
        except OSError:  # another file system
            shutil.copyfile(path, dest)
