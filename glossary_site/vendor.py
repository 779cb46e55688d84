"""Add the self-hosted text fonts and the Vega chart libraries from node_modules/ to the build
(KaTeX runs at build time, in glossary_site/formulas.py, and the math font is cut to the
formulas by glossary_site/mathfont.py).

The files come from exact-pinned npm packages (package.json, installed by `make`); nothing
is fetched from a CDN or a font service when the site is read.
"""

from __future__ import annotations

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


def vendor_files(config: MkDocsConfig, node_modules: Path) -> list[File]:
    """Return the vendored files to publish, as MkDocs File objects."""
    files = []
    for name, src in VEGA.items():
        path = str(require_npm(node_modules / src))
        files.append(File.generated(config, f"{VEGA_DEST}/{name}", abs_src_path=path))
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
