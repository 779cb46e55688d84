"""Speed fixes on top of Material's assets. The first three each stop a page load from
restyling every element of the page (on an entry with typeset formulas, 2,500 to 2,700
elements, each time); the others take work off the page's main thread or split it into
short tasks.

- Material's palette component sets data-md-color-switching on <body> on every load and
  removes it in the next frame. Its palette stylesheet's one rule for that attribute,
  `[data-md-color-switching] *, ... {transition-duration: 0s !important}`, made each change
  restyle every element (the `*`). Without it a palette switch fades colours the way hovering
  a link does.
- The same component adds a <meta name="color-scheme"> and then sets its content, on every
  load. Chromium restyles every element whenever a color-scheme meta element is added or its
  content set, even to the value it had. The bundle is patched to put the scheme on <html> as
  its `color-scheme` style instead, which restyles <html> and <body> only; the root scrollbar
  and the page canvas still follow the reader's light or dark choice.
- Material's stylesheet spaces the element after a table with `table:not([class]) + *`. A
  rule whose subject after a sibling combinator is `*` makes Chromium restyle every element
  below the parent whenever a child is added or removed, and Material's bundle moves each
  table into a scrolling wrapper at load. Once wrapped, a table has no next sibling and the
  rule matches nothing, so it moves into a <noscript> stylesheet: readers without JavaScript,
  whose tables stay unwrapped, keep the spacing.
- Material's bundle waits for DOMContentLoaded to mount its components. overrides/main.html
  loads the bundle only after the page's first frame (see its scripts block), which can be
  after DOMContentLoaded: the bundle is patched to mount, in a task of its own, a document
  that has already loaded.
- Material mounts all of its components in two long tasks: the controls (search, palette,
  progress...) while the bundle is evaluated, the page's components (content with its
  tooltips, header, sidebars, table of contents...) when the document is ready. On a phone
  (Lighthouse's 4x CPU slowdown) each took 110 to 170 ms, and every millisecond above 50 of
  a task counts as blocking time. Each component now mounts in a task of its own
  (`of(0).pipe(delay(0), switchMap(mount))`), in the same order. So does each part of the
  article that the content component mounts (each code block, link, table, tooltip...): on
  the translator guide the content component alone took 22 to 47 ms unslowed, one task;
  split, no part takes more than about 1 ms. Of an article's links it mounts only those with a
  preview (none on this site); each of the others was a task that did nothing.
- Material's bundle evaluated its modules and ran its start-up (document$ and the other
  observables, the keyboard, scroll lock and clipboard handlers, then the mounts' timers) in one
  task, 10 to 11 ms unslowed on every page, the longest of a page's tasks after its first
  paint. The start-up now runs in the next task (`start_up_later`).

- Material's search fetches the search index (250 to 270 KB) on every page, parses it on the
  page's main thread and posts the parsed object to its worker, which copies it again: 10 to
  20 ms of the page's own time after the first paint, unslowed. The page now fetches the
  index as text and posts the text; the site's worker
  (docs/assets/javascripts/workers/stemmed-search.js) parses it before Material's worker
  reads it. Search highlighting (`?h=` after a search result) parses the index on the page
  for its configuration, as before, on that page only.
- The search component's mount was the longest of them, 12 to 22 ms unslowed on an entry:
  it created the worker, asked for the index and mounted its parts in one task. It now asks
  for the index in the next task (the mount: about 6 ms), once its parts listen to the worker.
  The content component's search highlighting asked for the index on every page, to use it
  only after a search (`?h=`); it now asks only then.

- Material puts a copy button into every code block when its content component mounts
  (`content.code.copy`): each insertion made the next block's size check (clientWidth, then
  scrollWidth) lay out the whole page again, 9 of the 25 layouts of a page load on the
  translator guide. The build writes the button into the page instead (the feature is off in
  mkdocs.yml), and Material's clipboard handler, which serves every `[data-clipboard-target]`,
  copies as before. Its container is a <span> with Material's class, not the <nav> Material
  makes (HTML allows no <nav> inside <pre>), so there are no landmarks to name apart.

Each fix is an exact text replacement in the pinned Material version; if an update changes
the text, the build stops and names the file.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .cut import top_level
from .project import Feature, into_head

SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
TABLE_RULE = ".md-typeset table:not([class])+*{margin-top:1.5em}"
COLOR_SCHEME_META = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
COLOR_SCHEME_STYLE = "let o={set content(v){document.documentElement.style.colorScheme=v}};"
ON_LOAD = 'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document))'
ON_LOAD_OR_NOW = f'(document.readyState=="loading"?{ON_LOAD}:setTimeout(()=>e.next(document)))'
# The search index: fetched and parsed on the page (requestJSON), then posted to the worker.
INDEX_FETCH = 'ze(new URL("search/search_index.json",Or.base))'
INDEX_AS_TEXT = (
    'to(new URL("search/search_index.json",Or.base)).pipe(b(r=>r.text()),'
    "m(r=>({text:r,get config(){return JSON.parse(r).config}})),Z(1))"
)
INDEX_POST = (
    ".subscribe(({config:o,docs:n})=>r.next({type:0,data:{config:o,docs:n,"
    'options:{suggest:V("search.suggest")}}}))'
)
INDEX_TEXT_POST = (
    '.subscribe(o=>r.next({type:0,data:{..."text"in o?{text:o.text}:{config:o.config,'
    'docs:o.docs},options:{suggest:V("search.suggest")}}}))'
)


# The search component asks for the index as it mounts (setupSearchWorker); it now does in the
# next task (`__later`, which one_task_per_component declares). Its query and result parts
# subscribe to the worker in the mount's own task, so none can miss the worker's ready
# message, which follows the index.
INDEX_SUBSCRIBE = 'Je("search")).pipe(Re(o=>o),b(()=>t))'
INDEX_LATER = 'Je("search")).pipe(Re(o=>o),b(()=>__later(()=>t)))'
# Search highlighting (mountSearchHiglight) asked for the index on every page, to use it only
# with ?h= in the URL; it now asks only then.
HIGHLIGHT_INDEX = 'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])'
HIGHLIGHT_INDEX_IF_ASKED = (
    'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))'
)
# Material's mount calls, minified: `...getComponentElements("search").map(el => mountSearch(el,
# {...}))` inside the merges of control$ and content$, from the first to component$.
MOUNTS_START = 'Hs=L(...me("consent")'
MOUNTS_END = ",Ki=ct.pipe("
MOUNT = ".map(e=>"
# A local helper, declared where the component observables are: of(0), delay(0), switchMap.
LATER = "var __later=t=>$(0).pipe(nt(0),b(t)),ft=ai("
LATER_AT = "var ft=ai("
# The content component's mounts of the parts of an article, minified: `...getElements("pre >
# code", el).map(child => mountCodeBlock(child, {...}))` in mountContent, from the first part
# (annotations) to the end of the function.
PARTS_START = '...M(".annotate:not(.highlight)",e)'
PARTS_END = ")}function "
PART = ".map(i=>"
# Of an article's links, the content component mounts only those with a preview (mountLink:
# navigation.instant.preview, or data-preview); the others were each a task that did nothing.
LINK_PARTS = '...M("a",e).map(i=>'
PREVIEW_LINK_PARTS = (
    '...M("a",e).filter(i=>V("navigation.instant.preview")||i.hasAttribute("data-preview")).map(i=>'
)
# Material's start-up, minified: from its first statement after the modules (bundle.ts) to the
# end of the bundle's function.
START_UP = 'document.documentElement.classList.remove("no-js");'
BUNDLE_END = "})();"


@dataclass(frozen=True)
class Fix:
    """One exact text replacement in one of Material's assets."""

    prefix: str  # where the asset is, up to its content hash: assets/stylesheets/main.
    suffix: str
    asset: str  # what the asset is, for the error message
    old: str
    new: str
    topic: str  # what to look at in a new Material version


