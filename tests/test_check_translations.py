"""scripts/check.py translations and scripts/mark_synced.py on small project trees."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from glossary_site import check, translations
from glossary_site import sync as mark_synced

MKDOCS = """\
site_name: T
site_description: A test site.
copyright: Text CC BY 4.0
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
theme:
  name: material
  palette:
    - toggle: {name: Dark}
plugins:
  - search
  - i18n:
      languages:
        - locale: en
          default: true
          name: English
        - locale: de
          name: Deutsch
          site_name: T (de)
          site_description: Eine Testseite.
          copyright: Texte CC BY 4.0
          nav_translations: {Guide: Anleitung}
          admonition_translations: {note: Hinweis}
          theme:
            palette:
              - toggle: {name: Dunkel}
nav:
  - index.md
  - Guide:
      - page.md
"""
TERMBASE = """\
terms:
  - {en: latent space, de: latenter Raum, es: espacio latente}
  - {en: mode collapse, de: Moduskollaps, es: colapso de modos,
     avoid: {de: [Modenkollaps]}}
  - {en: posterior collapse, de: Posterior-Kollaps, es: colapso del posterior}
keep: [GAN, KL annealing]
"""
PAGE = """\
# Latent space

A latent space is where a model keeps its codes, as Kingma & Welling (2014) describe.

## How it is used { #usage }

