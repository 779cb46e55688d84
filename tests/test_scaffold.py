"""scripts/scaffold.py: a new translation starts from the source's structure and version."""

from __future__ import annotations

from test_check_translations import project, run

from glossary_site import scaffold
from glossary_site import translations as i18n_check


def test_scaffold_copies_structure_and_version(tmp_path, capsys) -> None:
    root = project(tmp_path)
    (root / "docs/page.de.md").unlink()
    assert scaffold.main(["docs/page.md", "de"], root=root) == 0
    assert capsys.readouterr().out.splitlines() == [
        "docs/page.de.md: created from docs/page.md",
        "next: translate, then run `python scripts/check.py translations --lang de`",
    ]
    text = (root / "docs/page.de.md").read_text()
    source = (root / "docs/page.md").read_text()
    assert text == f"---\nsource_hash: {i18n_check.source_hash(source)}\n---\n\n{source}"
    code, lines = run(root, capsys)
    assert code == 1
    # Exactly what is left: the English prose and terms, by line; nothing structural or stale.
    kinds = {line.split(": error: ")[1].split(":")[0] for line in lines}
    assert kinds == {"untranslated", "terminology"}
    untranslated = [int(line.split(":")[1]) for line in lines if "untranslated" in line]
    # English text judged by lingua (7, 9, 11), a phrase too short for it alone copied from the
    # source (14: "Interpolate with slerp."); the title (5) and cells (26) left as they are.
    assert untranslated == [5, 7, 9, 11, 14, 26, 26]


def test_scaffold_uses_the_term_name_of_the_language(tmp_path) -> None:
    root = project(
        tmp_path,
        docs__glossary__gan_dot_md="# Generative adversarial network\n\nA model.\n",
        data__terms_dot_yml="gan:\n  name: Generative adversarial network\n",
        data__terms_dot_de_dot_yml="gan:\n  name: Generative Adversarial Network\n",
    )
    assert scaffold.main(["docs/glossary/gan.md", "de"], root=root) == 0
    text = (root / "docs/glossary/gan.de.md").read_text()
    assert "\n# Generative Adversarial Network\n" in text


def test_scaffold_refuses_to_overwrite_and_unknown_languages(tmp_path, capsys) -> None:
    root = project(tmp_path)
    assert scaffold.main(["docs/page.md", "de"], root=root) == 2
    assert capsys.readouterr().err == (
        "docs/page.de.md:1: error: the translation exists already; edit it, or pass --force "
        "to start over\n"
    )
    assert scaffold.main(["docs/page.md", "fr"], root=root) == 2
    assert capsys.readouterr().err == (
        "mkdocs.yml:1: error: 'fr' is not a configured translation language (de); add it to "
        "the i18n plugin's languages first\n"
    )


def test_scaffold_all_creates_every_missing_file(tmp_path, capsys) -> None:
    root = project(tmp_path)
    (root / "docs/page.de.md").unlink()
    (root / "docs/index.de.md").unlink()
    assert scaffold.main(["--all", "de"], root=root) == 0
    assert (root / "docs/page.de.md").exists() and (root / "docs/index.de.md").exists()
