"""The reader's journeys through the built site in Debian's Chromium, in every language.

Any request to a host other than 127.0.0.1 fails the test (Chromium cannot resolve one), and
so does any console error. Playwright drives /usr/bin/chromium; its own browser download is
never used.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import (
    FINISHED,
    LANGS,
    LANGUAGES,
    MOUNTED,
    PREFIX,
    ROOT,
    SITE_URL,
    SUFFIX,
    draw_charts,
    serve,
    visit,
)
from glossary_site.data import load_ui

# Inflected forms: found only through the language's stemmer.
SEARCHES = {
    "en": ("/", "generations"),
    "de": ("/de/", "Verteilungen"),
    "es": ("/es/", "distribuciones"),
}


# Records what the page posts to the search worker to set it up (message type 0): the index's
# text, which the worker parses (glossary_site/speed.py), not the parsed index.
SETUP_MESSAGES = """window.setups = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === 0)
    setups.push(Object.keys(message.data).map(key => [key, typeof message.data[key]]));
  return post.call(this, message, ...rest);
};"""


@pytest.mark.parametrize("lang", FINISHED)
def test_search_finds_only_pages_of_the_readers_language(page, base_url: str, lang: str) -> None:
    home, query = SEARCHES[lang]
    page.add_init_script(SETUP_MESSAGES)
    # networkidle: the search worker has loaded the index and the language's stemmer.
    page.goto(base_url + home.lstrip("/"), wait_until="networkidle")
    assert page.evaluate("window.setups") == [[["text", "string"], ["options", "object"]]]
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = [urlparse(h).path for h in results.evaluate_all("els => els.map(e => e.href)")]
    assert hrefs
    others = tuple(f"/{PREFIX[other]}" for other in LANGUAGES if PREFIX[other])
    for href in hrefs:
        if not PREFIX[lang]:
            assert not href.startswith(others), href
        else:
            assert href.startswith(home), href
    assert any("/glossary/model-collapse/" in h for h in hrefs)


def test_a_search_results_link_highlights_the_words_searched(page, base_url: str) -> None:
    """A search result links to its page with ?h=: the page marks the words searched (Material's
    search.highlight, which reads the index only on such a page)."""
    page.goto(base_url + "glossary/model-collapse/?h=generations")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=10_000)
    words = [word.lower() for word in marks.evaluate_all("els => els.map(e => e.textContent)")]
    assert len(words) > 5 and set(words) == {"generations"}


GLOSSARY = {"en": "Glossary", "de": "Glossar", "es": "Glosario"}


def term_name(lang: str, slug: str) -> str:
    from glossary_site.data import load_terms

    return load_terms(lang).terms[slug].name


def h1(page: object) -> str:
    return page.locator("article h1").inner_text().rstrip("¶").strip()


@pytest.mark.parametrize("lang", FINISHED)
def test_from_the_home_page_to_an_entry(page, base_url: str, lang: str) -> None:
    page.goto(base_url + PREFIX[lang])
    page.locator("article a[href$='glossary/latent-space-collapse/']").first.click()
    page.wait_for_load_state()
    assert page.url == f"{base_url}{PREFIX[lang]}glossary/latent-space-collapse/"
    assert h1(page) == term_name(lang, "latent-space-collapse")


def switches(langs: list[str]) -> list[str]:
    """A walk from the first language that switches from every language to every other
    exactly once (an Euler circuit: each language has as many switches in as out)."""
    left = {lang: [other for other in langs if other != lang] for lang in langs}
    stack, walk = [langs[0]], []
    while stack:
        if left[stack[-1]]:
            stack.append(left[stack[-1]].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def test_the_switcher_walk_takes_every_switch_once() -> None:
    langs = ["en", "de", "es", "fr"]
    walk = switches(langs)
    assert walk[0] == walk[-1] == "en"
    assert sorted(zip(walk, walk[1:], strict=False)) == sorted(
        (a, b) for a in langs for b in langs if a != b
    )


def test_language_switcher_keeps_the_reader_on_the_same_entry(page, base_url: str) -> None:
    """From every language to every other; a page of a language in progress that is not
    translated yet shows the source language's text."""
    walk = switches(LANGUAGES)
    page.goto(base_url + PREFIX[walk[0]] + "glossary/model-collapse/")
    for other in walk[1:]:
        page.locator(".md-header__option .md-select").first.hover()
        switcher = page.locator(".md-header__option .md-select__list")
        switcher.get_by_role("link", name=LANGS.names[other], exact=True).click()
        page.wait_for_load_state()
        assert page.url == f"{base_url}{PREFIX[other]}glossary/model-collapse/"
        assert page.locator("html").get_attribute("lang") == other
        draft = page.locator("meta[name=robots][content=noindex]").count() == 1
        assert h1(page) == term_name(LANGUAGES[0] if draft else other, "model-collapse")
        assert not (draft and other in FINISHED), other


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hovering_a_term_shows_its_definition(page, base_url: str, lang: str) -> None:
    page.goto(base_url + PREFIX[lang] + "glossary/latent-space/")
    term = page.locator("article p abbr").first
    definition = term.get_attribute("title")
    assert definition
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=definition[:30]).first
    tooltip.wait_for(state="visible", timeout=5_000)
    assert " ".join(tooltip.inner_text().split()) == " ".join(definition.split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_dark_system_preference_opens_in_the_dark_scheme(
    browser, base_url: str, lang: str
) -> None:
    """A first visit (no scheme chosen yet) follows the system; tests/test_accessibility.py
    checks the dark scheme's colours."""
    seen = visit(browser, color_scheme="dark")
    seen.page.goto(base_url + PREFIX[lang])
    assert seen.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    seen.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dark_mode_toggle_switches_and_is_remembered(page, base_url: str, lang: str) -> None:
    page.goto(base_url + PREFIX[lang])
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    # The root follows the palette too (scrollbar, canvas), without a color-scheme meta.
    root_scheme = "getComputedStyle(document.documentElement).colorScheme"
    assert page.evaluate(root_scheme) == "light"
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.wait_for_function(f"{root_scheme} === 'dark'", timeout=5_000)
    assert page.locator("meta[name=color-scheme]").count() == 0
    page.goto(base_url + PREFIX[lang] + "glossary/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.mark.parametrize("lang", FINISHED)
def test_embed_control_copies_a_snippet(browser, base_url: str, lang: str) -> None:
    seen = visit(browser, permissions=["clipboard-read", "clipboard-write"])
    page = seen.page
    page.goto(base_url + PREFIX[lang] + "glossary/model-collapse/")
    embed = page.locator("details.diagram-embed").first
    embed.locator("summary").click()
    block = embed.locator("pre").first
    block.hover()
    # The build's button, the only one once Material has mounted the page.
    assert block.locator(".md-code__button").count() == 1
    block.locator(".md-code__button[data-md-type='copy']").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator("code").inner_text().rstrip("\n")
    assert f'/diagrams/model-collapse-loop.{lang}.svg" alt=' in copied  # the HTML form
    seen.close()


@pytest.mark.parametrize("reader", ["light", "dark", "no-js"])
def test_an_articles_diagram_loads_when_it_comes_near_the_viewport(
    browser, base_url: str, reader: str
) -> None:
    """On a phone the entry's diagram is more than a screen below the top; its picture holds
    its place, with its alternative text, and is fetched only when the reader scrolls near it.
    Without JavaScript the browser's own lazy loading fetches it."""
    seen = visit(
        browser,
        viewport={"width": 412, "height": 640},
        is_mobile=True,
        color_scheme="dark" if reader == "dark" else "light",
        java_script_enabled=reader != "no-js",
    )
    page = seen.page
    fetched: list[str] = []
    page.on(
        "request",
        lambda r: fetched.append(r.url.rsplit("/", 1)[1]) if "/diagrams/" in r.url else None,
    )
    page.goto(base_url + "glossary/model-collapse/")
    image = page.locator("img.diagram--dark" if reader == "dark" else "img.diagram--light")
    state = """img => [
      img.currentSrc.startsWith("data:") ? "empty" : img.currentSrc.split("/").pop(),
      img.alt.length > 100,
    ]"""
    size = image.bounding_box()
    file = "model-collapse-loop.en.dark.svg" if reader == "dark" else "model-collapse-loop.en.svg"
    if reader == "no-js":
        assert image.evaluate(state) == [file, True]
        assert file in fetched
    else:
        assert image.evaluate(state) == ["empty", True]
        assert fetched == []
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth == 800", arg=image.element_handle()
    )
    assert image.evaluate(state) == [file, True]
    assert fetched.count(file) == 1 and image.bounding_box()["height"] == size["height"]
    seen.close()


@pytest.mark.parametrize("path", ["demos/model-collapse/", "glossary/model-collapse/"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_moving_a_demo_slider_redraws_the_chart(page, base_url: str, lang: str, path: str) -> None:
    """On the notebook page and in the entry's demo box."""
    page.goto(base_url + PREFIX[lang] + path)
    draw_charts(page)
    chart = page.locator(".vega-chart[data-ready]", has=page.locator("input[type=range]")).first
    before = chart.locator("svg").first.inner_html()
    slider = chart.locator("input[type=range]").first
    slider.evaluate(
        "el => { el.value = el.max; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    page.wait_for_function(
        "([el, old]) => el.querySelector('svg').innerHTML !== old",
        arg=[chart.element_handle(), before],
        timeout=5_000,
    )


def test_run_in_your_browser_opens_the_notebook_in_jupyterlite(browser, base_url: str) -> None:
    """In a translation (JupyterLite is the same app for every language; each language's
    button and notebook file are checked in tests/test_notebooks.py)."""
    lang = FINISHED[-1]
    seen = visit(browser)
    page = seen.page
    page.goto(base_url + PREFIX[lang] + "demos/latent-space/")
    page.locator(".notebook-actions a.md-button--primary").click()
    page.wait_for_url("**/lite/notebooks/index.html?path=*")
    cells = page.locator(".jp-Notebook .jp-Cell")
    cells.filter(has_text=f'DEMO_LANG = "{lang}"').first.wait_for(timeout=60_000)
    title = json.loads((ROOT / f"docs/demos/latent-space{SUFFIX[lang]}.ipynb").read_text())
    heading = "".join(title["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
    cells.filter(has_text=heading).first.wait_for(timeout=30_000)
    # Starting the kernel loads Pyodide from its CDN (said next to the button); Chromium
    # cannot reach it here, and no other host may be asked for anything.
    seen.close(allowed_hosts=("cdn.jsdelivr.net",))


@pytest.mark.parametrize("lang", FINISHED)
def test_phone_navigation_drawer(browser, base_url: str, lang: str) -> None:
    seen = visit(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = seen.page
    page.goto(base_url + PREFIX[lang])
    drawer = page.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    page.locator("label.md-header__button[for='__drawer']").click()
    # On a phone each navigation section is a level of its own: open the glossary's.
    drawer.locator("label.md-nav__link", has_text=GLOSSARY[lang]).first.click()
    link = drawer.locator("a[href$='glossary/model-collapse/']").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_load_state()
    assert page.url == f"{base_url}{PREFIX[lang]}glossary/model-collapse/"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone: {width}px"
    seen.close()


def test_tables_keep_their_spacing_without_javascript(browser, base_url: str) -> None:
    # Material moves each table into a scrolling wrapper, where nothing follows it; without
    # JavaScript the table stays put (in the entry's later sections, glossary_site/sections.py),
    # and the page's <noscript> stylesheet spaces what follows.
    after_table = (
        "() => { const t = document.querySelector('.md-typeset table:not([class])');"
        " const next = t.nextElementSibling;"
        " return [t.parentElement.className, next && [getComputedStyle(next).marginTop,"
        " getComputedStyle(next).fontSize]]; }"
    )
    for javascript in (True, False):
        seen = visit(browser, java_script_enabled=javascript)
        seen.page.goto(base_url + "glossary/model-collapse/")
        parent, after = seen.page.evaluate(after_table)
        if javascript:
            assert (parent, after) == ("md-typeset__table", None)
        else:
            assert parent == "lazy-section"
            margin, font_size = (float(value.removesuffix("px")) for value in after)
            assert margin == pytest.approx(1.5 * font_size)
        seen.close()


# Records, when Material's bundle defines window.document$, whether the page had its first
# contentful paint and DOMContentLoaded (deferred scripts run before DOMContentLoaded).
BUNDLE_CLOCK = """Object.defineProperty(window, "document$", {configurable: true, set(value) {
  window.bundleRanAfter = [
    performance.getEntriesByName("first-contentful-paint").length,
    performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd > 0,
  ];
  Object.defineProperty(window, "document$", {value, writable: true, configurable: true});
}});"""
MOUNTED_PAGE = """() => [
  [...document.querySelectorAll("body script[data-src]")].map(
    placeholder => document.head.querySelectorAll(`script[src="${placeholder.dataset.src}"]`).length
  ),
  document.querySelectorAll("body script[src]").length,
  document.querySelectorAll(".md-typeset__scrollwrap[tabindex='0']").length,
  document.querySelectorAll("link[rel=alternate][hreflang]").length,
]"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_materials_scripts_run_after_the_first_paint_and_mount_the_page(
    browser, base_url: str, lang: str
) -> None:
    seen = visit(browser)
    page = seen.page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(BUNDLE_CLOCK)
    page.goto(base_url + PREFIX[lang] + "glossary/model-collapse/")
    assert page.evaluate("window.bundleRanAfter") == [1, True]
    # Each placeholder's script in <head> (none added to <body>, which would restyle the
    # page), tables wrapped by Material and made focusable by site.js, and the hreflang links
    # back after Material's one lookup, which fetched no sitemap.xml.
    assert page.evaluate(MOUNTED_PAGE) == [[1, 1, 1], 0, 1, 4]
    assert [url for url in requests if url.endswith("sitemap.xml")] == []
    seen.close()


def test_a_diagram_page_fetches_no_sitemap_for_its_oembed_link(browser, base_url: str) -> None:
    seen = visit(browser)
    requests: list[str] = []
    seen.page.on("request", lambda request: requests.append(request.url))
    seen.page.goto(base_url + "diagrams/model-collapse-loop/")
    oembed = "link[rel=alternate][type='application/json+oembed']"
    assert seen.page.evaluate(f"document.querySelectorAll({oembed!r}).length") == 1
    assert [url for url in requests if url.endswith("sitemap.xml")] == []
    seen.close()


def test_materials_scripts_run_in_a_hidden_tab(browser, base_url: str) -> None:
    # A hidden tab draws no frames: the scripts go in at once, not after a first frame.
    seen = visit(browser)
    page = seen.page
    page.add_init_script(
        "Object.defineProperty(document, 'visibilityState', {get: () => 'hidden'});"
        "window.requestAnimationFrame = () => 0;"
    )
    page.goto(base_url + "glossary/model-collapse/")
    assert page.evaluate(MOUNTED_PAGE) == [[1, 1, 1], 0, 1, 4]
    seen.close()


# Where each block of the article is on the page, in CSS pixels from its top.
BLOCK_TOPS = """() => [...document.querySelectorAll(
  "article :is(h1, h2, h3, p, li, dt, dd, pre, table, .arithmatex, details, figure, aside)"
)].map(e => [e.tagName, Math.round(e.getBoundingClientRect().top + scrollY)])"""


@pytest.mark.parametrize("path", ["glossary/model-collapse/", "demos/model-collapse/"])
@pytest.mark.parametrize("width", [412, 1280])
def test_later_sections_are_laid_out_only_near_the_viewport_and_move_nothing(
    browser, base_url: str, width: int, path: str
) -> None:
    """The later sections of the entry and of the notebook entry (glossary_site/sections.py)
    are skipped on load; once the reader has scrolled past them, every block of the article
    is exactly where it is with the wrappers taken out, on a phone and on a desktop."""
    seen = visit(browser, viewport={"width": width, "height": 800}, is_mobile=width < 500)
    page = seen.page
    page.goto(base_url + path)
    shown = """() => [...document.querySelectorAll(".lazy-section")].map(
      wrapper => wrapper.firstElementChild.checkVisibility({contentVisibilityAuto: true}))"""
    on_load = page.evaluate(shown)
    assert len(on_load) >= 6 and on_load[-1] is False
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 800, 400):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(20)
    wrapped = page.evaluate(BLOCK_TOPS)
    page.evaluate(
        """() => document.querySelectorAll(".lazy-section").forEach(
          wrapper => wrapper.replaceWith(...wrapper.childNodes))"""
    )
    assert page.evaluate(BLOCK_TOPS) == wrapped
    assert seen.errors == []
    seen.close()


def test_math_is_drawn_by_the_browser_in_the_site_math_font(page, base_url: str) -> None:
    page.goto(base_url + "es/glossary/model-collapse/")
    page.locator(".arithmatex math").first.wait_for(timeout=5_000)
    page.evaluate("document.fonts.ready")
    fonts = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('STIX')).map(f => f.status)"
    )
    assert fonts == ["loaded"]
    assert page.locator("math merror").count() == 0
    # Laid out as MathML (a fraction is taller than a line, a radical wider than its content).
    size = page.evaluate(
        "(() => { const f = document.querySelector('div.arithmatex mfrac').getBoundingClientRect();"
        " const r = document.querySelector('msqrt').getBoundingClientRect();"
        " const c = document.querySelector('msqrt > *').getBoundingClientRect();"
        " return [f.height, r.width - c.width]; })()"
    )
    assert size[0] > 30 and size[1] > 5, size


def test_another_site_can_embed_every_diagram_by_url(page, base_url: str, tmp_path: Path) -> None:
    """A page on a different origin (a second server) embeds each SVG and PNG by its URL."""
    import io

    from PIL import Image

    from glossary_site import diagrams

    urls = [
        f"{base_url}diagrams/{name}.{lang}.{fmt}"
        for name in diagrams.NAMES
        for lang in FINISHED  # a language in progress has no diagrams of its own yet
        for fmt in ("svg", "png")
    ]
    images = "\n".join(f'<img src="{url}" alt="" width="400">' for url in urls)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Embed</title><link rel="icon" href="data:,">'
        f"<body>{images}</body></html>"
    )
    outside = serve(tmp_path)
    other_origin = next(outside)
    try:
        assert other_origin != base_url
        page.goto(other_origin, wait_until="networkidle")
        for index, url in enumerate(urls):
            image = page.locator("img").nth(index)
            width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
            assert width > 0, url
            shot = Image.open(io.BytesIO(image.screenshot())).convert("L")
            low, high = shot.getextrema()
            assert high - low > 100, f"{url} renders blank"
            assert len(shot.getcolors(maxcolors=256) or range(257)) > 8, (
                f"{url} renders as a flat picture"
            )
    finally:
        next(outside, None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_address_shows_not_found_in_the_readers_language(
    browser, project_site_url: str, lang: str
) -> None:
    seen = visit(browser)
    page = seen.page
    response = page.goto(project_site_url + PREFIX[lang] + "glossary/no-such-entry/")
    assert response.status == 404
    if PREFIX[lang]:  # the script on /404.html sends the reader to the language's own page
        page.wait_for_url(f"**/{PREFIX[lang]}404.html")
        page.evaluate(MOUNTED)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").first.inner_text() == load_ui(lang)["not_found_title"]
    # Chromium logs the 404 status of the address itself; nothing else may fail.
    seen.errors.remove(
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    )
    seen.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_another_site_shows_definitions_with_the_published_script(
    page, site: Path, project_site_url: str, tmp_path: Path, lang: str
) -> None:
    """The script on the reuse page, pasted into a page of another origin, loads terms.json of
    the page's language and puts each definition on its term."""
    import html as markup
    import re

    reuse = (site / PREFIX[lang] / "reuse/index.html").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"<pre>(.*?)</pre>", reuse, re.S) if "fetch" in b)
    snippet = markup.unescape(re.sub(r"<[^>]+>", "", block))  # the text of the highlighting
    assert f"{SITE_URL}{PREFIX[lang]}api/terms.json" in snippet
    snippet = snippet.replace(SITE_URL, project_site_url)
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="{lang}"><title>Tooltips</title>'
        f'<link rel="icon" href="data:,"><body>{snippet}</body></html>',
        encoding="utf-8",
    )
    outside = serve(tmp_path)
    try:
        page.goto(next(outside), wait_until="networkidle")
        term = page.locator("[data-glossary='latent-space']")
        page.wait_for_function("() => document.querySelector('[data-glossary]').title !== ''")
        data = json.loads((site / PREFIX[lang] / "api/terms.json").read_text(encoding="utf-8"))
        latent = next(t for t in data["terms"] if t["slug"] == "latent-space")
        assert term.get_attribute("title") == f"{latent['name']}: {latent['definition']}"
    finally:
        next(outside, None)
