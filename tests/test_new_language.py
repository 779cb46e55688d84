"""A new language added with `make language LANG=fr` on a copy of the real project. Its own
file, so that pytest-xdist can run its build beside the other tests of the real site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_build import PAGES

from conftest import LANGS, LANGUAGES, SITE_URL, Build, build_site
from glossary_site import add_language, check

pytestmark = pytest.mark.rebuilds  # see pytest_collection_modifyitems in conftest.py


def test_a_new_language_starts_in_progress_and_the_site_still_passes(
    real_build: Build,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`make language LANG=fr` on a copy of the real project (another code if the site has
    French already): the strict build passes, /fr/ has every page, none of them presents
    English as French, and the checker's only findings are French to-dos (links included)."""
    lang = next(code for code in ("fr", "it", "nl", "pt", "pl") if code not in LANGUAGES)
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("site")
    shutil.copytree(real_build.site.parent, project, symlinks=True, ignore=ignore)
    assert add_language.main([lang, "--name", "Français"], root=project) == 0
    build = build_site(project, project / "site")
    assert build.returncode == 0, build.log
    for page in PAGES:
        html = (build.site / lang / page / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, page
        assert '<meta name="robots" content="noindex">' in html, page
        assert f'<div lang="{LANGUAGES[0]}">' in html, page
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{lang}/" not in sitemap  # nothing of it for search engines yet
    capsys.readouterr()
    monkeypatch.setenv("SITE_URL", SITE_URL)  # as the site was built
    assert check.main(["all", "--site", str(build.site)], root=project) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    pending = ", ".join(sorted((*LANGS.in_progress, lang)))
    assert re.fullmatch(rf"all: no findings; \d+ to do in {pending} \(in progress\)", last), last
