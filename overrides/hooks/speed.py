"""Speed fixes on top of Material's assets.

When its palette component starts, on every page load, Material sets data-md-color-switching
on <body> and removes it in the next frame. Its palette stylesheet has one rule for that
attribute, `[data-md-color-switching] *, ... {transition-duration: 0s !important}`, which
stops colour transitions during a switch; because of the `*`, each of the two changes makes
the browser restyle every element of the page, twice per load (on an entry with typeset
formulas, 2,700 elements). The rule is dropped from the published stylesheet: a palette
switch then fades colours the way hovering a link does, and page loads restyle once less.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def without_switching_rule(css: str, name: str) -> str:
    """`css` (Material's palette stylesheet, named `name`) without the switching rule."""
    if SWITCHING_RULE not in css:
        raise PluginError(
            f"{name}: error: speed: Material's palette stylesheet has no rule "
            f'"{SWITCHING_RULE[:40]}..." any more; check what the new Material version does '
            "with data-md-color-switching and update overrides/hooks/speed.py"
        )
    return css.replace(SWITCHING_RULE, "")


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the file collection
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in list(files):
        name = Path(file.src_uri).name
        if file.src_uri.startswith("assets/stylesheets/palette.") and name.endswith(".min.css"):
            css = Path(file.abs_src_path or "").read_text(encoding="utf-8")
            files.remove(file)
            files.append(
                File.generated(config, file.src_uri, content=without_switching_rule(css, name))
            )
    return files
