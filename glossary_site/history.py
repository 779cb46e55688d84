"""When each file of the project last changed: for readers ("Last updated", dates.py), the
sitemap's lastmod and everything that cites or reuses a page (api/terms.json, the cite block).

The date comes from git history: one `git log` over docs/ and data/ per build, not one per
page as mkdocs-git-revision-date-localized-plugin runs it, so a rebuild of `mkdocs serve`
stays fast. A file with uncommitted changes, or a project outside git, is dated by its
modification time. A shallow clone knows only its last commit: the build says so once and
dates every file by it (CI fetches the whole history: fetch-depth 0).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from babel.dates import format_date

FOLDERS = ("docs", "data")


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _relative(root: Path, names: list[str]) -> list[str]:
    """Paths git names from the top of the repository, relative to `root` (its subfolder)."""
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    return [name[len(prefix) :] for name in names if name.startswith(prefix)]


def committed_dates(root: Path) -> dict[str, dt.date]:
    """Path relative to `root` -> the date of the last commit that changed it."""
    out = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", *FOLDERS)
    dates: dict[str, dt.date] = {}
    for chunk in (out or "").split("\0")[1:]:
        day, _, names = chunk.partition("\n")
        when = dt.date.fromisoformat(day.strip())
        for name in _relative(root, names.split()):
            dates.setdefault(name, when)
    return dates


def uncommitted(root: Path) -> set[str]:
    """Paths relative to `root` with changes git has not committed (or does not track)."""
    out = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *FOLDERS)
    names = [line[3:].strip().strip('"') for line in (out or "").splitlines() if len(line) > 3]
    return set(_relative(root, names))


class History:
    """The last-change date of every file of a project, read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dates = committed_dates(root)
        self.dirty = uncommitted(root) if self.dates else set()
        self.shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"

    def date_of(self, path: Path) -> dt.date:
        """The date `path` last changed: its last commit, else its modification time."""
        name = path.resolve().relative_to(self.root).as_posix()
        if name in self.dates and name not in self.dirty:
            return self.dates[name]
        return dt.date.fromtimestamp(path.stat().st_mtime)


def localized(day: dt.date, lang: str) -> str:
    """A date as the language writes it in running text (4 December 2026, 4. Dezember 2026)."""
    try:
        return format_date(day, format="long", locale=lang)
    except ValueError:  # a language babel does not know
        return day.isoformat()
