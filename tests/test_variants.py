"""Builds of modified copies: a missing translation, a wrong entry title, one-language preview."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SITE_URL, Build, build_site, copy_project


@pytest.fixture(scope="module")
def fallback_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("fallback"))
    (project / "docs/glossary/gan.es.md").unlink()
    return build_site(project, project / "site")


def test_untranslated_page_shows_a_notice_in_the_readers_language(fallback_build: Build) -> None:
    assert fallback_build.returncode == 0, fallback_build.log
    page = (fallback_build.site / "es/glossary/gan/index.html").read_text()
    assert '<html lang="es"' in page
    assert (
        '<div class="admonition info untranslated" lang="es"><p class="admonition-title">'
        "Aún sin traducir</p><p>Esta página todavía no está traducida al español. A "
        "continuación se muestra el original en inglés. "
        '<a href="../../../glossary/gan/" hreflang="en">Abrir el original en inglés</a>'
        '</p></div>\n<div lang="en">'
    ) in page
    assert "<h1" in page.split('<div lang="en">', 1)[1]


def test_untranslated_page_is_not_offered_as_a_translation(fallback_build: Build) -> None:
    site = fallback_build.site
    for path in ("glossary/gan/", "de/glossary/gan/", "es/glossary/gan/"):
        page = (site / path / "index.html").read_text()
        langs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', page)
        assert langs == ["en", "de", "x-default"], path
    index = json.loads((site / "es/search/search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("glossary/gan/")]
    translated = (site / "es/glossary/mode-collapse/index.html").read_text()
    assert "untranslated" not in translated


def test_a_second_build_executes_no_notebook(fallback_build: Build) -> None:
    """The session's first build filled the execution cache; with every language sharing
    it (not evicting each other's entries), this build of the same notebooks runs none."""
    assert fallback_build.returncode == 0, fallback_build.log
    hits = re.findall(r"Cache hit: .*?/docs/demos/([\w.-]+\.ipynb)", fallback_build.log)
    assert sorted(hits) == sorted(
        f"{name}{suffix}.ipynb"
        for name in ("latent-space", "latent-space-collapse", "model-collapse")
        for suffix in ("", ".de", ".es")
    )
    assert "Cache miss" not in fallback_build.log


def test_a_build_without_execution_keeps_the_execution_cache(tmp_path: Path) -> None:
    """NOTEBOOK_EXECUTE=false (a quick preview) must not evict the executed entries."""
    project = copy_project(tmp_path)
    preview = build_site(project, project / "preview", NOTEBOOK_EXECUTE="false")
    assert preview.returncode == 0, preview.log
    assert "Converting notebook (execute=False)" in preview.log
    again = build_site(project, project / "site")
    assert again.returncode == 0, again.log
    assert again.log.count("Cache hit:") == 9 and "Cache miss" not in again.log


def test_entry_title_must_match_the_term_name(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs/glossary/gan.de.md"
    page.write_text(page.read_text().replace("# Generative Adversarial Network", "# GAN", 1))
    result = build_site(project, project / "site")
    assert result.returncode == 1
    assert (
        "docs/glossary/gan.de.md:5: error: the title 'GAN' is not the term name "
        "'Generative Adversarial Network' of data/terms.de.yml:" in result.log
    )
    assert "make them equal" in result.log
    assert "Traceback" not in result.log


def test_single_language_preview_builds_only_that_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    result = build_site(project, project / "site", BUILD_ONLY_LOCALE="de")
    assert result.returncode == 0, result.log
    home = (result.site / "index.html").read_text()
    assert '<html lang="de"' in home
    assert not (result.site / "de").exists() and not (result.site / "es").exists()
    assert f'hreflang="de" href="{SITE_URL}"' in home


def test_adding_a_fourth_language_is_one_configuration_entry(tmp_path: Path, capsys) -> None:
    import sys

    sys.path.insert(0, str(tmp_path / "scripts"))
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text(
        text.replace("\nnav:\n", "        - locale: fr\n          name: Français\n\nnav:\n", 1)
    )
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.log
    page = (result.site / "fr/glossary/model-collapse/index.html").read_text()
    assert '<html lang="fr"' in page and 'class="admonition info untranslated"' in page

    import check

    assert check.main(["translations", "--lang", "fr", "--format", "json"], root=project) == 1
    data = json.loads(capsys.readouterr().out)
    row = data["summary"]["translations"]["languages"]["fr"]
    assert (row["complete"], row["percent"]) == (0, 0)
    missing = sorted(
        f["path"] for f in data["findings"] if f["kind"] == "missing" and f["path"] != "mkdocs.yml"
    )
    expected = sorted(
        str(p.relative_to(project))
        for pattern in ("docs/**/*.md", "docs/**/*.ipynb", "data/*.yml")
        for p in project.glob(pattern)
        if p.name.count(".") == 1 and p.name != "termbase.yml"
    )
    assert missing == expected
    assert row["missing"] == len(expected)
