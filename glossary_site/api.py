"""The glossary as data for other sites and tools: /api/terms.json in every language
(/de/api/terms.json, ...), valid against schemas/terms.schema.json.

`<!-- terms-api-example -->` on a page becomes a ready-to-paste script, with the absolute URL of
the page language's file, that puts each definition on another site as a tooltip.

For every entry: its name, other names, the one-sentence definition as plain text and as
HTML (the first mention of another entry linked to it), its absolute URL, the related
entries, the URLs of the languages it is translated into, and the date its text last changed
(history.py). Entries come in the language's A-Z order. The files are written after every
language's pass, like the sitemap.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .credit import LICENSE_URL
from .data import Term, TermData, absolute_url, collation_key, load_all_terms, load_ui
from .languages import ROOT, i18n_plugin
from .project import Feature

PATH = "api/terms.json"
# The format's schema, part of this package's repository, published beside the files.
SCHEMA = ROOT / "schemas" / "terms.schema.json"
EXAMPLE = "<!-- terms-api-example -->"
SCRIPT = """\
```html
<p>The <span data-glossary="latent-space">latent space</span> of a VAE.</p>
<script>
fetch("{url}")
  .then((response) => response.json())
  .then(({{ terms }}) => {{
    const bySlug = new Map(terms.map((term) => [term.slug, term]));
    for (const element of document.querySelectorAll("[data-glossary]")) {{
      const term = bySlug.get(element.dataset.glossary);
      if (term) element.title = `${{term.name}}: ${{term.definition}}`;
    }}
  }});
</script>
```
"""
SCHEMA_VERSION = 1


def linked_definition(term: Term, terms: TermData, url_of: dict[str, str]) -> str:
    """The definition as HTML: escaped, with the first mention of each other entry (its name or
    another name, longest first, whole words) linked to that entry."""
    forms = sorted(
        (
            (form, other.slug)
            for other in terms.terms.values()
            if other.slug != term.slug
            for form in {other.name, other.name[:1].lower() + other.name[1:], *other.synonyms}
        ),
        key=lambda item: -len(item[0]),
    )
    text = term.definition
    taken: list[tuple[int, int, str]] = []
    linked: set[str] = set()
    for form, slug in forms:
        if slug in linked:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            start, end = match.span()
            if all(end <= a or start >= b for a, b, _ in taken):
                taken.append((start, end, slug))
                linked.add(slug)
                break
    out, at = [], 0
    for start, end, slug in sorted(taken):
        out.append(html.escape(text[at:start]))
        out.append(f'<a href="{html.escape(url_of[slug])}">{html.escape(text[start:end])}</a>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class TermsApi(Feature):
    """/api/terms.json per language."""

    def document(self, lang: str, config: MkDocsConfig) -> dict:
        """The terms.json of one language."""
        project = self.project
        all_terms = load_all_terms(project.langs.codes, project.data)
        terms, source = all_terms[lang], all_terms[project.default]

        def url(language: str, slug: str) -> str:
            return absolute_url(config, f"{project.langs.prefix(language)}glossary/{slug}/")

        url_of = {slug: url(lang, slug) for slug in terms.terms}
        rules = project.collation.get(lang)
        entries = []
        for term in sorted(terms.terms.values(), key=lambda t: collation_key(t.name, rules)):
            page = f"glossary/{term.slug}.md"
            entries.append(
                {
                    "slug": term.slug,
                    "name": term.name,
                    "synonyms": list(term.synonyms),
                    "definition": term.definition,
                    "definition_html": linked_definition(term, terms, url_of),
                    "url": url_of[term.slug],
                    "language": project.written_in(page, lang),
                    "related": [
                        {"slug": slug, "name": terms.terms[slug].name, "url": url_of[slug]}
                        for slug in source.terms[term.slug].related
                    ],
                    "translations": {
                        other: url(other, term.slug)
                        for other in project.langs.codes
                        if other != lang and project.written_in(page, other) == other
                    },
                    "last_changed": project.history.date_of(
                        project.source_of(page, lang)
                    ).isoformat(),
                }
            )
        ui = load_ui(lang, project.data, project.default)
        return {
            "version": SCHEMA_VERSION,
            "language": lang,
            "name": ui["glossary_set_name"],
            "url": absolute_url(config, f"{project.langs.prefix(lang)}glossary/"),
            "license": LICENSE_URL,
            "terms": entries,
        }

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if EXAMPLE not in markdown:
            return markdown
        prefix = self.project.langs.prefix(self.project.build_language(config))
        script = SCRIPT.format(url=absolute_url(config, prefix + PATH))
        return markdown.replace(EXAMPLE, script)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After every language's pass: one file per language built, and the schema."""
        plugin = i18n_plugin(config)
        if plugin is not None and plugin.building:
            return
        site = Path(config.site_dir)
        for lang in self.project.built_languages(config):
            target = site / self.project.langs.prefix(lang) / PATH
            target.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(self.document(lang, config), ensure_ascii=False, indent=1)
            target.write_text(text + "\n", encoding="utf-8")
        (site / "api").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCHEMA, site / "api" / SCHEMA.name)
