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
import json
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
from .credit import CREATOR, Credit, credit_png, credit_svg, missing
from .data import absolute_url, load_ui, repo_path
from .diagram_versions import Archived, read_archive, version_of, versioned_path
from .languages import ROOT, i18n_plugin
from .project import Feature, Project, into_head

MARKER = re.compile(r"<!-- diagram: *([^ >]*) *-->")
# docs/diagrams/<name>.md says `diagram_page: <name>`: the build writes that page in every
# language from the diagram's texts (no translation file needed).
PAGE_KEY = "diagram_page"
OEMBED = "oembed.json"
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


def file_name(name: str, lang: str, mode: str, fmt: str) -> str:
    """A published file's name: <name>.<lang>.svg for the light picture, <name>.<lang>.dark.svg
    for the dark one."""
    return f"{name}.{lang}{'' if mode == 'light' else '.' + mode}.{fmt}"


@dataclass(frozen=True)
class Variant:
    """One published file: a diagram (under one of its names) in a language, mode and format."""

    name: str  # the diagram's current name
    alias: str  # the name in the URL: the current one or a former one
    lang: str
    mode: str
    fmt: str

    @property
    def path(self) -> str:
        """The file's path under the site."""
        return f"{FOLDER}/{file_name(self.alias, self.lang, self.mode, self.fmt)}"


def rendered(cache: Path) -> dict[Variant, bytes]:
    """Every published file as drawn, old names included. Drawn once per version of the code
    and texts, into `cache`/<digest>/."""
    folder = cache / _digest()
    source = diagrams.texts(diagrams.LANGUAGES[0])
    files: dict[Variant, bytes] = {}
    for name in diagrams.NAMES:
        for lang in diagrams.LANGUAGES:
            for mode in diagrams.MODES:
                for fmt in diagrams.FORMATS:
                    cached = folder / file_name(name, lang, mode, fmt)
                    if not cached.is_file():
                        cached.parent.mkdir(parents=True, exist_ok=True)
                        cached.write_bytes(diagrams.render(name, lang, fmt, mode))
                    content = cached.read_bytes()
                    for alias in [name, *(source[name].get("formerly") or [])]:
                        files[Variant(name, alias, lang, mode, fmt)] = content
    return files


def page_url(name: str, prefix: str) -> str:
    """The site path of a diagram's page in the language with URL prefix `prefix`."""
    return f"{prefix}{FOLDER}/{name}/"


def credits(
    files: dict[Variant, bytes], config: MkDocsConfig, prefixes: dict[str, str]
) -> dict[str, Credit]:
    """What each published file says about itself (credit.py): the title and description in
    its language, the creator, the URL of its page and the licence."""
    out = {}
    for variant in files:
        text = diagrams.texts(variant.lang)[variant.name]
        out[variant.path] = Credit(
            title=text["title"],
            description=" ".join(text["alt"].split()),
            source=absolute_url(config, page_url(variant.name, prefixes[variant.lang])),
            language=variant.lang,
        )
    return out


def credited(content: bytes, path: str, credit: Credit) -> bytes:
    """A file with its credit inside."""
    return (credit_svg if path.endswith(".svg") else credit_png)(content, credit)


def credit_findings(site_dir: Path, expected: dict[str, Credit]) -> list[str]:
    """Published files that do not carry their licence and attribution."""
    findings = []
    for path, credit in sorted(expected.items()):
        lacking = missing(path, (site_dir / path).read_bytes(), credit)
        if lacking:
            findings.append(
                f"{path}: error: the published file lacks its {', '.join(lacking)}; it must "
                "carry its title, creator, source URL and licence (glossary_site/credit.py)"
            )
    return findings


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
        + (
            f"it; restore data/diagram-versions/{item.url.split('/')[2]}.* from the git history "
            "(a published version must keep working)"
            if item.url.startswith(f"{FOLDER}/v/")
            else "it; restore the diagram, or list its old name under `formerly:` of the "
            "diagram that replaced it in data/diagrams.yml (a published diagram URL must keep "
            "working)"
        )
        for item in published
        if not (site_dir / item.url).is_file()
    ]
    listed = {item.url for item in published}
    last = max((item.line for item in published), default=0)
    findings += [
        f"{where}:{last + 1}: error: {url} is built but not listed as published; run "
        f"`python scripts/publish_diagrams.py` (it archives new versions and lists their URLs "
        f"in {where}), then commit both"
        for url in sorted(produced - listed)
    ]
    return findings


