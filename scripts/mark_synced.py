"""Mark translations as synced with their English source after review.

    python scripts/mark_synced.py docs/glossary/model-collapse.de.md [more files]
    python scripts/mark_synced.py --all [--lang de]

The logic is glossary_site/sync.py.
"""

from _entry import run

raise SystemExit(run("sync"))
