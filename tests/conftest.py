"""Shared fixtures: the real site built once, strictly, and helpers to build variants."""

from __future__ import annotations

import fcntl
import functools
import html
import http.server
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from urllib.parse import urlparse

import psutil
import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from glossary_site.languages import languages
from glossary_site.project import environment

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = pytest.StashKey[dict[str, tuple[int, int]]]()
# Hypothesis keeps no example database, and its other files go to a temporary folder.
settings.register_profile("no-database", database=None)
settings.load_profile("no-database")
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))
# The languages as mkdocs.yml names them (the default first), and their URL and file suffixes.
LANGS = languages(ROOT)
LANGUAGES = list(LANGS.codes)
PREFIX = {lang: LANGS.prefix(lang) for lang in LANGUAGES}
SUFFIX = {lang: "" if lang == LANGS.default else f".{lang}" for lang in LANGUAGES}
# The languages whose every page, term, diagram and notebook is translated: the default and
# the translations not marked in progress. A language in progress (`make language LANG=fr`)
# has only some of them; its other pages are drafts (see tests/test_new_language.py).
FINISHED = [LANGS.default, *LANGS.complete]
SITE_URL = "https://example.org/glossary-site/"
EDIT_URI = "https://github.com/example/glossary/edit/main/docs/"  # as the deploy sets it


def demo_texts() -> ModuleType:
    """The plot-strings module of the demo helper as the site publishes it
    (docs/demos/latent_demo_texts.py with the strings of data/demo*.yml), loaded without a
    file."""
    from glossary_site.notebooks import published_helper
    from glossary_site.plugin import configured_project

    name = "latent_demo_texts"
    source = published_helper(configured_project(ROOT))[f"{name}.py"].decode("utf-8")
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, str(ROOT / f"docs/demos/{name}.py"), "exec"), module.__dict__)
    return module


# One form of a diagram's Embed control: its label, then its code block (the build's copy
# button first).
EMBED_FORM = re.compile(
    r'<p class="diagram-embed__format">([^<]+)</p>\s*'
    r'(?:<p class="diagram-embed__note">[^<]*</p>\s*)?'
    r'<pre[^>]*>(?:<span class="md-code__nav">.*?</span>)?<code[^>]*>(.*?)</code></pre>',
    re.S,
)


def snippet_blocks(block: str) -> dict[str, str]:
    """The forms of a diagram's Embed control in the HTML `block`: label to snippet text."""
    return {
        label: html.unescape(re.sub(r"<[^>]+>", "", code))
        for label, code in EMBED_FORM.findall(block)
    }


@dataclass
class Build:
    returncode: int
    log: str
    site: Path


