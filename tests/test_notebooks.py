"""Demo notebooks: executed by the build into HTML pages in every language, labels in the
page's language, JupyterLab's stylesheet served once, cached execution, and the downloads."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FINISHED, LANGUAGES, PREFIX, ROOT, SUFFIX, Build, demo_texts
from glossary_site.data import DataError, load_demo_texts
from glossary_site.notebooks import (
    convert_options,
    execute_to_cache,
    helper_archive,
    published_helper,
)
from glossary_site.plugin import configured_project

latent_demo = demo_texts()
PUBLISHED_HELPER = published_helper(configured_project(ROOT))
HELPER_PARTS = {
    "latent_demo_models.py": {"numpy", "sklearn"},  # data, models, measurements
    "latent_demo_plots.py": {
        "altair",
        "matplotlib",
        "numpy",
        "latent_demo_models",
        "latent_demo_texts",
    },
    "latent_demo_texts.py": set(),  # the plot strings
}


DEMOS = ["latent-space", "latent-space-collapse", "model-collapse"]


def page(site: Path, lang: str, name: str) -> str:
    return (site / PREFIX[lang] / "demos" / name / "index.html").read_text(encoding="utf-8")


def without_images(html: str) -> str:
    return re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", html)


@pytest.mark.parametrize("lang", FINISHED)
@pytest.mark.parametrize("name", DEMOS)
def test_notebook_pages_are_executed_html_in_their_language(site: Path, lang: str, name: str):
    html = page(site, lang, name)
    assert f'<html lang="{lang}"' in html
    assert '"cell_type"' not in html  # not the raw notebook JSON (mkdocs-static-i18n #198)
    assert html.count("jp-CodeCell") >= 3
    assert html.count("jp-OutputArea-output") >= 3  # executed: outputs are there
    notebook = json.loads((ROOT / f"docs/demos/{name}{SUFFIX[lang]}.ipynb").read_text())
    title = "".join(notebook["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
    assert f">{title}<" in html or f">{title}<a" in html
    assert "Traceback" not in html


@pytest.mark.parametrize("lang", ["de", "es"])
def test_plot_labels_follow_the_page_language(site: Path, lang: str) -> None:
    english, translated = latent_demo.texts("en"), latent_demo.texts(lang)
    own = {v for k, v in translated.items() if isinstance(v, str) and v != english.get(k)}
    # The reference lists cite English titles: only the notebook's own text counts.
    html = "".join(
        re.split(r'<h2 id="(?:literatur|referencias)"', page(site, lang, name))[0] for name in DEMOS
    )
    shown = {label for label in own if len(label) > 6 and label in html}
    assert len(shown) >= 5, shown
    foreign = {v for k, v in english.items() if isinstance(v, str) and v != translated.get(k)}
    leaked = {label for label in foreign if len(label) > 12 and label in html}
    assert not leaked


def test_unmatchable_and_repeated_rules_are_dropped() -> None:
    from glossary_site.notebooks import prune_css

    css = (
        ".jupyter-wrapper :root{--jp-icon:url(x)}\n.a{color:red}\n.b > :root,.a{margin:0}\n"
        ":root{--x:1}\n.a{color:red}\n.unused{color:blue}"
    )
    assert prune_css(css, {"a", "jupyter-wrapper"}) == (".a{margin:0}\n:root{--x:1}\n.a{color:red}")


def test_custom_properties_nothing_reads_are_dropped_until_none_is_left() -> None:
    from glossary_site.notebooks import drop_unused_properties

    css = (
        '.w{--a: var(--b);--b: 1px;--c: url("data:image/svg+xml;utf8,<svg/>");--d: 2px}\n'
        ".p{--only-a: var(--d)}\n@media (min-width: 1px){.q{--e: 0}}\n.x{margin: var(--a)}"
    )
    assert drop_unused_properties(css, {"--c"}) == (
        '.w{--a: var(--b);--b: 1px;--c: url("data:image/svg+xml;utf8,<svg/>")}\n'
        ".x{margin: var(--a)}"
    )


def test_jupyter_stylesheet_is_served_once(site: Path) -> None:
    css = (site / "assets/stylesheets/jupyter.css").read_text(encoding="utf-8")
    assert ".jupyter-wrapper .jp-InputPrompt" in css and ":root" not in css
    assert len(css) < 40_000  # JupyterLab's own is 14 times larger
    declared = set(re.findall(r"(--jp-[\w-]+)\s*:", css))
    assert declared and declared <= set(re.findall(r"var\(\s*(--jp-[\w-]+)", css))
    for lang in LANGUAGES:
        for name in DEMOS:
            html = page(site, lang, name)
            assert '<style type="text/css">' not in html
            assert "assets/stylesheets/jupyter.css" in html
            assert 'src=""' not in html and "mathjax" not in html.lower()
            assert "clipboard-copy" not in html  # nbconvert's copy buttons (invalid markup)


def test_notebook_pages_weigh_at_most_twice_an_article(site: Path) -> None:
    article = max(
        len((site / f"glossary/{slug}/index.html").read_bytes())
        for slug in ("latent-space", "latent-space-collapse", "model-collapse")
    )
    for lang in LANGUAGES:
        for name in DEMOS:
            assert len(without_images(page(site, lang, name)).encode()) <= 2 * article, (lang, name)


def test_charts_are_interactive_specs_for_the_self_hosted_vega(site: Path) -> None:
    for lang in LANGUAGES:
        for name in DEMOS:
            html = page(site, lang, name)
            sources = re.findall(
                r'<div [^>]*class="vega-chart"[^>]*data-src="(chart-\d+\.json)"', html
            )
            assert sources, (lang, name)
            specs = [
                json.loads((site / PREFIX[lang] / "demos" / name / src).read_text())
                for src in sources
            ]
            assert all(
                spec["$schema"].startswith("https://vega.github.io/schema/") for spec in specs
            )
            assert any("bind" in json.dumps(spec) for spec in specs), (lang, name)
            assert re.search(r'charts\.js" data-vega="(\.\./)+assets/vendor/vega/"', html)
            assert (site / "assets/vendor/vega/vega-embed.min.js").is_file()
            assert "cdn.jsdelivr.net/npm/vega" not in html


def test_downloads_carry_the_language_cell_and_the_helper(site: Path) -> None:
    for lang in FINISHED:
        folder = site / PREFIX[lang] / "demos" / "model-collapse"
        notebook = json.loads((folder / f"model-collapse{SUFFIX[lang]}.ipynb").read_text())
        assert "".join(notebook["cells"][0]["source"]).startswith(f'DEMO_LANG = "{lang}"')
        with zipfile.ZipFile(folder / "latent_demo.zip") as archive:
            assert {name: archive.read(name) for name in archive.namelist()} == PUBLISHED_HELPER
        assert (folder / "latent_demo.zip").read_bytes() == helper_archive(PUBLISHED_HELPER)
        assert 'href="latent_demo.zip" download' in page(site, lang, "model-collapse")
        html = page(site, lang, "model-collapse")
        assert f'href="model-collapse{SUFFIX[lang]}.ipynb" download' in html
        assert f"lite/notebooks/index.html?path=model-collapse{SUFFIX[lang]}.ipynb" in html


def test_jupyterlite_serves_every_notebook_in_its_language(site: Path) -> None:
    files = site / "lite" / "files"
    for lang in FINISHED:
        for name in DEMOS:
            notebook = json.loads((files / f"{name}{SUFFIX[lang]}.ipynb").read_text())
            assert "".join(notebook["cells"][0]["source"]).startswith(f'DEMO_LANG = "{lang}"')
    for name, data in PUBLISHED_HELPER.items():
        assert (files / name).read_bytes() == data
    assert (site / "lite" / "notebooks" / "index.html").exists()
    assert not list((site / "lite").rglob("*.map"))


def test_stored_notebooks_have_no_outputs_and_identical_code() -> None:
    for name in DEMOS:
        code = None
        for lang in FINISHED:
            notebook = json.loads((ROOT / f"docs/demos/{name}{SUFFIX[lang]}.ipynb").read_text())
            cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
            assert all(not c["outputs"] and c["execution_count"] is None for c in cells)
            sources = ["".join(c["source"]) for c in cells]
            assert code is None or sources == code, (name, lang)
            code = sources


def test_a_notebook_gives_the_same_page_on_every_run(
    real_build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeded: executed again in a fresh kernel with another hash seed, a notebook gives the
    page content the real build made (figures and chart specs included), so every build
    publishes the same page."""
    from mkdocs.config import load_config

    project = real_build.site.parent
    plugin = load_config(str(project / "mkdocs.yml")).plugins["mkdocs-jupyter"]
    options = convert_options(plugin)
    notebook = project / "docs/demos/latent-space-collapse.de.ipynb"  # the quickest of three
    monkeypatch.setenv("PYTHONPATH", str(project / ".cache/demo-helper"))  # as the build has it
    monkeypatch.setenv("PYTHONHASHSEED", "12345")  # the build's kernels had random ones
    entry = tmp_path / "entry.json"
    execute_to_cache(str(notebook), "de", options, plugin.config["toc_depth"], str(entry))
    again = json.loads(entry.read_text(encoding="utf-8"))
    assert again["content"].count("jp-OutputArea-output") >= 5
    built = {
        cached["title"]: cached["content"]
        for cached in (
            json.loads(path.read_text(encoding="utf-8"))
            for path in (project / plugin.config["cache_dir"]).glob("*.json")
        )
    }
    if again["content"] != built[again["title"]]:
        first = len(os.path.commonprefix([again["content"], built[again["title"]]]))
        pytest.fail(f"a second run differs at: {again['content'][first - 80 : first + 80]!r}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_main_entry_shows_its_demos_interactive_chart(site: Path, lang: str) -> None:
    for name in DEMOS:
        entry = (site / PREFIX[lang] / "glossary" / name / "index.html").read_text()
        box = entry[entry.index('<div class="admonition example demo">') :]
        assert f'<a href="../../demos/{name}/">' in box
        assert f'data-src="../../demos/{name}/interactive.json"></div>' in box
        assert "assets/javascripts/charts.js" in entry
        spec = json.loads((site / PREFIX[lang] / "demos" / name / "interactive.json").read_text())
        assert "bind" in json.dumps(spec) and spec["description"]


def test_figures_are_lazy_files_with_alt_text_in_the_page_language(site: Path) -> None:
    for lang in LANGUAGES:
        for name in DEMOS:
            html = page(site, lang, name)
            assert "data:image/png;base64" not in html
            images = re.findall(r"<img ([^>]*)>", html)
            figures = [attrs for attrs in images if 'src="figure-' in attrs]
            assert len(figures) >= 2, (lang, name)
            for attrs in figures:
                src = re.search(r'src="(figure-\d+\.png)"', attrs)[1]
                png = (site / PREFIX[lang] / "demos" / name / src).read_bytes()
                assert png.startswith(b"\x89PNG")
                assert 'loading="lazy"' in attrs and re.search(r'width="\d+"', attrs)
                alt = re.search(r'alt="([^"]+)"', attrs)[1]
                assert len(alt.split()) >= 8 and "No description" not in alt


def test_the_published_helper_carries_every_languages_plot_strings() -> None:
    for lang in FINISHED:
        assert latent_demo.texts(lang)["lang"] == lang
    assert set(latent_demo.texts(FINISHED[1])) == set(latent_demo.texts(FINISHED[0]))
    with pytest.raises(LookupError) as error:
        latent_demo.texts("xx")
    assert str(error.value) == (
        f"no plot strings for language 'xx': this copy has {', '.join(FINISHED)} "
        "(add data/demo.xx.yml to the site)"
    )


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports (at module level or in a function)."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"__future__"}


def test_the_helper_is_split_into_models_plots_and_strings() -> None:
    """The models draw nothing, the plots compute no model, the strings need no package; the
    module the notebooks import gathers the three and offers every name they call."""
    folder = ROOT / "docs/demos"
    assert set(PUBLISHED_HELPER) == {"latent_demo.py", *HELPER_PARTS}
    for name, packages in HELPER_PARTS.items():
        assert imported(folder / name) - {"IPython"} == packages, name
    assert imported(folder / "latent_demo.py") == {Path(n).stem for n in HELPER_PARTS}
    calls = set()
    for notebook in folder.glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        calls |= set(re.findall(r"\bdemo\.([A-Za-z_]\w*)", code))
    facade = (folder / "latent_demo.py").read_text(encoding="utf-8")
    offered = set(re.findall(r'^    "(\w+)",$', facade, re.M))
    assert calls and calls <= offered, calls - offered


def test_the_repositorys_helper_has_no_strings_and_says_where_they_are() -> None:
    name = "latent_demo_texts_repository_copy"
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs/demos/latent_demo_texts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    with pytest.raises(LookupError) as error:
        module.texts(LANGUAGES[0])
    assert "has no plot strings: download it from the site" in str(error.value)


def write_demo_texts(folder: Path, **files: str) -> Path:
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


def demo_error(folder: Path) -> str:
    with pytest.raises(DataError) as error:
        load_demo_texts(["en", "de"], folder)
    return str(error.value).replace(f"{folder}/", "data/")


def test_a_missing_plot_string_file_is_an_error_that_says_how_to_start_it(tmp_path: Path):
    write_demo_texts(tmp_path, demo_yml="title: Model collapse in {n} steps\n")
    assert demo_error(tmp_path) == (
        "data/demo.de.yml:1: error: the plot strings of the demo notebooks in 'de' are missing; "
        f"create the file with `python scripts/scaffold.py {tmp_path}/demo.yml de` and "
        "translate it"
    ).replace(f"{tmp_path}/", "data/")


def test_a_missing_or_changed_plot_string_is_an_error_with_its_line(tmp_path: Path) -> None:
    source = "title: Model collapse in {n} steps\nlabel: generation\n"
    write_demo_texts(tmp_path, demo_yml=source, demo_de_yml="title: Kollaps in {n} Schritten\n")
    assert demo_error(tmp_path) == (
        "data/demo.de.yml:1: error: plot string 'label' is missing; add `label:` with the "
        "translation of: generation"
    )
    write_demo_texts(tmp_path, demo_de_yml="label: Generation\ntitle: Kollaps in {k} Schritten\n")
    assert demo_error(tmp_path) == (
        "data/demo.de.yml:2: error: plot string 'title' has the placeholders ['k'], the source "
        "['n']; use the source's, unchanged"
    )
    write_demo_texts(
        tmp_path, demo_de_yml="title: Kollaps in {n} Schritten\nlabel: Generation\nextra: x\n"
    )
    assert demo_error(tmp_path) == (
        "data/demo.de.yml:3: error: plot string 'extra' does not exist in data/demo.yml; remove it"
    )
