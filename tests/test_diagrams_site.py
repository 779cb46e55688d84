"""The diagrams on the built site: stable URLs from the committed manifest, old names kept,
figures with an Embed control in every main entry, the gallery, and the snippets."""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import markdown
import pytest
from mkdocs.exceptions import PluginError

from conftest import LANGUAGES, PREFIX, ROOT, SITE_URL, snippet_blocks
from glossary_site import diagram_pages as diagram_files
from glossary_site import diagrams
from glossary_site.credit import Credit, credit_png, credit_svg, missing
from glossary_site.diagram_versions import Archived, archive, read_archive, version_of
from glossary_site.plugin import configured_project

LICENSE = {
    "en": "https://creativecommons.org/licenses/by/4.0/",
    "de": "https://creativecommons.org/licenses/by/4.0/deed.de",
    "es": "https://creativecommons.org/licenses/by/4.0/deed.es",
}


def figure_of(page_html: str, name: str) -> str:
    start = page_html.index(f'<figure class="diagram" id="diagram-{name}"')
    return page_html[start : page_html.index("</details>", start)]


def placeholders(figure: str) -> dict[str, str]:
    """What each picture of a figure shows, with scripting on, until the figure comes near the
    viewport: the URL of its placeholder, decoded."""
    return {
        mode: unquote(url)
        for url, mode in re.findall(
            r'<picture><source media="\(scripting: enabled\)" srcset="([^"]+)" data-placeholder>'
            r'<img class="diagram--(\w+)"',
            figure,
        )
    }


def start_tags(text: str) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, {key: value or "" for key, value in attrs}))

    Collect().feed(text)
    return found


@functools.cache
def drawn(name: str, lang: str, fmt: str, mode: str) -> bytes:
    """The generator's own bytes of one file, drawn once for the tests of this module."""
    return diagrams.render(name, lang, fmt, mode)


def expected_credit(name: str, lang: str) -> Credit:
    text = diagrams.texts(lang)[name]
    return Credit(
        title=text["title"],
        description=" ".join(text["alt"].split()),
        source=f"{SITE_URL}{PREFIX[lang]}diagrams/{name}/",
        language=lang,
    )


def test_every_diagram_is_published_in_every_language_format_and_mode(site: Path) -> None:
    for name in diagrams.NAMES:
        for lang in diagrams.LANGUAGES:
            credit = expected_credit(name, lang)
            for mode in diagrams.MODES:
                stem = f"diagrams/{diagram_files.file_name(name, lang, mode, 'svg')[:-4]}"
                svg = (site / f"{stem}.svg").read_bytes()
                png = (site / f"{stem}.png").read_bytes()
                assert png.startswith(b"\x89PNG\r\n\x1a\n")
                root = ET.fromstring(svg)  # well-formed
                shown = " ".join(
                    "".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")
                )
                labels = diagrams.texts(lang)[name]["labels"].values()
                assert sum(" ".join(x.split()) in " ".join(shown.split()) for x in labels) >= 3
                # The generator's own bytes with the credit inside: nothing else depends on
                # the build; each file names its title, creator, page and licence.
                assert svg == credit_svg(drawn(name, lang, "svg", mode), credit)
                assert png == credit_png(drawn(name, lang, "png", mode), credit)
                assert missing("x.svg", svg, credit) == missing("x.png", png, credit) == []


def test_the_manifest_lists_exactly_what_the_build_publishes(site: Path) -> None:
    published = {item.url for item in diagram_files.read_manifest()}
    latest = {url for url in published if not url.startswith("diagrams/v/")}
    assert len(latest) == len(diagrams.NAMES) * len(diagrams.LANGUAGES) * 2 * len(diagrams.MODES)
    archived = {item.path for item in read_archive()}
    assert published == latest | archived  # every version ever published is archived
    for url in published:
        assert (site / url).is_file(), url
    built = {
        str(path.relative_to(site))
        for path in (site / "diagrams").rglob("*.*")
        if path.suffix in (".svg", ".png")
    }
    assert built == published
    assert diagram_files.manifest_findings(site, built) == []


