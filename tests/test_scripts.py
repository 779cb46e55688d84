"""The commands in scripts/: each a few lines that call the package, and each says in one
line how to run it when the project's environment is not the one running it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPTS = sorted(p.name for p in (ROOT / "scripts").glob("*.py") if not p.name.startswith("_"))
# The Python the project's environment was made from, without the environment's packages.
BASE_PYTHON = Path(sys.base_prefix) / "bin" / "python3"


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_script_is_a_few_lines_that_call_the_package(script: str) -> None:
    text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
    code = [line for line in text.split('"""')[-1].splitlines() if line.strip()]
    assert code[0] == "from _entry import run" and len(code) == 2
    module = re.fullmatch(r'raise SystemExit\(run\("(\w+)"\)\)', code[1])
    assert module, code[1]
    assert (ROOT / "glossary_site" / f"{module[1]}.py").is_file()


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_script_without_the_environment_says_how_to_run_it(script: str) -> None:
    result = subprocess.run(
        [str(BASE_PYTHON), f"scripts/{script}", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"scripts/{script}: error: glossary_site is not installed here; run it with the "
        f"project's environment: `make install`, then `.venv/bin/python scripts/{script} ...`\n"
    )


def test_the_translator_guides_check_command_works_as_written(capsys) -> None:
    """`check.py translations --lang de FILE` (options before the file) is accepted."""
    from glossary_site import check

    assert check.main(["translations", "--lang", "de", "docs/glossary/gan.de.md"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("no findings")