FIXES = (
    Fix(
        "assets/stylesheets/palette.",
        ".min.css",
        "palette stylesheet",
        SWITCHING_RULE,
        "",
        "data-md-color-switching",
    ),
    Fix("assets/stylesheets/main.", ".min.css", "stylesheet", TABLE_RULE, "", "table spacing"),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        COLOR_SCHEME_META,
        COLOR_SCHEME_STYLE,
        "the color-scheme meta element",
    ),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        ON_LOAD,
        ON_LOAD_OR_NOW,
        "document$ and DOMContentLoaded",
    ),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        INDEX_FETCH,
        INDEX_AS_TEXT,
        "the search index's request (requestJSON in the search integration)",
    ),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        INDEX_POST,
        INDEX_TEXT_POST,
        "the search worker's setup message (setupSearchWorker)",
    ),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        INDEX_SUBSCRIBE,
        INDEX_LATER,
        "when the search worker is given the index (setupSearchWorker)",
    ),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        LINK_PARTS,
        PREVIEW_LINK_PARTS,
        "which links the content component mounts (mountContent, mountLink)",
    ),
    Fix(
        "assets/javascripts/bundle.",
        ".min.js",
        "bundle",
        HIGHLIGHT_INDEX,
        HIGHLIGHT_INDEX_IF_ASKED,
        "when search highlighting asks for the index (mountSearchHiglight)",
    ),
)


