"""`make install`'s pins: read from the requirement files and their includes, each an exact
pin, installed by the pinned uv, and proved complete by its resolver (glossary_site/install.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from glossary_site import install


def write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_the_pins_of_a_file_and_its_includes_are_read_in_order(tmp_path: Path) -> None:
    write(tmp_path, "base.txt", "# the site\nalpha==1.0\nbeta==2.0.post1\n")
    dev = write(tmp_path, "dev.txt", "-r base.txt\n\n# tests\ngamma==3\n")
    assert install.pins(dev) == ["alpha==1.0", "beta==2.0.post1", "gamma==3"]


def test_the_projects_files_pin_every_package_exactly_once_the_installer_among_them() -> None:
    wanted = install.pins(ROOT / "requirements-dev.txt")
    assert len(wanted) > 100
    assert install.installer_pin(ROOT / "requirements-dev.txt", wanted).startswith("uv==")


@pytest.mark.parametrize(
    ("base", "dev", "message"),
    [
        (
            "Jupyter_Core==5.9.1\n",
            "-r base.txt\njupyter-core==5.9.1\n",
            "dev.txt:2: error: "
            "jupyter-core is pinned twice (Jupyter_Core==5.9.1, jupyter-core==5.9.1); keep one",
        ),
        (
            "alpha==1.0\n",
            "-r base.txt\n-r other.txt\n",
            "dev.txt:2: error: other.txt does not exist; fix this line",
        ),
        (
            "-r dev.txt\n",
            "alpha==1.0\n--requirement base.txt\n",
            "base.txt:1: error: dev.txt is included again; remove this line",
        ),
    ],
    ids=["pinned twice", "missing include", "include loop"],
)
def test_a_pin_twice_or_a_broken_include_is_named_with_its_line(
    tmp_path, capsys, base, dev, message
) -> None:
    write(tmp_path, "base.txt", base)
    assert install.main([str(write(tmp_path, "dev.txt", dev))]) == 1
    assert capsys.readouterr().err == f"{tmp_path}/{message}\n"


def test_what_the_resolver_would_still_install_is_what_the_pins_lack() -> None:
    dry_run = (
        "Resolved 149 packages in 300ms\nWould install 2 packages\n"
        " + rfc3986-validator==0.1.1\n + webcolors==25.10.0\n"
    )
    assert install.missing(dry_run) == ["rfc3986-validator==0.1.1", "webcolors==25.10.0"]
    assert install.missing("Resolved 149 packages in 8ms\nWould make no changes\n") == []


@pytest.mark.parametrize(
    "dry_run",
    ["", "Would install 1 package\n \x1b[32m+\x1b[0m webcolors==25.10.0\n"],
    ids=["nothing", "coloured"],
)
def test_a_dry_run_that_says_neither_is_not_taken_for_complete_pins(dry_run: str) -> None:
    with pytest.raises(ValueError, match="says neither 'Would make no changes' nor what"):
        install.missing(dry_run)


def test_a_file_that_does_not_pin_the_installer_is_named(tmp_path, capsys) -> None:
    dev = write(tmp_path, "dev.txt", "alpha==1.0\n")
    assert install.main([str(dev)]) == 1
    assert capsys.readouterr().err == (
        f"{dev}: error: uv is not pinned; add uv==<version> to it or to a file it includes "
        "(it installs the other pins)\n"
    )


@pytest.mark.parametrize("line", ["beta>=2.0", "beta", "beta==2.0 ; python_version<'3.12'"])
def test_a_line_that_is_not_an_exact_pin_is_named_with_its_line(tmp_path, capsys, line) -> None:
    base = write(tmp_path, "base.txt", f"alpha==1.0\n{line}\n")
    assert install.main([str(base)]) == 1
    assert capsys.readouterr().err == (
        f"{base}:2: error: {line!r} is not an exact pin; write name==version\n"
    )


def test_a_missing_file_or_a_wrong_call_is_a_usage_error(tmp_path, capsys) -> None:
    assert install.main([str(tmp_path / "nothing.txt")]) == 2
    assert (
        capsys.readouterr().err == f"{tmp_path / 'nothing.txt'}: error: no such requirement file\n"
    )
    assert install.main([]) == 2
    assert capsys.readouterr().err == install.USAGE + "\n"
