"""The diagrams on the built site: stable URLs from the committed manifest, old names kept,
figures with an Embed control in every main entry, the gallery, and the snippets."""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError

from conftest import LANGUAGES, PREFIX, ROOT, SITE_URL
from glossary_site import diagram_pages as diagram_files
from glossary_site import diagrams
from glossary_site.plugin import configured_project

LICENSE = {
    "en": "https://creativecommons.org/licenses/by/4.0/",
    "de": "https://creativecommons.org/licenses/by/4.0/deed.de",
    "es": "https://creativecommons.org/licenses/by/4.0/deed.es",
}


def figure_of(page_html: str, name: str) -> str:
    start = page_html.index(f'<figure class="diagram" id="diagram-{name}">')
    return page_html[start : page_html.index("</details>", start)]


def snippet_blocks(block: str) -> dict[str, str]:
    pairs = re.findall(
        r'<p class="diagram-embed__format">([^<]+)</p>\s*<pre[^>]*><code[^>]*>(.*?)</code></pre>',
        block,
        re.S,
    )
    return {label: html.unescape(code) for label, code in pairs}


def start_tags(text: str) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, {key: value or "" for key, value in attrs}))

    Collect().feed(text)
    return found


def test_every_diagram_is_published_in_every_language_and_format(site: Path) -> None:
    for name in diagrams.NAMES:
        for lang in LANGUAGES:
            svg = (site / f"diagrams/{name}.{lang}.svg").read_bytes()
            png = (site / f"diagrams/{name}.{lang}.png").read_bytes()
            assert png.startswith(b"\x89PNG\r\n\x1a\n")
            root = ET.fromstring(svg)  # well-formed
            shown = " ".join(
                "".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")
            )
            labels = diagrams.texts(lang)[name]["labels"].values()
            assert sum(" ".join(label.split()) in " ".join(shown.split()) for label in labels) >= 3
            # The same bytes as the generator makes on its own: nothing depends on the build.
            assert svg == diagrams.render(name, lang, "svg"), (name, lang)


def test_the_manifest_lists_exactly_what_the_build_publishes(site: Path) -> None:
    published = {item.url for item in diagram_files.read_manifest()}
    assert len(published) == len(diagrams.NAMES) * len(LANGUAGES) * 2
    for url in published:
        assert (site / url).is_file(), url
    built = {
        str(path.relative_to(site))
        for path in (site / "diagrams").glob("*.*")
        if path.suffix != ".html"
    }
    assert built == published
    assert diagram_files.manifest_findings(site, built) == []


def test_a_lost_or_unlisted_diagram_url_is_a_build_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "diagrams").mkdir(parents=True)
    (site / "diagrams/kept.en.svg").write_text("<svg/>")
    manifest = tmp_path / "published-diagrams.txt"
    manifest.write_text("# published\ndiagrams/kept.en.svg\ndiagrams/gone.en.svg  # renamed\n")
    findings = diagram_files.manifest_findings(
        site, {"diagrams/kept.en.svg", "diagrams/new.en.svg"}, manifest
    )
    where = str(manifest)
    assert findings == [
        f"{where}:3: error: diagrams/gone.en.svg was published but the build no longer makes it; "
        "restore the diagram, or list its old name under `formerly:` of the diagram that "
        "replaced it in data/diagrams.yml (a published diagram URL must keep working)",
        f"{where}:4: error: diagrams/new.en.svg is built but not listed as published; append "
        f"the line `diagrams/new.en.svg` to {where}",
    ]


def test_a_renamed_diagram_is_also_published_under_its_old_name(monkeypatch, tmp_path) -> None:
    fake = SimpleNamespace(
        __file__=str(ROOT / "glossary_site" / "diagrams.py"),
        DATA=ROOT / "data" / "diagrams.yml",
        NAMES=("new-name",),
        LANGUAGES=("en", "de"),
        FORMATS=("svg", "png"),
        texts=lambda lang: {"new-name": {"formerly": ["old-name"]}},
        render=lambda name, lang, fmt: f"{name}.{lang}.{fmt}".encode(),
    )
    monkeypatch.setattr(diagram_files, "diagrams", fake)
    files = diagram_files.rendered(tmp_path)
    assert sorted(files) == sorted(
        f"diagrams/{name}.{lang}.{fmt}"
        for name in ("new-name", "old-name")
        for lang in ("en", "de")
        for fmt in ("svg", "png")
    )
    assert (
        files["diagrams/old-name.de.svg"] == files["diagrams/new-name.de.svg"] == b"new-name.de.svg"
    )