def built_and_listed(tmp_path: Path, built: str, manifest_text: str) -> tuple[Path, Path]:
    """A site folder holding the one file `built`, and a manifest with `manifest_text`."""
    site = tmp_path / "site"
    (site / built).parent.mkdir(parents=True)
    (site / built).write_text("<svg/>")
    manifest = tmp_path / "published-diagrams.txt"
    manifest.write_text(manifest_text)
    return site, manifest


def test_a_lost_or_unlisted_diagram_url_is_a_build_error(tmp_path: Path) -> None:
    site, manifest = built_and_listed(
        tmp_path,
        "diagrams/kept.en.svg",
        "# published\ndiagrams/kept.en.svg\ndiagrams/gone.en.svg  # renamed\n",
    )
    findings = diagram_files.manifest_findings(
        site, {"diagrams/kept.en.svg", "diagrams/new.en.svg"}, manifest
    )
    where = str(manifest)
    assert findings == [
        f"{where}:3: error: diagrams/gone.en.svg was published but the build no longer makes it; "
        "restore the diagram, or list its old name under `formerly:` of the diagram that "
        "replaced it in data/diagrams.yml (a published diagram URL must keep working)",
        f"{where}:4: error: diagrams/new.en.svg is built but not listed as published; run "
        "`python scripts/publish_diagrams.py` (it archives new versions and lists their URLs in "
        f"{where}), then commit both",
    ]


