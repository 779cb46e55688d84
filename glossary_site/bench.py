"""Print speed and size figures: site builds (notebook execution off, cold, warm), the
checker on the real site and against lychee on generated sites of growing size, the weight
of each page type, and Lighthouse scores. A benchmark, not a test: the figures are noisy.

    python scripts/bench.py [--parts builds,notebooks,checker,tiers,editloop,weight,lighthouse,
                                     loadwork]
                            [--sizes 100,300,1000] [--pages entry,home] [--langs en,de]
                            [--runs 5] [--busy CORES] [--slow-host SLOWDOWN]

`loadwork` loads each page in Chromium with the CPU slowed as for Lighthouse's phone and
prints what DevTools count: layouts and style recalculations per load (steady from load to
load, so two builds can be compared with a few loads) and the time in layout, style, script
and all tasks.

`editloop` runs `mkdocs serve` in a copy of the project (its caches copied, so a warm run
needs a built site first), saves one translated page three times and times each save until
the served page shows it, for the one-language preview and for all languages.

Lighthouse (npm, driving Debian's Chromium through CHROME_PATH) and the page weights run on
the built site in site/, served on 127.0.0.1 as GitHub Pages serves it (gzip for text,
Cache-Control: max-age=600), so the repeat visit is what a returning reader downloads.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import check, links, translations
from .budgets import PAGE_TYPES, pages
from .budgets import weight as page_weight
from .data import load_all_terms
from .languages import ROOT, languages
from .notebooks import published_helper, startup_code
from .sync import main as mark

LYCHEE = Path(sys.executable).parent / "lychee"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LANGUAGES = languages().codes
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Chromium's host rule for the benchmark's browsers: no host but 127.0.0.1 can be reached.
ONLY_THIS_HOST = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def timed(func, *args: object) -> float:  # noqa: ANN001
    """Seconds one call of func(*args) takes."""
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def run(cmd: list[str], cwd: Path = ROOT) -> None:
    """Run a command quietly; an error if it fails."""
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, capture_output=True)


def lychee(site: Path) -> None:
    """lychee's offline check of `site`, the yardstick of the link checker."""
    subprocess.run(
        [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(site.parent),
            "--no-progress",
            str(site),
        ],
        check=False,
        capture_output=True,
    )


def check_links(site: Path, ctx: links.Context) -> None:
    """The checker's internal link check of `site`."""
    links.check_internal(links.read_site(site), ctx)


def generate(root: Path, pages: int) -> Path:
    """A project with `pages` pages per language, their translations and a built site."""
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "data").mkdir()
    shutil.copy2(ROOT / "data" / "termbase.yml", root / "data" / "termbase.yml")
    docs, site = root / "docs", root / "site"
    # Two sentences of each language: the definitions of the first two terms.
    terms = load_all_terms(LANGUAGES)
    sentences = {
        lang: " ".join(t.definition for t in list(terms[lang].terms.values())[:2])
        for lang in LANGUAGES
    }
    for i in range(pages):
        for lang in LANGUAGES:
            prefix = languages().prefix(lang)
            suffix = "" if lang == LANGUAGES[0] else f".{lang}"
            body = "\n\n".join(
                f"## Part {k} {{ #part-{k} }}\n\n{sentences[lang]} [Next](page-{(i + k) % pages}.md"
                f"#part-{k})"
                for k in range(5)
            )
            path = docs / f"page-{i}{suffix}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# Page {i}\n\n{body}\n", encoding="utf-8")
            parts = "".join(
                f'<h2 id="part-{k}">Part {k}</h2><p>{sentences[lang]} '
                f'<a href="../page-{(i + k) % pages}/#part-{k}">next</a></p>'
                for k in range(5)
            )
            nav = "".join(f'<a href="../page-{(i + k) % pages}/">p</a>' for k in range(20))
            html = site / prefix / f"page-{i}" / "index.html"
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(
                f'<!doctype html><html lang="{lang}"><head><link rel="stylesheet" '
                f'href="../{"../" if prefix else ""}style.css"></head><body><nav>{nav}</nav>'
                f"<article>{parts}</article></body></html>",
                encoding="utf-8",
            )
    (site / "style.css").write_text("body{}", encoding="utf-8")
    (site / "index.html").write_text('<a href="page-0/">start</a>', encoding="utf-8")
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        mark(["--all"], root=root)
    return site


class CachingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text, Cache-Control max-age=600."""

    COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}

    def do_GET(self) -> None:
        """Serve a file as GitHub Pages does: folders by their index.html, text gzipped."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the redirect to the folder's URL
                return
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in self.COMPRESSED
            or not path.is_file()
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        """Add the cache lifetime GitHub Pages sends."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        """Keep the benchmark's output free of request logs."""
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve `site` on a free loopback port for the duration of the block; yield its URL."""
    handler = functools.partial(CachingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def builds() -> None:
    """Print the build times: cold, warm, without notebook execution, warm again."""
    rows = []
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    rows.append(("site build, cold (mkdocs build --strict, empty caches)", timed(run, build)))
    rows.append(("site build, warm (no notebook changed)", timed(run, build)))
    off = {**ENV, "NOTEBOOK_EXECUTE": "false"}
    start = time.perf_counter()
    subprocess.run(build, cwd=ROOT, env=off, check=True, capture_output=True)
    rows.append(("site build, notebook execution off", time.perf_counter() - start))
    rows.append(("site build, warm again", timed(run, build)))  # site/ as it is published
    warm = min(rows[1][1], rows[3][1])
    print("| build | seconds |\n| --- | --- |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} |")
    print(f"| warm / execution off | {warm / rows[2][1]:.2f}x |")
    print()


def notebooks() -> None:
    """Each demo notebook executed as the build does, pinned to one CPU core."""
    import nbformat
    from nbclient import NotebookClient

    from .plugin import configured_project

    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # the kernels inherit it
    folder = Path(tempfile.mkdtemp())  # the published helper, as the build runs it
    for name, data in published_helper(configured_project(ROOT)).items():
        (folder / name).write_bytes(data)
    os.environ["PYTHONPATH"] = str(folder)
    print("| notebook (one CPU core) | seconds |\n| --- | --- |")
    for path in sorted((ROOT / "docs" / "demos").glob("*.ipynb")):
        lang = path.name.split(".")[-2] if path.name.count(".") == 2 else LANGUAGES[0]
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.insert(0, nbformat.v4.new_code_cell(startup_code(lang)))
        client = NotebookClient(notebook, timeout=300, kernel_name="python3")
        print(f"| {path.name} | {timed(client.execute):.1f} |")
    print()
    if cores:
        os.sched_setaffinity(0, cores)


def checker(sizes: list[int]) -> None:
    """Print the checker's times on the real site and on generated sites, beside lychee."""
    rows = [
        ("check.py all on the real site", [sys.executable, "scripts/check.py", "all"]),
        ("check.py translations", [sys.executable, "scripts/check.py", "translations"]),
        ("check.py links", [sys.executable, "scripts/check.py", "links"]),
    ]
    print("| checker | seconds |\n| --- | --- |")
    for name, cmd in rows:
        print(f"| {name} | {timed(run, cmd):.2f} |")
    print(f"| lychee --offline --include-fragments | {timed(lychee, ROOT / 'site'):.2f} |")
    print()
    print("| pages per language | translations | links | lychee | links / lychee |")
    print("| --- | --- | --- | --- | --- |")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            site = generate(root, size)
            t_trans = timed(translations.check_all, root)
            ctx = links.Context(site, root, "/", check.site_url(root), list(LANGUAGES))
            t_links = timed(check_links, site, ctx)
            t_lychee = timed(lychee, site)
            print(
                f"| {size} | {t_trans:.2f} | {t_links:.2f} | {t_lychee:.2f} "
                f"| {t_links / t_lychee:.1f} |"
            )
    print()


