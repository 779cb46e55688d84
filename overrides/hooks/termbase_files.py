"""Publish the termbase for CAT tools: /termbase/termbase.tbx (TBX-Basic) and .csv."""

from __future__ import annotations

import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from site_data import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import termbase_export  # noqa: E402


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the file collection
def on_files(files: Files, config: MkDocsConfig) -> Files:
    termbase = termbase_export.load()
    for name, content in (
        ("termbase/termbase.tbx", termbase_export.to_tbx(termbase)),
        ("termbase/termbase.csv", termbase_export.to_csv(termbase)),
    ):
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=content))
    return files
