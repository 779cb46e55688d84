"""Draw the glossary's diagrams in every language, as SVG and PNG.

    python scripts/diagrams.py --out site/diagrams [--lang de] [--name model-collapse-loop]

The logic is glossary_site/diagrams.py.
"""

from _entry import run

raise SystemExit(run("diagrams"))
