"""The diagram snippets on other sites, in Chromium, as each format's hosts render them: a plain
HTML page, a GitHub-style Markdown rendering (HTML allowed, inline styles removed) and a Sphinx
build (reStructuredText and MyST). At 360 px: no sideways scrolling, no distortion, and no
layout shift where the format can carry a size; in dark mode, the dark variant."""

from __future__ import annotations

import functools
import html
import http.server
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import SITE_URL, LikeGitHubPages, snippet_blocks, visit

NAME = "model-collapse-loop"
PHONE = {"width": 360, "height": 740}
TEXT = "<p>" + "Text after the picture, which moves if the picture takes space late. " * 6 + "</p>"
# GitHub's rules for images in rendered Markdown (github-markdown-css).
GITHUB_CSS = (
    ".markdown-body{box-sizing:border-box;min-width:200px;max-width:980px;margin:0 auto;"
    "padding:15px;font-family:sans-serif}.markdown-body img{max-width:100%;"
    "box-sizing:content-box}"
)
MEASURE = """() => new Promise((resolve) => {
  let shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  const images = [...document.images];
  Promise.all(images.map((i) => i.complete ? 0 : new Promise((r) => { i.onload = i.onerror = r; })))
    .then(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve({
      shift,
      scrollWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      images: images.map((i) => {
        const box = i.getBoundingClientRect();
        return { width: box.width, height: box.height, right: box.right,
                 naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
                 current: i.currentSrc };
      }),
    }))));
})"""


def snippets_of(site: Path) -> dict[str, str]:
    """The forms of the Embed control on the English gallery, for one diagram."""
    page = (site / "diagrams/index.html").read_text(encoding="utf-8")
    start = page.index(f'id="diagram-{NAME}"')
    block = page[start : page.index("</details>", start)]
    return snippet_blocks(block)


class SlowPictures(LikeGitHubPages):
    """Serves pictures after a pause, as a slow network does: a page that does not keep their
    space shifts when they arrive."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path.endswith((".svg", ".png")):
            time.sleep(0.4)
        super().do_GET()


def serve_slowly(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SlowPictures, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pictures(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site's diagrams, served slowly at the path of site_url."""
    folder = tmp_path_factory.mktemp("slow")
    (folder / SITE_URL.split("/", 3)[3].strip("/")).symlink_to(site)
    server = serve_slowly(folder)
    yield next(server) + SITE_URL.split("/", 3)[3]
    next(server, None)


@pytest.fixture(scope="module")
def hosts(site: Path, pictures: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Pages of another origin that embed the snippets: plain HTML, GitHub-style Markdown, and
    a Sphinx build with a reStructuredText and a MyST page."""
    forms = {label: code.replace(SITE_URL, pictures) for label, code in snippets_of(site).items()}
    root = tmp_path_factory.mktemp("hosts")
    head = (
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        '<link rel="icon" href="data:,">'
    )
    (root / "html").mkdir()
    (root / "html/index.html").write_text(
        f"<!doctype html><html lang='en'><head>{head}<title>HTML</title></head>"
        f"<body>{forms['HTML']}{TEXT}</body></html>",
        encoding="utf-8",
    )
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(forms["Markdown"])
    rendered = re.sub(r'\sstyle="[^"]*"', "", rendered)  # GitHub's sanitizer removes styles
    (root / "github").mkdir()
    (root / "github/index.html").write_text(
        f"<!doctype html><html lang='en'><head>{head}<title>GitHub</title>"
        f"<style>{GITHUB_CSS}</style></head><body><article class='markdown-body'>"
        f"{rendered}{TEXT}</article></body></html>",
        encoding="utf-8",
    )
    sphinx = root / "sphinx-source"
    sphinx.mkdir()
    (sphinx / "conf.py").write_text('project = "Host"\nextensions = ["myst_parser"]\n')
    (sphinx / "index.rst").write_text(
        "Host\n====\n\n" + forms["reStructuredText"] + "\n\n" + html.unescape(TEXT)[3:-4]
        + "\n\n.. toctree::\n\n   myst\n"
    )  # fmt: skip
    (sphinx / "myst.md").write_text("# MyST\n\n" + forms["MyST"] + "\n\n" + TEXT[3:-4] + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(sphinx), str(root / "sphinx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (root / "favicon.ico").write_bytes(b"")  # Chromium asks for it on pages without an icon
    server = serve_slowly(root)
    base = next(server)
    yield {
        "HTML": f"{base}html/",
        "Markdown": f"{base}github/",
        "reStructuredText": f"{base}sphinx/index.html",
        "MyST": f"{base}sphinx/myst.html",
    }
    next(server, None)


@pytest.mark.parametrize("form", ["HTML", "Markdown", "reStructuredText", "MyST"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_snippet_fits_a_phone_keeps_its_shape_and_follows_the_colour_scheme(
    browser, hosts: dict, form: str, scheme: str
) -> None:
    seen = visit(browser, viewport=PHONE, color_scheme=scheme)
    seen.page.goto(hosts[form])
    found = seen.page.evaluate(MEASURE)
    seen.close()
    assert found["scrollWidth"] <= found["viewport"], f"{form}: the page scrolls sideways"
    (image,) = found["images"]
    assert image["naturalWidth"] > 0, f"{form}: the picture did not load"
    assert image["right"] <= found["viewport"]
    ratio = image["naturalWidth"] / image["naturalHeight"]
    assert abs(image["width"] / image["height"] - ratio) < 0.01, f"{form}: distorted"
    suffix = ".en.dark.svg" if scheme == "dark" else ".en.svg"
    assert image["current"].endswith(f"{NAME}{suffix}"), image["current"]
    if form != "Markdown":  # Markdown hosts drop styles: the snippet's note says so
        assert found["shift"] == 0, f"{form}: the page shifts by {found['shift']:.3f}"
