"""Publish the diagrams at stable URLs and show them, with an Embed control, on the pages.

- scripts/diagrams.py draws every diagram in every language that has texts (English and each
  data/diagrams.<lang>.yml) as /diagrams/<name>.<lang>.svg and .png. The bytes are the same
  on every build and are cached in .cache/diagrams, keyed by the code, the texts and the
  matplotlib version. A diagram that was renamed lists its old names under `formerly:` in
  data/diagrams.yml and is published under them too, so an old embed keeps working.
- data/published-diagrams.txt lists every diagram URL the site has published. The build
  fails when one of them is no longer produced, or when a new one is not listed yet.
- `<!-- diagram: <name> -->` on a page becomes the figure in the page's language (English
  while the diagram has no translation), with its caption and an Embed control: copy-ready
  Markdown, HTML and reStructuredText snippets, the license and the attribution line.
- `<!-- diagram-gallery -->` becomes a section per diagram, each with its figure and snippets.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_data import (
    DEFAULT_LANGUAGE,
    ROOT,
    absolute_url,
    build_language,
    i18n_plugin,
    load_ui,
    repo_path,
)

sys.path.insert(0, str(ROOT / "scripts"))

import diagrams  # noqa: E402

MARKER = re.compile(r"<!-- diagram: *([^ >]*) *-->")
GALLERY = "<!-- diagram-gallery -->"
MANIFEST = ROOT / "data" / "published-diagrams.txt"
CACHE = ROOT / ".cache" / "diagrams"
FOLDER = "diagrams"
SIZE = re.compile(rb'<svg[^>]* width="([0-9.]+)pt" height="([0-9.]+)pt"')

_state: dict = {}


@dataclass(frozen=True)
class Published:
    line: int
    url: str


def _digest() -> str:
    digest = hashlib.sha256(matplotlib.__version__.encode())
    for path in [Path(diagrams.__file__), *sorted((ROOT / "data").glob("diagrams*.yml"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def rendered() -> dict[str, bytes]:
    """Every published file: {"diagrams/<name>.<lang>.<fmt>": bytes}, old names included."""
    digest = _digest()
    if _state.get("digest") == digest:
        return _state["files"]
    folder = CACHE / digest
    english = diagrams.texts(DEFAULT_LANGUAGE)
    files: dict[str, bytes] = {}
    for name in diagrams.NAMES:
        for lang in diagrams.LANGUAGES:
            for fmt in diagrams.FORMATS:
                cached = folder / f"{name}.{lang}.{fmt}"
                if not cached.is_file():
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(diagrams.render(name, lang, fmt))
                content = cached.read_bytes()
                for alias in [name, *(english[name].get("formerly") or [])]:
                    files[f"{FOLDER}/{alias}.{lang}.{fmt}"] = content
    _state.update(digest=digest, files=files)
    return files


def read_manifest(path: Path = MANIFEST) -> list[Published]:
    """The published URLs (relative to site_url), one per line; # starts a comment."""
    if not path.is_file():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        url = line.split("#", 1)[0].strip()
        if url:
            out.append(Published(number, url))
    return out


def manifest_findings(site_dir: Path, produced: set[str], path: Path = MANIFEST) -> list[str]:
    """Published URLs the build no longer makes, and built diagrams not listed yet."""
    where = repo_path(path)
    published = read_manifest(path)
    findings = [
        f"{where}:{item.line}: error: {item.url} was published but the build no longer makes "
        f"it; restore the diagram, or list its old name under `formerly:` of the diagram that "
        f"replaced it in data/diagrams.yml (a published diagram URL must keep working)"
        for item in published
        if not (site_dir / item.url).is_file()
    ]
    listed = {item.url for item in published}
    last = max((item.line for item in published), default=0)
    findings += [
        f"{where}:{last + 1}: error: {url} is built but not listed as published; append the "
        f"line `{url}` to {where}"
        for url in sorted(produced - listed)
    ]
    return findings


def _language_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def diagram_language(lang: str) -> str:
    """The language a diagram is shown in: the reader's, once its texts are translated."""
    return lang if lang in diagrams.LANGUAGES else DEFAULT_LANGUAGE


