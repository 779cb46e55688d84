"""Drive glossary pages from the term data in data/terms*.yml.

For every glossary entry it checks that the H1 is the term's name, inserts the one-sentence
definition after it, lists the related terms, sets the page description and adds schema.org
DefinedTerm JSON-LD. It fills the A-Z index of glossary/index.md and adds hover tooltips
(abbreviations) for term mentions on every page, in the page's language.
"""

from __future__ import annotations

import json
import re
from itertools import groupby
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .data import (
    DataError,
    Term,
    TermData,
    absolute_url,
    collation_key,
    initial,
    load_all_terms,
    load_ui,
    related,
)
from .project import Feature, Project

INDEX_MARKER = "<!-- glossary-index -->"
ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
ENTRY = re.compile(r"^glossary/(?P<slug>[a-z0-9-]+)(?:\.[a-z]{2,3})?\.md$")
H1 = re.compile(r"^# +(?P<title>.+?)\s*(\{[^}]*\})?\s*$")
REFERENCES = re.compile(r"^## .*\{ *#references *\}\s*$", re.MULTILINE)


def _jsonld(data: dict) -> str:
    # "</" must not close the surrounding <script> element.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def entry_of(page: Page) -> str | None:
    """The slug of the glossary entry a page shows (in any language), else None (the A-Z index
    and every other page)."""
    match = ENTRY.match(getattr(page.file, "norm_src_uri", page.file.src_uri))
    return match["slug"] if match and match["slug"] != "index" else None


def first_mentions_only(html: str) -> str:
    """Keep the tooltip on the first mention of each term after the title; others stay text."""
    title, sep, body = html.partition("</h1>")
    if sep:
        html = ABBR.sub(lambda m: m["text"], title) + sep + body
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match["title"] in seen:
            return match["text"]
        seen.add(match["title"])
        return match[0]

    return ABBR.sub(keep_first, html)


