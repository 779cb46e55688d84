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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations(browser, base_url: str, lang: str, scheme: str) -> None:
    axe = axe_api.Axe()
    seen = visit(browser, color_scheme=scheme)
    page = seen.page
    found = []
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    for kind, path in PAGE_TYPES.items():
        page.goto(base_url + PREFIX[lang] + path)  # returns once Material has mounted the page
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        draw_charts(page)  # the charts' sliders and selectors are checked too
        results = axe.run(page, options=options)
        found += [f"{kind} ({path or '/'}): {describe(v)}" for v in results.response["violations"]]
    seen.close()
    assert found == []