def diagram_language(lang: str) -> str:
    """The language a diagram is shown in: the reader's, once its texts are translated."""
    return lang if lang in diagrams.LANGUAGES else diagrams.LANGUAGES[0]


@dataclass(frozen=True)
class Snippet:
    """One copy-ready form of an embed: its label, the code, and a note on what the host format
    cannot do (empty when it can do everything)."""

    label: str
    code: str
    note: str = ""
    language: str = "html"  # of the code, for highlighting


def snippets(
    name: str, lang: str, config: MkDocsConfig, ui: dict[str, str], svg_bytes: bytes, prefix: str
) -> list[Snippet]:
    """The copy-ready forms for an outside page, each as its hosts render it: HTML (any web
    page), Markdown (GitHub, GitLab and other hosts that allow HTML in Markdown; plain
    CommonMark), reStructuredText for Sphinx and MyST. `ui` holds the reader's UI strings,
    `prefix` the URL prefix of the reader's language."""
    shown = diagram_language(lang)
    text = diagrams.texts(shown)[name]
    light = absolute_url(config, f"{FOLDER}/{file_name(name, shown, 'light', 'svg')}")
    dark = absolute_url(config, f"{FOLDER}/{file_name(name, shown, 'dark', 'svg')}")
    source = absolute_url(config, page_url(name, prefix))
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

    html_credit = credit('<a href="{url}">{text}</a>', html.escape)
    # The width and height attributes give the box its shape before the picture arrives (no
    # layout shift); max-width and height: auto let it shrink to a narrow column undistorted.
    picture = (
        "<picture>\n"
        f'    <source srcset="{dark}" media="(prefers-color-scheme: dark)">\n'
        f'    <img src="{light}" alt="{html.escape(alt)}" width="{width}" height="{height}" '
        'style="max-width: 100%; height: auto;">\n'
        "  </picture>"
    )
    figure = (
        f"<figure>\n  {picture}\n"
        f"  <figcaption>{html.escape(caption)} {html_credit}</figcaption>\n</figure>"
    )
    # Markdown hosts drop inline styles: the width alone keeps the picture undistorted.
    markdown_html = (
        "<picture>\n"
        f'  <source srcset="{dark}" media="(prefers-color-scheme: dark)">\n'
        f'  <img src="{light}" alt="{html.escape(alt)}" width="{width}">\n'
        "</picture>\n\n"
        f"*{_md_escape(caption)}* {credit('[{text}]({url})', _md_escape)}"
    )
    indented = "\n".join(f"   {line}" for line in figure.splitlines())
    return [
        Snippet("HTML", figure),
        Snippet("Markdown", markdown_html, ui["diagram_note_markdown"], "markdown"),
        Snippet("reStructuredText", f".. raw:: html\n\n{indented}", ui["diagram_note_rst"], "rst"),
        Snippet("MyST", f"```{{raw}} html\n{figure}\n```", ui["diagram_note_rst"], "markdown"),
    ]


def _md_escape(text: str) -> str:
    return re.sub(r"([\[\]*_`\\])", r"\\\1", text)


