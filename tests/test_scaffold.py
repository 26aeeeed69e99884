"""`make topic` / `python -m mathforml new-topic`: the entry lands in its part, the page has the
documented sections, and a duplicate or unknown id is refused with the usual messages. Run on a copy
of the fixture guide (parts basics, analysis, capstone), never on the repository's syllabus."""

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, fixture_project, fixture_syllabus, run_build
from mathforml.graph import SyllabusGraph
from mathforml.syllabus import load_syllabus

GUIDE = fixture_syllabus()
# The part the new topic goes in, and the one after it, whose comment line the entry must stay above.
PART, NEXT_PART = "basics", "analysis"
NEXT_COMMENT = "  # Analysis"


@pytest.fixture
def project(tmp_path):
    copy = fixture_project(tmp_path)
    # What `make topic` needs besides the site's sources.
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "scripts", copy / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    # A comment introducing the next part, as a syllabus.yml written by hand has.
    syllabus = copy / "syllabus.yml"
    first_next = next(t.id for t in GUIDE.syllabus.topics if t.part == NEXT_PART)
    head, topics = syllabus.read_text(encoding="utf-8").split("\ntopics:\n")
    assert topics.count(f"  - id: {first_next}\n") == 1
    topics = topics.replace(f"  - id: {first_next}\n", f"\n{NEXT_COMMENT}\n  - id: {first_next}\n")
    syllabus.write_text(f"{head}\ntopics:\n{topics}", encoding="utf-8")
    return copy


def new_topic(project, *args):
    return subprocess.run([sys.executable, "-m", "mathforml", "new-topic", *args], cwd=project, capture_output=True, text=True)


def test_a_new_topic_lands_in_its_part_with_a_page_that_builds(project):
    result = new_topic(project, "induction", "--title", "Induction", "--part", PART,
                       "--requires", "sets, functions", "--hours", "8")
    assert result.returncode == 0, result.stderr
    graph = SyllabusGraph(load_syllabus(project / "syllabus.yml", project / "docs"))
    in_part = [t.id for t in graph.reading_order if t.part == PART]
    assert in_part[-1] == "induction", "in its part, after the part's other topics"
    first_of_next = next(t.id for t in graph.reading_order if t.part == NEXT_PART)
    assert graph.step["induction"] < graph.step[first_of_next], "before the next part"
    assert f"It is step {graph.step['induction']} of {len(GUIDE.reading_order) + 1}" in result.stdout
    text = (project / "syllabus.yml").read_text()
    assert text.index("id: induction") < text.index(NEXT_COMMENT), "above the next part's comment"
    page = (project / "docs/topics/induction.md").read_text()
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## Why it matters for machine learning", "## Resources", "## Worked exercises", "## You're ready when you can..."]
    build = run_build(project)
    assert build.returncode == 0, build.stderr


@pytest.mark.parametrize("args, message", [
    (["sets", "--title", "Again", "--part", "basics"], "'sets' is already the id of a topic in syllabus.yml."),
    (["kernels", "--title", "K", "--part", "analysis", "--requires", "limts"], "no topic has the id 'limts'. Did you mean 'limits'?"),
    (["kernels", "--title", "K", "--part", "analyis"], "no part has the id 'analyis'. Did you mean 'analysis'?"),
    (["kernels", "--title", "K"], "syllabus.yml lists parts, so give the topic one"),
    (["Kernels", "--title", "K", "--part", "analysis"], "'Kernels' is not a valid id."),
    (["kernels", "--title", "K", "--part", "basics", "--requires", "series"], "requires 'series' (part 'analysis'), which comes later."),
])
def test_bad_requests_are_refused_and_change_nothing(project, args, message):
    before = (project / "syllabus.yml").read_text()
    result = new_topic(project, *args)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert (project / "syllabus.yml").read_text() == before
    assert not (project / "docs/topics/kernels.md").exists()


def test_make_topic_prints_its_usage_without_an_id(project):
    # VENV on make's command line (the Makefile sets it with :=): the copy uses the suite's own venv.
    result = subprocess.run(["make", "-s", "topic", f"VENV={ROOT / '.venv'}"], cwd=project, capture_output=True, text=True,
                            env={"PATH": f"{ROOT / '.venv/bin'}:/usr/bin:/bin"})
    assert result.returncode == 2 and "Usage: make topic ID=my-topic" in result.stdout
