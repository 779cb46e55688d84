"""Export the termbase (data/termbase.yml) as TBX-Basic (ISO 30042) and CSV for CAT tools,
and read both back (the tests round-trip them).

    python scripts/termbase_export.py --out site/termbase   # writes termbase.tbx, .csv

The build publishes the same files at /termbase/termbase.tbx and /termbase/termbase.csv.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TERMBASE = ROOT / "data" / "termbase.yml"
NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, DEPRECATED = "preferredTerm-admn-sts", "deprecatedTerm-admn-sts"
KEPT_NOTE = "Kept in English in every language."
CSV_FIELDS = ["en", "de", "es", "status", "note", "avoid_de", "avoid_es"]


def load(path: Path = TERMBASE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def languages(termbase: dict) -> list[str]:
    first = termbase.get("terms", [{}])[0]
    return [key for key in first if key not in ("note", "avoid")] or ["en"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "term"


def to_tbx(termbase: dict) -> str:
    """The termbase as a TBX-Basic document (DCA style)."""
    ET.register_namespace("", NS)
    langs = languages(termbase)
    tbx = ET.Element(f"{{{NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    desc = ET.SubElement(
        ET.SubElement(ET.SubElement(tbx, f"{{{NS}}}tbxHeader"), f"{{{NS}}}fileDesc"),
        f"{{{NS}}}sourceDesc",
    )
    ET.SubElement(
        desc, f"{{{NS}}}p"
    ).text = "Termbase of the Latent Space & Collapse Glossary (text CC BY 4.0)."
    body = ET.SubElement(ET.SubElement(tbx, f"{{{NS}}}text"), f"{{{NS}}}body")
    seen: set[str] = set()

    def entry(english: str) -> ET.Element:
        ident = base = f"c-{_slug(english)}"
        counter = 2
        while ident in seen:
            ident, counter = f"{base}-{counter}", counter + 1
        seen.add(ident)
        return ET.SubElement(body, f"{{{NS}}}conceptEntry", {"id": ident})

    def term(parent: ET.Element, text: str, status: str) -> None:
        sec = ET.SubElement(parent, f"{{{NS}}}termSec")
        ET.SubElement(sec, f"{{{NS}}}term").text = text
        ET.SubElement(sec, f"{{{NS}}}termNote", {"type": "administrativeStatus"}).text = status

    for item in termbase.get("terms", []):
        concept = entry(item["en"])
        if item.get("note"):
            ET.SubElement(concept, f"{{{NS}}}note").text = item["note"]
        for lang in langs:
            sec = ET.SubElement(concept, f"{{{NS}}}langSec", {XML_LANG: lang})
            term(sec, item[lang], PREFERRED)
            for avoided in (item.get("avoid") or {}).get(lang, []):
                term(sec, avoided, DEPRECATED)
    for kept in termbase.get("keep", []):
        concept = entry(kept)
        ET.SubElement(concept, f"{{{NS}}}note").text = KEPT_NOTE
        for lang in langs:
            term(ET.SubElement(concept, f"{{{NS}}}langSec", {XML_LANG: lang}), kept, PREFERRED)
    ET.indent(tbx)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tbx, encoding="unicode") + "\n"


def from_tbx(text: str) -> dict:
    """The termbase dict back from a TBX-Basic document written by to_tbx."""
    root = ET.fromstring(text)
    terms, keep = [], []
    for concept in root.iter(f"{{{NS}}}conceptEntry"):
        notes = [n.text or "" for n in concept.findall(f"{{{NS}}}note")]
        item: dict = {}
        avoid: dict[str, list[str]] = {}
        for sec in concept.findall(f"{{{NS}}}langSec"):
            lang = sec.get(XML_LANG)
            for term_sec in sec.findall(f"{{{NS}}}termSec"):
                value = term_sec.findtext(f"{{{NS}}}term") or ""
                status = term_sec.findtext(f"{{{NS}}}termNote")
                if status == DEPRECATED:
                    avoid.setdefault(lang, []).append(value)
                else:
                    item[lang] = value
        if KEPT_NOTE in notes:
            keep.append(item["en"])
            continue
        if notes:
            item["note"] = notes[0]
        if avoid:
            item["avoid"] = avoid
        terms.append(item)
    return {"terms": terms, "keep": keep}


def to_csv(termbase: dict) -> str:
    """One row per English term: approved translations, status, note and terms to avoid."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in termbase.get("terms", []):
        avoid = item.get("avoid") or {}
        writer.writerow(
            {
                **{lang: item[lang] for lang in ("en", "de", "es")},
                "status": "translated",
                "note": item.get("note", ""),
                "avoid_de": "; ".join(avoid.get("de", [])),
                "avoid_es": "; ".join(avoid.get("es", [])),
            }
        )
    for kept in termbase.get("keep", []):
        writer.writerow(
            {
                "en": kept,
                "de": kept,
                "es": kept,
                "status": "kept",
                "note": "",
                "avoid_de": "",
                "avoid_es": "",
            }
        )
    return out.getvalue()


def from_csv(text: str) -> dict:
    terms, keep = [], []
    for row in csv.DictReader(io.StringIO(text)):
        if row["status"] == "kept":
            keep.append(row["en"])
            continue
        item: dict = {lang: row[lang] for lang in ("en", "de", "es")}
        if row["note"]:
            item["note"] = row["note"]
        avoid = {
            lang: row[f"avoid_{lang}"].split("; ") for lang in ("de", "es") if row[f"avoid_{lang}"]
        }
        if avoid:
            item["avoid"] = avoid
        terms.append(item)
    return {"terms": terms, "keep": keep}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args(argv)
    termbase = load()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "termbase.tbx").write_text(to_tbx(termbase), encoding="utf-8")
    (args.out / "termbase.csv").write_text(to_csv(termbase), encoding="utf-8")
    print(
        f"{args.out}/termbase.tbx, {args.out}/termbase.csv: {len(termbase['terms'])} terms, "
        f"{len(termbase['keep'])} kept in English"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
