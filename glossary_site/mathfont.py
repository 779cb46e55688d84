"""The math font: STIX Two Math, cut down at build time to the characters the site's formulas
draw, so that every browser draws the MathML of glossary_site/formulas.py with the same
glyphs, in about 20 KB instead of 400.

The font comes from the exact-pinned npm package @fontsource/stix-two-math (SIL Open Font
License 1.1, no reserved font name; the license is published beside the font). fontTools
keeps, for each character, the glyphs its MATH table reaches: the taller variants and the
pieces of stretched brackets and radicals. The cut is cached in .cache/math-font/ by the
characters and the package's version, so a rebuild that adds no new character reuses it.
"""

from __future__ import annotations

import hashlib
import io
from importlib.metadata import version
from pathlib import Path

from .vendor import FONT_DEST, require_npm

PACKAGE = Path("@fontsource/stix-two-math")
SOURCE = PACKAGE / "files/stix-two-math-latin-400-normal.woff"
FONT = f"{FONT_DEST}/stix-two-math.woff2"  # its place in the site
LICENSE = f"{FONT_DEST}/stix-two-math-LICENSE.txt"
FAMILY = "STIX Two Math"
KEPT = 8  # cuts kept in the cache (the full site's, a preview's, a few edits')


def cut(source: Path, chars: set[str]) -> bytes:
    """The font at `source` with only the glyphs `chars` need, as WOFF2."""
    from fontTools import subset  # imported on first use: only a build with formulas needs it

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # whatever layout the kept glyphs take part in
    options.name_IDs = ["*"]  # the copyright and license entries stay in the font
    options.hinting = False  # browsers on every platform the site targets ignore it
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in chars))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def cached_cut(node_modules: Path, chars: set[str], cache: Path) -> bytes:
    """`cut` of the pinned package's font, from `cache` when these characters were cut before."""
    manifest = require_npm(node_modules / PACKAGE / "package.json")
    key = hashlib.sha256(manifest.read_bytes() + version("fonttools").encode())
    key.update("".join(sorted(chars)).encode())
    path = cache / f"{key.hexdigest()[:32]}.woff2"
    if path.is_file():
        path.touch()  # recently used: kept by the clean-up below
        return path.read_bytes()
    data = cut(require_npm(node_modules / SOURCE), chars)
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)  # whole or absent, even if the build is interrupted
    for old in sorted(cache.glob("*.woff2"), key=lambda p: p.stat().st_mtime)[:-KEPT]:
        old.unlink()
    return data


def head(font_url: str) -> str:
    """What a page with formulas adds to its <head>: the font requested with the stylesheets
    (it is needed for the first paint of a formula), and its @font-face."""
    return (
        f'<link rel="preload" href="{font_url}" as="font" type="font/woff2" crossorigin>'
        f'<style>@font-face{{font-family:"{FAMILY}";font-display:swap;'
        f'src:url("{font_url}") format("woff2")}}</style>'
    )


def write(site: Path, node_modules: Path, chars: set[str], cache: Path) -> None:
    """The cut font and its license, into the built site."""
    font = site / FONT
    font.parent.mkdir(parents=True, exist_ok=True)
    font.write_bytes(cached_cut(node_modules, chars, cache))
    license_text = require_npm(node_modules / PACKAGE / "LICENSE").read_text(encoding="utf-8")
    (site / LICENSE).write_text(license_text, encoding="utf-8")