def svg_size(svg: bytes) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes points: 1 pt = 4/3 px)."""
    match = SIZE.search(svg)
    if not match:
        raise PluginError("a diagram SVG has no width and height in pt")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)


def empty_picture(width: int, height: int) -> str:
    """An empty SVG of the given proportions, as a URL for a srcset: it holds the place of a
    picture not loaded yet, and costs nothing to lay out."""
    return (
        "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20"
        f"viewBox='0%200%20{width}%20{height}'/%3E"
    )


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
        self.credits: dict[str, Credit] = {}
        self.versions: dict[str, str] = {}  # versioned path of each current file -> latest path
        self.archived: list[Archived] = []

    def published(self, config: MkDocsConfig) -> dict[str, bytes]:
        """Every published file with its credit inside, drawn (or read from the cache) once
        per build; none for a project without diagram texts (data/diagrams.yml)."""
        if not (self.project.data / "diagrams.yml").is_file():
            return {}
        if self.files is None:
            try:
                drawn = rendered(self.project.cache / "diagrams")
            except ValueError as exc:  # bad diagram texts: the message names the file
                raise PluginError(str(exc)) from None
            prefixes = {lang: self.project.langs.prefix(lang) for lang in diagrams.LANGUAGES}
            self.credits = credits(drawn, config, prefixes)
            self.files = {
                v.path: credited(content, v.path, self.credits[v.path])
                for v, content in drawn.items()
            }
            # The versioned URLs: the current version of each file (its latest URL's bytes)
            # and every archived one.
            self.versions = {}
            for variant, content in drawn.items():
                if variant.alias == variant.name:
                    path = versioned_path(version_of(content), variant.path.split("/")[-1])
                    self.versions[path] = variant.path
                    self.credits[path] = self.credits[variant.path]
                    self.files[path] = self.files[variant.path]
            self.archived = read_archive(self.project.data / "diagram-versions")
            for item in self.archived:
                if item.path not in self.files and item.language in prefixes:
                    self.credits[item.path] = Credit(
                        title=item.title,
                        description=item.description,
                        source=absolute_url(config, page_url(item.name, prefixes[item.language])),
                        language=item.language,
                    )
                    self.files[item.path] = credited(item.drawn, item.path, self.credits[item.path])
        return self.files

    def version_findings(self) -> list[str]:
        """Archived pictures that do not match their version, and current versions that are
        not archived yet."""
        where = "data/diagram-versions"
        findings = [
            f"{where}/{item.version}.{item.file_name.rsplit('.', 1)[1]}: error: its content "
            "does not match its version; restore the file from the git history"
            for item in self.archived
            if version_of(item.drawn) != item.version
        ]
        kept = {item.path for item in self.archived}
        findings += [
            f"{path}: error: this version of {latest} is not archived yet; run `python "
            f"scripts/publish_diagrams.py`, then commit {where}/ and "
            f"{self.project.repo_path(self.project.manifest)}"
            for path, latest in sorted(self.versions.items())
            if path not in kept
        ]
        return findings

    def figure(
        self, name: str, lang: str, page: Page, config: MkDocsConfig, gallery: bool, lead: bool
    ) -> str:
        """The figure (light or dark, as the reader's colour scheme), its caption, downloads,
        a link to the diagram's page and the Embed control, for the page's reader. Its images
        load lazily, except where the figure `lead`s the page (a diagram's own page, where it
        is the largest paint): there the light one is fetched at once, at high priority, and
        the dark one when a dark scheme shows it. In an article, the figure is `later`: with
        scripting on, each image shows an empty picture of its size until the figure comes
        near the viewport (`data-load-near`, overrides/main.html). The browser's own lazy
        loading starts 1,250 px ahead, and an SVG image's text is laid out on the page's main
        thread (about 12 ms on a fast machine, ten times that on a phone) while the page is
        still loading. The image keeps its alternative text throughout."""
        shown = diagram_language(lang)
        text = diagrams.texts(shown)[name]
        ui = load_ui(lang, self.project.data, self.project.default)
        url = {
            (mode, fmt): get_relative_url(f"{FOLDER}/{file_name(name, shown, mode, fmt)}", page.url)
            for mode in diagrams.MODES
            for fmt in diagrams.FORMATS
        }
        svg = self.published(config)[f"{FOLDER}/{file_name(name, shown, 'light', 'svg')}"]
        width, height = svg_size(svg)
        alt = html.escape(" ".join(text["alt"].split()))
        prefix = self.project.langs.prefix(lang)
        blocks = "".join(
            f'<p class="diagram-embed__format">{snippet.label}</p>\n'
            + (
                f'<p class="diagram-embed__note">{html.escape(snippet.note)}</p>\n'
                if snippet.note
                else ""
            )
            + f'<pre tabindex="0"><code class="language-{snippet.language}">'
            f"{html.escape(snippet.code)}</code></pre>\n"
            for snippet in snippets(name, lang, config, ui, svg, prefix)
        )
        loading = {
            mode: 'fetchpriority="high"' if lead and mode == "light" else 'loading="lazy"'
            for mode in diagrams.MODES
        }
        later = not (lead or gallery)
        placeholder = (
            f'<source media="(scripting: enabled)" srcset="{empty_picture(width, height)}" '
            "data-placeholder>"
        )
        image = {
            mode: f'<img class="diagram--{mode}" src="{url[(mode, "svg")]}" alt="{alt}" '
            f'width="{width}" height="{height}" {loading[mode]} decoding="async">'
            for mode in diagrams.MODES
        }
        images = "".join(
            (f"<picture>{placeholder}{image[mode]}</picture>" if later else image[mode]) + "\n"
            for mode in diagrams.MODES
        )
        downloads = " · ".join(
            f'<a href="{url[(mode, fmt)]}" download>{ui["diagram_" + mode]} {fmt.upper()}'
            f"{' (2×)' if fmt == 'png' else ''}</a>"
            for mode in diagrams.MODES
            for fmt in diagrams.FORMATS
        )
        own_page = get_relative_url(page_url(name, prefix), page.url)
        license_url = html.escape(ui["diagram_license_url"])
        return (
            f'<figure class="diagram" id="diagram-{name}"{" data-load-near" if later else ""}>\n'
            f"{images}"
            f"<figcaption>{html.escape(' '.join(text['caption'].split()))}</figcaption>\n"
            f"</figure>\n"
            f'<details class="diagram-embed" data-search-exclude{" open" if gallery else ""}>\n'
            f"<summary>{html.escape(ui['diagram_embed'])}</summary>\n"
            f"<p>{html.escape(ui['diagram_license'])} "
            f'<a href="{license_url}" rel="license">CC BY 4.0</a>. '
            f"{html.escape(ui['diagram_download'])}: {downloads}. "
            f'<a href="{own_page}">{html.escape(ui["diagram_page_link"])}</a></p>\n'
            f"{blocks}</details>\n"
        )

    def page_markdown(self, name: str, lang: str, page: Page, config: MkDocsConfig) -> str:
        """A diagram's own page in `lang`: its title, caption, the figure with its snippets,
        the long description, every file, the attribution and the versions."""
        shown = diagram_language(lang)
        text = diagrams.texts(shown)[name]
        ui = load_ui(lang, self.project.data, self.project.default)
        files = self.published(config)
        width, height = svg_size(files[f"{FOLDER}/{file_name(name, shown, 'light', 'svg')}"])
        size = {"svg": (width, height), "png": (width * 2, height * 2)}
        rows = []
        for mode in diagrams.MODES:
            cells = []
            for fmt in diagrams.FORMATS:
                path = f"{FOLDER}/{file_name(name, shown, mode, fmt)}"
                link = get_relative_url(path, page.url)
                w, h = size[fmt]
                cells.append(f'<a href="{link}">{path.split("/")[-1]}</a> ({w} × {h} px)')
            rows.append(f"| {ui['diagram_' + mode]} | " + " | ".join(cells) + " |")
        # Raw links: MkDocs would check Markdown links against docs/ (these are built pages).
        langs = self.project.langs
        others = ", ".join(
            f'<a href="{get_relative_url(page_url(name, langs.prefix(other)), page.url)}" '
            f'hreflang="{other}">{html.escape(langs.names[other])}</a>'
            for other in diagrams.LANGUAGES
            if other != shown and other in langs.codes
        )
        latest = absolute_url(config, f"{FOLDER}/{file_name(name, shown, 'light', 'svg')}")
        page.meta["diagram_gallery"] = True  # the Embed control opens on this page
        page.meta["written_in"] = shown
        page.meta["languages"] = [x for x in diagrams.LANGUAGES if x in self.project.langs.codes]
        page.meta["description"] = " ".join(text["caption"].split())
        attribution = ui["diagram_attribution"].format(
            title=f"[{_md_escape(text['title'])}]({absolute_url(config, page.url)})",
            site=_md_escape(config.site_name),
            license=f"[CC BY 4.0]({ui['diagram_license_url']})",
        )
        return (
            f"# {text['title']}\n\n<!-- diagram: {name} -->\n\n"
            f"## {ui['diagram_page_description']} {{ #description }}\n\n"
            f"{' '.join(text['alt'].split())}\n\n"
            f"## {ui['diagram_page_files']} {{ #files }}\n\n"
            f"| {ui['diagram_page_variant']} | SVG | PNG (2×) |\n| --- | --- | --- |\n"
            + "\n".join(rows)
            + (f"\n\n{ui['diagram_page_languages']}: {others}." if others else "")
            + f"\n\n## {ui['diagram_page_attribution']} {{ #attribution }}\n\n{attribution}\n\n"
            f"## {ui['diagram_page_versions']} {{ #versions }}\n\n"
            f"{ui['diagram_page_latest']}\n\n```text\n{latest}\n```\n\n"
            f"{ui['diagram_page_versioned']}\n\n{self.versions_table(name, shown, ui, page)}\n"
        )

    def versions_table(self, name: str, lang: str, ui: dict[str, str], page: Page) -> str:
        """Every versioned file of a diagram in a language, newest first, with the date it was
        published (the current ones not archived yet have none)."""
        dated = {item.path: item.published for item in self.archived}
        paths = {item.path for item in self.archived if (item.name, item.language) == (name, lang)}
        prefix = f"{FOLDER}/{name}.{lang}."
        paths |= {path for path, latest in self.versions.items() if latest.startswith(prefix)}
        rows = sorted(paths, key=lambda path: (dated.get(path, "9999"), path), reverse=True)
        lines = [
            f"| {ui['diagram_page_published']} | {ui['diagram_page_file']} | "
            f"{ui['diagram_page_address']} |",
            "| --- | --- | --- |",
        ]
        for path in rows:
            link = get_relative_url(path, page.url)
            current = f" ({ui['diagram_page_current']})" if path in self.versions else ""
            lines.append(
                f"| {dated.get(path, '–')} | {path.split('/')[-1]}{current} | "
                f'<a href="{link}"><code>/{path}</code></a> |'
            )
        return "\n".join(lines)

    def oembed(self, name: str, lang: str, page: Page, config: MkDocsConfig) -> dict:
        """The oEmbed response for a diagram's page (type rich: the HTML snippet)."""
        shown = diagram_language(lang)
        text = diagrams.texts(shown)[name]
        ui = load_ui(lang, self.project.data, self.project.default)
        svg = self.published(config)[f"{FOLDER}/{file_name(name, shown, 'light', 'svg')}"]
        width, height = svg_size(svg)
        prefix = self.project.langs.prefix(lang)
        home = absolute_url(config, prefix)
        html_form = snippets(name, lang, config, ui, svg, prefix)[0].code
        return {
            "version": "1.0",
            "type": "rich",
            "title": text["title"],
            "author_name": CREATOR,
            "author_url": home,
            "provider_name": config.site_name,
            "provider_url": home,
            "html": html_form,
            "width": width,
            "height": height,
            "thumbnail_url": absolute_url(
                config, f"{FOLDER}/{file_name(name, shown, 'light', 'png')}"
            ),
            "thumbnail_width": width * 2,
            "thumbnail_height": height * 2,
            "license": "CC BY 4.0",
            "license_url": ui["diagram_license_url"],
            "cache_age": 86400,
        }

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        name = page.meta.get(PAGE_KEY)
        if name is not None:
            if name not in diagrams.NAMES:
                raise PluginError(
                    f"{repo_path(Path(page.file.abs_src_path))}:2: error: unknown diagram "
                    f"'{name}' in `{PAGE_KEY}: {name}`; use one of: {', '.join(diagrams.NAMES)}"
                )
            return self.page_markdown(name, self.project.build_language(config), page, config)
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
        lead = PAGE_KEY in page.meta
        return MARKER.sub(
            lambda match: self.figure(match[1], lang, page, config, gallery, lead), html_out
        )

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A diagram's page: its oEmbed response beside it, announced in its head."""
        name = page.meta.get(PAGE_KEY)
        if name is None:
            return output
        lang = self.project.build_language(config)
        data = self.oembed(name, lang, page, config)
        target = Path(config.site_dir) / page.url / OEMBED
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        link = (
            '<link rel="alternate" type="application/json+oembed" '
            f'href="{html.escape(absolute_url(config, page.url + OEMBED))}" '
            f'title="{html.escape(data["title"])}">'
        )
        return into_head(output, link)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """After mkdocs-static-i18n has rebuilt the file collection: every diagram has its
        page, and its files are published."""
        if (self.project.data / "diagrams.yml").is_file():
            for name in diagrams.NAMES:
                if files.get_file_from_path(f"{FOLDER}/{name}.md") is None:
                    raise PluginError(
                        f"docs/{FOLDER}/{name}.md: error: the diagram '{name}' has no page; "
                        f"create the file with the front matter `{PAGE_KEY}: {name}` (the build "
                        "writes the page in every language)"
                    )
        for dest, content in self.published(config).items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, content=content))
        return files

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After mkdocs-static-i18n has built every language: the manifest holds."""
        plugin = i18n_plugin(config)
        if plugin is not None and plugin.building:
            return
        site = Path(config.site_dir)
        findings = manifest_findings(site, set(self.published(config)), self.project.manifest)
        findings += credit_findings(site, self.credits)
        findings += self.version_findings()
        if findings:
            raise PluginError("\n".join(findings))
