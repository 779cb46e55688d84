"""The repository's contract files: exact pins, CI, workflows, pre-commit."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT


def requirement_lines(name: str) -> list[str]:
    lines = (ROOT / name).read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith(("#", "-r"))]


def test_every_python_dependency_is_pinned_exactly() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in requirement_lines(name):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+!-]+", line), f"{name}: {line}"


def test_every_npm_dependency_is_pinned_exactly() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text())
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name
    assert (ROOT / "package-lock.json").exists()


def test_ci_runs_the_readme_test_command_only() -> None:
    script = (ROOT / ".ci" / "run").read_text().splitlines()
    commands = [line for line in script if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]
    assert "make test" in (ROOT / "README.md").read_text()


def test_workflows_test_deploy_and_check_external_links() -> None:
    flows = ROOT / ".github" / "workflows"
    test = yaml.safe_load((flows / "test.yml").read_text())
    fast = [s.get("run", "") for s in test["jobs"]["fast"]["steps"]]
    full = [s.get("run", "") for s in test["jobs"]["full"]["steps"]]
    assert "bash .ci/run" in full and "make test-fast" in fast
    assert any("check.py all --build --format github --changed-since" in s for s in fast)
    for job in test["jobs"].values():  # pip, npm and the notebook cache are cached
        uses = {s.get("uses", "").split("@")[0]: s.get("with", {}) for s in job["steps"]}
        assert uses["actions/setup-python"]["cache"] == "pip"
        assert uses["actions/setup-node"]["cache"] == "npm"
        assert uses["actions/cache"]["path"] == ".cache/mkdocs-jupyter"
    deploy_text = (flows / "deploy.yml").read_text()
    deploy = yaml.safe_load(deploy_text)
    assert deploy[True]["workflow_run"]["workflows"] == ["Test"]  # only after the tests pass
    assert "conclusion == 'success'" in deploy["jobs"]["build"]["if"]
    assert "make build" in deploy_text and "actions/deploy-pages" in deploy_text
    assert "steps.pages.outputs.base_url" in deploy_text
    build = {k: v for s in deploy["jobs"]["build"]["steps"] for k, v in s.get("env", {}).items()}
    assert build["PUBLISH"] == "true" and build["EDIT_URI"].endswith("/docs/")
    for job in [*test["jobs"].values(), deploy["jobs"]["build"]]:  # dates need the history
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
    links = yaml.safe_load((flows / "external-links.yml").read_text())
    assert links[True]["schedule"]  # "on" parses as True in YAML 1.1
    assert "--external" in (flows / "external-links.yml").read_text()
    assert "gh issue create" in (flows / "external-links.yml").read_text()


def test_pre_commit_hooks_are_pinned_and_complete() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "ruff",
        "ruff-format",
        "nbstripout",
        "translation-check",
    }
    assert "--unsafe" in hooks["check-yaml"]["entry"]  # accepts MkDocs' !ENV tags
    dev = requirement_lines("requirements-dev.txt")
    ruff = next(line for line in dev if line.startswith("ruff=="))
    for hook in hooks.values():
        for dependency in hook.get("additional_dependencies", []):
            assert "==" in dependency
            if dependency.startswith("ruff=="):
                assert dependency == ruff
    assert hooks["translation-check"]["entry"].endswith("scripts/check.py translations")


def test_templates_exist() -> None:
    github = ROOT / ".github"
    assert "check.py translations" in (github / "pull_request_template.md").read_text()
    names = {p.name for p in (github / "ISSUE_TEMPLATE").glob("*.yml")}
    assert {"translation-request.yml", "content-error.yml", "bug.yml"} <= names


CFF_KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
    "identifiers", "keywords", "license", "license-url", "message", "preferred-citation",
    "references", "repository", "repository-artifact", "repository-code", "title", "type",
    "url", "version",
}  # fmt: skip


def test_the_site_as_a_whole_can_be_cited() -> None:
    """CITATION.cff (Citation File Format 1.2.0): only the format's keys, the licence of the
    texts as LICENSE states it, and the site's name as mkdocs.yml gives it."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert set(cff) <= CFF_KEYS, set(cff) - CFF_KEYS
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    assert cff["license"] == "CC-BY-4.0" and "CC BY 4.0" in (ROOT / "LICENSE").read_text()
    site_name = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(), re.M)[1]
    assert cff["title"] == site_name
    assert cff["authors"] == [{"name": "The Latent Space & Collapse Glossary contributors"}]
    assert cff["message"] and cff["abstract"]
