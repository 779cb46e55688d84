"""/api/terms.json: the glossary as data for other sites, in every language, valid against
schemas/terms.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from test_build import is_draft

from conftest import LANGUAGES, PREFIX, ROOT, SITE_URL, Build, build_in_process, fixture_project
from glossary_site.api import linked_definition
from glossary_site.data import Term, TermData, load_all_terms

SCHEMA = json.loads((ROOT / "schemas" / "terms.schema.json").read_text(encoding="utf-8"))
URL = "https://example.org/fixture/"


@pytest.fixture(scope="module")
def api_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_in_process(fixture_project(tmp_path_factory.mktemp("api")))


def terms_json(build: Build, prefix: str) -> dict:
    return json.loads((build.site / prefix / "api/terms.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["", "de"])
def test_every_language_has_a_valid_terms_file(api_build: Build, prefix: str) -> None:
    assert api_build.returncode == 0, api_build.log
    data = terms_json(api_build, prefix)
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    assert [t["slug"] for t in data["terms"]] == ["alpha", "beta", "gamma"]


def test_an_entry_says_everything_another_site_needs(api_build: Build) -> None:
    german = terms_json(api_build, "de")
    assert german["url"] == f"{URL}de/glossary/"
    alpha = german["terms"][0]
    assert {k: v for k, v in alpha.items() if k != "last_changed"} == {
        "slug": "alpha",
        "name": "Alpha",
        "synonyms": [],
        "definition": "Alpha ist der erste Begriff des Testglossars.",
        "definition_html": "Alpha ist der erste Begriff des Testglossars.",
        "url": f"{URL}de/glossary/alpha/",
        "language": "de",
        "related": [{"slug": "beta", "name": "Beta", "url": f"{URL}de/glossary/beta/"}],
        "translations": {"en": f"{URL}glossary/alpha/"},
    }
    beta = german["terms"][1]  # no German page: shown in English, no German translation
    assert (beta["language"], beta["translations"]) == ("en", {"en": f"{URL}glossary/beta/"})
    english = {t["slug"]: t for t in terms_json(api_build, "")["terms"]}
    assert english["beta"]["translations"] == {}
    assert english["gamma"]["translations"] == {"de": f"{URL}de/glossary/gamma/"}


def test_the_first_mention_of_another_entry_is_linked() -> None:
    terms = TermData("en", Path("terms.yml"))
    for slug, name, synonyms, definition in [
        ("vae", "Variational autoencoder", ("VAE",), "A VAE <is> an autoencoder, an autoencoder."),
        ("autoencoder", "Autoencoder", (), "An autoencoder reconstructs."),
        ("elbo", "Evidence lower bound", ("ELBO",), "The ELBO bounds."),
    ]:
        terms.terms[slug] = Term(slug, name, definition, synonyms)
    urls = {slug: f"https://x.org/{slug}/" for slug in terms.terms}
    assert linked_definition(terms.terms["vae"], terms, urls) == (
        'A VAE &lt;is&gt; an <a href="https://x.org/autoencoder/">autoencoder</a>, an autoencoder.'
    )
    assert (
        linked_definition(terms.terms["autoencoder"], terms, urls) == "An autoencoder reconstructs."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_real_site_offers_every_entry_as_data(site: Path, lang: str) -> None:
    data = json.loads((site / PREFIX[lang] / "api/terms.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    terms = load_all_terms(LANGUAGES)[lang].terms
    assert sorted(t["slug"] for t in data["terms"]) == sorted(terms)
    for entry in data["terms"]:
        assert entry["definition"] == terms[entry["slug"]].definition
        assert entry["url"] == f"{SITE_URL}{PREFIX[lang]}glossary/{entry['slug']}/"
        page = f"glossary/{entry['slug']}/"
        published = {other for other in LANGUAGES if not is_draft(site, other, page)}
        assert set(entry["translations"]) == published - {lang}
        assert entry["language"] == (lang if lang in published else LANGUAGES[0])
    published = json.loads((site / "api/terms.schema.json").read_text(encoding="utf-8"))
    assert published == SCHEMA
