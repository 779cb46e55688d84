"""The explanatory diagrams: every diagram in every language, byte-for-byte deterministic, SVG
text kept as translatable <text>, PNG at twice the SVG's pixel size on an opaque card."""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from matplotlib import image as mpl_image

from glossary_site import diagrams

ROOT = Path(__file__).resolve().parents[1]

SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CASES = [(name, lang) for name in diagrams.NAMES for lang in diagrams.LANGUAGES]
# Labels whose English text must not show up in a translated diagram when the translation differs.
CHECKED_KEYS = {
    "autoencoder-latent-space": ["encoder", "decoder", "latent_space", "input", "output"],
    "latent-space-collapse-kinds": ["posterior_title", "mode_title", "codebook_metric"],
    "model-collapse-loop": ["train", "generate", "gen_0", "tails", "replace_title"],
}


@cache
def rendered(name: str, lang: str, fmt: str) -> bytes:
    return diagrams.render(name, lang, fmt)


def normalized(text: str) -> str:
    return " ".join(text.split())


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG_NS}text")]


def svg_size_px(svg: bytes) -> tuple[float, float]:
    """Width and height of the SVG root in CSS px (1pt = 4/3 px)."""
    root = ET.fromstring(svg)
    scale = {"pt": 4 / 3, "px": 1.0, "": 1.0}
    sizes = []
    for attribute in ("width", "height"):
        match = re.fullmatch(r"([0-9.]+)(pt|px|)", root.get(attribute, ""))
        assert match, f"unexpected SVG {attribute}: {root.get(attribute)!r}"
        sizes.append(float(match[1]) * scale[match[2]])
    return sizes[0], sizes[1]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_names_are_stable_kebab_case_and_illustrate_existing_entries() -> None:
    assert diagrams.NAMES == (
        "autoencoder-latent-space",
        "latent-space-collapse-kinds",
        "model-collapse-loop",
    )
    assert set(diagrams.DRAW) == set(diagrams.NAMES)
    english = diagrams.texts("en")
    assert set(english) == set(diagrams.NAMES)
    for name in diagrams.NAMES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
        entry = english[name]["entry"]
        assert (ROOT / "docs" / "glossary" / f"{entry}.md").is_file(), entry
        for field in ("title", "caption", "alt", "labels"):
            assert english[name][field], (name, field)


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_svg_is_well_formed_and_keeps_every_label_as_text(name: str, lang: str) -> None:
    svg = rendered(name, lang, "svg")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    # svg.fonttype "none": no glyph outlines in <defs>, no <use> of glyphs.
    ids = [element.get("id", "") for element in root.iter()]
    assert not [i for i in ids if i.startswith("DejaVu")]
    assert b'xlink:href="#DejaVu' not in svg
    texts = svg_texts(svg)
    assert texts, "no <text> elements"
    drawn = normalized(" ".join(texts))
    data = diagrams.texts(lang)[name]
    assert normalized(data["title"]) in drawn
    for key, label in data["labels"].items():
        assert normalized(label) in drawn, f"{name}.{lang}: label {key!r} not drawn: {label!r}"


@pytest.mark.parametrize(("name", "lang"), [c for c in CASES if c[1] != "en"])
def test_translated_svg_shows_the_translation_not_the_english(name: str, lang: str) -> None:
    drawn = normalized(" ".join(svg_texts(rendered(name, lang, "svg"))))
    english, own = diagrams.texts("en")[name], diagrams.texts(lang)[name]
    assert own["title"] != english["title"]
    assert english["title"] not in drawn
    for key in CHECKED_KEYS[name]:
        theirs, ours = english["labels"][key], own["labels"][key]
        assert normalized(ours) in drawn
        if theirs != ours:
            assert normalized(theirs) not in drawn, f"{name}.{lang}: English {key!r} drawn"


def test_autoencoder_labels_use_the_termbase_terms() -> None:
    drawn = normalized(" ".join(svg_texts(rendered("autoencoder-latent-space", "de", "svg"))))
    assert "Latenter Raum" in drawn and "Latent space" not in drawn
    spanish = normalized(" ".join(svg_texts(rendered("autoencoder-latent-space", "es", "svg"))))
    assert "Codificador" in spanish and "Encoder" not in spanish


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_png_is_twice_the_svg_size_on_an_opaque_card(name: str, lang: str) -> None:
    png = rendered(name, lang, "png")
    assert png.startswith(PNG_SIGNATURE)
    width, height = png_size(png)
    svg_width, svg_height = svg_size_px(rendered(name, lang, "svg"))
    assert (width, height) == (round(2 * svg_width), round(2 * svg_height))
    pixels = mpl_image.imread(io.BytesIO(png), format="png")
    # Outside the card's rounded corners and its anti-aliased outer edge, every pixel is opaque.
    corner, edge = 32, 4
    assert pixels.shape[2] in (3, 4)
    if pixels.shape[2] == 4:
        assert pixels[corner:-corner, edge:-edge, 3].min() == 1.0
        assert pixels[edge:-edge, corner:-corner, 3].min() == 1.0


@pytest.mark.parametrize("name", diagrams.NAMES)
def test_rendering_twice_gives_identical_bytes(name: str) -> None:
    """In one language here; tests/test_diagrams_site.py compares every file the real build
    published, in every language and mode, with the test process's own rendering."""
    lang = diagrams.LANGUAGES[0]
    for fmt in diagrams.FORMATS:
        assert diagrams.render(name, lang, fmt) == rendered(name, lang, fmt), fmt


def test_no_timestamps_or_software_names_in_the_files() -> None:
    svg = rendered("model-collapse-loop", "en", "svg")
    assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg
    png = rendered("model-collapse-loop", "en", "png")
    assert b"tEXt" not in png and b"iTXt" not in png and b"tIME" not in png


def test_unknown_names_fail_clearly() -> None:
    with pytest.raises(ValueError, match="unknown diagram 'latent-space'.*autoencoder"):
        diagrams.render("latent-space", "en", "svg")
    with pytest.raises(ValueError, match="unknown format"):
        diagrams.render("model-collapse-loop", "en", "pdf")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        diagrams.render("model-collapse-loop", "fr", "svg")


def test_missing_translations_fall_back_to_english(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "diagrams.yml").write_text(
        "d:\n  entry: e\n  title: Title\n  caption: C\n  alt: A\n"
        "  labels:\n    one: One\n    two: Two\n",
        encoding="utf-8",
    )
    (tmp_path / "diagrams.de.yml").write_text(
        "d:\n  title: Titel\n  labels:\n    one: Eins\n", encoding="utf-8"
    )
    monkeypatch.setattr(diagrams, "DATA", tmp_path / "diagrams.yml")
    german = diagrams.texts("de")["d"]
    assert german["title"] == "Titel" and german["caption"] == "C" and german["entry"] == "e"
    assert german["labels"] == {"one": "Eins", "two": "Two"}
    assert diagrams.texts("es") == diagrams.texts("en")  # no Spanish file at all


def test_main_writes_every_file_and_rejects_unknown_names(tmp_path: Path, capsys) -> None:
    assert diagrams.main(["--out", str(tmp_path), "--lang", "de"]) == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(
        f"{name}.de.{fmt}" for name in diagrams.NAMES for fmt in ("svg", "png")
    )
    assert len(capsys.readouterr().out.splitlines()) == len(written)
    for argv in (["--lang", "fr"], ["--name", "collapse"]):
        with pytest.raises(SystemExit) as exit_info:
            diagrams.main(["--out", str(tmp_path), *argv])
        assert exit_info.value.code == 2
        assert argv[1] in capsys.readouterr().err
