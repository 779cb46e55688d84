"""KaTeX's MathML, made ready for the browser to draw it alone (MathML Core: Chromium 109+,
Firefox, Safari), without KaTeX's HTML rendering, its stylesheet or its twenty fonts.

Three things KaTeX leaves to a renderer that MathML Core does not do, done here at build time:

- Styled letters. Browsers ignore `mathvariant` other than `normal`, so \\mathbb{E},
  \\mathcal{N} and \\mathbf{1} become Unicode's mathematical alphanumerics (𝔼, 𝒩, 𝟏), the
  characters MathML Core itself recommends; a screen reader reads them as "double-struck E".
- TeX's spacing where the operator dictionary differs: a thin space after a function name
  (`\\log p`, `\\arg\\min_c x`, none before an opening bracket), none around the norm bars of
  `\\|x\\|`, and none around relations and operators in sub- and superscripts
  (`\\sum_{j=1}`, `\\mathbb{E}_{x\\sim p}`), where TeX sets them tight.
- The characters drawn: `glyphs` lists them, with the italic form of each single letter
  (MathML draws `<mi>x</mi>` as 𝑥), so the math font can be cut down to what the site uses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'  # implied in HTML: parsed without it
MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = UPPER.lower()
DIGITS = "0123456789"
# mathvariant: the code points of its A, a and 0 (None: no digits), then the letters Unicode
# placed in the Letterlike Symbols block before the alphanumerics were added.
VARIANTS: dict[str, tuple[int, int, int | None, dict[str, str]]] = {
    "bold": (0x1D400, 0x1D41A, 0x1D7CE, {}),
    "italic": (0x1D434, 0x1D44E, None, {"h": "\u210e"}),
    "bold-italic": (0x1D468, 0x1D482, None, {}),
    "script": (
        0x1D49C,
        0x1D4B6,
        None,
        dict(zip("BEFHILMRego", "ℬℰℱℋℐℒℳℛℯℊℴ", strict=True)),
    ),
    "bold-script": (0x1D4D0, 0x1D4EA, None, {}),
    "fraktur": (0x1D504, 0x1D51E, None, dict(zip("CHIRZ", "ℭℌℑℜℨ", strict=True))),
    "double-struck": (
        0x1D538,
        0x1D552,
        0x1D7D8,
        dict(zip("CHNPQRZ", "ℂℍℕℙℚℝℤ", strict=True)),
    ),
    "bold-fraktur": (0x1D56C, 0x1D586, None, {}),
    "sans-serif": (0x1D5A0, 0x1D5BA, 0x1D7E2, {}),
    "bold-sans-serif": (0x1D5D4, 0x1D5EE, 0x1D7EC, {}),
    "monospace": (0x1D670, 0x1D68A, 0x1D7F6, {}),
}
# Greek letters and the dotless i and j that MathML draws in italic when they stand alone.
ITALIC_GREEK = {
    **{chr(0x391 + i): chr(0x1D6E2 + i) for i in range(25)},  # Α-Ω (U+03A2 matches ϴ)
    **{chr(0x3B1 + i): chr(0x1D6FC + i) for i in range(25)},  # α-ω, ς included
    "\u0131": "\U0001d6a4",
    "\u0237": "\U0001d6a5",
    "\u03f5": "\U0001d716",
    "\u03d1": "\U0001d717",
    "\u03f0": "\U0001d718",
    "\u03d5": "\U0001d719",
    "\u03f1": "\U0001d71a",
    "\u03d6": "\U0001d71b",
}
FUNCTION = "\u2061"  # KaTeX's invisible function application, after \log, \max, \operatorname
THIN = "0.1667em"
OPENING = set("([{\u27e8\u230a\u2308")
BARS = set("|\u2223\u2225\u2016")
SCRIPTS = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts"}


def styled(variant: str, text: str) -> str | None:
    """`text` in Unicode's mathematical `variant` (None if a character has no such form)."""
    if variant not in VARIANTS:
        return None
    upper, lower, digit, exceptions = VARIANTS[variant]
    out = []
    for char in text:
        if char in exceptions:
            out.append(exceptions[char])
        elif char in UPPER:
            out.append(chr(upper + UPPER.index(char)))
        elif char in LOWER:
            out.append(chr(lower + LOWER.index(char)))
        elif char in DIGITS and digit is not None:
            out.append(chr(digit + DIGITS.index(char)))
        else:
            return None
    return "".join(out)


def italic(char: str) -> str | None:
    """The mathematical italic form of a letter, as MathML draws a lone `<mi>`."""
    return styled("italic", char) or ITALIC_GREEK.get(char)


def _opens(element: ET.Element | None) -> bool:
    """An opening bracket that is not a \\left( (TeX puts no space between an operator and it)."""
    return (
        element is not None
        and element.tag == "mo"
        and (element.text or "") in OPENING
        and element.get("fence") != "true"
    )


def _ends_in_function(element: ET.Element) -> bool:
    """`\\max_c`: a script whose base is a function name (KaTeX: name, then U+2061)."""
    base = element[0] if element.tag in SCRIPTS and len(element) else None
    return (
        base is not None
        and base.tag == "mrow"
        and len(base) > 0
        and base[-1].tag == "mo"
        and base[-1].text == FUNCTION
    )


def _polish(element: ET.Element, in_script: bool) -> None:
    tag = element.tag
    variant = element.get("mathvariant")
    if tag in ("mi", "mn", "mo", "mtext") and variant not in (None, "normal") and element.text:
        text = styled(variant, element.text)
        if text is not None:
            element.text = text
            del element.attrib["mathvariant"]
    if tag == "mo" and element.get("stretchy") == "false" and (element.text or "") in BARS:
        element.set("lspace", "0")  # \| and \vert are ordinary symbols in TeX, not relations
        element.set("rspace", "0")
    children = list(element)
    inserted = 0
    for index, child in enumerate(children):
        after = children[index + 1] if index + 1 < len(children) else None
        if after is not None and not _opens(after):
            if child.tag == "mo" and child.text == FUNCTION:
                child.set("rspace", THIN)
            elif _ends_in_function(child):
                space = ET.Element("mspace", {"width": THIN})
                element.insert(index + 1 + inserted, space)
                inserted += 1
        _polish(child, in_script or (tag in SCRIPTS and index > 0))
    if in_script and tag == "mo":
        element.attrib.setdefault("lspace", "0")
        element.attrib.setdefault("rspace", "0")


def polish(markup: str) -> str:
    """KaTeX's MathML output (`output: "mathml"`) as the page gets it: each `<math>` without
    KaTeX's wrapping span and namespace attribute, with styled letters and TeX's spacing."""

    def one(match: re.Match[str]) -> str:
        root = ET.fromstring(match[0].replace(XMLNS, "", 1))
        _polish(root, False)
        return ET.tostring(root, encoding="unicode")

    maths = MATH.findall(markup)
    return "".join(MATH.sub(one, math) for math in maths)


def glyphs(markup: str) -> set[str]:
    """The characters the browser draws for the formulas in `markup`: their text (not the TeX
    annotation), each lone letter's italic form, and the radical sign of a square root."""
    chars: set[str] = set()
    for math in MATH.findall(markup):
        for element in ET.fromstring(math).iter():
            tag = element.tag
            if tag == "annotation":
                continue
            chars.update(element.text or "")
            if tag == "mi" and element.get("mathvariant") is None and len(element.text or "") == 1:
                chars.update(italic(element.text) or "")
            if tag in ("msqrt", "mroot"):
                chars.add("\u221a")
    return chars
