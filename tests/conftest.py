"""Shared fixtures: the real site built once, strictly, and helpers to build variants."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

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


# --- the browser: Debian's Chromium driven by Playwright ---------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium cannot resolve any host but 127.0.0.1: a request to another host fails, and every
# request is also recorded, so a test fails on any attempt.
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port (a generator: next() starts, next() stops)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    yield from serve(site)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (or `make test`)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A browser context and its page, with every request to another host and console error."""

    context: object
    page: object
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def close(self, allowed_hosts: tuple[str, ...] = ()) -> None:
        """Fails on a request to another host or a console error; a host in `allowed_hosts`
        may be asked (and fail: Chromium cannot reach it), and so may the errors its failed
        requests log, which name its URL."""
        self.context.close()
        foreign = [url for url in self.foreign if urlparse(url).hostname not in allowed_hosts]
        assert foreign == [], f"requests to other hosts: {foreign}"
        errors = [
            error
            for error in self.errors
            if not any(urlparse(word).hostname in allowed_hosts for word in error.split())
        ]
        assert errors == [], f"console errors: {errors}"


# Resolves once Material's bundle has mounted the page: it runs after the page's first frame
# (overrides/main.html), often after the load event that page.goto waits for, and mounts in
# the task after document$ emits. Pages without Material's bundle, or without JavaScript,
# resolve at once.
MOUNTED = """() => new Promise((resolve, reject) => {
  const bundle = document.querySelector("script[src*='javascripts/bundle.'], script[data-src]");
  if (!bundle || document.documentElement.classList.contains("no-js")) return resolve();
  const wait = () =>
    window.document$ ? document$.subscribe(() => setTimeout(resolve)) : setTimeout(wait, 10);
  wait();
  const message = "Material's bundle did not mount the page within 10 s";
  setTimeout(() => reject(new Error(message)), 10000);
})"""


def visit(browser: object, **options: object) -> Visit:
    """A new context and page; its page.goto returns once Material has mounted the page, as a
    reader's first click expects."""
    context = browser.new_context(**options)
    page = context.new_page()
    seen = Visit(context, page)
    goto = page.goto

    def goto_mounted(url: str, **goto_options: object) -> object:
        response = goto(url, **goto_options)
        page.evaluate(MOUNTED)
        return response

    page.goto = goto_mounted

    def watch(request: object) -> None:
        if urlparse(request.url).hostname not in ("127.0.0.1", "localhost"):
            seen.foreign.append(request.url)

    # Recorded on the context, so the search worker's requests count too (routing would
    # break that worker).
    context.on("request", watch)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    return seen


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    seen = visit(browser)
    yield seen.page
    seen.close()


def draw_charts(page: object) -> None:
    """Scroll each chart of a notebook page into view and wait until Vega has drawn it
    (charts.js loads Vega when the first chart comes near the viewport)."""
    charts = page.locator(".vega-chart")
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "el => el.hasAttribute('data-ready')", arg=chart.element_handle(), timeout=20_000
        )
