"""The glossary's content in every language not in progress: cited articles of some length, linked
both ways, with one definition of the effective rank and numbers in formulas that read right
everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FINISHED, ROOT
from glossary_site import skeleton as md
from glossary_site.data import load_all_terms

TERMS = load_all_terms(FINISHED)
SLUGS = sorted(TERMS["en"].terms)
GLOSSARY = ROOT / "docs" / "glossary"
MIN_WORDS = 400
# A primary source: an arXiv id, a DOI or an ACL Anthology id, as a link in the references.
SOURCE = re.compile(
    r"\]\((?:https://arxiv\.org/abs/\d{4}\.\d{4,5}|https://doi\.org/10\.\d{4,9}/\S+"
    r"|https://aclanthology\.org/[A-Z]\d{2}-\d{4}/?)\)"
)
REFERENCES = re.compile(r"^## .*\{ #references \}\s*$", re.MULTILINE)


def entry(slug: str, lang: str) -> Path:
    suffix = "" if lang == FINISHED[0] else f".{lang}"
    return GLOSSARY / f"{slug}{suffix}.md"


def article_and_references(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    found = REFERENCES.search(text)
    assert found, f"{path.relative_to(ROOT)}: no '## … {{ #references }}' section"
    return text[: found.start()], text[found.end() :]


def prose_words(markdown: str) -> int:
    """Words of running text: headings, paragraphs, list items and table cells, without code,
    formulas or link targets."""
    return sum(
        len(re.findall(r"\w+", md.INLINE_MATH.sub(" ", p.text)))
        for p in md.parse(markdown).prose
        if p.kind != "front-matter"
    )


@pytest.mark.parametrize("lang", FINISHED)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_entry_is_a_cited_article_in_every_language(slug: str, lang: str) -> None:
    """At least 400 words with the definition the build puts on top, references aside, and
    at least two primary sources by arXiv id, DOI or ACL Anthology id."""
    article, references = article_and_references(entry(slug, lang))
    definition = TERMS[lang].terms[slug].definition
    words = prose_words(article) + len(re.findall(r"\w+", definition))
    assert words >= MIN_WORDS, f"{slug} ({lang}): {words} words of prose, fewer than {MIN_WORDS}"
    sources = set(SOURCE.findall(references))
    assert len(sources) >= 2, f"{slug} ({lang}): {len(sources)} sources by arXiv id or DOI"


@pytest.mark.parametrize("slug", SLUGS)
def test_references_are_the_same_in_every_language(slug: str) -> None:
    """Bibliographic data is not translated: every language lists the same sources."""
    lists = {
        lang: sorted(SOURCE.findall(article_and_references(entry(slug, lang))[1]))
        for lang in FINISHED
    }
    assert all(found == lists[FINISHED[0]] for found in lists.values()), lists


def test_related_entries_link_both_ways() -> None:
    """Every entry names its related entries, and is named by at least one other entry's."""
    named = {slug for term in TERMS["en"].terms.values() for slug in term.related}
    assert set(SLUGS) - named == set()


@pytest.mark.parametrize("slug", SLUGS)
def test_each_entry_links_in_its_text_to_another_entry(slug: str) -> None:
    article, _ = article_and_references(entry(slug, FINISHED[0]))
    targets = set(re.findall(r"\]\(([a-z0-9-]+)\.md(?:#[^)]*)?\)", article)) - {slug}
    assert targets, f"{slug}: the text links to no other entry"


def test_numbers_in_formulas_are_grouped_with_a_thin_space() -> None:
    """`12{,}288` reads as twelve point 288 in German and Spanish (translator guide)."""
    grouped = re.compile(r"\d\{,\}\d{3}(?!\d)")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "docs").rglob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if grouped.search(line) and "`" not in line
    ]
    assert found == []


def test_one_definition_of_the_effective_rank() -> None:
    """Roy & Vetterli (2007) on the singular values of the centred embedding matrix: wherever
    an entry defines the effective rank, it says so, never on the covariance spectrum."""
    defining = []
    for path in sorted(GLOSSARY.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if r"\mathrm{erank}" in text:
            defining.append(path.name)
            assert re.search(r"p_k = \\frac\{\\sigma_k\}", text), path.name
            if path.suffixes == [".md"]:
                assert re.search(r"cent(?:red|ered) embedding matrix", text), path.name
    assert len(defining) >= len(FINISHED)
