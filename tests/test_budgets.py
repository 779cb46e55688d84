"""Byte budgets per page type: HTML, render-blocking CSS and the script a page runs before a
reader can use it, measured on small trees and held on the real site in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, PREFIX, ROOT
from glossary_site.budgets import BUDGETS, PAGE_TYPES, Weight, budgets, over_budget, pages, weight
from glossary_site.data import read_yaml

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../assets/main.css">
<link rel="stylesheet" href="../assets/print.css" media="print">
<noscript><link rel="stylesheet" href="../assets/noscript.css"><style>p{x:y}</style></noscript>
<style>a{b:c}</style>
<script type="application/ld+json">{"@type": "DefinedTerm"}</script>
<script>var x=1</script>
</head><body><p>Text</p>
<link rel="preload" as="script" href="../assets/bundle.js">
<script data-src="../assets/bundle.js"></script>
<script src="/assets/site.js"></script>
</body></html>"""


def tree(root: Path) -> Path:
    site = root / "site"
    (site / "assets").mkdir(parents=True)
    (site / "page").mkdir()
    (site / "page/index.html").write_text(PAGE, encoding="utf-8")
    for name, size in [
        ("main.css", 3000),
        ("print.css", 500),
        ("noscript.css", 700),
        ("bundle.js", 2048),
        ("site.js", 100),
    ]:
        (site / "assets" / name).write_bytes(b"x" * size)
    return site


def test_a_page_weighs_its_html_blocking_styles_and_scripts(tmp_path: Path) -> None:
    site = tree(tmp_path)
    assert weight(site, "page/") == Weight(
        html=len(PAGE.encode()),
        blocking_css=3000 + len("a{b:c}"),
        script=2048 + 100 + len("var x=1"),
    )


def test_a_page_over_its_budget_is_named_with_the_measure_and_the_budget(
    tmp_path: Path,
) -> None:
    site = tree(tmp_path)
    limits = tmp_path / "budgets.yml"
    html_kb = len(PAGE.encode()) / 1024
    small = {"entry": "{html: 0.3, blocking_css: 2.5, script: 2.2}"}
    limits.write_text(
        "".join(
            f"{kind}: {small.get(kind, '{html: 100, blocking_css: 100, script: 100}')}\n"
            for kind in PAGE_TYPES
        ),
        encoding="utf-8",
    )
    assert over_budget(site, [("entry", "de", "page/")], limits) == [
        f"/page/ (entry, de): HTML is {html_kb:.1f} KB, over the entry budget of 0.3 KB in "
        f"{limits}; make the page lighter, or raise the budget with the measurement that "
        "justifies it",
        "/page/ (entry, de): render-blocking CSS is 2.9 KB, over the entry budget of 2.5 KB in "
        f"{limits}; make the page lighter, or raise the budget with the measurement that "
        "justifies it",
    ]


def test_a_page_type_without_a_budget_is_an_error(tmp_path: Path) -> None:
    limits = tmp_path / "budgets.yml"
    limits.write_text("home: {html: 1, blocking_css: 1, script: 1}\n", encoding="utf-8")
    messages = over_budget(tree(tmp_path), [], limits)
    assert len(messages) == len(PAGE_TYPES) - 1
    assert messages[0] == (
        f"{limits}: error: no budget for the page type 'glossary index'; add one (kilobytes "
        "of html, blocking_css and script)"
    )


def test_the_budgets_cover_exactly_the_measured_page_types() -> None:
    assert list(read_yaml(BUDGETS)) == list(PAGE_TYPES)
    assert all(limit.html > 0 for limit in budgets().values())


def test_the_measured_pages_can_be_narrowed_by_type_and_language() -> None:
    assert len(pages()) == len(PAGE_TYPES) * len(LANGUAGES)
    other = LANGUAGES[1]
    assert pages(["short entry"], [other]) == [
        ("short entry", other, PREFIX[other] + PAGE_TYPES["short entry"])
    ]


def test_an_unknown_page_type_or_language_is_named_with_the_known_ones() -> None:
    with pytest.raises(ValueError) as info:
        pages(["entry", "faq"], ["xx"])
    assert str(info.value) == f"unknown page type faq (one of: {', '.join(PAGE_TYPES)})"
    with pytest.raises(ValueError) as info:
        pages(None, ["xx"])
    assert str(info.value) == f"unknown language xx (one of: {', '.join(LANGUAGES)})"


def test_every_page_type_is_within_its_budget_in_every_language(site: Path) -> None:
    for _, _, page in pages():
        assert (site / page / "index.html").is_file(), page
    assert over_budget(site) == []
    assert ROOT / "data" / "budgets.yml" == BUDGETS
