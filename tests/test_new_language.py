"""A new language added with `make language LANG=fr` on a copy of the real project. Its own
file, so that pytest-xdist can run its build beside the other tests of the real site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_build import PAGES

from conftest import SITE_URL, Build, build_site
from glossary_site import add_language, check


def test_a_new_language_starts_in_progress_and_the_site_still_passes(
    real_build: Build,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`make language LANG=fr` on a copy of the real project: the strict build passes, /fr/
    has every page, none of them presents English as French, and the checker's only
    findings are French to-dos (links included)."""
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("site")
    shutil.copytree(real_build.site.parent, project, symlinks=True, ignore=ignore)
    assert add_language.main(["fr", "--name", "Français"], root=project) == 0
    build = build_site(project, project / "site")
    assert build.returncode == 0, build.log
    for page in PAGES:
        html = (build.site / "fr" / page / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, page
        assert '<meta name="robots" content="noindex">' in html, page
        assert '<div lang="en">' in html, page
    capsys.readouterr()
    monkeypatch.setenv("SITE_URL", SITE_URL)  # as the site was built
    assert check.main(["all", "--site", str(build.site)], root=project) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(r"all: no findings; \d+ to do in fr \(in progress\)", last), last
