"""The built site in Debian's Chromium: search per language, language switcher, tooltips.

Any request to a host other than 127.0.0.1 fails the test (Chromium cannot resolve one), and
so does any console error. Playwright drives /usr/bin/chromium; its own browser download is
never used.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (or `make test`)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()
    foreign: list[str] = []
    errors: list[str] = []

    def watch(request: object) -> None:
        if urlparse(request.url).hostname not in ("127.0.0.1", "localhost"):
            foreign.append(request.url)

    # Chromium's host resolver (FLAGS) already stops other hosts; every request is still
    # recorded, the search worker's included (routing would break that worker).
    context.on("request", watch)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"console errors: {errors}"


# Inflected forms: found only through the language's stemmer.
SEARCHES = {
    "en": ("/", "generations"),
    "de": ("/de/", "Verteilungen"),
    "es": ("/es/", "distribuciones"),
}


@pytest.mark.parametrize("lang", ["en", "de", "es"])
def test_search_finds_only_pages_of_the_readers_language(page, base_url: str, lang: str) -> None:
    home, query = SEARCHES[lang]
    # networkidle: the search worker has loaded the index and the language's stemmer.
    page.goto(base_url + home.lstrip("/"), wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = [urlparse(h).path for h in results.evaluate_all("els => els.map(e => e.href)")]
    assert hrefs
    for href in hrefs:
        if lang == "en":
            assert not href.startswith(("/de/", "/es/")), href
        else:
            assert href.startswith(home), href
    assert any("/glossary/model-collapse/" in h for h in hrefs)


def test_language_switcher_keeps_the_reader_on_the_same_entry(page, base_url: str) -> None:
    page.goto(base_url + "glossary/model-collapse/")
    for lang, name in (("de", "Deutsch"), ("es", "Español"), ("en", "English")):
        page.locator(".md-header__option .md-select").first.hover()
        page.get_by_role("link", name=name).click()
        page.wait_for_load_state()
        expected = "" if lang == "en" else f"{lang}/"
        assert page.url == f"{base_url}{expected}glossary/model-collapse/"
        assert page.locator("html").get_attribute("lang") == lang


def test_hovering_a_term_shows_its_definition(page, base_url: str) -> None:
    page.goto(base_url + "de/")
    term = page.locator("article abbr").first
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Modell").first
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "ist" in tooltip.inner_text()


def test_math_is_rendered(page, base_url: str) -> None:
    page.goto(base_url + "es/glossary/model-collapse/")
    page.locator(".arithmatex .katex").first.wait_for(timeout=5_000)
    assert page.locator(".arithmatex .katex-error").count() == 0


def test_another_site_can_embed_every_diagram_by_url(page, base_url: str, tmp_path: Path) -> None:
    """A page on a different origin (a second server) embeds each SVG and PNG by its URL."""
    import io

    from PIL import Image

    sys.path.insert(0, str(ROOT / "scripts"))
    import diagrams

    urls = [
        f"{base_url}diagrams/{name}.{lang}.{fmt}"
        for name in diagrams.NAMES
        for lang in ("en", "de", "es")
        for fmt in ("svg", "png")
    ]
    images = "\n".join(f'<img src="{url}" alt="" width="400">' for url in urls)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Embed</title><link rel="icon" href="data:,">'
        f"<body>{images}</body></html>"
    )
    outside = serve(tmp_path)
    other_origin = next(outside)
    try:
        assert other_origin != base_url
        page.goto(other_origin, wait_until="networkidle")
        for index, url in enumerate(urls):
            image = page.locator("img").nth(index)
            width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
            assert width > 0, url
            shot = Image.open(io.BytesIO(image.screenshot())).convert("L")
            low, high = shot.getextrema()
            assert high - low > 100, f"{url} renders blank"
            assert len(shot.getcolors(maxcolors=256) or range(257)) > 8, (
                f"{url} renders as a flat picture"
            )
    finally:
        next(outside, None)
