"""Publish the diagrams at stable URLs and show them, with an Embed control, on the pages.

- glossary_site/diagrams.py draws every diagram in every language that has texts (the source
  language and each data/diagrams.<lang>.yml) as /diagrams/<name>.<lang>.svg and .png. The
  bytes are the same on every build and are cached in .cache/diagrams, keyed by the code, the
  texts and the matplotlib version. A diagram that was renamed lists its old names under
  `formerly:` in data/diagrams.yml and is published under them too, so an old embed keeps
  working.
- data/published-diagrams.txt lists every diagram URL the site has published. The build
  fails when one of them is no longer produced, or when a new one is not listed yet.
- `<!-- diagram: <name> -->` on a page becomes the figure in the page's language (the source
  language while the diagram has no translation), with its caption and an Embed control:
  copy-ready Markdown, HTML and reStructuredText snippets, the license and the attribution.
- `<!-- diagram-gallery -->` becomes a section per diagram, each with its figure and snippets.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import diagrams
from .data import absolute_url, load_ui, repo_path
from .languages import ROOT, i18n_plugin
from .project import Feature, Project

MARKER = re.compile(r"<!-- diagram: *([^ >]*) *-->")
GALLERY = "<!-- diagram-gallery -->"
MANIFEST = ROOT / "data" / "published-diagrams.txt"
FOLDER = "diagrams"
SIZE = re.compile(rb'<svg[^>]* width="([0-9.]+)pt" height="([0-9.]+)pt"')


@dataclass(frozen=True)
class Published:
    """A published diagram URL and its line in the manifest."""

    line: int
    url: str


def _digest() -> str:
    digest = hashlib.sha256(matplotlib.__version__.encode())
    for path in [Path(diagrams.__file__), *sorted(diagrams.DATA.parent.glob("diagrams*.yml"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def rendered(cache: Path) -> dict[str, bytes]:
    """Every published file: {"diagrams/<name>.<lang>.<fmt>": bytes}, old names included.
    Drawn once per version of the code and texts, into `cache`/<digest>/."""
    folder = cache / _digest()
    source = diagrams.texts(diagrams.LANGUAGES[0])
    files: dict[str, bytes] = {}
    for name in diagrams.NAMES:
        for lang in diagrams.LANGUAGES:
            for fmt in diagrams.FORMATS:
                cached = folder / f"{name}.{lang}.{fmt}"
                if not cached.is_file():
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(diagrams.render(name, lang, fmt))
                content = cached.read_bytes()
                for alias in [name, *(source[name].get("formerly") or [])]:
                    files[f"{FOLDER}/{alias}.{lang}.{fmt}"] = content
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


def diagram_language(lang: str) -> str:
    """The language a diagram is shown in: the reader's, once its texts are translated."""
    return lang if lang in diagrams.LANGUAGES else diagrams.LANGUAGES[0]


def snippets(
    name: str, lang: str, config: MkDocsConfig, ui: dict[str, str], svg_bytes: bytes, prefix: str
) -> dict[str, str]:
    """The copy-ready snippets for an outside page: Markdown, HTML and reStructuredText.
    `ui` holds the reader's UI strings, `prefix` the URL prefix of the reader's language."""
    shown = diagram_language(lang)
    text = diagrams.texts(shown)[name]
    svg = absolute_url(config, f"{FOLDER}/{name}.{shown}.svg")
    source = absolute_url(config, f"{prefix}{FOLDER}/#{name}")
    licence = ui["diagram_license_url"]
    width, height = svg_size(svg_bytes)
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


def gallery_markdown(lang: str) -> str:
    """A section per diagram; its figure and snippets replace the marker after rendering."""
    shown = diagram_language(lang)
    sections = []
    for name in diagrams.NAMES:
        text = diagrams.texts(shown)[name]
        sections.append(f"## {text['title']} {{#{name}}}\n\n<!-- diagram: {name} -->\n")
    return "\n".join(sections)


class DiagramPages(Feature):
    """The diagrams: published files, figures and Embed controls, the gallery, the manifest."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.files: dict[str, bytes] | None = None

    def rendered(self) -> dict[str, bytes]:
        """Every published file, drawn (or read from the cache) once per build; none for a
        project without diagram texts (data/diagrams.yml)."""
        if not (self.project.data / "diagrams.yml").is_file():
            return {}
        if self.files is None:
            try:
                self.files = rendered(self.project.cache / "diagrams")
            except ValueError as exc:  # bad diagram texts: the message names the file
                raise PluginError(str(exc)) from None
        return self.files

    def figure(self, name: str, lang: str, page: Page, config: MkDocsConfig, gallery: bool) -> str:
        """The figure, its caption, downloads and the Embed control, for the page's reader."""
        shown = diagram_language(lang)
        text = diagrams.texts(shown)[name]
        ui = load_ui(lang, self.project.data, self.project.default)
        url = {
            fmt: get_relative_url(f"{FOLDER}/{name}.{shown}.{fmt}", page.url)
            for fmt in ("svg", "png")
        }
        svg = self.rendered()[f"{FOLDER}/{name}.{shown}.svg"]
        width, height = svg_size(svg)
        alt = html.escape(" ".join(text["alt"].split()))
        prefix = self.project.langs.prefix(lang)
        blocks = "".join(
            f'<p class="diagram-embed__format">{label}</p>\n'
            f'<pre tabindex="0"><code class="language-{label.lower()}">'
            f"{html.escape(code)}</code></pre>\n"
            for label, code in snippets(name, lang, config, ui, svg, prefix).items()
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

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        for number, line in enumerate(source.splitlines(), 1):
            for match in MARKER.finditer(line):
                if match[1] not in diagrams.NAMES:
                    raise PluginError(
                        f"{repo_path(Path(page.file.abs_src_path))}:{number}: error: unknown "
                        f"diagram '{match[1]}' in `{match[0]}`; use one of: "
                        f"{', '.join(diagrams.NAMES)}"
                    )
        if GALLERY in markdown:
            lang = self.project.build_language(config)
            markdown = markdown.replace(GALLERY, gallery_markdown(lang))
            page.meta["diagram_gallery"] = True
        return markdown

    def on_page_content(self, html_out: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = self.project.build_language(config)
        gallery = bool(page.meta.get("diagram_gallery"))
        return MARKER.sub(
            lambda match: self.figure(match[1], lang, page, config, gallery), html_out
        )

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """After mkdocs-static-i18n has rebuilt the file collection."""
        for dest, content in self.rendered().items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, content=content))
        return files

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After mkdocs-static-i18n has built every language: the manifest holds."""
        plugin = i18n_plugin(config)
        if plugin is not None and plugin.building:
            return
        findings = manifest_findings(
            Path(config.site_dir), set(self.rendered()), self.project.manifest
        )
        if findings:
            raise PluginError("\n".join(findings))