def snippets(name: str, lang: str, config: MkDocsConfig) -> dict[str, str]:
    """The copy-ready snippets for an outside page: Markdown, HTML and reStructuredText."""
    shown = diagram_language(lang)
    text = diagrams.texts(shown)[name]
    ui = load_ui(lang)
    svg = absolute_url(config, f"{FOLDER}/{name}.{shown}.svg")
    source = absolute_url(config, f"{_language_prefix(lang)}{FOLDER}/#{name}")
    licence = ui["diagram_license_url"]
    width, height = svg_size(rendered()[f"{FOLDER}/{name}.{shown}.svg"])
    alt, caption = " ".join(text["alt"].split()), " ".join(text["caption"].split())
    title, site = text["title"], config.site_name

    def credit(link: str, escape: object = str) -> str:
        return ui["diagram_attribution"].format(
            title=link.format(text=escape(title), url=source),
            site=escape(site),
            license=link.format(text="CC BY 4.0", url=licence),
        )

    markdown = credit("[{text}]({url})", _md_escape)
    html_credit = credit('<a href="{url}">{text}</a>', html.escape)
    rst = credit("`{text} <{url}>`__")
    return {
        "Markdown": f"![{_md_escape(alt)}]({svg})\n\n*{_md_escape(caption)}* {markdown}",
        "HTML": f'<figure>\n  <img src="{svg}" alt="{html.escape(alt)}" '
        f'width="{width}" height="{height}">\n'
        f"  <figcaption>{html.escape(caption)} {html_credit}</figcaption>\n</figure>",
        "reStructuredText": f".. figure:: {svg}\n   :alt: {alt}\n   :width: {width}px\n\n"
        f"   {caption} {rst}",
    }


def _md_escape(text: str) -> str:
    return re.sub(r"([\[\]*_`\\])", r"\\\1", text)


def svg_size(svg: bytes) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes points: 1 pt = 4/3 px)."""
    match = SIZE.search(svg)
    if not match:
        raise PluginError("a diagram SVG has no width and height in pt")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)


def figure(name: str, lang: str, page: Page, config: MkDocsConfig, gallery: bool) -> str:
    """The figure, its caption, downloads and the Embed control, for the page's reader."""
    shown = diagram_language(lang)
    text = diagrams.texts(shown)[name]
    ui = load_ui(lang)
    url = {
        fmt: get_relative_url(f"{FOLDER}/{name}.{shown}.{fmt}", page.url) for fmt in ("svg", "png")
    }
    width, height = svg_size(rendered()[f"{FOLDER}/{name}.{shown}.svg"])
    alt = html.escape(" ".join(text["alt"].split()))
    blocks = "".join(
        f'<p class="diagram-embed__format">{label}</p>\n'
        f'<pre tabindex="0"><code class="language-{label.lower()}">'
        f"{html.escape(code)}</code></pre>\n"
        for label, code in snippets(name, lang, config).items()
    )
    license_url = html.escape(ui["diagram_license_url"])
    return (
        f'<figure class="diagram" id="diagram-{name}">\n'
        f'<img src="{url["svg"]}" alt="{alt}" width="{width}" height="{height}" '
        f'loading="lazy" decoding="async">\n'
        f"<figcaption>{html.escape(' '.join(text['caption'].split()))}</figcaption>\n"
        f"</figure>\n"
        f'<details class="diagram-embed" data-search-exclude{" open" if gallery else ""}>\n'
        f"<summary>{html.escape(ui['diagram_embed'])}</summary>\n"
        f"<p>{html.escape(ui['diagram_license'])} "
        f'<a href="{license_url}" rel="license">CC BY 4.0</a>. '
        f'{html.escape(ui["diagram_download"])}: <a href="{url["svg"]}" download>SVG</a> · '
        f'<a href="{url["png"]}" download>PNG (2×)</a></p>\n'
        f"{blocks}</details>\n"
    )


def gallery_markdown(lang: str) -> str:
    """A section per diagram; its figure and snippets replace the marker after rendering."""
    shown = diagram_language(lang)
    sections = []
    for name in diagrams.NAMES:
        text = diagrams.texts(shown)[name]
        sections.append(f"## {text['title']} {{#{name}}}\n\n<!-- diagram: {name} -->\n")
    return "\n".join(sections)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    for number, line in enumerate(source.splitlines(), 1):
        for match in MARKER.finditer(line):
            if match[1] not in diagrams.NAMES:
                raise PluginError(
                    f"{repo_path(Path(page.file.abs_src_path))}:{number}: error: unknown diagram "
                    f"'{match[1]}' in `{match[0]}`; use one of: {', '.join(diagrams.NAMES)}"
                )
    if GALLERY in markdown:
        markdown = markdown.replace(GALLERY, gallery_markdown(build_language(config)))
        page.meta["diagram_gallery"] = True
    return markdown


def on_page_content(html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = build_language(config)
    gallery = bool(page.meta.get("diagram_gallery"))
    return MARKER.sub(lambda match: figure(match[1], lang, page, config, gallery), html_out)


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the file collection
def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        published = rendered()
    except ValueError as exc:  # bad diagram texts: the message names the file
        raise PluginError(str(exc)) from None
    for dest, content in published.items():
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, content=content))
    return files


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    plugin = i18n_plugin(config)
    if plugin is not None and plugin.building:
        return
    findings = manifest_findings(Path(config.site_dir), set(rendered()))
    if findings:
        raise PluginError("\n".join(findings))