def weight(site: Path, kinds: list[str], langs: list[str]) -> None:
    """Per page type: the bytes the budgets cover (glossary_site/budgets.py, uncompressed)
    and the bytes transferred on a first and a repeat visit."""
    from playwright.sync_api import sync_playwright

    print(
        "| page type | language | HTML KB | render-blocking CSS KB | script KB "
        "| first visit KB | repeat visit KB | requests |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
        )
        for kind, lang, path in pages(kinds, langs):
            measured = page_weight(site, path)
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            sizes: dict[str, float] = {}
            inline: set[str] = set()  # data: URLs (Material's icons) are not requests
            cdp.on(
                "Network.requestWillBeSent",
                lambda e, inline=inline: e["request"]["url"].startswith("data:")
                and inline.add(e["requestId"]),
            )
            cdp.on(
                "Network.loadingFinished",
                lambda e, sizes=sizes: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
            )
            figures = []
            for _ in range(2):
                sizes.clear()
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                network = [size for key, size in sizes.items() if key not in inline]
                figures.append((sum(network), len(network)))
            context.close()
            (first, count), (repeat, _) = figures
            print(
                f"| {kind} | {lang} | {measured.html / 1024:.0f} "
                f"| {measured.blocking_css / 1024:.0f} | {measured.script / 1024:.0f} "
                f"| {first / 1024:.0f} | {repeat / 1024:.0f} | {count} |"
            )
        browser.close()
    print()


def lighthouse_report(url: str, out: Path, *options: str) -> dict:
    """One Lighthouse run on Debian's Chromium, with no host but 127.0.0.1 reachable."""
    # Chromium's paint holding is off: in this headless setup it releases a new page's first
    # frame only on a one-second timer, so the first paint it reports comes 1 or 2 s after the
    # page has painted (seen on every page, even one without scripts), and Lighthouse then
    # counts everything loaded before that paint as blocking it.
    flags = (
        "--headless=new --no-sandbox --disable-features=PaintHolding "
        f"--host-resolver-rules='{ONLY_THIS_HOST}'"
    )
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
            *options,
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text())


def score(report: dict, category: str = "performance") -> int:
    """A Lighthouse report's score in `category`, from 0 to 100."""
    return round(100 * report["categories"][category]["score"])


def metric(report: dict, audit: str) -> float:
    """A metric of a Lighthouse report in milliseconds (total-blocking-time,
    largest-contentful-paint, ...)."""
    return float(report["audits"][audit]["numericValue"])


MOBILE_RUNS = 5  # Lighthouse's variability guide: report the median of several runs
CPU_SLOWDOWN = 4.0  # Lighthouse's default mobile profile
DEVTOOLS_RUNS = 3  # the runs with DevTools throttling, on the two worst pages


