"""axe-core (bundled by axe-playwright-python) on every page type, in every language, in the
light and the dark scheme: zero violations of every rule axe runs by default (WCAG 2.x A and
AA, and best practices). The opt-in AAA and experimental rules are not part of the bar. The dark
scheme changes colours only (the same DOM, other CSS custom properties), so in the dark scheme
axe runs the rules that depend on colour."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PREFIX, draw_charts, visit

axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

PAGE_TYPES = {
    "home": "",
    "glossary index": "glossary/",
    "main entry": "glossary/model-collapse/",
    "short entry": "glossary/gan/",
    "notebook": "demos/latent-space/",
    "diagrams gallery": "diagrams/",
    "translation status": "translation-status/",
    "translator guide": "translator-guide/",
}


# axe's rules whose outcome depends on the colours of the page.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def describe(violation: dict) -> str:
    nodes = "; ".join(
        f"{node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
        for node in violation["nodes"][:3]
    )
    return f"{violation['id']} ({violation['impact']}): {violation['help']} - {nodes}"


SCHEMES = {"light": "default", "dark": "slate"}


def toggle_scheme(page: object, scheme: str) -> None:
    """Switch the page to `scheme` as a reader would: the system preference (which also picks
    the diagrams' dark or light image), and Material's palette toggle (which a page loaded
    earlier has stored in the browser, so the system preference alone does not change it)."""
    page.emulate_media(color_scheme=scheme)
    # A click without the pointer: a pointer left on the toggle would open its tooltip.
    page.locator("form[data-md-component='palette'] label:visible").first.dispatch_event("click")
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    # Material's colours fade (CSS transitions; some never run in content that is skipped
    # while off screen): they are taken to their end, the colours a reader then sees.
    page.evaluate("document.getAnimations().forEach(a => a instanceof CSSTransition && a.finish())")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations(browser, base_url: str, lang: str) -> None:
    """Each page type in the light scheme (every rule), then in the dark one (the colour
    rules) on the same loaded page, its charts drawn, and back to light for the next page."""
    axe = axe_api.Axe()
    seen = visit(browser, color_scheme="light")
    page = seen.page
    found = []
    every_rule = {"resultTypes": ["violations"]}
    colour_rules = {**every_rule, "runOnly": {"type": "rule", "values": COLOUR_RULES}}
    for kind, path in PAGE_TYPES.items():
        page.goto(base_url + PREFIX[lang] + path)  # returns once Material has mounted the page
        # axe misjudges the colours of text the browser has skipped rendering
        # (dequelabs/axe-core#2768): the later sections (glossary_site/sections.py) are
        # rendered for the audit, as a reader who scrolls to them sees them.
        page.add_style_tag(content=".lazy-section { content-visibility: visible !important }")
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES["light"]
        draw_charts(page)  # the charts' sliders and selectors are checked too
        light = axe.run(page, options=every_rule).response["violations"]
        toggle_scheme(page, "dark")
        dark = axe.run(page, options=colour_rules).response["violations"]
        toggle_scheme(page, "light")
        for scheme, violations in (("light", light), ("dark", dark)):
            found += [f"{kind} ({path or '/'}, {scheme}): {describe(v)}" for v in violations]
    seen.close()
    assert found == []
