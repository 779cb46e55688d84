"""Precision and recall of the untranslated-text detection on labelled sentences
(tests/fixtures/langid.tsv); the README's developer section quotes these figures."""

from __future__ import annotations

from pathlib import Path

from conftest import LANGUAGES, ROOT
from glossary_site import langid
from glossary_site import translations as i18n_check

LANGS = tuple(LANGUAGES)
FIXTURE = Path(__file__).parent / "fixtures" / "langid.tsv"


def labelled() -> list[tuple[str, bool, str]]:
    rows = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, label, text = line.split("\t")
            rows.append((lang, label == "en", text))
    return rows


def test_detection_precision_and_recall_on_the_fixture() -> None:
    base = i18n_check.load_termbase(ROOT)
    tp = fp = fn = 0
    misses = []
    for lang, english, text in labelled():
        hit = bool(langid.find_english(text, base.kept(lang), base.languages))
        tp += hit and english
        fp += hit and not english
        fn += english and not hit
        if hit != english:
            misses.append(text)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"precision {precision:.2f}, recall {recall:.2f} on {len(labelled())} sentences")
    assert (tp, fp, fn) == (22, 0, 0), misses
    assert precision == 1.0 and recall == 1.0


def test_short_fragments_and_kept_terms_are_not_judged() -> None:
    assert langid.find_english("Interpolate with slerp.", [], LANGS) == []  # three words
    assert (
        langid.find_english("free bits und KL annealing", ["free bits", "KL annealing"], LANGS)
        == []
    )
    assert langid.find_english("Interpolate with slerp, always.", [], LANGS) != []
