"""The upstream internals the build patches: a pinned version that moves, or an internal that
is gone, fails here with what to re-check (docs/dev/upgrading.md), before any build does."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib.metadata import version

import pytest

from conftest import ROOT
from glossary_site.upstream import PATCHES, Patch


def pinned(package: str) -> str:
    """The version requirements.txt pins for `package`."""
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, pin = line.partition("==")
        if name.strip().lower() == package:
            return pin.strip()
    raise AssertionError(f"requirements.txt pins no {package}")


def reach(internal: str) -> object:
    """The object `module:Class.attribute` names (an instance attribute counts too)."""
    module, _, path = internal.partition(":")
    target: object = importlib.import_module(module)
    for part in path.split("."):
        if not hasattr(target, part) and isinstance(target, type):
            target = target()  # attributes the constructor sets
        target = getattr(target, part)
    return target


@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.package)
def test_each_patched_package_is_pinned_at_the_checked_version(patch: Patch) -> None:
    for found, where in (
        (pinned(patch.package), "requirements.txt"),
        (version(patch.package), "installed"),
    ):
        assert found == patch.version, (
            f"{patch.package} is {found} ({where}) but {patch.where} was checked against "
            f"{patch.version}: re-check what it relies on ({patch.why}) as docs/dev/upgrading.md "
            "says, then update glossary_site/upstream.py"
        )


@pytest.mark.parametrize(
    "internal", [i for p in PATCHES for i in p.internals], ids=lambda name: name
)
def test_each_patched_internal_exists(internal: str) -> None:
    try:
        reach(internal)
    except (AttributeError, ImportError) as exc:
        pytest.fail(f"{internal} is gone ({exc}): see docs/dev/upgrading.md")


def test_a_moved_pin_is_reported_with_what_to_recheck() -> None:
    moved = Patch("mkdocs-jupyter", "0.0.1", "glossary_site/notebooks.py", (), "the reason")
    with pytest.raises(AssertionError) as error:
        test_each_patched_package_is_pinned_at_the_checked_version(moved)
    assert str(error.value).startswith(
        f"mkdocs-jupyter is {pinned('mkdocs-jupyter')} (requirements.txt) but "
        "glossary_site/notebooks.py was checked against 0.0.1: re-check what it relies on "
        "(the reason)"
    )


def test_reading_a_notebook_compiles_no_grammar() -> None:
    """jsonschema is held at 4.24.1 (docs/dev/upgrading.md): a later one brings rfc3987-syntax,
    whose import compiles Lark grammars in every process that reads a notebook."""
    code = "import sys, nbformat; print(sorted({'lark', 'rfc3987_syntax'} & set(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", (
        f"importing nbformat imports {run.stdout.strip()}, about 1 s per process: keep "
        f"jsonschema below 4.25 (requirements.txt has {pinned('jsonschema')}) or see "
        "docs/dev/upgrading.md"
    )