def applied(fix: Fix, text: str, name: str) -> str:
    """`text` (the asset named `name`) with `fix` made; an error if its text is not there."""
    if fix.old not in text:
        raise PluginError(
            f"{name}: error: speed: Material's {fix.asset} has no "
            f'"{fix.old[:40]}..." any more; check what the new Material version does with '
            f"{fix.topic} and update glossary_site/speed.py"
        )
    return text.replace(fix.old, fix.new)


def each_later(region: str, mount: str, name: str) -> str:
    """`region` (of the bundle named `name`) with every `<mount>call)` (`mount` is `.map(x=>`)
    made `<mount>__later(()=>call))`; an error if a call's brackets do not close in it."""
    out, i = [], 0
    while (j := region.find(mount, i)) >= 0:
        k = j + len(mount)
        depth = 1  # inside ".map("
        while depth:
            if k == len(region):
                raise PluginError(
                    f"{name}: error: speed: a {mount!r} call in Material's bundle does not close "
                    "where glossary_site/speed.py expects; check how the new Material version "
                    "mounts its components"
                )
            depth += {"(": 1, ")": -1}.get(region[k], 0)
            k += 1
        out.append(f"{region[i:j]}{mount}__later(()=>{region[j + len(mount) : k - 1]}))")
        i = k
    out.append(region[i:])
    return "".join(out)


def one_task_per_component(text: str, name: str) -> str:
    """Material's bundle with each component's mount deferred to a task of its own, and each
    part of the content (a code block, a link, a table, a tooltip...) to one of its own: every
    `.map(e=>mount(e,...))` between MOUNTS_START and MOUNTS_END, and every `.map(i=>...)`
    between PARTS_START and PARTS_END, becomes `.map(e=>__later(()=>mount(e,...)))`. An error
    names the bundle if the text is not there."""
    start, end, at = text.find(MOUNTS_START), text.find(MOUNTS_END), text.find(LATER_AT)
    if min(start, end, at) < 0 or not at < start < end:
        raise PluginError(
            f"{name}: error: speed: Material's bundle has no {MOUNTS_START!r}...{MOUNTS_END!r} "
            "any more; check how the new Material version mounts its components (control$, "
            "content$ in bundle.ts) and update glossary_site/speed.py"
        )
    text = text[:start] + each_later(text[start:end], MOUNT, name) + text[end:]
    parts = text.find(PARTS_START)
    parts_end = text.find(PARTS_END, parts)
    if min(parts, parts_end) < 0:
        raise PluginError(
            f"{name}: error: speed: Material's bundle has no {PARTS_START!r}...{PARTS_END!r} "
            "any more; check how the new Material version mounts the parts of the content "
            "(mountContent in components/content) and update glossary_site/speed.py"
        )
    text = text[:parts] + each_later(text[parts:parts_end], PART, name) + text[parts_end:]
    return text.replace(LATER_AT, LATER, 1)


def pieces_of(code: str, separator: str, name: str) -> list[str]:
    """`code` (from the bundle named `name`) cut at each `separator` outside brackets and
    strings; an error if a bracket or a string is still open at its end."""
    pieces, closed = top_level(code, separator)
    if not closed:
        raise PluginError(
            f"{name}: error: speed: Material's start-up leaves a bracket or a string open where "
            "glossary_site/speed.py cuts it into statements; check the end of the new Material "
            "version's bundle.ts and update glossary_site/speed.py"
        )
    return pieces


def unmovable(declaration: str, name: str) -> PluginError:
    """The error for a declaration in the start-up of the bundle named `name` that
    `start_up_later` cannot move into a later task."""
    return PluginError(
        f"{name}: error: speed: Material's start-up declares {declaration[:40]!r}, which "
        "glossary_site/speed.py cannot move into a later task; check the end of the new "
        "Material version's bundle.ts and update glossary_site/speed.py"
    )


