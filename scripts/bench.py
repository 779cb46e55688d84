"""Print speed figures: site build (cold and warm), the checker on the real site, and the
checker against lychee on generated sites of growing size. A benchmark, not a test.

    python scripts/bench.py [--sizes 100,300,1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check  # noqa: E402
import i18n_check  # noqa: E402
import link_check  # noqa: E402

ROOT = i18n_check.ROOT
LYCHEE = Path(sys.executable).parent / "lychee"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SENTENCES = {
    "en": "The encoder maps every input to a point in the latent space, and the decoder maps "
    "it back. Training pushes similar inputs close together.",
    "de": "Der Encoder bildet jede Eingabe auf einen Punkt im latenten Raum ab, und der Decoder "
    "bildet ihn zurück ab. Das Training rückt ähnliche Eingaben nahe zusammen.",
    "es": "El codificador lleva cada entrada a un punto del espacio latente y el decodificador "
    "la devuelve. El entrenamiento acerca las entradas parecidas.",
}


def timed(func, *args: object) -> float:  # noqa: ANN001
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def run(cmd: list[str], cwd: Path = ROOT) -> None:
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, capture_output=True)


def lychee(site: Path) -> None:
    subprocess.run(
        [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(site.parent),
            "--no-progress",
            str(site),
        ],
        check=False,
        capture_output=True,
    )


def check_links(site: Path, ctx: link_check.Context) -> None:
    link_check.check_internal(link_check.read_site(site), ctx)


def generate(root: Path, pages: int) -> Path:
    """A project with `pages` pages per language, their translations and a built site."""
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "data").mkdir()
    shutil.copy2(ROOT / "data" / "termbase.yml", root / "data" / "termbase.yml")
    docs, site = root / "docs", root / "site"
    for i in range(pages):
        for lang, prefix in (("en", ""), ("de", "de/"), ("es", "es/")):
            suffix = "" if lang == "en" else f".{lang}"
            body = "\n\n".join(
                f"## Part {k} {{ #part-{k} }}\n\n{SENTENCES[lang]} [Next](page-{(i + k) % pages}.md"
                f"#part-{k})"
                for k in range(5)
            )
            path = docs / f"page-{i}{suffix}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# Page {i}\n\n{body}\n", encoding="utf-8")
            links = "".join(
                f'<h2 id="part-{k}">Part {k}</h2><p>{SENTENCES[lang]} '
                f'<a href="../page-{(i + k) % pages}/#part-{k}">next</a></p>'
                for k in range(5)
            )
            nav = "".join(f'<a href="../page-{(i + k) % pages}/">p</a>' for k in range(20))
            html = site / prefix / f"page-{i}" / "index.html"
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(
                f'<!doctype html><html lang="{lang}"><head><link rel="stylesheet" '
                f'href="../{"../" if prefix else ""}style.css"></head><body><nav>{nav}</nav>'
                f"<article>{links}</article></body></html>",
                encoding="utf-8",
            )
    (site / "style.css").write_text("body{}", encoding="utf-8")
    (site / "index.html").write_text('<a href="page-0/">start</a>', encoding="utf-8")
    import contextlib
    import io

    from mark_synced import main as mark

    with contextlib.redirect_stdout(io.StringIO()):
        mark(["--all"], root=root)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000", help="pages per language")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    rows.append(
        (
            "site build, cold (mkdocs build --strict)",
            timed(run, [sys.executable, "-m", "mkdocs", "build", "--strict"]),
        )
    )
    rows.append(
        ("site build, warm", timed(run, [sys.executable, "-m", "mkdocs", "build", "--strict"]))
    )
    rows.append(
        ("check.py all on the real site", timed(run, [sys.executable, "scripts/check.py", "all"]))
    )
    rows.append(
        ("check.py translations", timed(run, [sys.executable, "scripts/check.py", "translations"]))
    )
    rows.append(("check.py links", timed(run, [sys.executable, "scripts/check.py", "links"])))
    rows.append(("lychee --offline --include-fragments", timed(lychee, ROOT / "site")))
    print(f"{'what':52} {'seconds':>8}")
    for name, seconds in rows:
        print(f"{name:52} {seconds:8.2f}")
    print()
    header = ("pages/language", "translations", "links", "lychee", "links/lychee")
    print("{:>14} {:>13} {:>8} {:>8} {:>13}".format(*header))
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            site = generate(root, size)
            t_trans = timed(i18n_check.check_all, root)
            ctx = link_check.Context(site, root, "/", check.site_url(root), ["en", "de", "es"])
            t_links = timed(check_links, site, ctx)
            t_lychee = timed(lychee, site)
            ratio = t_links / t_lychee
            print(f"{size:>14} {t_trans:13.2f} {t_links:8.2f} {t_lychee:8.2f} {ratio:13.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
