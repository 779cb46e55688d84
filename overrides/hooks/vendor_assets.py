"""Add the self-hosted fonts, KaTeX's stylesheet and fonts and the Vega chart libraries from
node_modules/ to the build (KaTeX itself runs at build time, in overrides/hooks/math_render.py).

The files come from exact-pinned npm packages (package.json, installed by `make`); nothing
is fetched from a CDN or a font service when the site is read. KaTeX's stylesheet is
rewritten to reference only the woff2 fonts that are published.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from site_data import repo_path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
KATEX = NODE_MODULES / "katex" / "dist"
FONT_PACKAGES = {
    "roboto": [f"roboto-latin-{w}-{s}" for w in (300, 400, 700) for s in ("normal", "italic")],
    "roboto-mono": [f"roboto-mono-latin-{w}-normal" for w in (400, 700)],
}
KATEX_DEST = "assets/vendor/katex"
VEGA_DEST = "assets/vendor/vega"
VEGA = {
    "vega.min.js": NODE_MODULES / "vega" / "build" / "vega.min.js",
    "vega-lite.min.js": NODE_MODULES / "vega-lite" / "build" / "vega-lite.min.js",
    "vega-embed.min.js": NODE_MODULES / "vega-embed" / "build" / "vega-embed.min.js",
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


def _katex_css() -> str:
    css = require_npm(KATEX / "katex.min.css").read_text(encoding="utf-8")
    # Keep only the woff2 source of each @font-face: every browser we support reads it.
    return re.sub(
        r'src:url\((fonts/[^)]+\.woff2)\) format\("woff2"\)[^;}]*',
        r'src:url(\1) format("woff2")',
        css,
    )


def vendor_files(config: MkDocsConfig) -> list[File]:
    """Return the vendored files to publish, as MkDocs File objects."""
    files = [File.generated(config, f"{KATEX_DEST}/katex.min.css", content=_katex_css())]
    for name, src in VEGA.items():
        files.append(
            File.generated(config, f"{VEGA_DEST}/{name}", abs_src_path=str(require_npm(src)))
        )
    for font in sorted(require_npm(KATEX / "fonts").glob("*.woff2")):
        files.append(
            File.generated(config, f"{KATEX_DEST}/fonts/{font.name}", abs_src_path=str(font))
        )
    for package, names in FONT_PACKAGES.items():
        for name in names:
            src = require_npm(NODE_MODULES / "@fontsource" / package / "files" / f"{name}.woff2")
            files.append(File.generated(config, f"{FONT_DEST}/{name}.woff2", abs_src_path=str(src)))
    return files


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the file collection
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in vendor_files(config):
        if files.get_file_from_path(file.src_uri) is None:
            files.append(file)
    return files
