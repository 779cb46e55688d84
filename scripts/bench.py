"""Speed and size figures (a benchmark, not a test): make bench runs it.

    python scripts/bench.py [--parts ...]

The logic is glossary_site/bench.py.
"""

from _entry import run

raise SystemExit(run("bench"))
