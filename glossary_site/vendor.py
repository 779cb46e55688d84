"""Add the self-hosted fonts, KaTeX's stylesheet and fonts and the Vega chart libraries from
node_modules/ to the build (KaTeX itself runs at build time, in glossary_site/formulas.py).

The files come from exact-pinned npm packages (package.json, installed by `make`); nothing
is fetched from a CDN or a font service when the site is read. KaTeX's stylesheet is
rewritten to reference only the woff2 fonts that are published.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .data import repo_path
from .project import Feature

FONT_PACKAGES = {
    "roboto": [f"roboto-latin-{w}-{s}" for w in (300, 400, 700) for s in ("normal", "italic")],
    "roboto-mono": [f"roboto-mono-latin-{w}-normal" for w in (400, 700)],
}
KATEX_DEST = "assets/vendor/katex"
VEGA_DEST = "assets/vendor/vega"
VEGA = {  # published name: its place in node_modules
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
FONT_DEST = "assets/fonts"


def require_npm(path: Path) -> Path:
    """Return `path`, a file of an npm package; raise PluginError saying how to install it."""
    if not path.exists():
        raise PluginError(
            f"{repo_path(path)} is missing: the npm packages are not installed. "
            "Run `make build` (or `npm ci`) to install them."
        )
    return path


def _katex_css(katex: Path) -> str:
    css = require_npm(katex / "katex.min.css").read_text(encoding="utf-8")
    # Keep only the woff2 source of each @font-face: every browser we support reads it.
    return re.sub(
        r'src:url\((fonts/[^)]+\.woff2)\) format\("woff2"\)[^;}]*',
        r'src:url(\1) format("woff2")',
        css,
    )


def vendor_files(config: MkDocsConfig, node_modules: Path) -> list[File]:
    """Return the vendored files to publish, as MkDocs File objects."""
    katex = node_modules / "katex" / "dist"
    files = [File.generated(config, f"{KATEX_DEST}/katex.min.css", content=_katex_css(katex))]
    for name, src in VEGA.items():
        path = str(require_npm(node_modules / src))
        files.append(File.generated(config, f"{VEGA_DEST}/{name}", abs_src_path=path))
    for font in sorted(require_npm(katex / "fonts").glob("*.woff2")):
        files.append(
            File.generated(config, f"{KATEX_DEST}/fonts/{font.name}", abs_src_path=str(font))
        )
    for package, names in FONT_PACKAGES.items():
        for name in names:
            src = require_npm(node_modules / "@fontsource" / package / "files" / f"{name}.woff2")
            files.append(File.generated(config, f"{FONT_DEST}/{name}.woff2", abs_src_path=str(src)))
    return files


class Vendor(Feature):
    """The npm packages' files the site publishes."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in vendor_files(config, self.project.node_modules):
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)
        return files