The encoder maps $x$ to $z$ and the [decoder](other.md#decoding) maps it back.

!!! note "Tip"
    Interpolate with slerp.

```python
z = encoder(x)
```

$$
z = f(x)
$$

| a | b |
| --- | --- |
| one | two |

<!-- diagram: demo -->
"""
PAGE_DE = """\
# Latenter Raum

Ein latenter Raum ist der Ort, an dem ein Modell seine Codes ablegt, wie Kingma & Welling (2014)
beschreiben.

## Wie er genutzt wird { #usage }

Der Encoder bildet $x$ auf $z$ ab und der [Decoder](other.md#decoding) bildet ihn zurück ab.

!!! note "Tipp"
    Interpolieren Sie mit slerp.

```python
z = encoder(x)
```

$$
z = f(x)
$$

| a | b |
| --- | --- |
| eins | zwei |

<!-- diagram: demo -->
"""


def project(tmp_path: Path, **files: str) -> Path:
    base = {
        "mkdocs.yml": MKDOCS,
        "data/termbase.yml": TERMBASE,
        "docs/index.md": "# Home\n\nWelcome to the site about latent spaces.\n",
        "docs/index.de.md": "# Start\n\nWillkommen auf der Website über latente Räume.\n",
        "docs/page.md": PAGE,
        "docs/page.de.md": PAGE_DE,
    }
    base.update(
        {name.replace("__", "/").replace("_dot_", "."): text for name, text in files.items()}
    )
    for name, text in base.items():
        if text is None:
            continue
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert mark_synced.main(["--all"], root=tmp_path) == 0
    return tmp_path


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = check.main(["translations", *args], root=root)
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if ": error: " in line]


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_complete_translation_has_no_findings(tmp_path, capsys) -> None:
    root = project(tmp_path)
    assert check.main(["translations"], root=root) == 0
    out = capsys.readouterr().out
    assert "no findings" in out
    assert "de        2      2         0           0         0" in out


def test_missing_translation(tmp_path, capsys) -> None:
    root = project(tmp_path)
    (root / "docs/page.de.md").unlink()
    assert run(root, capsys) == (
        1,
        [
            "docs/page.md:1: error: missing: no de translation; create docs/page.de.md "
            "(python scripts/scaffold.py docs/page.md de)"
        ],
    )


def test_orphan_translation(tmp_path, capsys) -> None:
    root = project(tmp_path)
    (root / "docs/old.de.md").write_text("# Alt\n\nEine verwaiste Seite ohne Quelle.\n")
    assert run(root, capsys)[1] == [
        "docs/old.de.md:1: error: orphan: its source docs/old.md does not exist; remove it or "
        "restore the source"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{ #usage }",
            "{ #nutzung }",
            "docs/page.de.md:10: error: structure: heading #2 is 'h2 #nutzung', the source has "
            "'h2 #usage'; keep the level and { #id }",
        ),
        (
            "other.md#decoding",
            "other.md#dekodierung",
            "docs/page.de.md:12: error: structure: link #1 is 'other.md#dekodierung', the source "
            "has 'other.md#decoding'; link the same targets",
        ),
        (
            "z = encoder(x)",
            "z = kodierer(x)",
            "docs/page.de.md:17: error: structure: code block #1 is 'z = kodierer(x)', the "
            "source has 'z = encoder(x)'; copy code unchanged",
        ),
        (
            "z = f(x)\n$$",
            "z = g(x)\n$$",
            "docs/page.de.md:21: error: structure: math block #1 is 'z = g(x)', the source has "
            "'z = f(x)'; copy math unchanged",
        ),
        (
            '!!! note "Tipp"',
            '!!! tip "Tipp"',
            "docs/page.de.md:14: error: structure: admonition #1 is 'tip', the source has 'note'; "
            "keep the same type",
        ),
        (
            "| a | b |\n| --- | --- |\n| eins | zwei |",
            "| a |\n| --- |\n| eins |",
            "docs/page.de.md:25: error: structure: table #1 is '1 columns', the source has "
            "'2 columns'; keep the same columns",
        ),
        (
            "$x$ auf $z$",
            "$x$ auf $y$",
            "docs/page.de.md:12: error: structure: inline formula #2 is 'y', the source has 'z'; "
            "copy math unchanged",
        ),
        (
            "<!-- diagram: demo -->",
            "<!-- diagram: other -->",
            "docs/page.de.md:29: error: structure: build marker #1 is 'diagram: other', the source "
            "has 'diagram: demo'; copy the <!-- … --> marker",
        ),
        (
            "\n<!-- diagram: demo -->",
            "",
            "docs/page.de.md:29: error: structure: build marker 'diagram: demo' (source line 24) "
            "is missing here; copy the <!-- … --> marker",
        ),
    ],
)
def test_structure_drift(tmp_path, capsys, old: str, new: str, message: str) -> None:
    root = project(tmp_path)
    edit(root, "docs/page.de.md", old, new)
    assert run(root, capsys) == (1, [message])


def test_digit_grouping_may_follow_the_language_and_a_grouping_comma_is_reported(
    tmp_path, capsys
) -> None:
    """A formula may group digits its own way (12\\,288 everywhere, 12{.}288 in German); a
    grouping comma copied from the English reads as a decimal comma and is reported."""
    root = project(tmp_path)
    edit(root, "docs/page.md", "z = f(x)\n$$", "D = 12{,}288\n$$")
    edit(root, "docs/page.de.md", "z = f(x)\n$$", "D = 12\\,288\n$$")
    edit(root, "docs/page.de.md", "$x$ auf $z$", "$x$ auf $z$ ($1{,}000{,}000$ Mal)")
    edit(root, "docs/page.md", "$x$ to $z$", "$x$ to $z$ ($1{,}000{,}000$ times)")
    mark_synced.main(["docs/page.de.md"], root=root)
    capsys.readouterr()
    assert run(root, capsys) == (
        1,
        [
            "docs/page.de.md:12: error: structure: '1{,}000{,}000' groups digits with a comma, "
            "which reads as a decimal comma in de; group them with a thin space: "
            "'1\\,000\\,000'"
        ],
    )
    edit(root, "docs/page.de.md", "($1{,}000{,}000$ Mal)", "($1{.}000{.}000$ Mal)")
    assert run(root, capsys) == (0, [])
    edit(root, "docs/page.de.md", "D = 12\\,288", "D = 12\\,289")
    assert run(root, capsys)[1] == [
        "docs/page.de.md:21: error: structure: math block #1 is 'D = 12\\\\,289', the source "
        "has 'D = 12{,}288'; copy math unchanged"
    ]


def test_a_dropped_or_changed_link_is_reported_at_its_own_line(tmp_path, capsys) -> None:
    """Aligned by target: a dropped link where it belongs, a changed one at its own line (not
    at an earlier, correct link to the same page)."""
    source = (
        "# Links\n\nSee [one](a.md) first.\n\n## More { #more }\n\n"
        "Then [two](b.md) and [three](a.md#part).\n"
    )
    german = (
        "# Verweise\n\nSiehe zuerst [eins](a.md).\n\n## Mehr { #more }\n\n"
        "Dann [zwei](b.md) und [drei](a.md#part).\n"
    )
    root = project(tmp_path, docs__links_dot_md=source, docs__links_dot_de_dot_md=german)
    edit(root, "docs/links.de.md", "Dann [zwei](b.md) und", "Dann zwei und")
    lines = (root / "docs/links.de.md").read_text().splitlines()
    then = next(n for n, line in enumerate(lines, 1) if line.startswith("Dann"))
    assert run(root, capsys)[1] == [
        f"docs/links.de.md:{then}: error: structure: link 'b.md' (source line 7) is missing "
        "here; link the same targets"
    ]
    edit(root, "docs/links.de.md", "Dann zwei und", "Dann [zwei](b.md) und")
    edit(root, "docs/links.de.md", "(a.md#part)", "(a.md#teil)")
    assert run(root, capsys)[1] == [
        f"docs/links.de.md:{then}: error: structure: link #3 is 'a.md#teil', the source has "
        "'a.md#part'; link the same targets"
    ]


def test_english_left_in_a_translation_is_found_sentence_by_sentence(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(
        root,
        "docs/page.de.md",
        "beschreiben.\n",
        "beschreiben. The decoder then learns to ignore the latent variables entirely.\n",
    )
    edit(
        root,
        "docs/page.de.md",
        "bildet ihn zurück ab.",
        "bildet ihn zurück ab, which is what every autoencoder tries to do.",
    )
    assert run(root, capsys)[1] == [
        "docs/page.de.md:8: error: untranslated: this sentence is still English: 'The decoder "
        "then learns to ignore the latent variables entirely.'; translate it",
        "docs/page.de.md:12: error: untranslated: this part of a sentence is still English: "
        "'which is what every autoencoder tries to do.'; translate it",
    ]


def test_an_english_phrase_copied_into_a_translated_clause_is_found(tmp_path, capsys) -> None:
    """Three or more words left as the source has them, inside a German clause that lingua
    takes for German as a whole, are reported at their line."""
    root = project(tmp_path)
    edit(root, "docs/page.de.md", "seine Codes ablegt", "keeps its codes")
    edit(
        root,
        "docs/page.de.md",
        "der [Decoder](other.md#decoding) bildet",
        "the [decoder](other.md#decoding) maps",
    )
    assert run(root, capsys)[1] == [
        "docs/page.de.md:7: error: untranslated: this phrase is copied from the source (line 3) "
        "and is still English: 'keeps its codes'; translate it",
        "docs/page.de.md:12: error: untranslated: this phrase is copied from the source (line 7) "
        "and is still English: 'the [decoder](other.md#decoding) maps'; translate it",
    ]


def test_names_quoted_titles_and_terms_in_italics_are_not_copied_english(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(
        root,
        "docs/page.md",
        "Interpolate with slerp.",
        "Interpolate with slerp, as in Restricted Boltzmann Machines, in "
        '"Learning the parts of objects" and in the *simplex equiangular tight frame*.',
    )
    edit(
        root,
        "docs/page.de.md",
        "Interpolieren Sie mit slerp.",
        "Interpolieren Sie mit slerp, wie bei Restricted Boltzmann Machines, in "
        "„Learning the parts of objects“ und im englischen *simplex equiangular tight frame*.",
    )
    code, errors = run(root, capsys)
    assert [e for e in errors if "copied" in e] == []


def test_a_sentence_in_another_translation_language_is_found(tmp_path, capsys) -> None:
    """Spanish left in a German page (copied from the Spanish translation) is reported."""
    root = project(tmp_path)
    edit(  # Spanish, in progress: its own findings are notices, not errors
        root,
        "mkdocs.yml",
        "nav:\n",
        "  - glossary:\n      in_progress: [es]\nnav:\n",
    )
    edit(
        root,
        "mkdocs.yml",
        "        - locale: de\n",
        "        - locale: es\n          name: Español\n        - locale: de\n",
    )
    spanish = "El codificador asigna cada entrada a un punto del espacio latente."
    edit(root, "docs/page.de.md", "bildet ihn zurück ab.", f"bildet ihn zurück ab. {spanish}")
    lines = (root / "docs/page.de.md").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if spanish in text)
    assert run(root, capsys)[1] == [
        f"docs/page.de.md:{line}: error: untranslated: this sentence is in 'es', not 'de': "
        f"'{spanish}'; translate it"
    ]


def test_code_math_citations_and_kept_terms_are_not_english_text(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(
        root,
        "docs/page.de.md",
        "Interpolieren Sie mit slerp.",
        "Mit KL annealing und GAN (Goodfellow et al., 2014) gilt `model.fit(x, y)` ohne Ausnahme.",
    )
    assert run(root, capsys) == (0, [])


def test_a_note_under_the_references_is_checked_and_the_references_are_not(
    tmp_path, capsys
) -> None:
    refs = (
        "\n## {title} {{ #references }}\n\n"
        "1. Kingma, D. P., Welling, M. (2014). Auto-Encoding Variational Bayes. *ICLR 2014*.\n\n"
        "{note}\n"
    )
    root = project(
        tmp_path,
        docs__page_dot_md=PAGE
        + refs.format(title="References", note="The preprint came out a year earlier."),
        docs__page_dot_de_dot_md=PAGE_DE
        + refs.format(
            title="Literatur", note="The preprint came out a year earlier than the paper itself."
        ),
    )
    lines = (root / "docs/page.de.md").read_text().splitlines()
    note = next(n for n, line in enumerate(lines, 1) if line.startswith("The preprint"))
    assert run(root, capsys)[1] == [
        f"docs/page.de.md:{note}: error: untranslated: this sentence is still English: "
        "'The preprint came out a year earlier than the paper itself.'; translate it"
    ]


def test_outdated_translation_shows_what_changed_in_the_source(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(root, "docs/page.md", "Interpolate with slerp.", "Interpolate with slerp, never lerp.")
    code = check.main(["translations"], root=root)
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "docs/page.de.md:1: error: outdated: docs/page.md changed since this translation was "
        "synced; update the translation, then run "
        "`python scripts/mark_synced.py docs/page.de.md`"
    ) in out
    assert "    -    Interpolate with slerp.\n    +    Interpolate with slerp, never lerp." in out
    assert mark_synced.main(["docs/page.de.md"], root=root) == 0
    capsys.readouterr()
    assert check.main(["translations"], root=root) == 0


def test_a_translation_without_source_version_is_reported(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(root, "docs/index.de.md", (root / "docs/index.de.md").read_text().split("# Start")[0], "")
    assert run(root, capsys)[1] == [
        "docs/index.de.md:1: error: outdated: no source version recorded; after review run "
        "`python scripts/mark_synced.py docs/index.de.md`"
    ]


def test_terminology_deviations(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(
        root,
        "docs/page.de.md",
        "Interpolieren Sie mit slerp.",
        "Gegen Modenkollaps hilft das nicht, gegen Posteriorkollaps und mode collapse auch nicht.",
    )
    assert run(root, capsys)[1] == [
        "docs/page.de.md:15: error: terminology: 'Modenkollaps': the termbase term for 'mode "
        "collapse' is 'Moduskollaps'",
        "docs/page.de.md:15: error: terminology: 'Posteriorkollaps' is spelled "
        "'Posterior-Kollaps' in the termbase",
        "docs/page.de.md:15: error: terminology: 'mode collapse' is English; the termbase term "
        "is 'Moduskollaps'",
    ]


def test_an_unlisted_synonym_of_a_term_is_reported_at_its_paragraph(tmp_path, capsys) -> None:
    """Where the source paragraph uses a termbase term of several words, the translation uses
    the approved term, in any inflection ("latenten Räume"), with words put in between, or
    shortened (its longest word); another word for it is reported."""
    root = project(tmp_path)
    edit(root, "docs/page.de.md", "# Latenter Raum", "# Kodierungsraum")
    edit(root, "docs/page.de.md", "Ein latenter Raum ist der Ort", "Ein Merkmalsraum ist der Ort")
    assert run(root, capsys)[1] == [
        "docs/page.de.md:5: error: terminology: the source (line 1) uses 'latent space', and "
        "this heading has no form of the termbase term 'latenter Raum'; use it "
        "(data/termbase.yml) instead of another word",
        "docs/page.de.md:7: error: terminology: the source (line 3) uses 'latent space', and "
        "this paragraph has no form of the termbase term 'latenter Raum'; use it "
        "(data/termbase.yml) instead of another word",
    ]
    edit(root, "docs/page.de.md", "# Kodierungsraum", "# Latente Räume")
    edit(root, "docs/page.de.md", "Ein Merkmalsraum ist", "Ein latenter, gelernter Raum ist")
    assert run(root, capsys) == (0, [])


NOTEBOOK = {
    "cells": [
        {
            "cell_type": "markdown",
            "id": "intro",
            "metadata": {},
            "source": ["# Demo\n", "\n", "We fit a model."],
        },
        {
            "cell_type": "code",
            "id": "code",
            "metadata": {},
            "source": ["x = 1"],
            "outputs": [],
            "execution_count": None,
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def notebook(markdown: str, code: str) -> str:
    data = json.loads(json.dumps(NOTEBOOK))
    data["cells"][0]["source"] = [markdown]
    data["cells"][1]["source"] = [code]
    return json.dumps(data, indent=1)


def test_notebook_code_cells_must_stay_identical(tmp_path, capsys) -> None:
    root = project(
        tmp_path,
        docs__demo_dot_ipynb=notebook("# Demo\n\nWe fit a model.", "x = 1"),
        docs__demo_dot_de_dot_ipynb=notebook("# Vorführung\n\nWir passen ein Modell an.", "x = 2"),
    )
    assert run(root, capsys)[1] == [
        "docs/demo.de.ipynb:12: error: structure: code cell 2 differs from the source; code "
        "cells stay identical in every language"
    ]


def test_notebook_markdown_cells_must_be_translated(tmp_path, capsys) -> None:
    root = project(
        tmp_path,
        docs__demo_dot_ipynb=notebook("# Demo\n\nWe fit a model to the data.", "x = 1"),
        docs__demo_dot_de_dot_ipynb=notebook(
            "# Vorführung\n\nWe fit a model to the data and then sample.", "x = 1"
        ),
    )
    assert run(root, capsys)[1] == [
        "docs/demo.de.ipynb:4: error: untranslated: cell 1: this sentence is still English: 'We "
        "fit a model to the data and then sample.'; translate it"
    ]


def test_data_files_keys_and_values(tmp_path, capsys) -> None:
    root = project(
        tmp_path,
        data__ui_dot_yml="title: Related terms\nnotice: This page is not translated yet.\n",
        data__ui_dot_de_dot_yml="title: Verwandte Begriffe\nextra: Zusatz\n",
    )
    edit(root, "data/ui.de.yml", "title: Verwandte Begriffe", "title: The related terms here")
    assert run(root, capsys)[1] == [
        "data/ui.de.yml:1: error: missing: 'notice' is not translated; add it",
        "data/ui.de.yml:2: error: untranslated: 'title' is still English: 'The related terms "
        "here'; translate it",
        "data/ui.de.yml:3: error: orphan: 'extra' is not in the source; remove it",
    ]


def test_a_heading_or_table_cell_left_as_its_source_is_untranslated(tmp_path, capsys) -> None:
    """Too short for lingua: compared with the source's heading or cell, code aside."""
    root = project(tmp_path)
    edit(root, "docs/page.md", "| one | two |", "| one | `code` |")
    edit(root, "docs/page.de.md", "| eins | zwei |", "| one | `code` |")
    edit(root, "docs/page.md", "## How it is used { #usage }", "## Usage { #usage }")
    edit(root, "docs/page.de.md", "## Wie er genutzt wird { #usage }", "## Usage { #usage }")
    lines = (root / "docs/page.de.md").read_text().splitlines()
    heading = next(n for n, line in enumerate(lines, 1) if line.startswith("## Usage"))
    cell = next(n for n, line in enumerate(lines, 1) if line.startswith("| one |"))
    hint = "translate it, or, if it is the same in de, add it to data/termbase.yml (a term "
    hint += "whose de is the same, or under `keep`)"
    assert sorted(f for f in run(root, capsys)[1] if "same as the source" in f) == sorted(
        [
            f"docs/page.de.md:{heading}: error: untranslated: this heading is the same as "
            f"the source: 'Usage'; {hint}",
            f"docs/page.de.md:{cell}: error: untranslated: this cell is the same as the "
            f"source: 'one'; {hint}",
        ]
    )


def test_a_short_string_left_as_its_source_is_untranslated(tmp_path, capsys) -> None:
    """One or two words are too few for lingua: a value identical to its source is reported,
    unless the termbase keeps it (or approves the same word), or it is an acronym, a symbol,
    a number or a placeholder, or an adaptation ("Live-Demo" for "Live demo")."""
    source = (
        "button: Download\nlegend: Latent space\nkept: GANs\nacronym: KL\n"
        "formula: 'σ² = {noise}'\ndemo: Live demo\nsteps: Step {n}\n"
    )
    german = (
        "button: Download\nlegend: Latent space\nkept: GANs\nacronym: KL\n"
        "formula: 'σ² = {noise}'\ndemo: Live-Demo\nsteps: Step {n}\n"
    )
    root = project(tmp_path, data__ui_dot_yml=source, data__ui_dot_de_dot_yml=german)
    hint = "; translate it, or, if it is the same in de, add it to data/termbase.yml (a term "
    hint += "whose de is the same, or under `keep`)"
    same = "data/ui.de.yml:{}: error: untranslated: '{}' is the same as the source: '{}'" + hint
    assert run(root, capsys)[1] == [
        same.format(2, "button", "Download"),  # line 1 is the source version (mark_synced)
        same.format(3, "legend", "Latent space"),
        same.format(8, "steps", "Step {n}"),
    ]
    edit(
        root,
        "data/termbase.yml",
        "keep: [GAN, KL annealing]",
        "keep: [GAN, KL annealing, download, step]",
    )
    assert run(root, capsys)[1] == [same.format(3, "legend", "Latent space")]


def test_configuration_strings_must_be_translated(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(root, "mkdocs.yml", "nav_translations: {Guide: Anleitung}", "nav_translations: {}")
    edit(root, "mkdocs.yml", "site_description: Eine Testseite.", "site_description: A test site.")
    edit(
        root,
        "mkdocs.yml",
        "{name: Dunkel}",
        "{name: Switch to the dark colour scheme of this site}",
    )
    assert run(root, capsys)[1] == [
        "mkdocs.yml:19: error: untranslated: site_description is the same as the English: "
        "'A test site.'; translate it, or, if it is the same in de, add it to data/termbase.yml "
        "under `keep`",
        "mkdocs.yml:21: error: missing: nav_translations 'Guide' is not translated; add "
        "`nav_translations.Guide` to the 'de' entry",
        "mkdocs.yml:25: error: untranslated: theme.palette[0] toggle name is still English: "
        "'Switch to the dark colour scheme of this site'; translate it",
    ]


def test_a_configuration_string_without_its_key_is_reported_at_its_language(
    tmp_path, capsys
) -> None:
    root = project(tmp_path)
    edit(root, "mkdocs.yml", "          copyright: Texte CC BY 4.0\n", "")
    assert run(root, capsys)[1] == [
        "mkdocs.yml:16: error: missing: copyright is not translated; add `copyright` to the "
        "'de' entry"
    ]


def test_github_and_json_formats(tmp_path, capsys) -> None:
    root = project(tmp_path)
    (root / "docs/page.de.md").unlink()
    assert check.main(["translations", "--format", "github"], root=root) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "::error file=docs/page.md,line=1,title=missing (de)::no de translation; create "
        "docs/page.de.md (python scripts/scaffold.py docs/page.md de)"
    )
    assert check.main(["translations", "--format", "json"], root=root) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["findings"][0]["kind"] == "missing"
    assert data["summary"]["translations"]["languages"]["de"]["missing"] == 1


def test_usage_errors_exit_2(tmp_path, capsys) -> None:
    root = project(tmp_path)
    with pytest.raises(SystemExit) as info:
        check.main(["translations", "--lang", "fr"], root=root)
    assert info.value.code == 2
    assert "--lang fr: not a configured language (en, de)" in capsys.readouterr().err
    assert check.main(["links", "--site", "nowhere"], root=root) == 2
    assert capsys.readouterr().err == (
        "nowhere/index.html: error: no built site here; run `make build` first or pass --site\n"
    )


def test_mark_synced_rejects_a_source_file(tmp_path, capsys) -> None:
    root = project(tmp_path)
    assert mark_synced.main(["docs/page.md"], root=root) == 2
    assert capsys.readouterr().err == (
        "docs/page.md: not a translation (expected a name like page.de.md); name the "
        "translated file\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "docs/page.de.md",
            b"---\nsource_hash: x\n# Latenter Raum\n",
            "docs/page.de.md:1: error: bad-input: front matter opened on line 1 is never closed; "
            "add a line '---' after it",
        ),
        (
            "docs/page.de.md",
            b"---\nsource_hash: [x\n---\n# Latenter Raum\n",
            "docs/page.de.md:2: error: bad-input: front matter is not valid YAML (expected ',' "
            "or ']', but got '<stream end>'); fix it",
        ),
        (
            "docs/page.de.md",
            b"# Latenter Raum\n\nEin latenter Raum \xff ist gut.\n",
            "docs/page.de.md:3: error: bad-input: not valid UTF-8 (byte 0xff); save the file as "
            "UTF-8",
        ),
        (
            "docs/page.de.md",
            b"  \n",
            "docs/page.de.md:1: error: bad-input: the file is empty; write its content or "
            "delete it",
        ),
        (
            "docs/index.md",
            b"# Home\n\nWelcome.\n\n<script>alert(1)</script>\n",
            "docs/index.md:5: error: bad-input: raw <script> in Markdown; remove it (pages run "
            "only the site's own scripts)",
        ),
        (
            "docs/index.md",
            b'# Home\n\nWelcome <img src="x.png" onerror="steal()">.\n',
            "docs/index.md:3: error: bad-input: inline event handler (on...=) in HTML; remove it",
        ),
        (
            "docs/index.md",
            b"# Home\n\n## One { #same }\n\nText.\n\n## Two { #same }\n",
            "docs/index.md:7: error: bad-input: duplicate heading id '#same' (first on line 3); "
            "make each id unique",
        ),
        (
            "docs/demo.ipynb",
            b'{"cells": [\n  {"cell_type": "code"\n}',
            "docs/demo.ipynb:3: error: bad-input: not valid JSON (Expecting ',' delimiter); fix "
            "the notebook",
        ),
        (
            "docs/demo.ipynb",
            b'{"cells": [], "metadata": {}, "nbformat": 4}',
            "docs/demo.ipynb:1: error: bad-input: not a valid notebook (nbformat 4: "
            "'nbformat_minor' is a required property); fix or re-save it in Jupyter",
        ),
        (
            "docs/demo.ipynb",
            json.dumps(
                {
                    **NOTEBOOK,
                    "cells": [
                        {
                            **NOTEBOOK["cells"][1],
                            "execution_count": 1,
                            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1"]}],
                        }
                    ],
                },
                indent=1,
            ).encode(),
            "docs/demo.ipynb:4: error: bad-input: code cell 1 has committed outputs; outputs "
            "come from the build: clear them (jupyter nbconvert --clear-output --inplace "
            "docs/demo.ipynb)",
        ),
    ],
)
def test_bad_input_is_a_finding_with_file_and_line(
    tmp_path, capsys, name: str, content: bytes, message: str
) -> None:
    root = project(tmp_path)
    (root / name).write_bytes(content)
    code, lines = run(root, capsys)
    assert code == 1
    assert message in lines
    assert "Traceback" not in capsys.readouterr().err


