"""Export the termbase (data/termbase.yml) as TBX-Basic (ISO 30042) and CSV for CAT tools,
and read both back (the tests round-trip them).

    python scripts/termbase_export.py --out site/termbase   # writes termbase.tbx, .csv

Its columns are language codes, the source language first (as in mkdocs.yml).

The build publishes the same files at /termbase/termbase.tbx and /termbase/termbase.csv.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .data import read_yaml
from .languages import ROOT

TERMBASE = ROOT / "data" / "termbase.yml"
NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, DEPRECATED = "preferredTerm-admn-sts", "deprecatedTerm-admn-sts"
KEPT_NOTE = "Kept in English in every language."


def load(path: Path = TERMBASE) -> dict:
    """The termbase as data."""
    return read_yaml(path) or {}


def languages(termbase: dict) -> list[str]:
    """The termbase's languages, the source language first (the first key of the first term):
    every language any term has (a new language's column fills up term by term)."""
    seen: dict[str, None] = {}
    for item in termbase.get("terms") or []:
        seen.update((key, None) for key in item if key not in ("note", "avoid"))
    return list(seen)


def csv_fields(langs: list[str]) -> list[str]:
    """The CSV columns: one per language, status, note, and the terms to avoid per translation."""
    return [*langs, "status", "note", *(f"avoid_{lang}" for lang in langs[1:])]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "term"


def to_tbx(termbase: dict) -> str:
    """The termbase as a TBX-Basic document (DCA style)."""
    ET.register_namespace("", NS)
    langs = languages(termbase)
    tbx = ET.Element(f"{{{NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: langs[0]})
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
        concept = entry(item[langs[0]])
        if item.get("note"):
            ET.SubElement(concept, f"{{{NS}}}note").text = item["note"]
        for lang in (lang for lang in langs if item.get(lang)):  # a term not translated yet
            sec = ET.SubElement(concept, f"{{{NS}}}langSec", {XML_LANG: lang})  # has no langSec
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
    source = root.get(XML_LANG)
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
            keep.append(item[source])
            continue
        if notes:
            item["note"] = notes[0]
        if avoid:
            item["avoid"] = avoid
        terms.append(item)
    return {"terms": terms, "keep": keep}


def to_csv(termbase: dict) -> str:
    """One row per English term: approved translations, status, note and terms to avoid."""
    langs = languages(termbase)
    out = io.StringIO()
    writer = csv.DictWriter(out, csv_fields(langs), lineterminator="\n")
    writer.writeheader()
    for item in termbase.get("terms", []):
        avoid = item.get("avoid") or {}
        writer.writerow(
            {
                **{lang: item.get(lang, "") for lang in langs},
                "status": "translated",
                "note": item.get("note", ""),
                **{f"avoid_{lang}": "; ".join(avoid.get(lang, [])) for lang in langs[1:]},
            }
        )
    for kept in termbase.get("keep", []):
        writer.writerow(
            {
                **{lang: kept for lang in langs},
                "status": "kept",
                "note": "",
                **{f"avoid_{lang}": "" for lang in langs[1:]},
            }
        )
    return out.getvalue()


def from_csv(text: str) -> dict:
    """The termbase dict back from a CSV file written by to_csv."""
    terms, keep = [], []
    reader = csv.DictReader(io.StringIO(text))
    langs = list((reader.fieldnames or [])[: (reader.fieldnames or []).index("status")])
    for row in reader:
        if row["status"] == "kept":
            keep.append(row[langs[0]])
            continue
        item: dict = {lang: row[lang] for lang in langs if row[lang]}  # a term not translated yet
        if row["note"]:
            item["note"] = row["note"]
        avoid = {
            lang: row[f"avoid_{lang}"].split("; ") for lang in langs[1:] if row[f"avoid_{lang}"]
        }
        if avoid:
            item["avoid"] = avoid
        terms.append(item)
    return {"terms": terms, "keep": keep}


def published_files(config: MkDocsConfig, path: Path = TERMBASE) -> list[File]:
    """/termbase/termbase.tbx and /termbase/termbase.csv, as generated MkDocs files."""
    termbase = load(path)
    return [
        File.generated(config, "termbase/termbase.tbx", content=to_tbx(termbase)),
        File.generated(config, "termbase/termbase.csv", content=to_csv(termbase)),
    ]


def add_files(files: Files, config: MkDocsConfig, path: Path = TERMBASE) -> Files:
    """`files` with the termbase downloads added (once: every language build calls this)."""
    for file in published_files(config, path):
        if files.get_file_from_path(file.src_uri) is None:
            files.append(file)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write termbase.tbx and termbase.csv into --out."""
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