def test_an_unknown_diagram_marker_names_the_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_text("# Page\n\nText.\n<!-- diagram: no-such-diagram -->\n")
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source)), meta={})
    with pytest.raises(PluginError) as error:
        feature = diagram_files.DiagramPages(configured_project(ROOT))
        feature.on_page_markdown(source.read_text(), page, None, None)
    assert str(error.value) == (
        f"{source}:4: error: unknown diagram 'no-such-diagram' in "
        "`<!-- diagram: no-such-diagram -->`; use one of: " + ", ".join(diagrams.NAMES)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_main_entry_shows_its_diagram_with_an_embed_control(site: Path, lang: str) -> None:
    texts = diagrams.texts(lang)
    for name in diagrams.NAMES:
        entry = texts[name]["entry"]
        page_html = (site / PREFIX[lang] / "glossary" / entry / "index.html").read_text()
        block = figure_of(page_html, name)
        image = re.search(r'<img src="([^"]+)" alt="([^"]+)" width="(\d+)" height="(\d+)"', block)
        assert image, (lang, name)
        assert image[1] == f"../../{'../' if lang != 'en' else ''}diagrams/{name}.{lang}.svg"
        assert html.unescape(image[2]) == " ".join(texts[name]["alt"].split())
        assert f"<figcaption>{html.escape(' '.join(texts[name]['caption'].split()))}" in block
        assert '<details class="diagram-embed" data-search-exclude>' in block
        assert f'<a href="{LICENSE[lang]}" rel="license">CC BY 4.0</a>' in block
        assert f'diagrams/{name}.{lang}.png" download>PNG (2×)</a>' in block
        assert set(snippet_blocks(block)) == {"Markdown", "HTML", "reStructuredText"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_snippets_embed_by_absolute_url_with_alt_text_and_attribution(
    site: Path, lang: str
) -> None:
    text = diagrams.texts(lang)["model-collapse-loop"]
    page_html = (site / PREFIX[lang] / "glossary/model-collapse/index.html").read_text()
    snippets = snippet_blocks(figure_of(page_html, "model-collapse-loop"))
    svg = f"{SITE_URL}diagrams/model-collapse-loop.{lang}.svg"
    source = f"{SITE_URL}{PREFIX[lang]}diagrams/#model-collapse-loop"
    alt = " ".join(text["alt"].split())

    for snippet in (markdown.markdown(snippets["Markdown"]), snippets["HTML"]):
        found = start_tags(snippet)
        images = [attrs for tag, attrs in found if tag == "img"]
        assert [(image["src"], image["alt"]) for image in images] == [(svg, alt)]
        links = [attrs["href"] for tag, attrs in found if tag == "a"]
        assert links == [source, LICENSE[lang]]
    assert [tag for tag, _ in start_tags(snippets["HTML"])][:3] == ["figure", "img", "figcaption"]

    rst = snippets["reStructuredText"].splitlines()
    assert rst[:2] == [f".. figure:: {svg}", f"   :alt: {alt}"]
    assert f"`{text['title']} <{source}>`__" in rst[-1]
    assert f"`CC BY 4.0 <{LICENSE[lang]}>`__" in rst[-1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_gallery_lists_every_diagram_with_open_snippets(site: Path, lang: str) -> None:
    page_html = (site / PREFIX[lang] / "diagrams/index.html").read_text()
    for name in diagrams.NAMES:
        title = diagrams.texts(lang)[name]["title"]
        assert re.search(rf'<h2 id="{name}">.*?</h2>', page_html), name
        assert title in re.sub(r"<[^>]+>", "", page_html)
        assert '<details class="diagram-embed" data-search-exclude open>' in figure_of(
            page_html, name
        )
    assert "CC BY 4.0" in page_html


def test_published_files_are_cached_by_content(site: Path) -> None:
    """The build reuses .cache/diagrams/<digest>/: the same digest, the same files."""
    folder = site.parent / ".cache" / "diagrams" / diagram_files._digest()  # the build's project
    for name in diagrams.NAMES:
        for lang in LANGUAGES:
            built = (site / f"diagrams/{name}.{lang}.png").read_bytes()
            cached = (folder / f"{name}.{lang}.png").read_bytes()
            assert hashlib.sha256(built).digest() == hashlib.sha256(cached).digest()
