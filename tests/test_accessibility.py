"""axe-core (bundled by axe-playwright-python) on every page type, in every language, in the
light and the dark scheme: zero violations of every rule axe runs by default (WCAG 2.x A and
AA, and best practices). The opt-in AAA and experimental rules are not part of the bar."""

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
    for kind, path in PAGE_TYPES.items():
        page.goto(base_url + PREFIX[lang] + path, wait_until="networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        draw_charts(page)  # the charts' sliders and selectors are checked too
        results = axe.run(page)
        found += [f"{kind} ({path or '/'}): {describe(v)}" for v in results.response["violations"]]
    seen.close()
    assert found == []
