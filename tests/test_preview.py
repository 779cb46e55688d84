"""The one-language preview (`BUILD_ONLY_LOCALE=<lang>`, `make preview LANG=<lang>`) builds
exactly what the full site has under /<lang>/. Its own file, so that pytest-xdist can run its
two builds beside the other tests of the real site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGES, Build, build_site

pytestmark = pytest.mark.rebuilds  # see pytest_collection_modifyitems in conftest.py


@pytest.fixture(scope="module")
def previews(real_build: Build, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """`BUILD_ONLY_LOCALE=<lang>` builds of each translation, in a copy of the project the
    real build ran in (its caches warm, so no notebook runs again)."""
    project = tmp_path_factory.mktemp("previews") / "project"
    ignore = shutil.ignore_patterns("site")
    shutil.copytree(real_build.site.parent, project, symlinks=True, ignore=ignore)
    return {
        lang: build_site(project, project / f"site-{lang}", BUILD_ONLY_LOCALE=lang)
        for lang in LANGUAGES[1:]
    }


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_a_one_language_preview_equals_the_full_site(
    site: Path, previews: dict[str, Build], lang: str
) -> None:
    """What a translator previews is what readers get: every file under /<lang>/, byte for
    byte, and no page of another language."""
    preview = previews[lang]
    assert preview.returncode == 0, preview.log
    expected = {p.relative_to(site): p for p in (site / lang).rglob("*") if p.is_file()}
    built = {
        p.relative_to(preview.site): p for p in (preview.site / lang).rglob("*") if p.is_file()
    }
    assert sorted(map(str, built)) == sorted(map(str, expected))
    differing = [
        str(path) for path in expected if expected[path].read_bytes() != built[path].read_bytes()
    ]
    assert differing == []
    others = [other for other in LANGUAGES[1:] if other != lang]
    assert not any((preview.site / other).exists() for other in others)
    assert not (preview.site / "glossary").exists()
