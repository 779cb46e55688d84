"""Licence and attribution inside the diagram files: written, read back, checked."""

from __future__ import annotations

import io

from PIL import Image

from glossary_site import diagrams
from glossary_site.credit import (
    Credit,
    credit_png,
    credit_svg,
    missing,
    read_png,
    read_svg,
    read_xmp,
)

CREDIT = Credit(
    title="Kollaps des latenten Raums: vier Arten ≈",
    description="Vier Teilbilder <mit> Sonderzeichen & Umlauten.",
    source="https://example.org/glossary/de/diagrams/latent-space-collapse-kinds/",
    language="de",
)


def test_an_svg_says_what_it_is_who_made_it_and_under_what_terms() -> None:
    raw = diagrams.render("model-collapse-loop", "en", "svg")
    assert missing("x.svg", raw, CREDIT) == [
        "title",
        "desc",
        "dc:title",
        "creator",
        "source",
        "license",
    ]
    svg = credit_svg(raw, CREDIT)
    assert missing("x.svg", svg, CREDIT) == []
    assert read_svg(svg) == {
        "title": CREDIT.title,
        "desc": CREDIT.description,
        "dc:title": CREDIT.title,
        "creator": "The Latent Space & Collapse Glossary contributors",
        "source": CREDIT.source,
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert svg.count(b"<metadata>") == 1 and svg.index(b"<title>") < svg.index(b"<defs>")


def test_a_png_carries_text_chunks_and_xmp_and_its_pixels_are_unchanged() -> None:
    raw = diagrams.render("model-collapse-loop", "en", "png")
    png = credit_png(raw, CREDIT)
    assert missing("x.png", png, CREDIT) == []
    assert read_png(png)["Title"] == CREDIT.title
    assert read_xmp(png) == {
        "title": CREDIT.title,
        "creator": "The Latent Space & Collapse Glossary contributors",
        "source": CREDIT.source,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "web_statement": "https://creativecommons.org/licenses/by/4.0/",
    }
    before, after = Image.open(io.BytesIO(raw)), Image.open(io.BytesIO(png))
    assert after.text["Author"] == "The Latent Space & Collapse Glossary contributors"
    assert before.tobytes() == after.tobytes()
    assert "Source" in missing("x.png", raw, CREDIT)
