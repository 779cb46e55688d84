"""What every command in scripts/ shares: run a glossary_site module's main(), or say in one
line how to run the command when the project's environment is not the one running it. A
command that works on a project works on the one in the current folder (where mkdocs.yml
is), as the documents run it, and on this repository otherwise."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path


def run(module: str) -> int:
    """Exit status of glossary_site.<module>.main() on the command line's arguments."""
    script = f"scripts/{Path(sys.argv[0]).name}"
    try:
        main = importlib.import_module(f"glossary_site.{module}").main
    except ModuleNotFoundError as exc:
        print(
            f"{script}: error: {exc.name} is not installed here; run it with the project's "
            f"environment: `make install`, then `.venv/bin/python {script} ...`",
            file=sys.stderr,
        )
        return 2
    here = Path.cwd()
    if "root" in inspect.signature(main).parameters and (here / "mkdocs.yml").is_file():
        return main(root=here)
    return main()
