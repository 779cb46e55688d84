"""Every module of the package and of scripts/, and every public function, class and method
of the package, says what it is for (MkDocs' own events, `on_*`, are documented by MkDocs)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT


def undocumented(path: Path, root: Path = ROOT) -> list[str]:
    """`file:line: name` of each public definition in `path` without a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(root).as_posix()
    out = [] if ast.get_docstring(tree) else [f"{where}:1: module"]

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.ClassDef):
                public = not child.name.startswith(("_", "on_"))
                if public and not ast.get_docstring(child):
                    out.append(f"{where}:{child.lineno}: {prefix}{child.name}")
                if isinstance(child, ast.ClassDef):
                    walk(child, f"{prefix}{child.name}.")

    walk(tree, "")
    return out


def test_every_public_definition_has_a_docstring() -> None:
    package = sorted((ROOT / "glossary_site").glob("*.py"))
    assert [line for path in package for line in undocumented(path)] == []


def test_every_script_says_what_it_does() -> None:
    scripts = sorted((ROOT / "scripts").glob("*.py"))
    assert [
        path.name for path in scripts if not ast.get_docstring(ast.parse(path.read_text()))
    ] == []


def test_a_missing_docstring_is_named_with_its_line(tmp_path: Path) -> None:
    source = (ROOT / "glossary_site" / "languages.py").read_text(encoding="utf-8")
    docstring = (
        '    """The languages of a parsed mkdocs.yml; LanguageError when there are none."""\n'
    )
    assert docstring in source
    (tmp_path / "languages.py").write_text(source.replace(docstring, ""), encoding="utf-8")
    line = source[: source.index(docstring)].count("\n")
    assert undocumented(tmp_path / "languages.py", tmp_path) == [
        f"languages.py:{line}: from_config"
    ]
