"""The real site: strict build, exact page list, languages, hreflang, titles, index, search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import EDIT_URI, FINISHED, LANGUAGES, PREFIX, ROOT, SITE_URL, SUFFIX, Build
from glossary_site import diagrams
from glossary_site.data import load_all_terms, load_ui
from glossary_site.speed import (
    COLOR_SCHEME_STYLE,
    CONFIG,
    FIXES,
    ON_LOAD_OR_NOW,
    PARTS_END,
    PARTS_START,
    TABLE_RULE,
    Fix,
    applied,
    check_copy_button,
    copy_buttons,
    one_task_per_component,
    start_up_later,
)

TERMS = load_all_terms(FINISHED)
SLUGS = sorted(TERMS[FINISHED[0]].terms)
PAGES = (
    ["", "glossary/", "diagrams/", "reuse/", "translation-status/", "translator-guide/"]
    + [f"glossary/{slug}/" for slug in SLUGS]
    + [f"demos/{name}/" for name in ("latent-space", "latent-space-collapse", "model-collapse")]
    + [f"diagrams/{name}/" for name in diagrams.NAMES]
)
SITE_NAMES = {
    "en": "Latent Space & Collapse Glossary",
    "de": "Glossar: latenter Raum und Kollaps",
    "es": "Glosario: espacio latente y colapso",
}


def html_of(site: Path, lang: str, page: str) -> str:
    return (site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")


def test_strict_build_is_clean(real_build: Build) -> None:
    assert real_build.returncode == 0, real_build.log
    assert "WARNING" not in real_build.log
    assert "end of life" not in real_build.log.lower()


def test_every_language_builds_exactly_the_expected_pages(site: Path) -> None:
    built = {
        str(p.parent.relative_to(site)).replace(".", "") + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.parts and "lite" not in p.parts  # lite/: the JupyterLite app
    }
    built = {b.lstrip("/") for b in built}
    expected = {f"{PREFIX[lang]}{page}" for lang in LANGUAGES for page in PAGES}
    assert built == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_carry_their_language(site: Path, lang: str) -> None:
    for page in PAGES:
        assert f'<html lang="{lang}"' in html_of(site, lang, page), page


def is_draft(site: Path, lang: str, page: str) -> bool:
    """Whether a page of a language in progress is shown untranslated (kept out of search
    engines): no language's alternates name it."""
    return '<meta name="robots" content="noindex">' in html_of(site, lang, page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hreflang_set_is_complete_and_absolute(site: Path, lang: str) -> None:
    for page in PAGES:
        links = re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html_of(site, lang, page)
        )
        published = [other for other in LANGUAGES if not is_draft(site, other, page)]
        assert set(FINISHED) <= set(published), page
        expected = [(other, f"{SITE_URL}{PREFIX[other]}{page}") for other in published]
        expected.append(("x-default", f"{SITE_URL}{page}"))
        assert links == expected, page


@pytest.mark.parametrize("lang", FINISHED)
def test_titles_are_translated(site: Path, lang: str) -> None:
    for slug in SLUGS:
        title = re.search(r"<title>(.*?)</title>", html_of(site, lang, f"glossary/{slug}/"))[1]
        assert title == f"{TERMS[lang].terms[slug].name} - {SITE_NAMES[lang]}"
    home = re.search(r"<title>(.*?)</title>", html_of(site, lang, ""))[1]
    assert home.endswith(SITE_NAMES[lang])


@pytest.mark.parametrize("lang", FINISHED)
def test_glossary_index_lists_every_term_in_order(site: Path, lang: str) -> None:
    page = html_of(site, lang, "glossary/")
    listed = re.findall(r'<dt><a href="([a-z0-9-]+)/">(.*?)</a></dt>\s*<dd>(.*?)</dd>', page)
    assert sorted(href for href, _, _ in listed) == SLUGS
    for href, name, definition in listed:
        term = TERMS[lang].terms[href]
        assert (name, definition) == (term.name, term.definition)


