"""How a page looks when it is shared: OpenGraph and Twitter card tags on every page, and a card
image per glossary entry and language (one per language for the other pages).

The images are drawn at build time with Pillow and the DejaVu fonts that matplotlib ships, so
no font service or network is involved; their bytes depend only on their text and are kept in
.cache/cards between builds. Material's own social plugin is not used: it downloads its fonts
from Google Fonts.
"""

from __future__ import annotations

import hashlib
import html
import io
from functools import cache
from pathlib import Path

import matplotlib
import PIL
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from PIL import Image, ImageDraw, ImageFont

from .data import absolute_url, load_ui
from .languages import open_graph_locale
from .project import Feature, into_head
from .terms import entry_of

WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/cards"
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
BACKGROUND, ACCENT, TEXT, MUTED = "#311b92", "#b39ddb", "#ffffff", "#d1c4e9"


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def _lines(text: str, font: ImageFont.FreeTypeFont, width: int, most: int) -> list[str]:
    """`text` wrapped to `width` pixels, at most `most` lines (the last one ending in …)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while font.getlength(last + " …") > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last + " …"
    return lines


def draw_card(site: str, title: str, text: str, lang: str) -> bytes:
    """A 1200×630 PNG: the site's name, the title large, the text below it."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    draw.text((margin, 56), site, font=_font("DejaVuSans-Bold.ttf", 34), fill=ACCENT)
    draw.text((WIDTH - margin, 56), lang.upper(), font=_font("DejaVuSans-Bold.ttf", 34),
              fill=MUTED, anchor="ra")  # fmt: skip
    size = 76 if len(title) <= 24 else 60
    title_font = _font("DejaVuSans-Bold.ttf", size)
    y = 150
    for line in _lines(title, title_font, WIDTH - 2 * margin, 2):
        draw.text((margin, y), line, font=title_font, fill=TEXT)
        y += int(size * 1.2)
    body = _font("DejaVuSans.ttf", 32)
    y += 24
    for line in _lines(text, body, WIDTH - 2 * margin, max(1, (HEIGHT - 60 - y) // 44)):
        draw.text((margin, y), line, font=body, fill=MUTED)
        y += 44
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


class Social(Feature):
    """The card tags of every page and the card images they name."""

    def card(self, config: MkDocsConfig, name: str, title: str, text: str, lang: str) -> str:
        """The site path of a card image, drawn (or taken from the cache) into the site."""
        key = "\n".join((PIL.__version__, config.site_name, title, text, lang))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        cached = self.project.cache / "cards" / f"{digest}.png"
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(draw_card(config.site_name, title, text, lang))
        path = f"{self.project.langs.prefix(lang)}{FOLDER}/{name}.png"
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached.read_bytes())
        return path

    def tags(self, page: Page, config: MkDocsConfig) -> str:
        """The OpenGraph and Twitter card tags of a page, its card image drawn."""
        project = self.project
        lang = project.build_language(config)
        title = page.title or config.site_name
        description = page.meta.get("description") or config.site_description or ""
        entry = entry_of(page)
        if entry:
            image = self.card(config, entry, title, description, lang)
        else:
            ui = load_ui(lang, project.data, project.default)
            image = self.card(config, "site", config.site_name, ui["glossary_set_name"], lang)
        alt = f"{title} – {config.site_name}"
        alternates = [other for other in project.translations(page) if other != lang]
        values = [
            ("property", "og:type", "article" if entry else "website"),
            ("property", "og:site_name", config.site_name),
            ("property", "og:title", title),
            ("property", "og:description", description),
            ("property", "og:url", absolute_url(config, page.url)),
            ("property", "og:image", absolute_url(config, image)),
            ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(WIDTH)),
            ("property", "og:image:height", str(HEIGHT)),
            ("property", "og:image:alt", alt),
            ("property", "og:locale", open_graph_locale(lang)),
            *(("property", "og:locale:alternate", open_graph_locale(o)) for o in alternates),
            ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:title", title),
            ("name", "twitter:description", description),
            ("name", "twitter:image", absolute_url(config, image)),
            ("name", "twitter:image:alt", alt),
        ]
        return "\n    ".join(
            f'<meta {attr}="{key}" content="{html.escape(value)}">' for attr, key, value in values
        )

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return into_head(output, self.tags(page, config))
