"""Every command the README, CONTRIBUTING.md and the translator guide give works as written.

The commands run in the documents' order (each once: the guide's translations repeat the
English guide's code blocks), in a copy of the project the real build ran in (its site/
included), with the project's environment first on PATH, as after `make`.
`make` lines that install, serve or test run as a dry run (`make -n`): their targets and
variables must exist; `make language` and `make install` run for real. A command may fail on
purpose (a translation that exists already), but then it says so as `path:line: error:`;
no command prints a usage error or a traceback.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Build

DOCUMENTS = [
    "README.md",
    "CONTRIBUTING.md",
    "docs/translator-guide.md",
    "docs/translator-guide.de.md",
    "docs/translator-guide.es.md",
]
RUN_FOR_REAL = {"language", "install"}  # the other targets serve, build or test: dry run
INLINE = re.compile(r"`((?:[A-Z_]+=\S+ )*(?:make|python|\.venv/bin/python)\b[^`]*)`")
FENCE = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)


def commands(text: str) -> list[str]:
    """The shell commands of a Markdown text, in order: code blocks marked sh, and inline
    code that starts with make or python (placeholders such as <file> left out)."""
    found: list[tuple[int, str]] = []
    for block in FENCE.finditer(text):
        for offset, line in enumerate(block[1].splitlines()):
            if line.strip():
                found.append((block.start() + offset, line))
    found += [(match.start(), match[1]) for match in INLINE.finditer(text)]
    out = []
    for _, line in sorted(found):
        words = shlex.split(line, comments=True)
        if len(words) > 1 and "<" not in line:  # not `make` or `.venv/bin/python` alone
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def test_the_documents_give_the_commands_a_translator_needs() -> None:
    guide = commands((ROOT / "docs/translator-guide.md").read_text(encoding="utf-8"))
    assert "python scripts/check.py translations --lang de docs/glossary/gan.de.md" in guide
    assert "make language LANG=fr NAME=Français" in guide
    assert "make preview LANG=de" in guide


def test_every_documented_command_works_as_written(real_build: Build, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(real_build.site.parent, project, symlinks=True)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    for name in (
        "requirements.txt",
        "requirements-dev.txt",
        "pyproject.toml",
        "package.json",
        "package-lock.json",
    ):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    env["SITE_URL"] = "https://example.org/glossary-site/"  # as the site in the copy was built
    env.pop("BUILD_ONLY_LOCALE", None)
    documented = [
        command
        for document in DOCUMENTS
        for command in commands((ROOT / document).read_text(encoding="utf-8"))
    ]
    ran = []
    for command in dict.fromkeys(documented):
        words = shlex.split(command)
        make = words.index("make") if "make" in words else None
        if make is not None:
            target = next((w for w in words[make + 1 :] if "=" not in w), "")
            if target not in RUN_FOR_REAL:
                words = [*words[: make + 1], "-n", *words[make + 1 :]]
        prefix = 0  # VAR=value before the command: its environment
        while re.fullmatch(r"[A-Z_]+=.*", words[prefix]):
            prefix += 1
        result = subprocess.run(
            words[prefix:],
            cwd=project,
            env={**env, **dict(w.split("=", 1) for w in words[:prefix])},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output)
        assert not re.search(r"(?m)^usage: ", output), (command, output)
        if result.returncode:
            assert re.search(r"(?m)^\S+:\d+: error: ", output), (command, output)
        ran.append(command)
    assert ran  # the documents name commands
