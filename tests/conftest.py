"""Shared fixtures: the real site built once, strictly, and helpers to build variants."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

LANGUAGES = ["en", "de", "es"]
SITE_URL = "https://example.org/glossary-site/"


@dataclass
class Build:
    returncode: int
    log: str
    site: Path


def build_site(project: Path, site: Path, **env: str) -> Build:
    """Run `mkdocs build --strict` on `project` into `site`."""
    environment = {k: v for k, v in os.environ.items() if k != "BUILD_ONLY_LOCALE"}
    environment.update({"NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, **env})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(target: Path) -> Path:
    """A copy of the sources a build needs, with node_modules linked, for variant builds."""
    for name in ("mkdocs.yml", "docs", "overrides", "data", "scripts", "i18n", "schemas"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    # The notebook execution cache and the JupyterLite build are shared: copies hit them.
    (ROOT / ".cache").mkdir(exist_ok=True)
    (target / ".cache").symlink_to(ROOT / ".cache")
    return target


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built strictly once per test session."""
    return build_site(ROOT, tmp_path_factory.mktemp("build") / "site")


@pytest.fixture(scope="session")
def site(real_build: Build) -> Path:
    assert real_build.returncode == 0, real_build.log
    return real_build.site