def build_command(project: Path, site: Path, **env: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of `mkdocs build --strict` on `project` into `site`,
    as the deploy runs it (its site and edit URLs), without a one-language preview."""
    environment = {k: v for k, v in os.environ.items() if k != "BUILD_ONLY_LOCALE"}
    environment.update(
        {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, "EDIT_URI": EDIT_URI, **env}
    )
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return command, environment


def build_site(project: Path, site: Path, **env: str) -> Build:
    """Run `mkdocs build --strict` on `project` into `site`."""
    command, environment = build_command(project, site, **env)
    result = subprocess.run(
        command, cwd=project, env=environment, capture_output=True, text=True, check=False
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


FIXTURES = ROOT / "tests" / "fixtures"


def fixture_project(tmp_path: Path, *overlays: str) -> Path:
    """A copy of tests/fixtures/site/ in `tmp_path`, with each named fixture folder copied over
    it; its mkdocs.yml made from mkdocs.yml.in with {repo} set to this repository (theme
    override, npm packages) and {project} to the copy; the repository's UI strings in data/."""
    target = tmp_path / "site"
    for name in ("site", *overlays):
        shutil.copytree(FIXTURES / name, target, dirs_exist_ok=True)
    template = target / "mkdocs.yml.in"
    text = template.read_text(encoding="utf-8")
    text = text.replace("{repo}", str(ROOT)).replace("{project}", str(target))
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    template.unlink()
    for lang in LANGUAGES:
        ui = ROOT / "data" / f"ui{SUFFIX[lang]}.yml"
        if (target / "docs" / f"index{SUFFIX[lang]}.md").exists():
            shutil.copy2(ui, target / "data" / ui.name)
    return target


def build_in_process(project: Path, **env: str) -> Build:
    """Build `project` (a small fixture site) strictly, in this process, into project/site:
    its log captured, and an error (a PluginError, warnings under --strict) as return code 1
    with the message last in the log, as the command line reports it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(f"{record.levelname} - {record.getMessage()}")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    returncode = 0
    try:
        with environment({"BUILD_ONLY_LOCALE": None, **env}):
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
            build(config)
    except Exception as error:  # noqa: BLE001 - what the command line would print
        returncode = 1
        records.append(f"ERROR - {error}")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Build(returncode, "\n".join(records), project / "site")


def copy_project(target: Path) -> Path:
    """A copy of the sources a build needs, with node_modules linked and the repository's
    caches copied (read, never written), so that a test's build changes nothing here."""
    for name in ("mkdocs.yml", "docs", "overrides", "data", "i18n"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", target / ".cache")
    return target


# The real build runs in the background from the start of the run, beside the tests that do not
# need it (they run first, see pytest_collection_modifyitems); the tests that read it wait.
BUILDER: list[subprocess.Popen[bytes]] = []


def real_build_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the real build goes: the run's shared temporary folder with pytest-xdist's
    workers (`make test`), which all read that one build; this process's own otherwise."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        return tmp_path_factory.getbasetemp().parent / "real"
    return tmp_path_factory.getbasetemp() / "real"


def start_real_build(folder: Path) -> None:
    """Start the strict build of the real site in a copy of the project in `folder`, unless a
    worker already has: the first one to take the lock starts it, in the background; its exit
    status goes to `folder`/returncode once it has finished, its output to `folder`/log."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / "real.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if (folder / "pid").is_file():
            return
        shutil.rmtree(folder, ignore_errors=True)  # an unfinished copy
        (folder / "project").mkdir(parents=True)
        project = copy_project(folder / "project")
        command, environment = build_command(project, project / "site")
        # The status is written (and renamed, whole) only when the build has ended.
        status = folder / "returncode"
        script = f'"$@" > ../log 2>&1; echo $? > {status}.part; mv {status}.part {status}'
        BUILDER.append(
            subprocess.Popen(["sh", "-c", script, "sh", *command], cwd=project, env=environment)
        )
        (folder / "pid").write_text(str(BUILDER[-1].pid), encoding="utf-8")


def finished_real_build(folder: Path) -> Build:
    """The real build in `folder`, once it has finished."""
    pid = int((folder / "pid").read_text(encoding="utf-8"))
    while not (folder / "returncode").is_file():
        if not alive(pid) and not (folder / "returncode").is_file():
            pytest.fail(f"the build of the real site in {folder} ended without an exit status")
        time.sleep(0.2)
    return Build(
        int((folder / "returncode").read_text(encoding="utf-8")),
        (folder / "log").read_text(encoding="utf-8"),
        folder / "project" / "site",
    )


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (an ended child not yet waited for does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def needs_real_build(item: pytest.Item) -> bool:
    """Whether a test reads the real build (through `real_build` or a fixture built on it)."""
    return "real_build" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def real_build_ahead(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Starts the real build at the first test of the run when a test of it needs the build.
    The worker that started it waits for it at its end (another may still need it), unless the
    run was stopped (`-x`, `--maxfail`): then the build is ended. Ctrl-C ends it as it ends
    the tests."""
    if any(map(needs_real_build, request.session.items)):
        start_real_build(real_build_folder(tmp_path_factory))
    yield
    for builder in BUILDER:
        if builder.poll() is None and (request.session.shouldstop or request.session.shouldfail):
            for process in psutil.Process(builder.pid).children(recursive=True):
                process.kill()
            builder.kill()
        builder.wait()


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built strictly once per test run, in a copy of the project (started by
    `real_build_ahead`, which runs first). With pytest-xdist's workers (`make test`), every
    worker reads the one build."""
    return finished_real_build(real_build_folder(tmp_path_factory))


@pytest.fixture(scope="session")
def site(real_build: Build) -> Path:
    assert real_build.returncode == 0, real_build.log
    return real_build.site


SITE_FIXTURES = {"real_build", "site", "base_url", "browser", "page"}
# Not the repository's own files: the environment, the npm packages, git's data, bytecode.
NOT_OURS = {".git", ".venv", "node_modules", "__pycache__"}


def repository_state() -> dict[str, tuple[int, int]]:
    """Size and modification time of every file of the repository, its caches included."""
    state = {}
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_OURS]
        for name in names:
            path = os.path.join(folder, name)
            status = os.stat(path)
            state[os.path.relpath(path, ROOT)] = (status.st_size, status.st_mtime_ns)
    return state


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[REPOSITORY] = repository_state()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test writes into the repository or its caches: a run that did fails, naming the
    files (a test builds, caches and writes in its own temporary folder)."""
    before, after = session.config.stash.get(REPOSITORY, None), repository_state()
    if before is None:
        return
    changed = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    if changed:
        shown = ", ".join(changed[:10]) + (
            f" and {len(changed) - 10} more" if len(changed) > 10 else ""
        )
        print(f"\nerror: the tests changed files of the repository: {shown}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the real built site or drive a browser are marked `full`, like the
    ones that execute the real demo notebooks: the fast tier (`make test-fast`) leaves them
    out. The test files that need the real build go last: the others run while it builds.
    Among each of the two, the longest files go first, so that no long file started last keeps
    one worker busy after the other has finished: the files with the most browser tests, then
    those that build the real site again (marked `rebuilds`); files otherwise alike keep the
    order pytest-randomly gave them."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.full)
    waiting = {item.path for item in items if needs_real_build(item)}
    browser = Counter(item.path for item in items if "browser" in getattr(item, "fixturenames", ()))
    rebuilds = {item.path for item in items if item.get_closest_marker("rebuilds")}
    items.sort(
        key=lambda item: (item.path in waiting, -browser[item.path], item.path not in rebuilds)
    )


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


class LikeGitHubPages(Quiet):
    """Answers an unknown path with the site's /404.html and status 404, and lets pages of
    any origin read its files (Access-Control-Allow-Origin: *), as GitHub Pages does."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # A project site (user.github.io/<project>/) answers with <project>/404.html.
        first = urlparse(self.path).path.strip("/").split("/")[0]
        pages = [Path(self.directory) / first / "404.html", Path(self.directory) / "404.html"]
        page = next((p for p in pages if first and p.is_file()), pages[1])
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class PagesServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page while a file is still being sent (a test moving on) is
    not an error of the site: only other errors are printed."""

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset
            super().handle_error(request, client_address)


def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port (a generator: next() starts, next() stops),
    unknown paths answered as GitHub Pages answers them."""
    server = PagesServer(
        ("127.0.0.1", 0), functools.partial(LikeGitHubPages, directory=str(folder))
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
def project_site_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site at the path of its site_url (/glossary-site/), as GitHub Pages serves a project
    site: absolute URLs (the 404 pages use them) resolve."""
    folder = tmp_path_factory.mktemp("pages")
    (folder / urlparse(SITE_URL).path.strip("/")).symlink_to(site)
    server = serve(folder)
    yield next(server) + urlparse(SITE_URL).path.lstrip("/")
    next(server, None)


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