@pytest.mark.parametrize("lang", FINISHED)
def test_entries_open_with_their_definition_and_describe_it(site: Path, lang: str) -> None:
    for slug in SLUGS:
        page = html_of(site, lang, f"glossary/{slug}/")
        definition = TERMS[lang].terms[slug].definition
        lead = re.search(r'<p class="definition">(.*?)</p>', page)[1]
        assert re.sub(r"<[^>]+>", "", lead) == definition
        assert f'<meta name="description" content="{definition}">' in page
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
        assert data["@type"] == "DefinedTerm"
        assert data["description"] == definition
        assert data["inLanguage"] == lang
        assert data["url"] == f"{SITE_URL}{PREFIX[lang]}glossary/{slug}/"
        assert f'id="related-terms">{load_ui(lang)["related_terms"]}' in page


def blocks(page: str) -> list[str]:
    """The article's block elements in order, as `tag` or `tag.class` (headings by id)."""
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>"
    )[0]
    found = re.findall(r"<(h[1-6]|p|div|figure|table|ul|ol)\b([^>]*)>", article)
    out = []
    for tag, attributes in found:
        name = re.search(r'(?:id|class)="([^"]*)"', attributes)
        out.append(
            f"{tag}.{name[1].split()[0]}"
            if name and tag != "p" or "definition" in attributes
            else tag
        )
    return out


@pytest.mark.parametrize("slug", SLUGS)
def test_entries_open_in_every_language_with_title_then_definition(site: Path, slug: str):
    """The definition stands right under the title in every language (front matter in a
    translation does not move it), and the entry's headings come in the same order."""
    orders = {}
    for lang in FINISHED:
        order = blocks(html_of(site, lang, f"glossary/{slug}/"))
        assert order[1] == "p.definition", (lang, order[:3])
        assert order[0].startswith("h1"), (lang, order[:3])
        orders[lang] = [b for b in order if b[:2] in ("h2", "h3")]  # explicit ids: the same
    assert all(order == orders[FINISHED[0]] for order in orders.values()), orders


@pytest.mark.parametrize("lang", FINISHED)
def test_term_mentions_have_tooltips_in_the_page_language(site: Path, lang: str) -> None:
    page = html_of(site, lang, "")
    titles = set(re.findall(r'<abbr title="([^"]+)">', page))
    definitions = {t.definition for t in TERMS[lang].terms.values()}
    assert titles and titles <= definitions


