"""Licence and attribution inside each published diagram file, so that a downloaded SVG or PNG
still says what it is, who made it, where it comes from and under what terms.

- SVG: <title> and <desc> (its accessible name and description) and an RDF <metadata> block
  (Dublin Core and Creative Commons terms) with title, creator, source URL and licence URL.
- PNG: iTXt chunks with the PNG keywords Title, Author, Description, Copyright and Source, and
  an XMP packet (XML:com.adobe.xmp) with the same fields. The image data is not re-encoded.

`read_svg` and `read_png` read them back: the build checks every published file with them.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

CREATOR = "The Latent Space & Collapse Glossary contributors"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_NAME = "CC BY 4.0"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cc": "http://creativecommons.org/ns#",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "svg": "http://www.w3.org/2000/svg",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt"}
XMP_KEY = "XML:com.adobe.xmp"


@dataclass(frozen=True)
class Credit:
    """What a file says about itself."""

    title: str
    description: str
    source: str  # the URL of the diagram's page
    language: str
    creator: str = CREATOR
    license: str = LICENSE_URL

    @property
    def rights(self) -> str:
        """The copyright and licence line."""
        return f"© {self.creator}. {LICENSE_NAME}: {self.license}"


def _rdf(credit: Credit, mime: str) -> str:
    return (
        f'<rdf:RDF xmlns:rdf="{NS["rdf"]}" xmlns:dc="{NS["dc"]}" xmlns:cc="{NS["cc"]}">'
        '<cc:Work rdf:about="">'
        f"<dc:title>{escape(credit.title)}</dc:title>"
        f"<dc:description>{escape(credit.description)}</dc:description>"
        f"<dc:creator><cc:Agent><dc:title>{escape(credit.creator)}</dc:title></cc:Agent>"
        "</dc:creator>"
        f"<dc:rights>{escape(credit.rights)}</dc:rights>"
        f"<dc:source>{escape(credit.source)}</dc:source>"
        f"<dc:language>{escape(credit.language)}</dc:language>"
        f"<dc:format>{mime}</dc:format>"
        f"<cc:license rdf:resource={quoteattr(credit.license)}/>"
        f"<cc:attributionName>{escape(credit.creator)}</cc:attributionName>"
        f"<cc:attributionURL rdf:resource={quoteattr(credit.source)}/>"
        "</cc:Work></rdf:RDF>"
    )


def credit_svg(svg: bytes, credit: Credit) -> bytes:
    """The SVG with <title>, <desc> and RDF metadata as its first children (any metadata
    matplotlib wrote is replaced)."""
    text = svg.decode("utf-8")
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    opening = re.search(r"<svg\b[^>]*>", text)
    if opening is None:
        raise ValueError("not an SVG document")
    head = (
        f"\n <title>{escape(credit.title)}</title>"
        f"\n <desc>{escape(credit.description)}</desc>"
        f"\n <metadata>{_rdf(credit, 'image/svg+xml')}</metadata>"
    )
    return (text[: opening.end()] + head + text[opening.end() :]).encode("utf-8")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt(keyword: str, text: str, lang: str = "") -> bytes:
    data = (
        keyword.encode("latin-1")
        + b"\0\0\0"  # no compression
        + lang.encode("ascii")
        + b"\0\0"  # no translated keyword
        + text.encode("utf-8")
    )
    return _chunk(b"iTXt", data)


def _xmp(credit: Credit) -> str:
    lang = escape(credit.language)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{NS["rdf"]}"><rdf:Description rdf:about="" '
        f'xmlns:dc="{NS["dc"]}" xmlns:xmpRights="{NS["xmpRights"]}" xmlns:cc="{NS["cc"]}">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="{lang}">{escape(credit.title)}</rdf:li>'
        "</rdf:Alt></dc:title>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="{lang}">{escape(credit.description)}'
        "</rdf:li></rdf:Alt></dc:description>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(credit.creator)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(credit.rights)}</rdf:li>'
        "</rdf:Alt></dc:rights>"
        f"<dc:source>{escape(credit.source)}</dc:source>"
        "<xmpRights:Marked>True</xmpRights:Marked>"
        f"<xmpRights:WebStatement>{escape(credit.license)}</xmpRights:WebStatement>"
        f"<cc:license rdf:resource={quoteattr(credit.license)}/>"
        f"<cc:attributionName>{escape(credit.creator)}</cc:attributionName>"
        f"<cc:attributionURL rdf:resource={quoteattr(credit.source)}/>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="r"?>'
    )


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    out, at = [], len(PNG_SIGNATURE)
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        out.append((kind, png[at + 8 : at + 8 + length]))
        at += 12 + length
    return out


def credit_png(png: bytes, credit: Credit) -> bytes:
    """The PNG with its text chunks replaced by the credit's, right after the header."""
    chunks = [c for c in _chunks(png) if c[0] not in TEXT_CHUNKS]
    texts = [
        _itxt("Title", credit.title, credit.language),
        _itxt("Author", credit.creator),
        _itxt("Description", credit.description, credit.language),
        _itxt("Copyright", credit.rights),
        _itxt("Source", credit.source),
        _itxt(XMP_KEY, _xmp(credit)),
    ]
    out = [PNG_SIGNATURE, _chunk(*chunks[0]), *texts]
    out += [_chunk(kind, data) for kind, data in chunks[1:]]
    return b"".join(out)