def test_a_renamed_diagram_is_also_published_under_its_old_name(monkeypatch, tmp_path) -> None:
    fake = SimpleNamespace(
        __file__=str(ROOT / "glossary_site" / "diagrams.py"),
        DATA=ROOT / "data" / "diagrams.yml",
        NAMES=("new-name",),
        LANGUAGES=("en", "de"),
        FORMATS=("svg", "png"),
        MODES=("light", "dark"),
        texts=lambda lang: {"new-name": {"formerly": ["old-name"]}},
        render=lambda name, lang, fmt, mode: f"{name}.{lang}.{mode}.{fmt}".encode(),
    )
    monkeypatch.setattr(diagram_files, "diagrams", fake)
    files = {variant.path: content for variant, content in diagram_files.rendered(tmp_path).items()}
    assert sorted(files) == sorted(
        f"diagrams/{name}.{lang}{suffix}.{fmt}"
        for name in ("new-name", "old-name")
        for lang in ("en", "de")
        for suffix in ("", ".dark")
        for fmt in ("svg", "png")
    )
    assert (
        files["diagrams/old-name.de.dark.svg"]
        == files["diagrams/new-name.de.dark.svg"]
        == b"new-name.de.dark.svg"
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


def loading(figure: str) -> dict[str, str]:
    """How each picture of a figure loads: its loading or fetchpriority attribute."""
    return dict(
        re.findall(r'<img class="diagram--(\w+)"[^>]* ((?:loading|fetchpriority)="[^"]+")', figure)
    )


@pytest.mark.parametrize("lang", diagrams.LANGUAGES)
def test_each_main_entry_shows_its_diagram_with_an_embed_control(site: Path, lang: str) -> None:
    texts = diagrams.texts(lang)
    for name in diagrams.NAMES:
        entry = texts[name]["entry"]
        page_html = (site / PREFIX[lang] / "glossary" / entry / "index.html").read_text()
        block = figure_of(page_html, name)
        images = re.findall(
            r'<img class="diagram--(\w+)" src="([^"]+)" alt="([^"]+)" width="(\d+)" height="(\d+)"',
            block,
        )
        up = f"../../{'../' if PREFIX[lang] else ''}diagrams"
        assert [(mode, src) for mode, src, *_ in images] == [
            ("light", f"{up}/{name}.{lang}.svg"),
            ("dark", f"{up}/{name}.{lang}.dark.svg"),
        ]
        assert html.unescape(images[0][2]) == " ".join(texts[name]["alt"].split())
        assert f"<figcaption>{html.escape(' '.join(texts[name]['caption'].split()))}" in block
        assert '<details class="diagram-embed" data-search-exclude>' in block
        assert f'<a href="{LICENSE[lang]}" rel="license">CC BY 4.0</a>' in block
        assert f'diagrams/{name}.{lang}.dark.png" download>' in block
        assert f'<a href="../../diagrams/{name}/">' in block  # its own page, this language
        assert list(snippet_blocks(block)) == ["HTML", "Markdown", "reStructuredText", "MyST"]
        assert loading(block) == {"light": 'loading="lazy"', "dark": 'loading="lazy"'}
        # Until the figure comes near the viewport, each picture is an empty one of its size.
        assert block.startswith(f'<figure class="diagram" id="diagram-{name}" data-load-near>')
        width, height = images[0][3:]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'/>"
        empty = f"data:image/svg+xml,{svg}"
        assert placeholders(block) == {"light": empty, "dark": empty}


@pytest.mark.parametrize("lang", diagrams.LANGUAGES)
def test_the_snippets_embed_by_absolute_url_with_alt_text_dark_variant_and_attribution(
    site: Path, lang: str
) -> None:
    text = diagrams.texts(lang)["model-collapse-loop"]
    page_html = (site / PREFIX[lang] / "glossary/model-collapse/index.html").read_text()
    snippets = snippet_blocks(figure_of(page_html, "model-collapse-loop"))
    svg = f"{SITE_URL}diagrams/model-collapse-loop.{lang}.svg"
    dark = f"{SITE_URL}diagrams/model-collapse-loop.{lang}.dark.svg"
    source = f"{SITE_URL}{PREFIX[lang]}diagrams/model-collapse-loop/"
    alt = " ".join(text["alt"].split())
    raw_rst = "\n".join(line[3:] for line in snippets["reStructuredText"].splitlines()[2:])
    raw_myst = snippets["MyST"].split("\n", 1)[1].rsplit("\n```", 1)[0]
    assert snippets["reStructuredText"].startswith(".. raw:: html\n\n   <figure>")
    assert raw_rst == raw_myst == snippets["HTML"]
    for form in ("HTML", "Markdown"):
        code = markdown.markdown(snippets[form]) if form == "Markdown" else snippets[form]
        found = start_tags(code)
        sources = [attrs for tag, attrs in found if tag == "source"]
        assert [(s["srcset"], s["media"]) for s in sources] == [
            (dark, "(prefers-color-scheme: dark)")
        ]
        images = [attrs for tag, attrs in found if tag == "img"]
        assert [(image["src"], image["alt"]) for image in images] == [(svg, alt)]
        assert [attrs["href"] for tag, attrs in found if tag == "a"] == [source, LICENSE[lang]]
    (image,) = [attrs for tag, attrs in start_tags(snippets["HTML"]) if tag == "img"]
    assert image["style"] == "max-width: 100%; height: auto;"
    width, height = diagram_files.svg_size(
        (site / f"diagrams/model-collapse-loop.{lang}.svg").read_bytes()
    )
    assert (image["width"], image["height"]) == (str(width), str(height))
    (image,) = [attrs for tag, attrs in start_tags(snippets["Markdown"]) if tag == "img"]
    assert (image["width"], "height" in image, "style" in image) == (str(width), False, False)
    assert [tag for tag, _ in start_tags(snippets["HTML"])][:4] == [
        "figure", "picture", "source", "img"
    ]  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_gallery_lists_every_diagram_with_open_snippets(site: Path, lang: str) -> None:
    page_html = (site / PREFIX[lang] / "diagrams/index.html").read_text()
    for name in diagrams.NAMES:
        title = diagrams.texts(lang)[name]["title"]
        assert re.search(rf'<h2 id="{name}">.*?</h2>', page_html), name
        assert title in re.sub(r"<[^>]+>", "", page_html)
        figure = figure_of(page_html, name)
        assert '<details class="diagram-embed" data-search-exclude open>' in figure
        # The gallery's figures are its content: they load as the browser decides.
        assert figure.startswith(f'<figure class="diagram" id="diagram-{name}">')
        assert placeholders(figure) == {}
    assert "CC BY 4.0" in page_html


def test_published_files_are_cached_by_content(site: Path) -> None:
    """The build reuses .cache/diagrams/<digest>/: the same digest, the same files."""
    folder = site.parent / ".cache" / "diagrams" / diagram_files._digest()  # the build's project
    for name in diagrams.NAMES:
        for lang in diagrams.LANGUAGES:
            built = (site / f"diagrams/{name}.{lang}.png").read_bytes()
            cached = (folder / f"{name}.{lang}.png").read_bytes()
            assert built == credit_png(cached, expected_credit(name, lang))


@pytest.mark.parametrize("lang", diagrams.LANGUAGES)
def test_each_diagram_has_its_own_page_in_every_language_with_oembed(site: Path, lang: str) -> None:
    import json

    for name in diagrams.NAMES:
        text = diagrams.texts(lang)[name]
        page_html = (site / PREFIX[lang] / f"diagrams/{name}/index.html").read_text()
        assert re.search(rf'<h1 id="[^"]*">{re.escape(html.escape(text["title"]))}', page_html)
        assert f'<html lang="{lang}"' in page_html
        assert "untranslated" not in page_html and 'name="robots"' not in page_html
        hreflang = dict(re.findall(r'hreflang="([a-z-]+)" href="([^"]+)"', page_html))
        assert hreflang == {
            **{other: f"{SITE_URL}{PREFIX[other]}diagrams/{name}/" for other in diagrams.LANGUAGES},
            "x-default": f"{SITE_URL}diagrams/{name}/",
        }
        for section in ("description", "files", "attribution", "versions"):
            assert f'<h2 id="{section}">' in page_html, section
        assert html.escape(" ".join(text["alt"].split())) in page_html
        for mode in diagrams.MODES:
            for fmt in diagrams.FORMATS:
                file = diagram_files.file_name(name, lang, mode, fmt)
                assert f"{file}</a>" in page_html and (site / "diagrams" / file).is_file()
        assert '<details class="diagram-embed" data-search-exclude open>' in page_html
        # The figure is the page's largest paint: the light picture is fetched at once.
        figure = figure_of(page_html, name)
        assert loading(figure) == {"light": 'fetchpriority="high"', "dark": 'loading="lazy"'}
        assert figure.startswith(f'<figure class="diagram" id="diagram-{name}">')
        assert placeholders(figure) == {}
        link = re.search(
            r'<link rel="alternate" type="application/json\+oembed" '
            r'href="([^"]+)" title="([^"]+)">',
            page_html,
        )
        assert link and link[1] == f"{SITE_URL}{PREFIX[lang]}diagrams/{name}/oembed.json"
        oembed = json.loads((site / PREFIX[lang] / f"diagrams/{name}/oembed.json").read_text())
        assert {k: oembed[k] for k in ("version", "type", "title", "license")} == {
            "version": "1.0",
            "type": "rich",
            "title": text["title"],
            "license": "CC BY 4.0",
        }
        assert f'src="{SITE_URL}diagrams/{name}.{lang}.svg"' in oembed["html"]
        assert oembed["width"] > 0 and oembed["height"] > 0
        assert oembed["thumbnail_url"] == f"{SITE_URL}diagrams/{name}.{lang}.png"


def test_a_published_file_without_its_credit_is_a_build_error(tmp_path: Path) -> None:
    (tmp_path / "diagrams").mkdir()
    (tmp_path / "diagrams/x.en.svg").write_bytes(
        diagrams.render("model-collapse-loop", "en", "svg")
    )
    credit = expected_credit("model-collapse-loop", "en")
    assert diagram_files.credit_findings(tmp_path, {"diagrams/x.en.svg": credit}) == [
        "diagrams/x.en.svg: error: the published file lacks its desc, creator, source, license; "
        "it must carry its title, creator, source URL and licence "
        "(glossary_site/credit.py)"
    ]


def test_each_file_has_an_immutable_versioned_url(site: Path) -> None:
    """The current version of every file is published at /diagrams/v/<version>/ with the bytes
    of its latest URL, and the diagram's page lists it."""
    for name in diagrams.NAMES:
        for lang in diagrams.LANGUAGES:
            page_html = (site / PREFIX[lang] / f"diagrams/{name}/index.html").read_text()
            for mode in diagrams.MODES:
                for fmt in diagrams.FORMATS:
                    file = diagram_files.file_name(name, lang, mode, fmt)
                    version = version_of(drawn(name, lang, fmt, mode))
                    url = f"diagrams/v/{version}/{file}"
                    assert (site / url).read_bytes() == (site / "diagrams" / file).read_bytes()
                    assert f"<code>/{url}</code>" in page_html


def test_an_old_version_stays_published_from_the_archive(tmp_path: Path) -> None:
    """A version that is no longer current keeps its URL: read back from the archive, with the
    texts it was published with; a damaged archive entry is named."""
    drawn = diagrams.render("model-collapse-loop", "en", "svg")
    item = Archived(
        version=version_of(drawn),
        file_name="model-collapse-loop.en.svg",
        name="model-collapse-loop",
        language="en",
        title="An older title",
        description="An older description.",
        published="2025-01-31",
        drawn=drawn,
    )
    assert archive(item, tmp_path) and not archive(item, tmp_path)
    (back,) = read_archive(tmp_path)
    assert back == item and back.path == f"diagrams/v/{item.version}/model-collapse-loop.en.svg"
    (tmp_path / f"{item.version}.svg").write_bytes(drawn + b"<!-- changed -->")
    feature = diagram_files.DiagramPages(configured_project(ROOT))
    feature.archived = read_archive(tmp_path)
    assert feature.version_findings() == [
        f"data/diagram-versions/{item.version}.svg: error: its content does not match its "
        "version; restore the file from the git history"
    ]


def test_a_lost_version_or_an_unpublished_one_is_a_build_error(tmp_path: Path) -> None:
    site, manifest = built_and_listed(
        tmp_path,
        "diagrams/v/aaaaaaaaaaaa/x.en.svg",
        "diagrams/v/aaaaaaaaaaaa/x.en.svg\ndiagrams/v/bbbbbbbbbbbb/x.en.svg\n",
    )
    produced = {"diagrams/v/aaaaaaaaaaaa/x.en.svg", "diagrams/v/cccccccccccc/x.en.svg"}
    where = str(manifest)
    assert diagram_files.manifest_findings(site, produced, manifest) == [
        f"{where}:2: error: diagrams/v/bbbbbbbbbbbb/x.en.svg was published but the build no "
        "longer makes it; restore data/diagram-versions/bbbbbbbbbbbb.* from the git history (a "
        "published version must keep working)",
        f"{where}:3: error: diagrams/v/cccccccccccc/x.en.svg is built but not listed as "
        "published; run `python scripts/publish_diagrams.py` (it archives new versions and "
        f"lists their URLs in {where}), then commit both",
    ]


def test_publishing_archives_the_current_versions_and_lists_them_once(
    monkeypatch, tmp_path: Path, capsys
) -> None:
    from glossary_site import diagram_versions

    (tmp_path / "data").mkdir()
    manifest = tmp_path / "data/published-diagrams.txt"
    manifest.write_text("# published\ndiagrams/model-collapse-loop.en.svg\n")
    drawn = {diagram_files.Variant("model-collapse-loop", alias, "en", "light", "svg"): b"<svg/>"
             for alias in ("model-collapse-loop", "old-loop")}  # fmt: skip
    monkeypatch.setattr(diagram_files, "rendered", lambda cache: drawn)
    monkeypatch.setattr(
        diagram_versions.dt,
        "date",
        SimpleNamespace(today=lambda: SimpleNamespace(isoformat=lambda: "2026-12-04")),
    )
    assert diagram_versions.main([], root=tmp_path) == 0
    version = version_of(b"<svg/>")
    assert manifest.read_text() == (
        "# published\ndiagrams/model-collapse-loop.en.svg\n# Published 2026-12-04.\n"
        f"diagrams/old-loop.en.svg\ndiagrams/v/{version}/model-collapse-loop.en.svg\n"
    )
    (item,) = read_archive(tmp_path / "data/diagram-versions")
    assert (item.path, item.published, item.drawn) == (
        f"diagrams/v/{version}/model-collapse-loop.en.svg",
        "2026-12-04",
        b"<svg/>",
    )
    assert capsys.readouterr().out == (
        "1 new versions in data/diagram-versions, 2 new lines in data/published-diagrams.txt; "
        "commit both\n"
    )
    assert diagram_versions.main([], root=tmp_path) == 0  # nothing new the second time
    assert capsys.readouterr().out.startswith("0 new versions")