def start_up_later(text: str, name: str) -> str:
    """Material's bundle with its start-up (document$ and the other observables, the keyboard,
    the scroll lock, the clipboard, then the components' mounts) run in the task after the
    bundle's evaluation: `setTimeout(()=>{...})`. Its `var` names stay declared where they were,
    for the functions above that read them (the search index's request reads the config, `Or`).
    An error names the bundle if the start-up is not there or declares a name otherwise."""
    start, end = text.find(START_UP), text.rfind(BUNDLE_END)
    if not 0 <= start < end:
        raise PluginError(
            f"{name}: error: speed: Material's bundle has no {START_UP!r} any more; check how "
            "the new Material version starts (the end of bundle.ts) and update "
            "glossary_site/speed.py"
        )
    names, statements = [], []
    for statement in pieces_of(text[start:end], ";", name):
        if re.match(r"(let|const|class|function)\b", statement):
            raise unmovable(statement, name)
        if not statement.startswith("var "):
            statements.append(statement)
            continue
        assignments = []
        for declarator in pieces_of(statement.removeprefix("var "), ",", name):
            declared = re.fullmatch(r"([\w$]+)(=.*)?", declarator, re.S)
            if not declared:
                raise unmovable(declarator, name)
            names.append(declared[1])
            assignments += [declarator] if declared[2] else []
        statements.append(",".join(assignments))
    later = ";".join(statements)
    return f"{text[:start]}var {','.join(names)};setTimeout(()=>{{{later}}});{text[end:]}"


# A code block as Material's content component finds it (`pre > code`), with pymdownx's empty
# <span> before the <code> of a highlighted one.
CODE_BLOCK = re.compile(r"(<pre\b[^>]*>)((?:<span></span>)?)<code\b(?![^>]*\bid=)")
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


# What the build's copy buttons copy from Material's bundle: the markup of its copy button, and
# its clipboard handler, which serves every element with a data-clipboard-target.
COPY_BUTTON_TEXTS = (
    '{class:"md-code__nav"}',
    '{class:"md-code__button",title:',
    '"data-md-type":"copy"',
    '"[data-clipboard-target], [data-clipboard-text]"',
)


def check_copy_button(text: str, name: str) -> None:
    """An error naming the bundle if Material's copy button or clipboard handler has changed
    (the build writes that markup into the pages: `copy_buttons`)."""
    for part in COPY_BUTTON_TEXTS:
        if part not in text:
            raise PluginError(
                f"{name}: error: speed: Material's bundle has no {part!r} any more; check how "
                "the new Material version renders a code block's copy button and copies its "
                "text (renderClipboardButton, setupClipboardJS), and update copy_buttons in "
                "glossary_site/speed.py"
            )


def copy_buttons(output: str) -> str:
    """The page with Material's copy button in each code block, as its content component
    would add it (`content.code.copy`), titled in the page's language (Material's
    "clipboard.copy"); the <code> gets an id for the button to point at."""
    config = CONFIG.search(output)
    translations = json.loads(config.group(1)).get("translations", {}) if config else {}
    title = translations.get("clipboard.copy")
    if not title:
        return output
    count = itertools.count(1)

    def button(match: re.Match[str]) -> str:
        n = next(count)
        return (
            f'{match[1]}{match[2]}<span class="md-code__nav"><button class="md-code__button" '
            f'title="{escape(title)}" data-clipboard-target="#__copy_{n}" data-md-type="copy">'
            f'</button></span><code id="__copy_{n}"'
        )

    return CODE_BLOCK.sub(button, output)


class Speed(Feature):
    """The fixes in Material's assets, and the table rule for readers without JavaScript."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in list(files):
            fixes = [
                fix
                for fix in FIXES
                if file.src_uri.startswith(fix.prefix) and file.src_uri.endswith(fix.suffix)
            ]
            if not fixes:
                continue
            text = Path(file.abs_src_path or "").read_text(encoding="utf-8")
            name = Path(file.src_uri).name
            for fix in fixes:
                text = applied(fix, text, name)
            if file.src_uri.startswith("assets/javascripts/bundle."):
                check_copy_button(text, name)
                text = one_task_per_component(text, name)
                text = start_up_later(text, name)
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=text))
        return files

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        style = f"<noscript><style>{TABLE_RULE}</style></noscript>"
        return into_head(copy_buttons(output), style)
