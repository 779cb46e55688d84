"""Term data loading and checking, collation, and the search-index split, on small inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from glossary_site.data import DataError, collation_key, initial, load_all_terms, load_ui
from glossary_site.plugin import configured_project
from glossary_site.search import split_index

RULES = configured_project(ROOT).collation  # as mkdocs.yml sets them

EN = """\
alpha:
  name: Alpha
  definition: Alpha is the first.
  related: [beta]
beta:
  name: Beta
  synonyms: [B]
  definition: Beta is the second.
  related: []
"""
DE = """\
alpha:
  name: Alpha
  definition: Alpha ist das erste.
beta:
  name: Beta
  definition: Beta ist das zweite.
"""


def write(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return tmp_path


def error(tmp_path: Path) -> str:
    with pytest.raises(DataError) as info:
        load_all_terms(["en", "de"], tmp_path)
    return str(info.value).replace(str(tmp_path), "data")


def test_consistent_term_data_loads(tmp_path: Path) -> None:
    data = load_all_terms(["en", "de"], write(tmp_path, terms_yml=EN, terms_de_yml=DE))
    assert data["de"].terms["beta"].definition == "Beta ist das zweite."
    assert data["en"].terms["beta"].synonyms == ("B",)
    assert data["en"].terms["alpha"].related == ("beta",)
    assert data["en"].terms["beta"].line == 5


def test_unknown_related_term_is_reported_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, terms_yml=EN.replace("[beta]", "[gamma]"), terms_de_yml=DE)
    assert error(tmp_path) == (
        "data/terms.yml:1: error: term 'alpha' relates to unknown term 'gamma'; "
        "use one of: alpha, beta"
    )


def test_missing_translation_of_a_term_is_reported(tmp_path: Path) -> None:
    write(tmp_path, terms_yml=EN, terms_de_yml=DE.split("beta:")[0])
    assert error(tmp_path) == (
        "data/terms.de.yml:1: error: term 'beta' is missing in de; add it with name, "
        "synonyms and definition"
    )


def test_missing_definition_is_reported_with_its_line(tmp_path: Path) -> None:
    write(
        tmp_path, terms_yml=EN, terms_de_yml=DE.replace("  definition: Beta ist das zweite.\n", "")
    )
    assert error(tmp_path) == (
        "data/terms.de.yml:4: error: term 'beta' has no definition; add `definition:` in de"
    )


def test_orphan_term_in_a_translation_is_reported(tmp_path: Path) -> None:
    write(tmp_path, terms_yml=EN, terms_de_yml=DE + "gamma:\n  name: G\n  definition: G.\n")
    assert error(tmp_path) == (
        "data/terms.de.yml:7: error: term 'gamma' does not exist in data/terms.yml; "
        "remove it or add it there first"
    )


def test_related_terms_only_live_in_the_source(tmp_path: Path) -> None:
    write(
        tmp_path,
        terms_yml=EN,
        terms_de_yml=DE.replace("ist das erste.", "ist das erste.\n  related: []"),
    )
    assert error(tmp_path) == (
        "data/terms.de.yml:1: error: term 'alpha' sets `related`; it lives only in "
        "data/terms.yml: remove it here"
    )


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, terms_yml=EN, terms_de_yml=DE + "  - : [\n")
    assert error(tmp_path).startswith("data/terms.de.yml:7: error: not valid YAML")


def test_a_language_without_term_data_falls_back_to_english(tmp_path: Path) -> None:
    data = load_all_terms(["en", "de"], write(tmp_path, terms_yml=EN))
    assert data["de"].terms["alpha"].definition == "Alpha is the first."


def test_missing_ui_string_is_reported(tmp_path: Path) -> None:
    write(tmp_path, ui_yml="a: A\nb: B\n", ui_de_yml="a: Ä\n")
    with pytest.raises(DataError) as info:
        load_ui("de", tmp_path)
    assert str(info.value).replace(str(tmp_path), "data") == (
        "data/ui.de.yml:1: error: UI string 'b' is missing; add `b:` with the translation of: B"
    )


def test_german_sorting_files_umlauts_under_their_base_letter() -> None:
    words = ["Zebra", "Öl", "Ofen", "Ähre", "Affe", "Straße", "Strasse"]
    assert sorted(words, key=lambda w: collation_key(w, RULES["de"])) == [
        "Affe",
        "Ähre",
        "Ofen",
        "Öl",
        "Strasse",
        "Straße",
        "Zebra",
    ]
    assert initial("Ähre", RULES["de"]) == "A"


def test_spanish_sorting_puts_enye_after_n() -> None:
    words = ["ñu", "nube", "oso", "árbol", "codificador", "colapso"]
    assert sorted(words, key=lambda w: collation_key(w, RULES["es"])) == [
        "árbol",
        "codificador",
        "colapso",
        "nube",
        "ñu",
        "oso",
    ]
    assert initial("ñu", RULES["es"]) == "Ñ"
    assert initial("árbol", RULES["es"]) == "A"


def test_search_index_split_keeps_each_language_apart() -> None:
    index = {
        "config": {"lang": ["en"], "separator": "x"},
        "docs": [
            {"location": "", "title": "Home"},
            {"location": "glossary/a/#x", "title": "A"},
            {"location": "de/", "title": "Start"},
            {"location": "de/glossary/a/", "title": "A (de)"},
            {"location": "de/glossary/b/", "title": "B (English fallback)"},
            {"location": "es/", "title": "Inicio"},
        ],
    }
    split = split_index(index, LANGUAGES, "en", {"de/glossary/b/"})
    assert split["en"] == {
        "config": {"lang": ["en"], "separator": "x"},
        "docs": [{"location": "", "title": "Home"}, {"location": "glossary/a/#x", "title": "A"}],
    }
    assert split["de"]["config"]["lang"] == ["de"]
    assert split["de"]["docs"] == [
        {"location": "", "title": "Start"},
        {"location": "glossary/a/", "title": "A (de)"},
    ]
    assert split["es"]["docs"] == [{"location": "", "title": "Inicio"}]
