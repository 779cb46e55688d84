"""The plot strings of the demo notebooks, and numbers written as each language writes them.

Part of the demo helper (``latent_demo.py`` imports it for the notebooks). The strings (titles,
axis labels, legends, alt texts, slider labels) are site data: ``data/demo.yml`` and
``data/demo.<lang>.yml`` in the site's repository, checked like every other translation. The copy
of this file that the site publishes, and that its build runs, carries them in ``_TEXTS``.
"""

from __future__ import annotations

from collections.abc import Iterable

# The plot strings of every language, {lang: {key: text}}: empty in the repository, filled in
# from data/demo*.yml in the copy the site publishes and its build runs.
_TEXTS: dict[str, dict[str, str]] = {}


def texts(lang: str) -> dict[str, str]:
    """The plot strings (titles, labels, legends, alt texts, slider labels) for one language.

    Args:
        lang: a language the site is published in (the notebook's ``DEMO_LANG``).

    Returns:
        A fresh dict from string key to text. Some texts are ``str.format`` templates.

    Raises:
        LookupError: for a language without plot strings (there is no silent fallback), or
            when this is the repository's copy, which has none: use the site's download.
    """
    if not _TEXTS:
        raise LookupError(
            "this copy of latent_demo_texts.py has no plot strings: download it from the site, or "
            "build the site (the build writes data/demo*.yml into the copy it runs)"
        )
    if lang not in _TEXTS:
        raise LookupError(
            f"no plot strings for language {lang!r}: this copy has {', '.join(_TEXTS)} "
            f"(add data/demo.{lang}.yml to the site)"
        )
    return {"lang": lang, **_TEXTS[lang]}


def fmt(value: float, digits: int | None, t: dict[str, str]) -> str:
    """A number in the notation of the language in ``t``.

    Args:
        value: the number.
        digits: decimals to show; ``None`` gives the shortest form (``1``, ``0.05``, ``16``).
        t: texts of the language (its ``decimal_mark`` is used).
    """
    out = f"{value:g}" if digits is None else f"{value:.{digits}f}"
    return out.replace(".", t["decimal_mark"])


def fmt_list(values: Iterable[float], digits: int, t: dict[str, str]) -> str:
    """Numbers joined by the list separator of the language (``; `` with a decimal comma)."""
    return t["list_sep"].join(fmt(float(v), digits, t) for v in values)
