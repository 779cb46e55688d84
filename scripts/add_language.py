"""Add a language to the site, marked in progress (its entries in mkdocs.yml).

    python scripts/add_language.py fr --name Français

The logic is glossary_site/add_language.py.
"""

from _entry import run

raise SystemExit(run("add_language"))
