"""scripts/check.py links on the real built site and on copies with injected faults, compared
with lychee (offline, with fragments) on the same copies."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGS, LANGUAGES, ROOT, SITE_URL
from glossary_site import check

LYCHEE = Path(sys.executable).parent / "lychee"


def links(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = check.main(["links", "--site", str(site), "--format", "json", *args], root=ROOT)
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def env_site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", SITE_URL)


def test_the_real_site_has_no_broken_links(site: Path, capsys, env_site_url) -> None:
    code, data = links(site, capsys)
    assert data["findings"] == []
    assert code == 0
    table = data["summary"]["links"]["languages"]
    assert set(table) == set(LANGUAGES)
    assert all(row["links"] > 100 for row in table.values())


def test_the_checker_finds_nothing_on_the_real_site(site: Path, capsys, env_site_url) -> None:
    """What `make check` runs, on the site the tests read: every translation complete and
    every link working (`make test` runs the checker here, on the one build it makes); what
    a language in progress has left is a to-do list that does not fail."""
    code = check.main(["all", "--site", str(site)], root=ROOT)
    out = capsys.readouterr().out
    pending = ", ".join(sorted(LANGS.in_progress))
    todo = rf"; \d+ to do in {pending} \(in progress\)" if pending else ""
    assert re.fullmatch(f"all: no findings{todo}", out.rstrip().splitlines()[-1]), out
    assert code == 0


def inject(site: Path, page: str, old: str, new: str, count: int = 1) -> int:
    """Replace `old` by `new` in a built page; return the line of the first change."""
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert old in text, (page, old)
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


@pytest.fixture
def broken(site: Path, tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A copy of the built site with one fault of each kind."""
    copy = tmp_path / "glossary-site"  # the path of SITE_URL: lychee's --root-dir is its parent
    shutil.copytree(site, copy)
    lines = {
        "content": inject(
            copy, "de/glossary/latent-space/index.html", 'href="../gan/"', 'href="../gann/"'
        ),
        "fragment": inject(
            copy,
            "glossary/model-collapse/index.html",
            'href="../mode-collapse/"',
            'href="../mode-collapse/#no-such-id"',
        ),
        "image": inject(
            copy, "es/index.html", "</article>", '<img src="missing.png" alt="x"></article>'
        ),
        "nav": inject(
            copy, "glossary/gan/index.html", 'href="../embedding/"', 'href="../embeddings/"'
        ),
        "stylesheet": inject(
            copy,
            "de/glossary/index.html",
            "assets/stylesheets/site.css",
            "assets/stylesheets/gone.css",
        ),
        "hreflang": inject(
            copy,
            "es/glossary/embedding/index.html",
            f'hreflang="de" href="{SITE_URL}de/glossary/embedding/"',
            f'hreflang="de" href="{SITE_URL}de/glossary/embedings/"',
        ),
        "leak": inject(
            copy,
            "de/glossary/mode-collapse/index.html",
            '<a href="../gan/"',
            '<a href="../../../glossary/gan/"',
        ),
    }
    return copy, lines


def test_each_kind_of_fault_is_reported_with_its_source(broken, capsys, env_site_url) -> None:
    site, lines = broken
    code, data = links(site, capsys)
    assert code == 1
    found = {(f["kind"], f["path"], f["lang"]) for f in data["findings"]}
    built = "glossary-site/"
    # The injected target names exist in no source: these are reported in the built file.
    assert ("broken-link", f"{built}de/glossary/latent-space/index.html", "de") in found
    assert ("broken-link", f"{built}es/index.html", "es") in found
    assert ("broken-link", f"{built}glossary/gan/index.html", "en") in found
    assert ("broken-link", f"{built}de/glossary/index.html", "de") in found
    assert ("broken-link", f"{built}es/glossary/embedding/index.html", "es") in found
    # A link whose target is in the Markdown source is reported at its source line.
    assert ("missing-fragment", "docs/glossary/model-collapse.md", "en") in found
    assert ("language-leak", "docs/glossary/mode-collapse.de.md", "de") in found
    leak = next(f for f in data["findings"] if f["kind"] == "language-leak")
    assert leak["message"].startswith(
        "'../../../glossary/gan/' leads to the English page /glossary/gan/ although "
        "/de/glossary/gan/ exists (built: glossary-site/de/glossary/mode-collapse/index.html:"
    )
    source_line = leak["line"]
    text = (ROOT / "docs/glossary/mode-collapse.de.md").read_text().splitlines()
    assert "gan.md" in text[source_line - 1]


def lychee_failures(site: Path) -> set[tuple[str, int]]:
    result = subprocess.run(
        [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(site.parent),
            "--format",
            "json",
            "--no-progress",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(result.stdout)
    return {
        (str(Path(page).relative_to(site)), error["span"]["line"])
        for page, errors in data.get("error_map", {}).items()
        for error in errors
    }


def our_places(data: dict) -> set[tuple[str, int]]:
    places = set()
    for finding in data["findings"]:
        built = re.search(r"\(built: [^/]+/(\S+):(\d+)\)", finding["message"])
        if built:
            places.add((built[1], int(built[2])))
        else:
            places.add((finding["path"].split("/", 1)[1], finding["line"]))
    return places


def test_everything_lychee_finds_is_found_too(broken, capsys, env_site_url) -> None:
    site, _ = broken
    expected = lychee_failures(site)
    assert len(expected) >= 5  # lychee sees the injected faults (hreflang and leaks it cannot)
    _, data = links(site, capsys)
    assert expected <= our_places(data)


def test_lychee_and_the_checker_agree_the_real_site_is_clean(
    site, tmp_path, capsys, env_site_url
) -> None:
    copy = tmp_path / "glossary-site"
    shutil.copytree(site, copy)
    assert lychee_failures(copy) == set()
    assert links(copy, capsys)[1]["findings"] == []
