"""Find source-language (English) text left in a translation, sentence by sentence and clause
by clause.

Uses lingua-language-detector restricted to the site's languages, the source language first.
Code, math, URLs, link targets, citations and the terms the termbase keeps in English are
removed before detection.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

MIN_WORDS = 4  # shorter fragments ("GAN", "free bits") are not judged: too unreliable
SENTENCE_THRESHOLD = 0.5  # a whole sentence: enough words for a reliable call
CLAUSE_THRESHOLD = 0.7  # a clause inside a translated sentence: short, so be stricter
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"„“¿¡(]?[A-ZÄÖÜÁÉÍÓÚÑ0-9])")
CLAUSE = re.compile(r"\s*(?:[,;:()]|\s[–—]\s)\s*")
MASK = [
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\$[^$]+\$"),  # inline math
    re.compile(r"\]\([^)]*\)"),  # link targets (the link text stays)
    re.compile(r"https?://\S+"),  # URLs
    re.compile(r"\{[^}]*\}"),  # attribute lists
    re.compile(  # citations: "Shumailov et al. (2024)", "(Kingma & Welling, 2014)"
        r"\b[A-Z][\w'’-]+(?:\s(?:et al\.|&|and|y|und)\s?(?:[A-Z][\w'’-]+)?)?,?\s\(?\d{4}[a-z]?\)?"
    ),
    re.compile(r"\b\w[\w'’-]* et al\."),  # a citation without its year: "Łańcucki et al."
    re.compile(r"\*\*|__|[*_\[\]!]"),  # emphasis and link markers
]
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class EnglishText:
    """A fragment judged English, at a character offset of the text it was found in."""

    offset: int
    text: str
    whole_sentence: bool


@cache
def _detector(languages: tuple[str, ...]):  # noqa: ANN202 - lingua's detector type
    langs = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages
    ]
    # Models load lazily, only the n-gram sizes a text needs (preloading all costs 0.7 s).
    return LanguageDetectorBuilder.from_languages(*langs).build()


def mask(text: str, keep: list[str]) -> str:
    """The text with everything that may stay English blanked out, offsets unchanged."""
    return _mask(text, tuple(keep))


@cache
def _kept_terms(keep: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all kept terms, longest first (so "KL annealing" wins over "KL")."""
    if not keep:
        return None
    terms = "|".join(re.escape(term) for term in sorted(keep, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{terms})(?:s|es|n)?(?!\w)")


@functools.lru_cache(maxsize=4096)
def _mask(text: str, keep: tuple[str, ...]) -> str:
    def blank(match: re.Match[str]) -> str:
        return " " * len(match[0])

    for pattern in MASK:
        text = pattern.sub(blank, text)
    kept = _kept_terms(keep)
    return kept.sub(blank, text) if kept else text


def _judged(fragment: str) -> bool:
    return len(WORD.findall(fragment)) >= MIN_WORDS


# Each fragment's most likely language and its confidence, per set of languages.
_scores: dict[tuple[str, tuple[str, ...]], tuple[str, float]] = {}


def _top(values: list) -> tuple[str, float]:
    """The language that scores highest, and its score."""
    scores = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    top = max(scores, key=scores.get)
    return top, scores[top]


def prime(texts: list[str], languages: tuple[str, ...]) -> None:
    """Score many fragments at once, on every CPU core (lingua runs the batch in parallel)."""
    todo = [text for text in dict.fromkeys(texts) if (text, languages) not in _scores]
    if todo:
        batch = _detector(languages).compute_language_confidence_values_in_parallel(todo)
        for text, values in zip(todo, batch, strict=True):
            _scores[(text, languages)] = _top(values)


def top_language(text: str, languages: tuple[str, ...]) -> tuple[str, float]:
    """The language `text` is most likely in, of `languages`, and the confidence."""
    if (text, languages) not in _scores:
        prime([text], languages)
    return _scores[(text, languages)]


def english_score(text: str, languages: tuple[str, ...]) -> float:
    """Confidence that the text is in the source language, `languages[0]` (0 when another
    language scores higher)."""
    top, score = top_language(text, languages)
    return score if top == languages[0] else 0.0


def fragments(text: str, keep: list[str]) -> list[str]:
    """Every sentence and clause find_english may judge (in a translated paragraph, all)."""
    masked = mask(text, keep)
    sentences = _spans(SENTENCE, masked, 0, len(masked))
    pieces = [masked[a:b] for a, b in sentences]
    pieces += [masked[c:d] for a, b in sentences for c, d in _spans(CLAUSE, masked, a, b)]
    return [piece for piece in pieces if _judged(piece)]


def find_english(text: str, keep: list[str], languages: tuple[str, ...]) -> list[EnglishText]:
    """English sentences, and English clauses inside otherwise translated sentences."""
    masked = mask(text, keep)
    found: list[EnglishText] = []
    sentences = _spans(SENTENCE, masked, 0, len(masked))
    prime(fragments(text, keep), languages)
    for sentence in sentences:
        start, end = sentence
        fragment = masked[start:end]
        if _judged(fragment) and english_score(fragment, languages) >= SENTENCE_THRESHOLD:
            found.append(EnglishText(start, text[start:end].strip(), True))
            continue
        for c_start, c_end in _spans(CLAUSE, masked, start, end):
            fragment = masked[c_start:c_end]
            if _judged(fragment) and english_score(fragment, languages) >= CLAUSE_THRESHOLD:
                found.append(EnglishText(c_start, text[c_start:c_end].strip(), False))
    return found


def find_other_translation(
    text: str, keep: list[str], languages: tuple[str, ...], lang: str
) -> list[tuple[EnglishText, str]]:
    """Whole sentences of a `lang` text written in another translation language (Spanish
    left in a German page), with that language's code. English is find_english's."""
    masked = mask(text, keep)
    found = []
    for start, end in _spans(SENTENCE, masked, 0, len(masked)):
        fragment = masked[start:end]
        if not _judged(fragment):
            continue
        top, score = top_language(fragment, languages)
        if top not in (languages[0], lang) and score >= SENTENCE_THRESHOLD:
            found.append((EnglishText(start, text[start:end].strip(), True), top))
    return found


def _spans(separator: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) offsets of the pieces of text[start:end] between separators."""
    spans, position = [], start
    for match in separator.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]
