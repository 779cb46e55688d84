"""Prove the site's promise: every translation complete, every link working.

    python scripts/check.py translations [--lang de] [--format text|github|json] [FILE ...]
    python scripts/check.py links [--site site] [--external] [--format ...]
    python scripts/check.py all [--site site]

The logic is glossary_site/check.py.
"""

from _entry import run

raise SystemExit(run("check"))