def median(values: list[float]) -> float:
    """The middle value (the upper one of an even count)."""
    return sorted(values)[len(values) // 2]


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    """The median of `values` and, if they differ, their range: "97 (95-99)"."""
    middle = fmt.format(median(values))
    low, high = fmt.format(min(values)), fmt.format(max(values))
    return middle if low == high else f"{middle} ({low}-{high})"


@dataclass
class Mobile:
    """The mobile runs of one page: score, metrics and the host's benchmarkIndex per run."""

    reports: list[dict]

    def median_score(self) -> float:
        """The median performance score."""
        return median([score(r) for r in self.reports])

    def columns(self) -> list[str]:
        """Score, total blocking time (ms), largest contentful paint (s), benchmarkIndex, each
        as the median and the range."""
        return [
            spread([score(r) for r in self.reports]),
            spread([metric(r, "total-blocking-time") for r in self.reports]),
            spread([metric(r, "largest-contentful-paint") / 1000 for r in self.reports], "{:.1f}"),
            spread([r["environment"]["benchmarkIndex"] for r in self.reports]),
        ]


def lighthouse(
    site: Path,
    kinds: list[str],
    langs: list[str],
    runs: int = MOBILE_RUNS,
    slowdown: float = CPU_SLOWDOWN,
) -> None:
    """Lighthouse per page type and language: the desktop preset (one run) and the default
    mobile profile (simulated slow 4G, 4x CPU slowdown, or `slowdown`x to stand in for a
    slower host; `runs` runs, median and range), with
    the host's benchmarkIndex of each run; then the two worst pages again with DevTools
    throttling (applied in the browser, not simulated), as a real phone would load them."""
    print(
        "| page type | language | desktop: performance | accessibility | best practices | SEO "
        f"| mobile: performance, median of {runs} (range) | total blocking time, ms "
        "| largest contentful paint, s | benchmarkIndex |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    measured: list[tuple[float, str, str, str]] = []
    with served(site) as base, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        for kind, lang, path in pages(kinds, langs):
            desktop = lighthouse_report(base + path, out, "--preset=desktop")
            cpu = f"--throttling.cpuSlowdownMultiplier={slowdown:g}"
            mobile = Mobile([lighthouse_report(base + path, out, cpu) for _ in range(runs)])
            measured.append((mobile.median_score(), kind, lang, path))
            columns = [str(score(desktop, c)) for c in CATEGORIES] + mobile.columns()
            print(f"| {kind} | {lang} | " + " | ".join(columns) + " |", flush=True)
        print()
        print(
            "| page type | language | mobile, DevTools throttling: performance, median of "
            f"{DEVTOOLS_RUNS} (range) | total blocking time, ms | largest contentful paint, s "
            "| benchmarkIndex |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for _, kind, lang, path in sorted(measured)[:2]:
            devtools = Mobile(
                [
                    lighthouse_report(base + path, out, "--throttling-method=devtools")
                    for _ in range(DEVTOOLS_RUNS)
                ]
            )
            print(f"| {kind} | {lang} | " + " | ".join(devtools.columns()) + " |", flush=True)
    print()


# What Chromium's DevTools count for one page load (Performance.getMetrics): the number of
# layouts and style recalculations is the same from load to load, where timings are noisy.
LOAD_METRICS = (
    "LayoutCount",
    "RecalcStyleCount",
    "LayoutDuration",
    "RecalcStyleDuration",
    "ScriptDuration",
    "TaskDuration",
)
LOAD_SETTLE_MS = 2500  # after the load event: the bundle mounts, the charts' script waits


def load_work(site: Path, kinds: list[str], langs: list[str], runs: int, slowdown: float) -> None:
    """The main-thread work of each page load in Debian's Chromium (a phone's viewport, the
    CPU slowed `slowdown` times): layouts, style recalculations, and the time in layout, style,
    script and all tasks, the median of `runs` loads (each in a fresh browser context). The
    counts are the steady signal for comparing two builds; the times move with the host."""
    from playwright.sync_api import sync_playwright

    flags = ["--headless=new", "--no-sandbox", f"--host-resolver-rules={ONLY_THIS_HOST}"]
    print(
        f"| page type | language | layouts | style recalculations | layout, ms | style, ms "
        f"| script, ms | all tasks, ms (CPU {slowdown:g}x slower, median of {runs} loads) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        for kind, lang, path in pages(kinds, langs):
            loads = []
            for _ in range(runs):
                context = browser.new_context(
                    viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True
                )
                page = context.new_page()
                devtools = context.new_cdp_session(page)
                devtools.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
                devtools.send("Performance.enable")
                page.goto(base + path)
                page.wait_for_timeout(LOAD_SETTLE_MS * slowdown / CPU_SLOWDOWN)
                values = {
                    metric["name"]: metric["value"]
                    for metric in devtools.send("Performance.getMetrics")["metrics"]
                }
                loads.append([values[name] for name in LOAD_METRICS])
                context.close()
            middle = [median(list(column)) for column in zip(*loads, strict=True)]
            counts = [f"{value:.0f}" for value in middle[:2]]
            times = [f"{1000 * value:.0f}" for value in middle[2:]]
            print(f"| {kind} | {lang} | " + " | ".join(counts + times) + " |", flush=True)
        browser.close()
    print()


@contextmanager
def busy(cores: int) -> Iterator[None]:
    """Keep `cores` CPU cores fully busy (one spinning process each) for the block: the busy
    host that the phone scores must also hold up on."""
    # Each spins until the block ends, or until this process is gone (killed, it cannot end
    # them: they see their parent change and stop).
    spin = f"import os\nwhile os.getppid() == {os.getpid()}: pass"
    spinners = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(cores)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def stock_build() -> None:
    """The yardstick: a stock Material build of the same docs/ (no i18n, no site plugin)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "mkdocs.yml"
        config.write_text(
            f"site_name: Stock\ndocs_dir: {ROOT / 'docs'}\nsite_dir: {Path(tmp) / 'site'}\n"
            "theme:\n  name: material\n  font: false\n",
            encoding="utf-8",
        )
        run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)])


def tiers() -> None:
    """make test-fast (as pytest runs it) against the yardstick, in the same run."""
    stock = median([timed(stock_build) for _ in range(3)])
    fast = timed(
        run,
        [
            *(sys.executable, "-m", "pytest", "-q", "-m", "not full", "-p", "no:cacheprovider"),
            # as make test-fast runs it
            *("--numprocesses=auto", "--dist=loadfile", "--no-loadscope-reorder"),
        ],
    )
    print("| tests | seconds | / stock Material build |\n| --- | --- | --- |")
    print(f"| stock Material build of docs/ (median of 3) | {stock:.1f} | 1x |")
    print(f"| make test-fast (pytest -m 'not full') | {fast:.1f} | {fast / stock:.0f}x |")
    print()


def project_copy(target: Path) -> Path:
    """The sources a build reads, copied to `target` with the caches (node_modules linked)."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "data", "i18n", ".cache"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def edit_loop(project: Path, lang: str, preview: bool, edits: int = 3) -> dict[str, float]:
    """`mkdocs serve` of `project` (a preview of `lang`, or every language); each of `edits`
    saves of a translated page in `lang`, timed until the served page shows it. Returns the
    median seconds to visible and per rebuild, and the notebooks executed by the saves."""
    import urllib.request

    page = sorted((project / "docs" / "glossary").glob(f"*.{lang}.md"))[0]
    url_path = f"{languages().prefix(lang)}glossary/{page.name.split('.')[0]}/"
    port = free_port()
    env = {key: value for key, value in ENV.items() if key != "BUILD_ONLY_LOCALE"}
    if preview:
        env["BUILD_ONLY_LOCALE"] = lang
    log = project / f"serve-{lang}-{preview}.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 900
        while "Serving on" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        started = len(log.read_text())
        visible = []
        original = page.read_text(encoding="utf-8")
        for number in range(1, edits + 1):
            time.sleep(2)
            marker = f"Edit{number}Marker{os.getpid()}"
            start = time.perf_counter()
            page.write_text(f"{original}\n{marker}\n", encoding="utf-8")
            while time.perf_counter() - start < 300:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{url_path}") as answer:
                    if marker in answer.read().decode("utf-8"):
                        visible.append(time.perf_counter() - start)
                        break
                time.sleep(0.05)
        page.write_text(original, encoding="utf-8")
        time.sleep(2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    after = log.read_text()[started:]
    rebuilds = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", after)]
    return {
        "visible": median(visible) if visible else float("nan"),
        "rebuild": median(rebuilds) if rebuilds else float("nan"),
        "executed": float(after.count("(execute=True)")),
    }


def editloop() -> None:
    """Save to visible in `mkdocs serve`, against the yardstick in the same run."""
    lang = LANGUAGES[1]
    stock = median([timed(stock_build) for _ in range(3)])
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp) / "project")
        loops = {
            f"preview (BUILD_ONLY_LOCALE={lang} make serve)": edit_loop(project, lang, True),
            "all languages (make serve)": edit_loop(project, lang, False),
        }
    print(
        "| edit loop | save to visible, s | rebuild, s | visible / stock build "
        "| notebooks run by the saves |\n| --- | --- | --- | --- | --- |"
    )
    print(f"| stock Material build of docs/ (median of 3) | {stock:.1f} | | 1x | |")
    for name, row in loops.items():
        print(
            f"| {name}, median of 3 saves | {row['visible']:.1f} | {row['rebuild']:.1f} "
            f"| {row['visible'] / stock:.1f}x | {row['executed']:.0f} |"
        )
    print()


PARTS = (
    "builds",
    "notebooks",
    "checker",
    "tiers",
    "editloop",
    "weight",
    "lighthouse",
    "loadwork",
)


def main(argv: list[str] | None = None) -> int:
    """Print the figures of the parts asked for (default: all)."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,1000", help="pages per language")
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated: {', '.join(PARTS)}"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="Lighthouse, page weight, load work: comma-separated page types, dashes for spaces "
        f"(default: all of {', '.join(k.replace(' ', '-') for k in PAGE_TYPES)})",
    )
    parser.add_argument(
        "--langs", default="", help=f"comma-separated languages (default: {','.join(LANGUAGES)})"
    )
    parser.add_argument(
        "--runs", type=int, default=MOBILE_RUNS, help="Lighthouse mobile runs; loads per page"
    )
    parser.add_argument(
        "--busy",
        type=int,
        default=0,
        metavar="CORES",
        help="Lighthouse on a busy host: keep this many CPU cores spinning during the runs",
    )
    parser.add_argument(
        "--slow-host",
        type=float,
        default=CPU_SLOWDOWN,
        metavar="SLOWDOWN",
        help="Lighthouse's mobile CPU slowdown (and load work's) instead of 4 (10 on a host at "
        "benchmarkIndex 2,500 stands in for one at 1,000)",
    )
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"--parts: unknown {', '.join(sorted(unknown))}")
    if args.slow_host <= 0 or args.busy < 0 or args.runs < 1:
        parser.error("--slow-host: a slowdown above 0; --busy: 0 or more cores; --runs: 1 or more")
    kinds = [k.replace("-", " ") for k in args.pages.split(",") if k]
    langs = [lang for lang in args.langs.split(",") if lang]
    try:
        pages(kinds, langs)
    except ValueError as error:
        parser.error(f"--pages/--langs: {error}")
    site = ROOT / "site"
    if "builds" in parts:
        builds()
    elif not (site / "index.html").is_file():
        run([sys.executable, "-m", "mkdocs", "build", "--strict"])
    if "notebooks" in parts:
        notebooks()
    if "checker" in parts:
        checker([int(s) for s in args.sizes.split(",")])
    if "tiers" in parts:
        tiers()
    if "editloop" in parts:
        editloop()
    if "weight" in parts:
        weight(site, kinds, langs)
    if "lighthouse" in parts:
        if args.busy:
            print(f"Host kept busy: {args.busy} CPU core(s) spinning during every run.\n")
        if args.slow_host != CPU_SLOWDOWN:
            factor = CPU_SLOWDOWN / args.slow_host
            print(
                f"CPU slowdown {args.slow_host:g}x instead of {CPU_SLOWDOWN:g}x: as on a host "
                f"{factor:.2f} times as fast (multiply the benchmarkIndex column by it).\n"
            )
        with busy(args.busy):
            lighthouse(site, kinds, langs, args.runs, args.slow_host)
    if "loadwork" in parts:
        load_work(site, kinds, langs, args.runs, args.slow_host)
    return 0