def read_png(png: bytes) -> dict[str, str]:
    """The text chunks of a PNG (iTXt and tEXt), keyword -> text."""
    found = {}
    for kind, data in _chunks(png):
        if kind == b"iTXt":
            keyword, _, rest = data.partition(b"\0")
            rest = rest[2:]  # compression flag and method
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            found[keyword.decode("latin-1")] = text.decode("utf-8")
        elif kind == b"tEXt":
            keyword, _, text = data.partition(b"\0")
            found[keyword.decode("latin-1")] = text.decode("latin-1")
    return found


def read_svg(svg: bytes) -> dict[str, str]:
    """Title, description, creator, source and licence URL as an SVG file states them."""
    root = ElementTree.fromstring(svg)
    work = root.find("svg:metadata/rdf:RDF/cc:Work", NS)

    def text(element: ElementTree.Element | None, path: str) -> str:
        found = element.find(path, NS) if element is not None else None
        return (found.text or "") if found is not None else ""

    license_element = work.find("cc:license", NS) if work is not None else None
    return {
        "title": text(root, "svg:title"),
        "desc": text(root, "svg:desc"),
        "dc:title": text(work, "dc:title"),
        "creator": text(work, "dc:creator/cc:Agent/dc:title"),
        "source": text(work, "dc:source"),
        "license": (license_element.get(f"{{{NS['rdf']}}}resource") or "")
        if license_element is not None
        else "",
    }


def read_xmp(png: bytes) -> dict[str, str]:
    """The XMP packet's creator, source and licence of a PNG."""
    packet = read_png(png).get(XMP_KEY, "")
    body = re.sub(r"<\?xpacket[^>]*\?>", "", packet)
    if not body:
        return {}
    root = ElementTree.fromstring(body)
    desc = root.find("rdf:RDF/rdf:Description", NS)
    if desc is None:
        return {}
    license_element = desc.find("cc:license", NS)
    return {
        "title": desc.findtext("dc:title/rdf:Alt/rdf:li", "", NS),
        "creator": desc.findtext("dc:creator/rdf:Seq/rdf:li", "", NS),
        "source": desc.findtext("dc:source", "", NS),
        "license": (license_element.get(f"{{{NS['rdf']}}}resource") or "")
        if license_element is not None
        else "",
        "web_statement": desc.findtext("xmpRights:WebStatement", "", NS),
    }


def missing(path: str, content: bytes, credit: Credit) -> list[str]:
    """What a published file lacks of its credit (empty when it carries all of it)."""
    if path.endswith(".svg"):
        found = read_svg(content)
        wanted = {
            "title": credit.title,
            "desc": credit.description,
            "dc:title": credit.title,
            "creator": credit.creator,
            "source": credit.source,
            "license": credit.license,
        }
    else:
        found = {**read_png(content), **{f"xmp:{k}": v for k, v in read_xmp(content).items()}}
        wanted = {
            "Title": credit.title,
            "Author": credit.creator,
            "Source": credit.source,
            "Copyright": credit.rights,
            "xmp:creator": credit.creator,
            "xmp:source": credit.source,
            "xmp:license": credit.license,
            "xmp:web_statement": credit.license,
        }
    return [key for key, value in wanted.items() if found.get(key) != value]
