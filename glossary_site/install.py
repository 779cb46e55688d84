"""Install the exact pins of a requirement file (and of the files it includes with `-r`) into
this interpreter's environment. `make install` runs it from the repository's folder before
anything else is installed, so it uses the standard library only:

    .venv/bin/python -m glossary_site.install requirements-dev.txt

The files pin every package as `name==version`, uv among them: pip installs uv alone, and uv
installs the other pins (--no-deps: there is nothing to resolve), unpacking and compiling them
in parallel. Then uv's resolver, in a dry run over the same file, proves that the pins include
every package their packages need, extras included: a missing one is an error that names it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!-]+")
INCLUDE = re.compile(r"(?:-r|--requirement)[ =]?\s*(\S+)")
# What uv's dry run prints for each package it would install: " + name==version".
WOULD_INSTALL = re.compile(r"^ \+ (\S+==\S+)$", re.MULTILINE)
NOTHING_TO_DO = "Would make no changes"
INSTALLER = "uv"
USAGE = "usage: python -m glossary_site.install <requirements file>"


def normalized(name: str) -> str:
    """A package's name as the package index compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path, seen: tuple[Path, ...] = ()) -> list[str]:
    """The `name==version` lines of `path` and of the files it includes (`-r other.txt`), in
    order. Anything else, a package pinned twice, or an include that is missing or comes
    round again, is a ValueError that names the file and line."""
    found: list[str] = []
    names: dict[str, str] = {}
    seen = (*seen, path.resolve())
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        where = f"{path}:{number}: error:"
        if not line or line.startswith("#"):
            continue
        include = INCLUDE.fullmatch(line)
        if include:
            other = path.parent / include[1]
            if other.resolve() in seen:
                raise ValueError(f"{where} {include[1]} is included again; remove this line")
            if not other.is_file():
                raise ValueError(f"{where} {include[1]} does not exist; fix this line")
            more = pins(other, seen)
        elif PIN.fullmatch(line):
            more = [line]
        else:
            raise ValueError(f"{where} {line!r} is not an exact pin; write name==version")
        for pin in more:
            name = normalized(pin.split("==")[0])
            if name in names:
                raise ValueError(f"{where} {name} is pinned twice ({names[name]}, {pin}); keep one")
            names[name] = pin
        found += more
    return found


def installer_pin(path: Path, wanted: list[str]) -> str:
    """The pin of uv among `wanted` (the pins of `path`); a ValueError if there is none."""
    for pin in wanted:
        if normalized(pin.split("==")[0]) == INSTALLER:
            return pin
    raise ValueError(
        f"{path}: error: {INSTALLER} is not pinned; add {INSTALLER}==<version> to it or to a "
        "file it includes (it installs the other pins)"
    )


def missing(dry_run: str) -> list[str]:
    """What a dry run of uv's resolver (its output) would still install: the packages the
    pins lack, as pins. A ValueError if the output says neither that nothing would change nor
    what would be installed (another uv, or coloured output): the check never passes blind."""
    lacking = WOULD_INSTALL.findall(dry_run)
    if not lacking and NOTHING_TO_DO not in dry_run:
        raise ValueError(f"uv's dry run says neither {NOTHING_TO_DO!r} nor what it would install")
    return lacking


def installed(pin: str) -> bool:
    """Whether this environment has the package of `pin` at its version."""
    name, version = pin.split("==")
    try:
        return metadata.version(name) == version
    except metadata.PackageNotFoundError:
        return False


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """`command`, its output kept."""
    return subprocess.run(command, capture_output=True, text=True, check=False)


def main(argv: list[str] | None = None) -> int:
    """Install the pins of the one requirement file named; 0 done, 1 failed, 2 usage."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print(USAGE, file=sys.stderr)
        return 2
    if not Path(args[0]).is_file():
        print(f"{args[0]}: error: no such requirement file", file=sys.stderr)
        return 2
    try:
        uv = installer_pin(Path(args[0]), pins(Path(args[0])))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    uv_install = [sys.executable, "-m", INSTALLER, "pip", "install", "--python", sys.executable]
    steps = [] if installed(uv) else [[*pip, uv]]
    steps.append([*uv_install, "--quiet", "--no-deps", "--compile-bytecode", "-r", args[0]])
    for step in steps:
        done = run(step)
        if done.returncode:
            print(done.stdout + done.stderr, end="", file=sys.stderr)
            print(
                f"error: the pins of {args[0]} could not be installed (see above)", file=sys.stderr
            )
            return 1
    check = run([*uv_install, "--dry-run", "--color", "never", "-r", args[0]])
    if check.returncode:
        print(check.stderr, end="", file=sys.stderr)
        print(f"error: uv's resolver rejects the pins of {args[0]} (see above)", file=sys.stderr)
        return 1
    try:
        lacking = missing(check.stderr)
    except ValueError as exc:
        print(check.stderr, end="", file=sys.stderr)
        print(f"error: {args[0]}: {exc} (see above); check how {uv} reports one", file=sys.stderr)
        return 1
    if lacking:
        print(
            f"error: {args[0]} does not pin every package its packages need; add "
            + ", ".join(lacking),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
