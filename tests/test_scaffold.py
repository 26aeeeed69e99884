"""`make topic` / `python -m mathforml new-topic`: the entry lands in its part, the page has the
documented sections, and a duplicate or unknown id is refused with the usual messages."""

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_build
from mathforml.graph import SyllabusGraph
from mathforml.syllabus import load_syllabus


@pytest.fixture
def project(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "site.partial", "__pycache__", ".pytest_cache", ".hypothesis",
        "audit-reports", "screenshots", "tests"))
    return copy


def new_topic(project, *args):
    return subprocess.run([sys.executable, "-m", "mathforml", "new-topic", *args], cwd=project, capture_output=True, text=True)


def test_a_new_topic_lands_in_its_part_with_a_page_that_builds(project):
    result = new_topic(project, "kernel-methods", "--title", "Kernel Methods", "--part", "statistics",
                       "--requires", "mle-map, la-symmetric", "--hours", "8")
    assert result.returncode == 0, result.stderr
    graph = SyllabusGraph(load_syllabus(project / "syllabus.yml", project / "docs"))
    statistics = [t.id for t in graph.reading_order if t.part == "statistics"]
    assert statistics[-1] == "kernel-methods", "in its part, after the part's other topics"
    assert graph.step["kernel-methods"] < graph.step["numerical"], "before the next part"
    assert f"It is step {graph.step['kernel-methods']} of 39" in result.stdout
    text = (project / "syllabus.yml").read_text()
    assert text.index("id: kernel-methods") < text.index("  # Optimization"), "above the next part's comment"
    page = (project / "docs/topics/kernel-methods.md").read_text()
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## Why it matters for machine learning", "## Resources", "## Worked exercises", "## You're ready when you can..."]
    build = run_build(project)
    assert build.returncode == 0, build.stderr


@pytest.mark.parametrize("args, message", [
    (["la-svd", "--title", "Again", "--part", "linear-algebra"], "'la-svd' is already the id of a topic in syllabus.yml."),
    (["kernels", "--title", "K", "--part", "statistics", "--requires", "mle-mop"], "no topic has the id 'mle-mop'. Did you mean 'mle-map'?"),
    (["kernels", "--title", "K", "--part", "statistcs"], "no part has the id 'statistcs'. Did you mean 'statistics'?"),
    (["kernels", "--title", "K"], "syllabus.yml lists parts, so give the topic one"),
    (["Kernels", "--title", "K", "--part", "statistics"], "'Kernels' is not a valid id."),
    (["kernels", "--title", "K", "--part", "foundations", "--requires", "cs229"], "requires 'cs229' (part 'models'), which comes later."),
])
def test_bad_requests_are_refused_and_change_nothing(project, args, message):
    before = (project / "syllabus.yml").read_text()
    result = new_topic(project, *args)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert (project / "syllabus.yml").read_text() == before
    assert not (project / "docs/topics/kernels.md").exists()


def test_make_topic_prints_its_usage_without_an_id(project):
    result = subprocess.run(["make", "-s", "topic"], cwd=project, capture_output=True, text=True,
                            env={"PATH": f"{ROOT / '.venv/bin'}:/usr/bin:/bin", "VENV": str(ROOT / ".venv")})
    assert result.returncode == 2 and "Usage: make topic ID=my-topic" in result.stdout
