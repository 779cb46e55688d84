"""Immutable, versioned diagram URLs and the archive that keeps every published version.

    python scripts/publish_diagrams.py       # archive the current versions, list their URLs

Besides its latest URL (/diagrams/<name>.<lang>.svg), every published file has a versioned
one, /diagrams/v/<version>/<name>.<lang>.svg, whose version is the start of the SHA-256 of
the picture as drawn (before its credit is added, so it does not depend on site_url). A
versioned URL serves the same picture for ever: when a diagram changes, its latest URL shows
the new picture and a new versioned URL appears, while the old one goes on serving the old
picture from the archive, data/diagram-versions/<version>.<fmt>, with the texts it was
published with beside it (<version>.json). The build fails when a version in the manifest
(data/published-diagrams.txt) is neither current nor archived, or when the current one is
not archived and listed yet; this command does both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .data import repo_path
from .languages import ROOT

ARCHIVE = ROOT / "data" / "diagram-versions"
FOLDER = "diagrams"


def version_of(drawn: bytes) -> str:
    """The version of a picture: the start of the SHA-256 of its bytes as drawn."""
    return hashlib.sha256(drawn).hexdigest()[:12]


def versioned_path(version: str, file_name: str) -> str:
    """The site path of a file at a version."""
    return f"{FOLDER}/v/{version}/{file_name}"


@dataclass(frozen=True)
class Archived:
    """One archived version of a published file: the picture as drawn and the texts it was
    published with."""

    version: str
    file_name: str  # <name>.<lang>[.dark].<fmt>
    name: str
    language: str
    title: str
    description: str
    published: str  # ISO date
    drawn: bytes

    @property
    def path(self) -> str:
        """The versioned URL's site path."""
        return versioned_path(self.version, self.file_name)


def read_archive(folder: Path = ARCHIVE) -> list[Archived]:
    """Every archived version, oldest first."""
    out = []
    for meta in sorted(folder.glob("*.json")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        fmt = data["file_name"].rsplit(".", 1)[1]
        drawn = meta.with_suffix(f".{fmt}").read_bytes()
        out.append(Archived(meta.stem, drawn=drawn, **data))
    return sorted(out, key=lambda a: (a.published, a.file_name))


def archive(item: Archived, folder: Path = ARCHIVE) -> bool:
    """Keep a version in the archive (False when it is there already)."""
    fmt = item.file_name.rsplit(".", 1)[1]
    picture = folder / f"{item.version}.{fmt}"
    if picture.exists():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(item.drawn)
    meta = {
        "file_name": item.file_name,
        "name": item.name,
        "language": item.language,
        "title": item.title,
        "description": item.description,
        "published": item.published,
    }
    text = json.dumps(meta, ensure_ascii=False, indent=1)
    (folder / f"{item.version}.json").write_text(text + "\n", encoding="utf-8")
    return True


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """Archive the current version of every published file and list every URL the build
    makes in the manifest."""
    from . import diagram_pages, diagrams

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    folder = root / "data" / "diagram-versions"
    manifest = root / "data" / "published-diagrams.txt"
    today = dt.date.today().isoformat()
    drawn = diagram_pages.rendered(root / ".cache" / "diagrams")
    added = 0
    for variant, content in drawn.items():
        if variant.alias != variant.name:
            continue
        text = diagrams.texts(variant.lang)[variant.name]
        item = Archived(
            version=version_of(content),
            file_name=variant.path.split("/")[-1],
            name=variant.name,
            language=variant.lang,
            title=text["title"],
            description=" ".join(text["alt"].split()),
            published=today,
            drawn=content,
        )
        added += archive(item, folder)
    urls = {v.path for v in drawn} | {a.path for a in read_archive(folder)}
    listed = {item.url for item in diagram_pages.read_manifest(manifest)}
    new = sorted(urls - listed)
    if new:
        with manifest.open("a", encoding="utf-8") as out:
            out.write(f"# Published {today}.\n" + "".join(f"{url}\n" for url in new))
    print(
        f"{added} new versions in {repo_path(folder, root)}, {len(new)} new lines in "
        f"{repo_path(manifest, root)}; commit both"
    )
    return 0
