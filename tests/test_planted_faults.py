"""Faults planted in the site's real translations, one at a time, the way translators leave
them behind: the checker reports each one, with its kind, at the line where it is, and
nothing else on the page (the real translations themselves have no findings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from glossary_site.translations import check_markdown, load_termbase


@dataclass(frozen=True)
class Fault:
    """`old` replaced by `new` in a translation; reported as `kind` at the line of `at`."""

    name: str
    target: str
    old: str
    new: str
    kind: str
    at: str  # text of the planted page whose line the finding must name


GAN_DE = "docs/glossary/gan.de.md"
GAN_ES = "docs/glossary/gan.es.md"
KINDS_DE = "docs/glossary/latent-space-collapse.de.md"
MODEL_DE = "docs/glossary/model-collapse.de.md"

FAULTS = [
    Fault(
        "an English sentence",
        GAN_ES,
        "El discriminador $D$ recibe un ejemplo real o uno generado y devuelve la probabilidad "
        "de que sea real.",
        "The discriminator $D$ receives a real or a generated example and returns the "
        "probability that it is real.",
        "untranslated",
        "The discriminator",
    ),
    Fault(
        "an English clause",
        GAN_DE,
        ", bei dem der Generator viele verschiedene $z$ auf dieselben wenigen Ausgaben abbildet",
        ", in which the generator maps many different $z$ to the same few outputs",
        "untranslated",
        "in which the generator",
    ),
    Fault(
        "an English phrase inside a translated clause",
        GAN_DE,
        "bekommt ein echtes oder ein erzeugtes Beispiel",
        "receives a real or a generated example",
        "untranslated",
        "receives a real",
    ),
    Fault(
        "a sentence in the other translation language",
        GAN_DE,
        "Das messbare Symptom ist eine geringe Vielfalt der Samples.",
        "El síntoma medible es una baja diversidad de las muestras.",
        "untranslated",
        "El síntoma medible",
    ),
    Fault(
        "a word the termbase lists to avoid",
        GAN_DE,
        "Moduskollaps ist nicht dasselbe",
        "Modenkollaps ist nicht dasselbe",
        "terminology",
        "Modenkollaps ist nicht",
    ),
    Fault(
        "an unlisted synonym of a termbase term",
        GAN_DE,
        "Moduskollaps ist nicht dasselbe",
        "Modusverlust ist nicht dasselbe",
        "terminology",
        "Modusverlust ist nicht",
    ),
    Fault(
        "an English note under the references",
        GAN_DE,
        "## Literatur { #references }\n",
        "## Literatur { #references }\n\nNote that the preprints and the published versions "
        "of these papers differ in several places.\n",
        "untranslated",
        "Note that the preprints",
    ),
    Fault(
        "a short heading left in English",
        GAN_DE,
        "## Literatur { #references }",
        "## References { #references }",
        "untranslated",
        "## References",
    ),
    Fault(
        "a changed heading id",
        MODEL_DE,
        "{ #sources-of-error }",
        "{ #fehlerquellen }",
        "structure",
        "{ #fehlerquellen }",
    ),
    Fault(
        "a changed formula",
        GAN_ES,
        r"\min_G \max_D V(D, G)",
        r"\min_G \max_D V(G, D)",
        "structure",
        "$$\n\\min_G \\max_D V(G, D)",
    ),
    Fault(
        "a dropped diagram marker",
        MODEL_DE,
        "<!-- diagram: model-collapse-loop -->\n\n",
        "",
        "structure",
        "## Früher und später Modellkollaps",
    ),
    Fault(
        "a dropped admonition",
        KINDS_DE,
        '!!! tip "Den Mechanismus benennen"\n',
        "",
        "structure",
        "    Wer angibt",
    ),
    Fault(
        "the second of two links to a page changed",
        KINDS_DE,
        "Der Eintrag [Moduskollaps](mode-collapse.md) behandelt",
        "Der Eintrag [Moduskollaps](model-collapse.md) behandelt",
        "structure",
        "Der Eintrag [Moduskollaps](model-collapse.md)",
    ),
]

BASE = load_termbase(ROOT)


def source_of(target: str) -> tuple[str, str]:
    """The English source of a translation and the translation's language."""
    stem, lang, suffix = target.rsplit(".", 2)
    return f"{stem}.{suffix}", lang


def findings(target: str, text: str) -> list[tuple[int, str]]:
    source, lang = source_of(target)
    src = (ROOT / source).read_text(encoding="utf-8")
    return [(f.line, f.kind) for f in check_markdown(src, text, Path(target), lang, BASE)]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("target", sorted({fault.target for fault in FAULTS}))
def test_the_real_translations_have_no_findings(target: str) -> None:
    assert findings(target, (ROOT / target).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_a_planted_fault_is_reported_at_its_line_and_nothing_else(fault: Fault) -> None:
    text = (ROOT / fault.target).read_text(encoding="utf-8")
    assert text.count(fault.old) == 1, f"{fault.target} changed: plant {fault.name} anew"
    planted = text.replace(fault.old, fault.new)
    assert findings(fault.target, planted) == [(line_of(planted, fault.at), fault.kind)]