@pytest.mark.parametrize("lang", FINISHED)
def test_search_index_holds_only_its_language(site: Path, lang: str) -> None:
    index = json.loads((site / PREFIX[lang] / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == [lang]
    assert "stemmer" in index["config"]["pipeline"]
    titles = {doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    names = {t.name for t in TERMS[lang].terms.values()}
    assert names <= titles
    others = {t.name for other in FINISHED if other != lang for t in TERMS[other].terms.values()}
    assert not (titles & (others - names))
    prefixes = tuple(PREFIX[other] for other in LANGUAGES if PREFIX[other])
    assert all(not doc["location"].startswith(prefixes) for doc in index["docs"])


def test_non_default_pages_point_search_at_their_language(site: Path) -> None:
    for lang in LANGUAGES[1:]:
        assert f'"{lang}/"' in html_of(site, lang, "glossary/")
    assert "c.base=" not in html_of(site, LANGUAGES[0], "")


def test_sitemap_lists_alternates(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text()
    for lang in LANGUAGES:
        alternate = f'hreflang="{lang}" href="{SITE_URL}{PREFIX[lang]}glossary/model-collapse/"'
        assert (alternate in sitemap) != is_draft(site, lang, "glossary/model-collapse/"), lang


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<(?:script|img|link|iframe|source)\b[^>]*>", text):
            tag = match[0]
            if tag.startswith("<link") and re.search(r'rel="(alternate|canonical)"', tag):
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{path}: {tag}"
    css = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_fonts_are_self_hosted(site: Path) -> None:
    assert (site / "assets/fonts/stix-two-math.woff2").read_bytes()[:4] == b"wOF2"
    fonts = (ROOT / "docs/assets/stylesheets/fonts.css").read_text()
    for font in re.findall(r'url\("\.\./(fonts/[^"]+)"\)', fonts):
        assert (site / "assets" / font).exists(), font


def test_page_loads_do_not_restyle_every_element_for_materials_assets(site: Path) -> None:
    (palette,) = (site / "assets/stylesheets").glob("palette.*.min.css")
    css = palette.read_text(encoding="utf-8")
    assert "data-md-color-switching" not in css and "[data-md-color-scheme=slate]" in css
    (main,) = (site / "assets/stylesheets").glob("main.*.min.css")
    css = main.read_text(encoding="utf-8")
    assert "table:not([class])+*" not in css and ".md-typeset table:not([class])" in css
    (bundle,) = (site / "assets/javascripts").glob("bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    assert 'name:"color-scheme"' not in script and COLOR_SCHEME_STYLE in script
    assert ON_LOAD_OR_NOW in script
    html = (site / "index.html").read_text(encoding="utf-8")
    head = html.split("<body", 1)[0]
    assert 'c.replace("no-js","js");c.add("js-focus-visible")' in head
    assert re.search(
        rf"<noscript><style>{re.escape(TABLE_RULE)}</style></noscript>\s*</head>", head
    )


PAGE_CONFIG = (
    '<script id="__config" type="application/json">'
    '{"translations": {"clipboard.copy": "Kopieren"}}</script>'
)
# Material's copy button (its markup from the bundle), titled and numbered.
COPY_BUTTON = (
    '<span class="md-code__nav"><button class="md-code__button" title="{title}" '
    'data-clipboard-target="#__copy_{n}" data-md-type="copy"></button></span>'
)


def test_code_blocks_get_their_copy_button_from_the_build() -> None:
    """Material's markup, in the page's language, in every `pre > code` (a highlighted one,
    with pymdownx's empty span, or a plain one), pointing at its <code>."""
    page = (
        '<div class="highlight"><pre><span></span><code>make test\n</code></pre></div>'
        '<pre tabindex="0"><code class="language-html">&lt;p&gt;</code></pre>' + PAGE_CONFIG
    )
    first, second = (COPY_BUTTON.format(title="Kopieren", n=n) for n in (1, 2))
    assert copy_buttons(page) == (
        f'<div class="highlight"><pre><span></span>{first}<code id="__copy_1">'
        "make test\n</code></pre></div>"
        f'<pre tabindex="0">{second}<code id="__copy_2" class="language-html">'
        "&lt;p&gt;</code></pre>" + PAGE_CONFIG
    )
    no_config = page.replace(PAGE_CONFIG, "")
    assert copy_buttons(no_config) == no_config


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_block_has_one_copy_button_in_the_page_language(site: Path, lang: str):
    for path in (site / PREFIX[lang]).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        config = CONFIG.search(html)
        if not config or "<pre" not in html:
            continue
        config = json.loads(config[1])
        assert "content.code.copy" not in config["features"]
        copy = config["translations"]["clipboard.copy"]
        nav = r'(<span class="md-code__nav">.*?</span>)?'
        codes = re.findall(rf"<pre\b[^>]*>(?:<span></span>)?{nav}<code\b([^>]*)>", html)
        for before, attributes in codes:
            n = re.fullmatch(r' id="__copy_(\d+)"(?: class="[^"]*")?', attributes)[1]
            assert before == COPY_BUTTON.format(title=copy, n=n), path
        ids = re.findall(r'id="(__copy_\d+)"', html)
        assert len(ids) == len(set(ids)) == len(codes), path


def test_scripts_are_preloaded_and_wait_for_the_loader(site: Path) -> None:
    html = (site / "demos/model-collapse/index.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    folder = re.escape('"../../assets/javascripts/') + '([^"]+)"'
    preload = '<link rel="preload" as="script" fetchpriority="low" href='
    preloads = re.findall(preload + folder, body)
    placeholders = re.findall(f"<script data-src={folder}", body)
    names = [re.sub(r"\.[0-9a-f]{8}\.min\.js$", ".min.js", name) for name in preloads]
    assert names == ["bundle.min.js", "site.js", "charts.js"] and placeholders == preloads
    assert re.findall(r"<script[^>]* src=", html) == []
    assert 'if (document.visibilityState == "hidden") load();' in body


@pytest.mark.parametrize("fix", FIXES, ids=lambda fix: fix.topic)
def test_each_speed_fix_replaces_its_text(fix: Fix) -> None:
    assert applied(fix, f"a{{}}{fix.old}b{{}}", "x") == f"a{{}}{fix.new}b{{}}"


@pytest.mark.parametrize(
    ("fix", "name", "message"),
    [
        (
            FIXES[0],
            "palette.1234.min.css",
            "palette.1234.min.css: error: speed: Material's palette stylesheet has no "
            '"[data-md-color-switching] *,[data-md-col..." any more; check what the new '
            "Material version does with data-md-color-switching and update "
            "glossary_site/speed.py",
        ),
        (
            FIXES[2],
            "bundle.1234.min.js",
            "bundle.1234.min.js: error: speed: Material's bundle has no "
            '"let o=x("meta",{name:"color-scheme"});do..." any more; check what the new '
            "Material version does with the color-scheme meta element and update "
            "glossary_site/speed.py",
        ),
    ],
    ids=["palette", "bundle"],
)
def test_a_material_asset_without_the_text_of_a_fix_is_an_error(
    fix: Fix, name: str, message: str
) -> None:
    with pytest.raises(PluginError) as info:
        applied(fix, "a{}", name)
    assert str(info.value) == message


def test_a_bundle_whose_copy_button_changed_is_an_error(site: Path) -> None:
    (bundle,) = (site / "assets/javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    check_copy_button(text, bundle.name)  # the pinned Material version
    with pytest.raises(PluginError) as info:
        check_copy_button(text.replace('"data-md-type":"copy"', '"data-md-type":"c"'), "b.js")
    assert str(info.value) == (
        """b.js: error: speed: Material's bundle has no '"data-md-type":"copy"' any more; check """
        "how the new Material version renders a code block's copy button and copies its text "
        "(renderClipboardButton, setupClipboardJS), and update copy_buttons in "
        "glossary_site/speed.py"
    )


# Material's mount calls as the pinned bundle has them, shortened.
MOUNTS = (
    'function oi(e,t){return L(...M(".annotate:not(.highlight)",e).map(i=>zn(i,{t:(o)})),'
    '...M("a",e).map(i=>Jn(i,t)))}function cs(e){}'
    'var ft=ai(Ce("header")),Hs=L(...me("consent").map(e=>An(e,{t:f(1)})),'
    '...me("search").map(e=>_i(e))),$s=H(()=>L(...me("toc").map(e=>Ri(e,{a:(b)}))))'
    ",Ki=ct.pipe(b(()=>$s),Ve(Hs),Z(1));"
)


def test_each_component_and_part_of_the_content_mounts_in_a_task_of_its_own() -> None:
    assert one_task_per_component(MOUNTS, "bundle.1234.min.js") == (
        'function oi(e,t){return L(...M(".annotate:not(.highlight)",e)'
        ".map(i=>__later(()=>zn(i,{t:(o)}))),"
        '...M("a",e).map(i=>__later(()=>Jn(i,t))))}function cs(e){}'
        'var __later=t=>$(0).pipe(nt(0),b(t)),ft=ai(Ce("header")),'
        'Hs=L(...me("consent").map(e=>__later(()=>An(e,{t:f(1)}))),'
        '...me("search").map(e=>__later(()=>_i(e)))),'
        '$s=H(()=>L(...me("toc").map(e=>__later(()=>Ri(e,{a:(b)})))))'
        ",Ki=ct.pipe(b(()=>$s),Ve(Hs),Z(1));"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "Hs=L(",
            "Hs=M(",
            """'Hs=L(...me("consent")'...',Ki=ct.pipe(' any more; check how the new Material """
            "version mounts its components (control$, content$ in bundle.ts) and update "
            "glossary_site/speed.py",
        ),
        (
            ".annotate:",
            ".annotation:",
            """'...M(".annotate:not(.highlight)",e)'...')}function ' any more; check how the """
            "new Material version mounts the parts of the content (mountContent in "
            "components/content) and update glossary_site/speed.py",
        ),
    ],
    ids=["components", "parts of the content"],
)
def test_a_bundle_that_mounts_otherwise_is_an_error(old: str, new: str, message: str) -> None:
    with pytest.raises(PluginError) as info:
        one_task_per_component(MOUNTS.replace(old, new), "bundle.1234.min.js")
    assert (
        str(info.value) == f"bundle.1234.min.js: error: speed: Material's bundle has no {message}"
    )


def test_a_mount_call_that_does_not_close_is_an_error_not_a_traceback() -> None:
    with pytest.raises(PluginError) as info:
        one_task_per_component(MOUNTS.replace("Jn(i,t)))}", "Jn(i,t)}"), "bundle.1234.min.js")
    assert str(info.value) == (
        "bundle.1234.min.js: error: speed: a '.map(i=>' call in Material's bundle does not close "
        "where glossary_site/speed.py expects; check how the new Material version mounts its "
        "components"
    )


def test_the_pinned_material_bundle_mounts_each_component_and_part_later(site: Path) -> None:
    (bundle,) = (site / "assets/javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    mounts = text[text.index("Hs=L(") : text.index(",Ki=ct.pipe(")]
    assert mounts.count(".map(e=>__later(()=>") == mounts.count(".map(e=>") == 15
    start = text.index(PARTS_START)
    parts = text[start : text.index(PARTS_END, start)]
    assert parts.count(".map(i=>__later(()=>") == parts.count(".map(i=>") == 9
    # Links without a preview are not mounted; the start-up runs a task after the modules.
    assert '...M("a",e).filter(i=>V("navigation.instant.preview")' in parts
    start_up = text[text.index(";setTimeout(()=>{document.documentElement.classList") :]
    end = f"window.component$=Ki;}});}})();\n//# sourceMappingURL={bundle.name}.map"
    assert start_up.rstrip().endswith(end)
    assert "var " not in start_up


# Material's start-up as the pinned bundle has it, shortened: a module above it reads `Or`.
START = (
    '"use strict";(()=>{function ks(){return Or.base}'
    'document.documentElement.classList.remove("no-js");var ct=an(),Or=Te(),zi=ks();'
    'di({a:"}"});var Di;((Di=Or.version)==null?void 0:Di.p)==="mike"&&Ti(ct);'
    "var __later=t=>$(0).pipe(nt(0),b(t)),Ki=ct.pipe(b(()=>L(a,b)));Ki.subscribe();"
    "window.component$=Ki;})();\n//# sourceMappingURL=bundle.1234.min.js.map\n"
)


def test_materials_start_up_runs_in_the_task_after_the_bundle() -> None:
    assert start_up_later(START, "bundle.1234.min.js") == (
        '"use strict";(()=>{function ks(){return Or.base}'
        "var ct,Or,zi,Di,__later,Ki;setTimeout(()=>{"
        'document.documentElement.classList.remove("no-js");ct=an(),Or=Te(),zi=ks();'
        'di({a:"}"});;((Di=Or.version)==null?void 0:Di.p)==="mike"&&Ti(ct);'
        "__later=t=>$(0).pipe(nt(0),b(t)),Ki=ct.pipe(b(()=>L(a,b)));Ki.subscribe();"
        "window.component$=Ki;});})();\n//# sourceMappingURL=bundle.1234.min.js.map\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'classList.remove("no-js")',
            'classList.remove("nojs")',
            """bundle has no 'document.documentElement.classList.remove("no-js");' any more; """
            "check how the new Material version starts (the end of bundle.ts) and update "
            "glossary_site/speed.py",
        ),
        (
            "var Di;",
            "let Di;",
            "start-up declares 'let Di', which glossary_site/speed.py cannot move into a "
            "later task; check the end of the new Material version's bundle.ts and update "
            "glossary_site/speed.py",
        ),
        (
            "zi=ks()",
            "{zi}=ks()",
            "start-up declares '{zi}=ks()', which glossary_site/speed.py cannot move into a "
            "later task; check the end of the new Material version's bundle.ts and update "
            "glossary_site/speed.py",
        ),
        (
            'di({a:"}"})',
            'di({a:"}})',
            "start-up leaves a bracket or a string open where glossary_site/speed.py cuts it "
            "into statements; check the end of the new Material version's bundle.ts and "
            "update glossary_site/speed.py",
        ),
    ],
    ids=["no start-up", "let", "destructuring", "open string"],
)
def test_a_start_up_that_cannot_be_moved_is_an_error(old: str, new: str, message: str) -> None:
    with pytest.raises(PluginError) as info:
        start_up_later(START.replace(old, new), "bundle.1234.min.js")
    assert str(info.value) == f"bundle.1234.min.js: error: speed: Material's {message}"


def test_real_term_data_is_consistent() -> None:
    source = TERMS[FINISHED[0]].terms
    for lang in FINISHED:
        assert sorted(TERMS[lang].terms) == SLUGS
        for term in TERMS[lang].terms.values():
            assert term.name and term.definition.endswith(".")
    for term in source.values():
        assert term.related and set(term.related) <= set(SLUGS)
        assert term.slug not in term.related


def test_titles_carry_no_tooltips(site: Path) -> None:
    page = html_of(site, "es", "glossary/latent-space-collapse/")
    assert "<abbr" not in re.search(r"<h1.*?</h1>", page, re.DOTALL)[0]
    assert "<abbr" in page.split("</h1>", 1)[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_status_page_shows_the_checker_figures(site: Path, lang: str) -> None:
    page = html_of(site, lang, "translation-status/")
    ui = load_ui(lang)
    for key in ("status_complete", "status_outdated", "status_missing", "status_words"):
        assert f"<th>{ui[key]}</th>" in page
    assert "<td><code>de</code></td>" in page and "<td><code>es</code></td>" in page
    assert "<td><code>docs/glossary/model-collapse.md</code></td>" in page


@pytest.mark.parametrize("lang", FINISHED)
def test_every_entry_can_be_edited_cited_dated_and_shared(site: Path, lang: str) -> None:
    """Each entry links to its own source file for editing, says when it last changed, offers
    its cite block and carries card tags, in every language."""
    for slug in SLUGS:
        page = html_of(site, lang, f"glossary/{slug}/")
        source = f"glossary/{slug}{SUFFIX[lang]}.md"
        edit = re.search(
            r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', page
        )
        assert edit and edit[1] == EDIT_URI + source, (lang, slug)
        assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">', page), (lang, slug)
        assert '<details class="cite" id="cite">' in page and f"lscg-{slug}-{lang}" in page
        card = f"{SITE_URL}{PREFIX[lang]}assets/cards/{slug}.png"
        assert f'<meta property="og:image" content="{card}">' in page
        assert (site / PREFIX[lang] / "assets/cards" / f"{slug}.png").is_file()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") == sitemap.count("<loc>")
