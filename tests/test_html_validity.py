"""The Nu HTML Checker (npm vnu-jar, run with Java) on every HTML page of the built site:
no errors, except the filters below, each for markup the site does not write itself."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# (message pattern, page pattern, why it is accepted)
FILTERS = [
    (
        r"Attribute “autocomplete” is only allowed when the input type is",
        r".*",
        'Material for MkDocs puts autocomplete="off" on its hidden checkbox and radio toggles '
        "(drawer, search, palette) on purpose: it stops Firefox from restoring their state when "
        "the reader navigates back. Browsers honour it; the HTML specification does not list it "
        "for these input types.",
    ),
    (
        r"Attribute “main” not allowed on element “link” at this point",
        r"lite/.*",
        "JupyterLite's own app pages (/lite/) mark the bundle to load with a `main` attribute "
        "that its loader (config-utils.js) reads; the site publishes JupyterLite unchanged.",
    ),
]


def accepted(message: dict, page: str) -> bool:
    return any(
        re.search(pattern, message["message"]) and re.fullmatch(where, page)
        for pattern, where, _ in FILTERS
    )


def page_of(url: str, site: Path) -> str:
    """The site-relative path of a checked file (vnu reports file:/abs/path URLs)."""
    path = Path("/" + url.split(":", 1)[1].lstrip("/"))
    return path.relative_to(site.resolve()).as_posix()


def test_every_page_is_valid_html(site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is needed for the HTML checker: run `apt-get install -y default-jre-headless`"
        )
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci` (or `make install`)"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = []
    for message in messages:
        page = page_of(message["url"], site)
        if message["type"] == "error" and not accepted(message, page):
            errors.append(f"{page}:{message.get('lastLine', 0)}: {message['message']}")
    assert errors == []
    # Every filter is still needed: drop one as soon as the markup it excuses is gone.
    for pattern, where, _ in FILTERS:
        assert any(
            re.search(pattern, m["message"]) and re.fullmatch(where, page_of(m["url"], site))
            for m in messages
        ), pattern
