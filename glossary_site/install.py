"""Install the exact pins of a requirement file (and of the files it includes with `-r`) into
this interpreter's environment, in pip processes side by side. `make install` runs it from the
repository's folder before anything else is installed, so it uses the standard library only:

    .venv/bin/python -m glossary_site.install requirements-dev.txt

The files pin every package as `name==version`, so pip has nothing to resolve (--no-deps):
the pins are split between one pip process per CPU core, which unpack and compile their
packages at the same time. Then pip's resolver, in a dry run over the same file, proves that
the pins include every package their packages need, extras included: a missing one is an
error that names it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

PIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!-]+")
INCLUDE = re.compile(r"(?:-r|--requirement)[ =]?\s*(\S+)")
USAGE = "usage: python -m glossary_site.install <requirements file>"


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
            name = re.sub(r"[-_.]+", "-", pin.split("==")[0]).lower()
            if name in names:
                raise ValueError(f"{where} {name} is pinned twice ({names[name]}, {pin}); keep one")
            names[name] = pin
        found += more
    return found


def split(items: list[str], parts: int) -> list[list[str]]:
    """`items` dealt into at most `parts` non-empty lists, in turn."""
    return [chunk for chunk in (items[start::parts] for start in range(parts)) if chunk]


def missing(report: dict) -> list[str]:
    """What a dry run of pip's resolver (its JSON report) would still install: the packages
    the pins lack, as pins."""
    return [
        f"{item['metadata']['name']}=={item['metadata']['version']}" for item in report["install"]
    ]


def cores() -> int:
    """The CPU cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


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
        wanted = pins(Path(args[0]))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    running = [
        subprocess.Popen(
            [*pip, "--no-deps", *chunk], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for chunk in split(wanted, cores())
    ]
    failed = False
    for process in running:
        output = process.communicate()[0]
        if process.returncode:
            print(output, end="", file=sys.stderr)
            failed = True
    if failed:
        print(f"error: pip could not install the pins of {args[0]} (see above)", file=sys.stderr)
        return 1
    check = subprocess.run(
        [*pip, "--dry-run", "--report", "-", "--requirement", args[0]],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode:
        print(check.stderr, end="", file=sys.stderr)
        print(f"error: pip's resolver rejects the pins of {args[0]} (see above)", file=sys.stderr)
        return 1
    lacking = missing(json.loads(check.stdout))
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
