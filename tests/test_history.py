"""When a page last changed: git history read once per build, uncommitted or untracked files by
their modification time, shown to readers in their language and in the sitemap."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from conftest import Build, build_in_process, fixture_project
from glossary_site.history import History, committed_dates, localized


def git(root: Path, *args: str, date: str = "2025-03-07T12:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def repository(tmp_path: Path) -> Path:
    for name in ("docs/a.md", "docs/b.de.md", "data/terms.yml", "other.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one", date="2025-03-07T12:00:00")
    (tmp_path / "docs/b.de.md").write_text("changed", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "two", date="2026-01-02T09:00:00")
    return tmp_path


def test_each_file_is_dated_by_its_last_commit(tmp_path: Path) -> None:
    root = repository(tmp_path)
    assert committed_dates(root) == {
        "docs/a.md": dt.date(2025, 3, 7),
        "docs/b.de.md": dt.date(2026, 1, 2),
        "data/terms.yml": dt.date(2025, 3, 7),
    }


def test_uncommitted_and_untracked_files_are_dated_by_their_modification_time(
    tmp_path: Path,
) -> None:
    root = repository(tmp_path)
    (root / "docs/a.md").write_text("edited, not committed", encoding="utf-8")
    (root / "docs/new.md").write_text("new", encoding="utf-8")
    stamp = dt.datetime(2026, 11, 30, 8, 0).timestamp()
    for name in ("docs/a.md", "docs/new.md"):
        os.utime(root / name, (stamp, stamp))
    history = History(root)
    assert history.date_of(root / "docs/a.md") == dt.date(2026, 11, 30)
    assert history.date_of(root / "docs/new.md") == dt.date(2026, 11, 30)
    assert history.date_of(root / "docs/b.de.md") == dt.date(2026, 1, 2)
    assert not history.shallow


def test_dates_read_as_each_language_writes_them() -> None:
    day = dt.date(2026, 12, 4)
    assert [localized(day, lang) for lang in ("en", "de", "es")] == [
        "December 4, 2026",
        "4. Dezember 2026",
        "4 de diciembre de 2026",
    ]


def test_pages_show_when_they_last_changed_and_the_sitemap_agrees(tmp_path: Path) -> None:
    project = repository_of_fixture(tmp_path)
    build: Build = build_in_process(project)
    assert build.returncode == 0, build.log
    english = (build.site / "glossary/alpha/index.html").read_text(encoding="utf-8")
    german = (build.site / "de/glossary/alpha/index.html").read_text(encoding="utf-8")
    assert 'Last updated: <time datetime="2025-03-07">March 7, 2025</time>' in english
    assert 'Zuletzt geändert: <time datetime="2026-01-02">2. Januar 2026</time>' in german
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(
        re.findall(r"<loc>https://example.org/fixture/([^<]*)</loc>\s*<lastmod>([^<]+)<", sitemap)
    )
    assert dates["glossary/alpha/"] == "2025-03-07"
    assert dates["de/glossary/alpha/"] == "2026-01-02"


def repository_of_fixture(tmp_path: Path) -> Path:
    """The fixture site as a git repository: everything committed on 7 March 2025, the German
    alpha entry changed on 2 January 2026."""
    project = fixture_project(tmp_path)
    (project / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "one", date="2025-03-07T12:00:00")
    entry = project / "docs/glossary/alpha.de.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "two", date="2026-01-02T09:00:00")
    return project