class Terms(Feature):
    """Glossary entries, the A-Z index, JSON-LD and tooltips from the term data."""

    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self.terms: dict[str, TermData] = {}
        self.ui: dict[str, dict[str, str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = self.project
        try:
            self.terms = load_all_terms(project.langs.codes, project.data)
            self.ui = {
                lang: load_ui(lang, project.data, project.default) for lang in project.langs.codes
            }
        except DataError as exc:
            raise PluginError(str(exc)) from None
        return config

    def entry_slug(self, page: Page) -> str | None:
        """The term slug of a glossary entry page, else None."""
        slug = entry_of(page)
        return slug if slug in self.terms[self.project.default].terms else None

    def _sorted(self, lang: str) -> list[Term]:
        rules = self.project.collation.get(lang)
        return sorted(self.terms[lang].terms.values(), key=lambda t: collation_key(t.name, rules))

    def _glossary_url(self, config: MkDocsConfig, lang: str) -> str:
        return absolute_url(config, f"{self.project.langs.prefix(lang)}glossary/")

    def term_jsonld(self, config: MkDocsConfig, page: Page, term: Term, lang: str) -> str:
        """schema.org DefinedTerm of an entry."""
        data = {
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "@id": absolute_url(config, page.url),
            "url": absolute_url(config, page.url),
            "name": term.name,
            "description": term.definition,
            "inLanguage": lang,
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "@id": self._glossary_url(config, lang),
                "name": self.ui[lang]["glossary_set_name"],
            },
        }
        if term.synonyms:
            data["alternateName"] = list(term.synonyms)
        return _jsonld(data)

    def set_jsonld(self, config: MkDocsConfig, page: Page, lang: str) -> str:
        """schema.org DefinedTermSet of the glossary index."""
        base = page.url.rsplit("glossary/", 1)[0]
        return _jsonld(
            {
                "@context": "https://schema.org",
                "@type": "DefinedTermSet",
                "@id": self._glossary_url(config, lang),
                "name": self.ui[lang]["glossary_set_name"],
                "inLanguage": lang,
                "hasDefinedTerm": [
                    {
                        "@type": "DefinedTerm",
                        "name": t.name,
                        "description": t.definition,
                        "url": absolute_url(config, f"{base}glossary/{t.slug}/"),
                    }
                    for t in self._sorted(lang)
                ],
            }
        )

    def index_markdown(self, lang: str) -> str:
        """The A-Z list of every term with its definition, sorted by the language's rules."""
        rules = self.project.collation.get(lang)
        out: list[str] = []
        for letter, group in groupby(self._sorted(lang), key=lambda t: initial(t.name, rules)):
            out.append(f'## {letter} {{ #letter-{letter.lower()} data-toc-label="{letter}" }}\n')
            for term in group:
                out.append(f"[{term.name}]({term.slug}.md)\n:   {term.definition}\n")
        return "\n".join(out)

    def abbreviations(self, lang: str, skip: str | None, text: str | None = None) -> str:
        """Markdown abbreviation definitions: Material shows them as tooltips. With `text`, only
        the terms it mentions (the others would only slow down rendering it)."""
        lines = []
        for term in self.terms[lang].terms.values():
            if term.slug == skip:
                continue
            forms = {term.name, term.name[:1].lower() + term.name[1:], *term.synonyms}
            for form in sorted(forms):
                if text is not None and form not in text:
                    continue
                title = term.definition.replace("]", ")")
                lines.append(f"*[{form}]: {title}")
        # One block each: Python-Markdown tests every block processor on what is left of a
        # block after each definition, which grows quadratically with one block of many.
        return "\n\n".join(lines)

    def _insert_entry_parts(self, markdown: str, page: Page, term: Term, lang: str) -> str:
        lines = markdown.split("\n")
        found = next(((n, m) for n, line in enumerate(lines) if (m := H1.match(line))), None)
        if found is None:
            raise PluginError(
                f"docs/{page.file.src_uri}:1: error: the entry has no '# ' title; start it with "
                f"'# {term.name}'"
            )
        number, match = found
        # Line numbers in messages count in the file, front matter included.
        path = page.file.abs_src_path
        raw = Path(path).read_text(encoding="utf-8") if path else ""
        line = number + max(0, len(raw.splitlines()) - len(lines))
        if match["title"] != term.name:
            raise PluginError(
                f"docs/{page.file.src_uri}:{line + 1}: error: the title '{match['title']}' is "
                f"not the term name '{term.name}' of data/{self.terms[lang].path.name}:"
                f"{term.line}; make them equal"
            )
        lines[number + 1 : number + 1] = ["", term.definition, "{ .definition }", ""]
        body = "\n".join(lines)
        ui = self.ui[lang]
        demo = self.terms[self.project.default].terms[term.slug].demo
        if demo:
            box = f'!!! example demo "{ui["demo_title"]}"\n\n    [{ui["demo_text"]}](../{demo}).\n'
            refs = REFERENCES.search(body)
            at = refs.start() if refs else len(body)
            body = f"{body[:at].rstrip()}\n\n{box}\n{body[at:]}"
        items = [f"- [{t.name}]({t.slug}.md)" for t in related(self.terms, lang, term.slug)]
        if items:
            section = f"## {ui['related_terms']} {{ #related-terms }}\n\n" + "\n".join(items)
            refs = REFERENCES.search(body)
            if refs:
                body = f"{body[: refs.start()]}{section}\n\n{body[refs.start() :]}"
            else:
                body = f"{body.rstrip()}\n\n{section}\n"
        return body

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        lang = self.project.content_language(page)
        slug = self.entry_slug(page)
        if slug:
            term = self.terms[lang].terms[slug]
            markdown = self._insert_entry_parts(markdown, page, term, lang)
            page.meta["description"] = term.definition
            page.meta["jsonld"] = self.term_jsonld(config, page, term, lang)
        if INDEX_MARKER in markdown:
            markdown = markdown.replace(INDEX_MARKER, self.index_markdown(lang))
            page.meta["jsonld"] = self.set_jsonld(config, page, lang)
            return markdown  # the index already shows every definition: no tooltips there
        if page.meta.get("tooltips", True):
            markdown = f"{markdown.rstrip()}\n\n{self.abbreviations(lang, slug, markdown)}\n"
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return with_demo_chart(first_mentions_only(html))


DEMO_BOX = re.compile(
    r'(<div class="admonition example demo">\s*<p class="admonition-title">.*?</p>\s*'
    r'<p><a href="(?P<href>[^"]+)">.*?</p>)',
    re.S,
)


def with_demo_chart(html: str) -> str:
    """The demo box of an entry shows the notebook's interactive chart (the spec the notebook
    page publishes as interactive.json), so the reader can play with it right there."""
    return DEMO_BOX.sub(
        lambda m: f'{m[1]}\n<div class="vega-chart" role="figure" '
        f'data-src="{m["href"]}interactive.json"></div>',
        html,
    )