def test_clean_inputs_raise_no_bad_input_finding(tmp_path, capsys) -> None:
    root = project(
        tmp_path,
        docs__demo_dot_ipynb=notebook("# Demo\n\nWe fit a model.", "x = 1"),
        docs__demo_dot_de_dot_ipynb=notebook("# Vorführung\n\nWir passen ein Modell an.", "x = 1"),
    )
    edit(root, "docs/page.md", "The encoder", "The `<script>` tag is not used; the encoder")
    edit(
        root, "docs/page.de.md", "Der Encoder", "Das Tag `<script>` wird nicht genutzt; der Encoder"
    )
    code, lines = run(root, capsys)
    assert [line for line in lines if "bad-input" in line] == []


def test_a_configured_language_without_files_is_reported(tmp_path, capsys) -> None:
    root = project(tmp_path)
    edit(
        root,
        "mkdocs.yml",
        "        - locale: de\n",
        "        - locale: fr\n          name: Français\n        - locale: de\n",
    )
    code, lines = run(root, capsys, "--lang", "fr")
    assert code == 1
    assert lines[0] == (
        "docs/index.md:1: error: missing: no fr translation; create docs/index.fr.md "
        "(python scripts/scaffold.py docs/index.md fr)"
    )
    assert (
        "mkdocs.yml:16: error: missing: language 'fr' is configured but has no translated files; "
        "add them (python scripts/scaffold.py --all fr) or remove the language"
    ) in lines


def test_results_kept_on_disk_are_read_back_until_what_they_depend_on_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build keeps each file's results in its cache (`check_all(..., cache=)`): the next
    build reads them back, and checks again only a file whose text, or whose inputs, changed."""
    root = project(tmp_path / "site")
    cache = tmp_path / "cache"
    first = translations.check_all(root, cache=cache)
    checked: list[str] = []
    check_unit = translations.check_unit

    def counted(root: Path, source: Path, lang: str, *rest: object) -> translations.Result:
        checked.append(f"{source}:{lang}")
        return check_unit(root, source, lang, *rest)

    monkeypatch.setattr(translations, "check_unit", counted)
    translations._UNITS.clear()  # as in a new process
    assert translations.check_all(root, cache=cache) == first and checked == []
    page = root / "docs/page.de.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    translations._UNITS.clear()
    translations.check_all(root, cache=cache)
    assert checked == ["docs/page.md:de"]
    (root / "data/termbase.yml").write_text(TERMBASE + "\n", encoding="utf-8")
    translations._UNITS.clear()
    translations.check_all(root, cache=cache)
    assert sorted(checked[1:]) == ["docs/index.md:de", "docs/page.md:de"]
