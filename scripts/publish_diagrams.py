"""Archive the current version of every diagram file and list its URLs as published.

    python scripts/publish_diagrams.py

The logic is glossary_site/diagram_versions.py.
"""

from _entry import run

raise SystemExit(run("diagram_versions"))
