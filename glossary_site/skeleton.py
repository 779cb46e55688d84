"""Read a Markdown page into its skeleton (headings, links, code, math, admonitions, tables,
footnotes) and its prose units with line numbers, for the translation checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*$")
HEADING_ID = re.compile(r"#([\w-]+)")
ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"(.*)")?\s*$')
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(.*)$")
DEF_ITEM = re.compile(r"^\s*:\s{3}(.*)$")
TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")
# A build marker the hooks replace (a figure, an index, a table): same in every language.
MARKER = re.compile(r"<!--\s*([a-z][a-z-]*(?::\s*[a-z0-9-]+)?)\s*-->")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)((?:\\\$|[^$\n])+?)\$")
INLINE_CODE = re.compile(r"`[^`]+`")
FRONT_MATTER_TEXT_KEYS = ("title", "description")


@dataclass
class Prose:
    """A piece of translatable text and the line it starts on."""

    line: int
    text: str
    section: str = ""  # id of the heading it is under
    breaks: tuple[int, ...] = ()  # offsets in text where the next source line starts
    # paragraph, item (a list item: under the references heading, a reference), heading, cell
    # (of a table), title (of an admonition) or front-matter
    kind: str = "paragraph"

    def line_at(self, offset: int) -> int:
        """The source line of a character offset in text."""
        return self.line + sum(1 for b in self.breaks if b <= offset)


@dataclass
class Skeleton:
    """The structure of a Markdown page that a translation must keep."""

    headings: list[tuple[int, int, str]] = field(default_factory=list)  # line, level, id
    links: list[tuple[int, str]] = field(default_factory=list)  # line, target
    images: list[tuple[int, str]] = field(default_factory=list)
    code: list[tuple[int, str]] = field(default_factory=list)
    math: list[tuple[int, str]] = field(default_factory=list)
    inline_math: list[tuple[int, str]] = field(default_factory=list)
    admonitions: list[tuple[int, str]] = field(default_factory=list)
    tables: list[tuple[int, int]] = field(default_factory=list)  # line, columns
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    markers: list[tuple[int, str]] = field(default_factory=list)  # <!-- diagram: name --> etc.
    prose: list[Prose] = field(default_factory=list)
    front_matter: dict[str, tuple[int, str]] = field(default_factory=dict)
    words: int = 0


def split_front_matter(text: str) -> tuple[list[str], int]:
    """The front matter lines (without fences) and the number of lines it takes."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                return lines[1:end], end + 1
    return [], 0


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def parse(text: str) -> Skeleton:
    """Parse Markdown (with the site's extensions) into a Skeleton."""
    sk = Skeleton()
    front, offset = split_front_matter(text)
    for number, line in enumerate(front, start=2):
        key, sep, value = line.partition(":")
        if sep and key.strip() in FRONT_MATTER_TEXT_KEYS:
            value = value.strip()
            if value in (">-", ">", "|", "|-"):
                parts = []
                for cont in front[number - 1 :]:
                    if cont.startswith((" ", "\t")):
                        parts.append(cont.strip())
                    else:
                        break
                value = " ".join(parts)
            sk.front_matter[key.strip()] = (number, value.strip("\"'"))
            sk.prose.append(Prose(number, value.strip("\"'"), "front-matter", kind="front-matter"))
    lines = text.split("\n")
    section = ""
    paragraph: list[str] = []
    paragraph_line = 0
    paragraph_item = False  # the paragraph is a list item
    in_table = False

    def flush() -> None:
        nonlocal paragraph, paragraph_item
        if paragraph:
            breaks, position = [], 0
            for part in paragraph[:-1]:
                position += len(part) + 1
                breaks.append(position)
            sk.prose.append(
                Prose(
                    paragraph_line,
                    " ".join(paragraph),
                    section,
                    tuple(breaks),
                    "item" if paragraph_item else "paragraph",
                )
            )
        paragraph, paragraph_item = [], False

    index = offset
    while index < len(lines):
        line = lines[index]
        number = index + 1
        fence = FENCE.match(line)
        if fence:
            flush()
            marker, body = fence.group(2), []
            index += 1
            while index < len(lines) and not lines[index].strip().startswith(marker):
                body.append(lines[index])
                index += 1
            sk.code.append((number, "\n".join(body)))
            index += 1
            continue
        if line.strip() == "$$":
            flush()
            body = []
            index += 1
            while index < len(lines) and lines[index].strip() != "$$":
                body.append(lines[index].strip())
                index += 1
            sk.math.append((number, "\n".join(body)))
            index += 1
            continue
        heading = HEADING.match(line)
        if heading and not line.startswith(" "):
            flush()
            attrs = heading.group(3) or ""
            ident = HEADING_ID.search(attrs)
            hid = ident.group(1) if ident else ""
            sk.headings.append((number, len(heading.group(1)), hid))
            if len(heading.group(1)) > 1:
                section = hid
            sk.prose.append(Prose(number, heading.group(2), section, kind="heading"))
            _inline(sk, number, heading.group(2))
            index += 1
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            flush()
            sk.admonitions.append((number, admonition.group(2)))
            if admonition.group(3):
                sk.prose.append(Prose(number, admonition.group(3), section, kind="title"))
            index += 1
            continue
        if ABBREVIATION.match(line) or line.strip().startswith("<!--"):
            flush()
            marker = MARKER.fullmatch(line.strip())
            if marker:
                sk.markers.append((number, " ".join(marker.group(1).split())))
            index += 1
            continue
        row = TABLE_ROW.match(line)
        if row:
            flush()
            if TABLE_SEPARATOR.match(line):
                index += 1
                continue
            cells = _cells(row.group(1))
            if not in_table:
                sk.tables.append((number, len(cells)))
                in_table = True
            for cell in cells:
                if cell:
                    sk.prose.append(Prose(number, cell, section, kind="cell"))
                    _inline(sk, number, cell)
            index += 1
            continue
        in_table = False
        if not line.strip():
            flush()
            index += 1
            continue
        item = LIST_ITEM.match(line) or DEF_ITEM.match(line)
        if item:
            flush()
            paragraph, paragraph_line = [item.group(1).strip()], number
            paragraph_item = True
            _inline(sk, number, item.group(1))
            index += 1
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(line.strip())
        _inline(sk, number, line)
        index += 1
    flush()
    sk.words = sum(len(p.text.split()) for p in sk.prose)
    return sk


def _inline(sk: Skeleton, number: int, text: str) -> None:
    text = INLINE_CODE.sub("", text)
    for match in LINK.finditer(text):
        (sk.images if match.group(1) else sk.links).append((number, match.group(3)))
    for match in FOOTNOTE.finditer(text):
        sk.footnotes.append((number, match.group(1)))
    for match in INLINE_MATH.finditer(text):
        sk.inline_math.append((number, match.group(1).strip()))
