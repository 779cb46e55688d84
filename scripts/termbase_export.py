"""Export the termbase as TBX-Basic and CSV for CAT tools.

    python scripts/termbase_export.py --out site/termbase

The logic is glossary_site/termbase.py.
"""

from _entry import run

raise SystemExit(run("termbase"))
