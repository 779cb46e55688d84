"""The checker's parsers never raise on arbitrary input: they report findings instead."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_site import skeleton as markdown_skeleton
from glossary_site import translations as i18n_check

BASE = i18n_check.Termbase(
    [{"en": "latent space", "de": "latenter Raum", "es": "x"}], ["GAN"], ("en", "de", "es")
)
TOKENS = list("#-*|$`[]()!{}:>~ \n\tabcXYZäß<>=\"'0123456789.,;") + [
    "---\n",
    "```\n",
    "$$\n",
    "!!! note ",
    "{ #id }",
    "](x.md#y)",
    "<script>",
    " onload=",
]
MARKDOWNISH = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(MARKDOWNISH)
def test_markdown_parser_takes_anything(text: str) -> None:
    skeleton = markdown_skeleton.parse(text)
    assert skeleton.words >= 0


@FAST
@given(MARKDOWNISH, MARKDOWNISH)
def test_markdown_checks_take_anything(source: str, target: str) -> None:
    for finding in i18n_check.check_markdown(source, target, Path("x.de.md"), "de", BASE):
        assert finding.line >= 1


@FAST
@given(st.binary(max_size=300))
def test_reading_any_bytes_gives_text_or_findings(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("page.de.md", "demo.de.ipynb", "ui.de.yml"):
        (root / name).write_bytes(data)
        text, findings = i18n_check.read_checked(root, Path(name), "de")
        assert text is not None or findings


@FAST
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
)
def test_notebook_checks_take_any_json(data: object) -> None:
    text = json.dumps(data)
    findings = i18n_check.check_notebook(text, text, Path("n.de.ipynb"), "de", BASE)
    assert all(f.line >= 1 for f in findings)
    i18n_check._notebook_checked(text, "n.ipynb", "de")


@FAST
@given(MARKDOWNISH, MARKDOWNISH)
def test_data_checks_take_anything(source: str, target: str) -> None:
    i18n_check.check_data(source, target, Path("d.de.yml"), "de", BASE)
