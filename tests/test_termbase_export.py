"""The termbase as TBX-Basic and CSV: schema-valid, published, and round-tripping."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from conftest import ROOT
from glossary_site import termbase as termbase_export

SCHEMA = etree.RelaxNG(etree.parse(str(ROOT / "schemas" / "tbx-basic.rng")))


def test_tbx_is_valid_tbx_basic_and_round_trips() -> None:
    termbase = termbase_export.load()
    tbx = termbase_export.to_tbx(termbase)
    assert SCHEMA.validate(etree.fromstring(tbx.encode())), SCHEMA.error_log
    assert termbase_export.from_tbx(tbx) == termbase


def test_tbx_marks_avoided_terms_deprecated() -> None:
    tbx = termbase_export.to_tbx(
        {
            "terms": [
                {
                    "en": "mode collapse",
                    "de": "Moduskollaps",
                    "es": "colapso de modos",
                    "avoid": {"de": ["Modenkollaps"]},
                }
            ],
            "keep": ["GAN"],
        }
    )
    assert (
        '<term>Modenkollaps</term>\n            <termNote type="administrativeStatus">'
        "deprecatedTerm-admn-sts</termNote>" in tbx
    )
    assert SCHEMA.validate(etree.fromstring(tbx.encode()))


def test_schema_rejects_a_broken_export() -> None:
    tbx = termbase_export.to_tbx(termbase_export.load()).replace(
        "preferredTerm-admn-sts", "favouriteTerm", 1
    )
    assert not SCHEMA.validate(etree.fromstring(tbx.encode()))


def test_csv_round_trips() -> None:
    termbase = termbase_export.load()
    text = termbase_export.to_csv(termbase)
    assert text.splitlines()[0] == "en,de,es,status,note,avoid_de,avoid_es"
    assert termbase_export.from_csv(text) == termbase


def test_the_site_publishes_both_files(site: Path) -> None:
    termbase = termbase_export.load()
    assert (site / "termbase/termbase.tbx").read_text() == termbase_export.to_tbx(termbase)
    assert (site / "termbase/termbase.csv").read_text() == termbase_export.to_csv(termbase)


def test_command_writes_both_files(tmp_path: Path, capsys) -> None:
    assert termbase_export.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "termbase.tbx").exists() and (tmp_path / "termbase.csv").exists()
    assert "terms" in capsys.readouterr().out
