"""The glossary plugin on a small fixture site (tests/fixtures/site: English and German, three
entries), built in this process: entries, the A-Z index, untranslated pages, search, formulas,
errors for bad input, a one-language preview, a new language, and no state kept between
builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from fontTools.ttLib import TTFont

from conftest import Build, build_in_process, fixture_project
from glossary_site import add_language, check, scaffold
from glossary_site.data import load_ui
from glossary_site.languages import bibtex_language, languages, open_graph_locale

ENTRIES = ["alpha", "beta", "gamma"]


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site as it is, built once for the tests that only read it."""
    return build_in_process(fixture_project(tmp_path_factory.mktemp("plugin")))


def page(build: Build, path: str) -> str:
    return (build.site / path / "index.html").read_text(encoding="utf-8")


def test_the_fixture_site_builds_strictly(fixture_build: Build) -> None:
    assert fixture_build.returncode == 0, fixture_build.log
    built = sorted(
        p.parent.relative_to(fixture_build.site).as_posix()
        for p in fixture_build.site.rglob("index.html")
    )
    pages = ["glossary", *(f"glossary/{slug}" for slug in ENTRIES)]
    assert built == sorted([".", "de", *pages, *(f"de/{p}" for p in pages)])


@pytest.mark.parametrize("path", ["glossary/alpha", "de/glossary/alpha", "de/glossary/gamma"])
def test_the_definition_stands_right_under_the_title(fixture_build: Build, path: str) -> None:
    """Also in a translation with front matter (alpha.de.md): the definition's place does
    not move by the front matter's lines."""
    html = page(fixture_build, path)
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    blocks = re.findall(r"<(h1|h2|p)\b[^>]*>", article)
    assert blocks[:2] == ["h1", "p"], path
    assert '<p class="definition">' in article.split("</h1>", 1)[1].split("</p>", 1)[0] + "</p>"


def test_the_german_index_sorts_by_the_configured_collation(fixture_build: Build) -> None:
    html = page(fixture_build, "de/glossary")
    letters = re.findall(r'<h2 id="letter-([^"]+)"', html)
    assert letters == ["a", "b", "o"]  # Ölgamma under O, as sort_as says for German
    assert html.index("Alpha") < html.index("Beta") < html.index("Ölgamma")


