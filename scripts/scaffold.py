"""Start a translation: copy an English source to its translation file.

    python scripts/scaffold.py docs/glossary/gan.md de
    python scripts/scaffold.py --all fr          # every missing file of a language

The logic is glossary_site/scaffold.py.
"""

from _entry import run

raise SystemExit(run("scaffold"))