def test_an_untranslated_page_shows_the_original_with_a_notice(fixture_build: Build) -> None:
    ui = load_ui("de")
    html = page(fixture_build, "de/glossary/beta")
    assert '<html lang="de"' in html
    assert (
        f'<div class="admonition info untranslated" lang="de"><p class="admonition-title">'
        f"{ui['untranslated_title']}</p><p>{ui['untranslated_body']} "
        f'<a href="../../../glossary/beta/" hreflang="en">{ui["untranslated_link"]}</a>'
        '</p></div>\n<div lang="en">'
    ) in html
    for path in ("glossary/beta", "de/glossary/beta"):
        langs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', page(fixture_build, path))
        assert langs == ["en", "x-default"], path
    index = json.loads((fixture_build.site / "de/search/search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "glossary/alpha/" in locations and "glossary/beta/" not in locations


def test_formulas_arrive_typeset_with_the_font_cut_to_them(fixture_build: Build) -> None:
    for path in ("glossary/alpha", "de/glossary/alpha"):
        html = page(fixture_build, path)
        assert '<span class="arithmatex"><math>' in html and "\\(x^2" not in html
    font = TTFont(fixture_build.site / "assets/fonts/stix-two-math.woff2")
    assert {"𝑥", "2"} <= {chr(c) for c in font.getBestCmap()}


def test_a_translation_made_between_two_builds_enters_search(tmp_path: Path) -> None:
    """Per-build state starts afresh: a page left out of search as untranslated in one build
    is indexed in the next once it is translated (as between two saves in `mkdocs serve`)."""
    project = fixture_project(tmp_path)
    first = build_in_process(project)
    assert first.returncode == 0, first.log
    (project / "docs/glossary/beta.de.md").write_text("# Beta\n\nBeta kommt als zweites.\n")
    second = build_in_process(project)
    assert second.returncode == 0, second.log
    index = json.loads((second.site / "de/search/search_index.json").read_text())
    assert "glossary/beta/" in {doc["location"].split("#")[0] for doc in index["docs"]}


def test_a_rebuild_parses_for_search_only_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As between two saves in `mkdocs serve`: the pages that did not change add the search
    entries they added before, without Material parsing their HTML again, and the index is
    the same as a first build's."""
    from material.plugins.search import plugin as material_search

    parsed: list[str] = []
    feed = material_search.Parser.feed
    monkeypatch.setattr(
        material_search.Parser, "feed", lambda self, data: (parsed.append(data), feed(self, data))
    )
    project = fixture_project(tmp_path)
    first = build_in_process(project)
    assert first.returncode == 0, first.log
    indexes = "search/search_index.json", "de/search/search_index.json"
    before = [(first.site / index).read_bytes() for index in indexes]
    beta = project / "docs/glossary/beta.md"  # not translated: German shows it as it is
    beta.write_text(beta.read_text() + "\nOne more sentence.\n")
    parsed.clear()
    second = build_in_process(project)
    assert second.returncode == 0, second.log
    # The saved page, in English and where German shows it untranslated: nothing else.
    assert len(parsed) == 2 and all("One more sentence." in html for html in parsed)
    after = [(second.site / index).read_bytes() for index in indexes]
    assert after[1] == before[1] and after[0] != before[0]
    assert b"One more sentence." in after[0]


def test_an_entry_title_that_is_not_the_term_name_is_an_error(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    entry = project / "docs/glossary/alpha.de.md"
    entry.write_text(entry.read_text().replace("# Alpha", "# Alfa", 1))
    result = build_in_process(project)
    assert result.returncode == 1
    assert (
        "ERROR - docs/glossary/alpha.de.md:5: error: the title 'Alfa' is not the term name "
        "'Alpha' of data/terms.de.yml:1; make them equal"
    ) in result.log.splitlines()


def test_a_broken_formula_is_an_error_with_its_file_and_line(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    entry = project / "docs/glossary/alpha.de.md"
    entry.write_text(entry.read_text().replace("$x^2 + y^2$", "$x^{2 + y^2$", 1))
    result = build_in_process(project)
    assert result.returncode == 1
    assert (
        'ERROR - docs/glossary/alpha.de.md:7: error: math: KaTeX cannot render "x^{2 + y^2": '
        "KaTeX parse error: Expected '}', got 'EOF' at end of input: x^{2 + y^2; fix the TeX "
        "(KaTeX supports the functions listed at katex.org/docs/supported)"
    ) in result.log.splitlines(), result.log


def files_under(site: Path, folder: str) -> dict[str, bytes]:
    """Every file of the built site under `folder`, by path."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted((site / folder).rglob("*"))
        if path.is_file()
    }


def test_every_language_has_its_own_not_found_page(fixture_build: Build) -> None:
    """/404.html in the source language, offering the others and sending a reader under
    /de/ to /de/404.html (GitHub Pages answers every unknown URL with /404.html)."""
    root = (fixture_build.site / "404.html").read_text(encoding="utf-8")
    german = (fixture_build.site / "de/404.html").read_text(encoding="utf-8")
    ui, ui_de = load_ui("en"), load_ui("de")
    assert '<html lang="en"' in root and f"<h1>{ui['not_found_title']}</h1>" in root
    assert '<html lang="de"' in german and f"<h1>{ui_de['not_found_title']}</h1>" in german
    assert "404 - Not found" not in root + german
    assert (
        '<li lang="de"><a href="https://example.org/fixture/de/" hreflang="de">'
        f"Deutsch: {ui_de['not_found_home']}</a></li>"
    ) in root
    assert "location.replace(h+'404.html')" in root and 'var b="/fixture/"' in root
    assert "location.replace" not in german


def test_a_one_language_preview_equals_that_language_on_the_full_site(
    fixture_build: Build, tmp_path: Path
) -> None:
    """BUILD_ONLY_LOCALE=de builds /de/ byte for byte as the full site has it (translated
    pages from page.de.md, the others from page.md under the notice, the same switcher,
    hreflang links and search index), and nothing of another language; the root sends the
    browser to /de/."""
    preview = build_in_process(fixture_project(tmp_path), BUILD_ONLY_LOCALE="de")
    assert preview.returncode == 0, preview.log
    assert files_under(preview.site, "de") == files_under(fixture_build.site, "de")
    assert "Gamma kommt als drittes." in (preview.site / "de/glossary/gamma/index.html").read_text()
    assert not (preview.site / "glossary").exists()
    root = (preview.site / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=de/">' in root


def test_a_preview_of_a_language_the_site_lacks_says_which_it_has(tmp_path: Path) -> None:
    result = build_in_process(fixture_project(tmp_path), BUILD_ONLY_LOCALE="fr")
    assert result.returncode == 1
    assert (
        "ERROR - mkdocs.yml: error: BUILD_ONLY_LOCALE=fr is not a language of the site; "
        "use one of en, de"
    ) in result.log.splitlines(), result.log


def test_a_new_language_is_one_configuration_entry(tmp_path: Path, capsys) -> None:
    project = fixture_project(tmp_path)
    config = project / "mkdocs.yml"
    anchor = "\n  - glossary:"
    config.write_text(
        config.read_text().replace(
            anchor, "\n        - locale: fr\n          name: Français" + anchor
        )
    )
    result = build_in_process(project)
    assert result.returncode == 0, result.log
    html = page(result, "fr/glossary/alpha")
    assert '<html lang="fr"' in html and 'class="admonition info untranslated"' in html

    assert check.main(["translations", "--lang", "fr", "--format", "json"], root=project) == 1
    data = json.loads(capsys.readouterr().out)
    row = data["summary"]["translations"]["languages"]["fr"]
    assert (row["complete"], row["percent"]) == (0, 0)
    missing = sorted(
        f["path"] for f in data["findings"] if f["kind"] == "missing" and f["path"] != "mkdocs.yml"
    )
    assert missing == [
        "data/terms.yml",
        "data/ui.yml",
        *(f"docs/glossary/{name}.md" for name in ["alpha", "beta", "gamma", "index"]),
        "docs/index.md",
    ]


def test_a_language_in_progress_publishes_its_translations_and_lists_what_is_left(
    tmp_path: Path, capsys
) -> None:
    """fr marked in progress, with one page translated and one scaffolded (still English): the
    build passes; the translated page is published as French; the others, the scaffolded copy
    and the notebooks included, are shown in English under the notice, at fr URLs, kept out of
    search engines; the checker's fr findings are a to-do list (file by file, least done
    first) that does not fail, while de's still do."""
    project = fixture_project(tmp_path, "notebooks")
    config = project / "mkdocs.yml"
    text = config.read_text().replace(
        "\n  - glossary:", "\n        - locale: fr\n          name: Français\n  - glossary:"
    )
    config.write_text(
        text.replace(
            "      jupyterlite: false\n", "      jupyterlite: false\n      in_progress: [fr]\n"
        )
    )
    (project / "docs/glossary/beta.fr.md").write_text(
        "# Beta\n\nBêta vient en deuxième position. Retour à [alpha](alpha.md#why).\n"
    )
    assert scaffold.main(["docs/glossary/alpha.md", "fr"], root=project) == 0  # still English
    result = build_in_process(project, NOTEBOOK_EXECUTE="false")
    assert result.returncode == 0, result.log
    translated, draft = page(result, "fr/glossary/beta"), page(result, "fr/glossary/alpha")
    assert "untranslated" not in translated and "noindex" not in translated
    assert "Bêta vient en deuxième position" in translated
    assert '<link rel="alternate" hreflang="fr"' in translated
    assert '<meta name="robots" content="noindex">' in draft
    assert '<div class="admonition info untranslated" lang="en">' in draft
    assert '<link rel="alternate" hreflang="fr"' not in draft
    fallback = page(result, "fr/glossary/gamma")
    assert '<meta name="robots" content="noindex">' in fallback
    notebook = page(result, "fr/demos/hello")
    assert '<html lang="fr"' in notebook and '<meta name="robots" content="noindex">' in notebook
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', notebook)
    assert [(lang, urlparse(url).path) for lang, url in alternates] == [
        ("en", "/fixture/demos/hello/"),
        ("de", "/fixture/de/demos/hello/"),
        ("x-default", "/fixture/demos/hello/"),
    ]  # the English notebook's own URL, not the French copy's
    assert "robots" not in page(result, "demos/hello")
    # The sitemap lists what search engines may index: no draft, not even as an alternate.
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/fr/glossary/beta/" in sitemap
    assert "/fr/glossary/alpha/" not in sitemap and "/fr/demos/hello/" not in sitemap
    urls = ElementTree.fromstring(sitemap).findall(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}url"
    )
    assert len(urls) == sitemap.count("<loc>") > 0

    capsys.readouterr()
    assert check.main(["translations", "--lang", "fr"], root=project) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["to", "do", "(in", "progress)", "findings", "done"]
    assert out[2].split()[::2] == ["data/terms.fr.yml", "0"]  # the least done first
    assert re.fullmatch(r"no findings; \d+ to do in fr \(in progress\)", out[-1])
    details = [line for line in out if re.match(r"(docs|data)/\S+:\d+: ", line)]
    assert details and all(": notice: " in line for line in details)
    assert check.main(["translations"], root=project) == 1  # de is not in progress
    assert re.fullmatch(
        r"\d+ findings?; \d+ to do in fr \(in progress\)", capsys.readouterr().out.splitlines()[-1]
    )


def test_add_language_marks_a_new_language_in_progress(tmp_path: Path, capsys) -> None:
    """`make language LANG=fr`: one command, then the build and the checks pass. The new
    language's palette toggles are labelled as the default language's until it has labels of
    its own (not with those of the language built before it)."""
    project = fixture_project(tmp_path)
    config = project / "mkdocs.yml"
    palette = (
        "  palette:\n"
        "    - scheme: default\n      toggle: {icon: material/weather-night, name: Go dark}\n"
        "    - scheme: slate\n      toggle: {icon: material/weather-sunny, name: Go light}\n"
    )
    german = (
        "          theme:\n            palette:\n"
        "              - toggle: {name: Dunkel}\n              - toggle: {name: Hell}\n"
    )
    text = config.read_text().replace("  font: false\n", "  font: false\n" + palette)
    config.write_text(text.replace("  - glossary:", german + "  - glossary:", 1))
    assert add_language.main(["fr", "--name", "Français"], root=project) == 0
    assert capsys.readouterr().out.splitlines()[0] == "mkdocs.yml: added 'fr', in progress"
    langs = languages(project)
    assert (langs.codes, langs.in_progress, langs.names["fr"]) == (
        ("en", "de", "fr"),
        ("fr",),
        "Français",
    )
    result = build_in_process(project)
    assert result.returncode == 0, result.log
    assert '<meta name="robots" content="noindex">' in page(result, "fr/glossary/alpha")
    assert check.main(["translations", "--lang", "fr"], root=project) == 0
    capsys.readouterr()
    assert add_language.main(["fr"], root=project) == 2
    assert capsys.readouterr().err == (
        "mkdocs.yml:1: error: 'fr' is already a language of the site (en, de, fr)\n"
    )
    assert add_language.main(["it"], root=project) == 0
    assert languages(project).in_progress == ("fr", "it")
    french = "\n          theme: {palette: [toggle: {name: Sombre}, toggle: {name: Clair}]}"
    config.write_text(config.read_text().replace("name: Français", "name: Français" + french))
    result = build_in_process(project)
    assert result.returncode == 0, result.log
    labels = {
        lang: re.findall(r'aria-label="([^"]*)"  type="radio"', page(result, f"{lang}glossary"))
        for lang in ("", "de/", "fr/", "it/")
    }
    assert labels == {
        "": ["Go dark", "Go light"],
        "de/": ["Dunkel", "Hell"],
        "fr/": ["Sombre", "Clair"],
        "it/": ["Go dark", "Go light"],  # not French: labels of its own come with translation
    }


def test_one_checker_run_reports_build_warnings_links_and_english_at_their_lines(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check.py all --build` (what `make check` runs): a broken link and a missing anchor,
    which stop the strict build, and an English sentence in a German page are reported
    together, each at its line, as annotations; with --changed-since (a pull request's base),
    only those on changed lines are annotations, and the rest goes to the job summary."""
    project = fixture_project(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    page_path = project / "docs/glossary/alpha.de.md"
    text = page_path.read_text()
    text = text.replace("Siehe [Beta](beta.md).", "Siehe [Beta](beta.md) und [Delta](delta.md).")
    text += (
        "\nZurück zu [Gamma](gamma.md#nirgends).\n\nThis sentence was left in English by mistake.\n"
    )
    page_path.write_text(text)
    lines = text.splitlines()
    where = {
        "delta": next(n for n, line in enumerate(lines, 1) if "delta.md" in line),
        "anchor": next(n for n, line in enumerate(lines, 1) if "#nirgends" in line),
        "english": next(n for n, line in enumerate(lines, 1) if "left in English" in line),
    }
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    arguments = ["all", "--build", "--format", "github", "--changed-since", "HEAD"]
    code = check.main(arguments, root=project)
    out = capsys.readouterr().out
    assert code == 1
    kinds = {"delta": "build", "anchor": "build", "english": "untranslated"}
    for name, line in where.items():
        annotation = (
            f"::error file=docs/glossary/alpha.de.md,line={line},title={kinds[name]} (de)::"
        )
        assert annotation in out, (name, out)
    assert "file=docs/glossary/beta.md" not in out  # not on a changed line: in the summary
    assert "| `docs/glossary/beta.md:1` | error | missing |" in summary.read_text()
    assert out.splitlines()[-1].startswith("all: ") and "finding" in out.splitlines()[-1]


def test_notebooks_run_once_per_language_and_then_come_from_the_cache(tmp_path: Path) -> None:
    """One cache for every language's pass (no pass evicts another's entries), a key that
    includes the notebook's language, and neither a build without execution nor a
    one-language preview evicts anything; a saved page runs no notebook; a notebook shown
    untranslated uses the source notebook's entry."""
    project = fixture_project(tmp_path, "notebooks")
    first = build_in_process(project)
    assert first.returncode == 0, first.log
    # Both languages' notebooks executed ahead of the pages, at once; the pages read the cache.
    assert "Executing 2 notebooks ahead of their pages" in first.log
    assert first.log.count("Executed ahead: docs/demos/hello") == 2
    assert first.log.count("Cache hit") == 2 and "Cache miss" not in first.log
    assert "hello from de" in page(first, "de/demos/hello")
    assert "hello from en" in page(first, "demos/hello")
    preview = build_in_process(project, NOTEBOOK_EXECUTE="false")
    assert preview.returncode == 0, preview.log
    german = build_in_process(project, BUILD_ONLY_LOCALE="de")  # evicts no English entry
    assert german.log.count("Cache hit") == 1 and "Cache miss" not in german.log
    page_source = project / "docs/index.de.md"  # a saved page executes no notebook
    page_source.write_text(page_source.read_text() + "\nNoch ein Satz.\n", encoding="utf-8")
    again = build_in_process(project)
    assert again.log.count("Cache hit") == 2 and "Cache miss" not in again.log
    assert "Noch ein Satz." in page(again, "de")
    # Without its German version the notebook shows in German as the English one: the same
    # cache entry, whatever language the page before it was written in.
    (project / "docs/demos/hello.de.ipynb").unlink()
    fallback = build_in_process(project)
    assert fallback.log.count("Cache hit") == 2 and "Cache miss" not in fallback.log
    assert "hello from en" in page(fallback, "de/demos/hello")


def test_the_checkers_last_line_agrees_with_its_exit_status(fixture_build: Build, capsys):
    """`check.py all` prints each mode's block, then one line for all of them: the fixture
    lacks translations (beta, data), and its links are fine."""
    project = fixture_build.site.parent
    assert check.main(["all", "--site", str(fixture_build.site)], root=project) == 1
    out = capsys.readouterr().out.rstrip().splitlines()
    assert out[-1].startswith("all: ") and out[-1].endswith(" findings")
    blocks = [line for line in out if line.endswith(("findings", "finding"))]
    assert blocks[-2] == "no findings"  # the links block


def test_a_build_to_publish_refuses_a_loopback_site_url(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    build = build_in_process(project, SITE_URL="http://127.0.0.1:8000/", PUBLISH="true")
    assert build.returncode == 1
    assert (
        "ERROR - mkdocs.yml: error: site_url is http://127.0.0.1:8000/, an address of this "
        "machine, in a build for publishing (PUBLISH=true): embed snippets, canonical links and "
        "the sitemap would point readers to it. Set SITE_URL to the site's public address, e.g. "
        "SITE_URL=https://<owner>.github.io/<repository>/ (the deploy workflow takes it from "
        "the repository's Pages configuration)"
    ) in build.log.splitlines()
    assert not (project / "site").exists()


def test_a_local_build_says_once_that_its_urls_point_to_this_machine(tmp_path: Path) -> None:
    build = build_in_process(fixture_project(tmp_path), SITE_URL="http://localhost:8000/")
    assert build.returncode == 0, build.log
    said = [line for line in build.log.splitlines() if "site_url is" in line]
    assert said == [
        "INFO - site_url is http://localhost:8000/: embed snippets, canonical links and the "
        "sitemap point to the local server; set SITE_URL for a build that others will read"
    ]
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://localhost:8000/" in sitemap


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0/", True),
        ("http://docs.localhost/", True),
        ("", True),
        ("https://example.org/glossary/", False),
        ("https://10.0.0.5/", False),
    ],
)
def test_loopback_addresses(url: str, loopback: bool) -> None:
    from glossary_site.siteurl import is_loopback

    assert is_loopback(url) is loopback


def test_robots_txt_names_the_sitemap(fixture_build: Build) -> None:
    robots = (fixture_build.site / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/fixture/sitemap.xml\n"
    assert (fixture_build.site / "sitemap.xml").is_file()


def test_a_translation_behind_its_source_tells_its_readers_what_changed(tmp_path: Path) -> None:
    """The English alpha entry changes after the German one was synced (the snapshot of the
    synced version is kept): the German page says so under its definition, in German, with
    the date of the change and the change itself; the English page says nothing."""
    project = fixture_project(tmp_path)
    source = project / "docs/glossary/alpha.md"
    old = source.read_text(encoding="utf-8")
    snapshots = project / "i18n/snapshots"
    snapshots.mkdir(parents=True)
    (snapshots / "0dbbc51a542d.md").write_text(old, encoding="utf-8")
    source.write_text(old.replace("the first letter.", "the first letter of the alphabet."))
    stamp = 1764748800  # 2025-12-03
    os.utime(source, (stamp, stamp))
    build = build_in_process(project)
    assert build.returncode == 0, build.log
    german = page(build, "de/glossary/alpha")
    notice = re.search(
        r'<div class="admonition warning outdated" lang="de">.*?</details></div>', german, re.S
    )
    assert notice, german
    assert german.index('<p class="definition">') < notice.start()
    text = notice[0]
    assert (
        '<p class="admonition-title">Das Original wurde geändert</p><p>Das englische Original '
        'dieser Seite wurde am <time datetime="2025-12-03">3. Dezember 2025</time> geändert; '
        "diese Übersetzung enthält die Änderung noch nicht. "
        '<a href="#source-changes">Was hat sich geändert?</a></p>'
    ) in text
    assert '<del title="aus dem Original entfernt">Because it is the first letter. See' in text
    assert (
        '<ins title="im Original hinzugefügt">Because it is the first letter of the alphabet.'
        in text
    )
    assert "outdated" not in page(build, "glossary/alpha")
    assert "outdated" not in page(build, "de/glossary/gamma")  # synced: no notice


def test_every_page_edits_its_own_file_and_an_untranslated_one_leads_to_the_guide(
    tmp_path: Path,
) -> None:
    project = fixture_project(tmp_path)
    for suffix, title in (("", "Translator guide"), (".de", "Übersetzungsleitfaden")):
        guide = project / f"docs/translator-guide{suffix}.md"
        guide.write_text(f"# {title}\n\n## Steps {{ #translate-a-page }}\n\nText.\n")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "      - glossary/gamma.md\n", "      - glossary/gamma.md\n  - translator-guide.md\n"
    )
    text = text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    config.write_text(text + "edit_uri: https://github.com/o/r/edit/main/docs/\n", encoding="utf-8")
    build = build_in_process(project)
    assert build.returncode == 0, build.log

    def edit_link(path: str) -> str:
        return re.search(
            r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', page(build, path)
        )[1]

    assert edit_link("glossary/alpha") == "https://github.com/o/r/edit/main/docs/glossary/alpha.md"
    assert (
        edit_link("de/glossary/alpha")
        == "https://github.com/o/r/edit/main/docs/glossary/alpha.de.md"
    )
    assert edit_link("de/glossary/beta") == "../../translator-guide/#translate-a-page"
    notice = page(build, "de/glossary/beta").split('class="admonition info untranslated"', 1)[1]
    assert '<a href="../../translator-guide/#translate-a-page">Beim Übersetzen helfen</a>' in notice


def test_every_entry_can_be_cited_in_the_readers_language(fixture_build: Build) -> None:
    import html as markup

    german = page(fixture_build, "de/glossary/alpha")
    block = german.split('<details class="cite" id="cite">', 1)[1].split("</details>", 1)[0]
    day = re.search(
        r"@misc\{lscg-alpha-de,.*?date +?= \{(\d{4}-\d\d-\d\d)\}", markup.unescape(block), re.S
    )[1]
    assert "<summary>Diese Seite zitieren</summary>" in block
    assert (
        "The Latent Space &amp; Collapse Glossary contributors ("
        + day[:4]
        + "). <cite>Alpha</cite>. "
        "Testglossar. Zuletzt geändert:"
    ) in block
    assert '<a href="https://example.org/fixture/de/glossary/alpha/">' in block
    codes = [markup.unescape(c) for c in re.findall(r"<code[^>]*>(.*?)</code>", block, re.S)]
    assert codes[0] == (
        "@misc{lscg-alpha-de,\n"
        "  author       = {{The Latent Space \\& Collapse Glossary contributors}},\n"
        "  title        = {{Alpha}},\n"
        "  howpublished = {Testglossar},\n"
        f"  year         = {{{day[:4]}}},\n"
        f"  date         = {{{day}}},\n"
        "  url          = {https://example.org/fixture/de/glossary/alpha/},\n"
        "  language     = {german},\n"
        "  note         = {CC BY 4.0}\n"
        "}"
    )
    (item,) = json.loads(codes[1])
    assert item == {
        "id": "lscg-alpha-de",
        "type": "entry-encyclopedia",
        "title": "Alpha",
        "container-title": "Testglossar",
        "author": [{"literal": "The Latent Space & Collapse Glossary contributors"}],
        "issued": {"date-parts": [[int(x) for x in day.split("-")]]},
        "URL": "https://example.org/fixture/de/glossary/alpha/",
        "language": "de",
        "license": "CC BY 4.0",
    }
    assert 'id="cite"' not in page(fixture_build, "glossary")  # the A-Z index is no entry


def test_every_page_has_card_tags_and_an_image_drawn_at_build_time(fixture_build: Build) -> None:
    from PIL import Image

    german = page(fixture_build, "de/glossary/alpha")
    tags = dict(
        re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">', german)
    )
    assert tags == {
        "og:type": "article",
        "og:site_name": "Testglossar",
        "og:title": "Alpha",
        "og:description": "Alpha ist der erste Begriff des Testglossars.",
        "og:url": "https://example.org/fixture/de/glossary/alpha/",
        "og:image": "https://example.org/fixture/de/assets/cards/alpha.png",
        "og:image:type": "image/png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": "Alpha – Testglossar",
        "og:locale": "de_DE",
        "og:locale:alternate": "en_US",
        "twitter:card": "summary_large_image",
        "twitter:title": "Alpha",
        "twitter:description": "Alpha ist der erste Begriff des Testglossars.",
        "twitter:image": "https://example.org/fixture/de/assets/cards/alpha.png",
        "twitter:image:alt": "Alpha – Testglossar",
    }
    card = Image.open(fixture_build.site / "de/assets/cards/alpha.png")
    assert card.size == (1200, 630)
    assert len(card.convert("L").getcolors(maxcolors=4096) or range(4097)) > 16  # text, not flat
    english_beta = page(fixture_build, "glossary/beta")
    assert 'property="og:locale:alternate"' not in english_beta  # no translation of beta
    home = page(fixture_build, "")
    assert '<meta property="og:type" content="website">' in home
    assert (
        '<meta property="og:image" content="https://example.org/fixture/assets/cards/site.png">'
        in home
    )


def test_a_rebuild_converts_only_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process (`mkdocs serve`), a rebuild gives each unchanged page its last render:
    no Markdown is converted again and the site is the same byte for byte; a saved page is
    converted again; the warnings of a remembered render are logged again (a link to a
    missing page still fails the strict build) and links to anchors are checked against the
    pages as they are now."""
    import markdown

    from glossary_site import renders

    monkeypatch.setattr(renders, "_RENDERS", {})
    converted: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(
        markdown.Markdown, "convert", lambda md, text: converted.append(text) or convert(md, text)
    )
    project = fixture_project(tmp_path)
    first = build_in_process(project)
    assert first.returncode == 0, first.log
    pages = {p: p.read_bytes() for p in first.site.rglob("*.html")}
    assert len(converted) == 10  # five Markdown pages, in English and German
    again = build_in_process(project)
    assert again.returncode == 0, again.log
    assert len(converted) == 10
    assert {p: p.read_bytes() for p in again.site.rglob("*.html")} == pages
    beta = project / "docs/glossary/beta.md"
    beta.write_text(beta.read_text() + "\nSee [missing](missing.md).\n")
    saved = [build_in_process(project) for _ in range(2)]  # converted, then remembered
    assert len(converted) == 12  # beta.md, in English and as German's fallback: once
    warning = "contains a link 'missing.md', but the target 'glossary/missing.md' is not found"
    assert [(b.returncode, warning in b.log) for b in saved] == [(1, True), (1, True)]
    beta.write_text(beta.read_text().replace("missing.md", "alpha.md#nowhere"))
    assert build_in_process(project).returncode == 1  # no such anchor yet
    for alpha in (project / "docs/glossary").glob("alpha.*md"):
        alpha.write_text(alpha.read_text() + "\n## Nowhere { #nowhere }\n")
    fixed = build_in_process(project)
    assert fixed.returncode == 0, fixed.log  # beta.md remembered, checked against alpha now
    assert len(converted) == 16


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("en", "en_US", "english"),
        ("es", "es_ES", "spanish"),
        ("fr", "fr_FR", "french"),
        ("pt", "pt_BR", "portuguese"),
        ("pt-PT", "pt_PT", "portuguese"),
        ("zh-Hant", "zh_TW", "chinese"),
        ("xx", "xx", "xx"),
    ],
)
def test_a_languages_open_graph_locale_and_bibtex_name_come_from_cldr(
    code: str, locale: str, name: str
) -> None:
    """No table of language codes: a new language gets both from CLDR (babel), and a code
    CLDR does not know stays as it is."""
    assert (open_graph_locale(code), bibtex_language(code)) == (locale, name)
