"""`make topic` / `python -m mathforml new-topic`: the entry lands in its part, the page has the
documented sections, and a duplicate or unknown id is refused with the usual messages. Run on a copy
of the fixture guide (parts basics, analysis, capstone), never on the repository's syllabus."""

import shutil
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, examples, fixture_project, fixture_syllabus, run_build
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


# Issue #22: what `make topic` is given reaches Python through the environment, never a shell line, and
# new-topic writes nothing it would have to take back.
def make_topic(project, *assignments):
    return subprocess.run(["make", "-s", "topic", f"VENV={ROOT / '.venv'}", *assignments], cwd=project, capture_output=True,
                          text=True, env={"PATH": f"{ROOT / '.venv/bin'}:/usr/bin:/bin"})


def titles(project):
    return {t.id: t.title for t in load_syllabus(project / "syllabus.yml", project / "docs").topics}


def files(project):
    """Every file new-topic could touch, with its bytes."""
    return {p: p.read_bytes() for p in [project / "syllabus.yml", *sorted((project / "docs").rglob("*"))] if p.is_file()}


# Each would run `touch pwned` if pasted into the recipe's shell line, or make would expand its '$'.
@pytest.mark.parametrize("title", [
    "`touch pwned`",
    "$$(touch pwned)",
    "$(shell touch pwned)",
    '"; touch pwned; echo "',
    "'; touch pwned; echo '",
    "Costs $5 and $HOME",
    'Say "hi" \\ back\\slash \\n',
    "Two\nlines; touch pwned",
])
def test_make_topic_stores_the_title_as_typed_and_runs_nothing(project, title):
    result = make_topic(project, "ID=induction", f"TITLE={title}", f"PART={PART}", "REQUIRES=sets", "HOURS=8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "pwned").exists()
    assert titles(project)["induction"] == title
    assert "hours: 8\n" in (project / "syllabus.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("assignment", ["ID=x`touch pwned`", "PART=$(shell touch pwned)", 'REQUIRES=sets"; touch pwned; echo "',
                                        "HOURS=$$(touch pwned)"])
def test_make_topic_refuses_other_bad_values_and_runs_nothing(project, assignment):
    before = files(project)
    values = dict(a.split("=", 1) for a in ["ID=induction", "TITLE=Induction", f"PART={PART}", assignment])
    result = make_topic(project, *(f"{k}={v}" for k, v in values.items()))
    assert result.returncode != 0 and "error: " in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (project / "pwned").exists()
    assert files(project) == before


def test_make_topic_prints_its_usage_without_a_title(project):
    result = make_topic(project, "ID=induction")
    assert result.returncode == 2 and "Usage: make topic ID=my-topic" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("topic_id", ["kernels\n", "\nkernels", "kernels\r", "ker\tnels", "kernels\x1b[2J", "kernels\u2028", "kernels "])
def test_an_id_with_a_control_character_changes_no_file(project, topic_id):
    before = files(project)
    result = new_topic(project, topic_id, "--title", "Kernels", "--part", "analysis")
    assert result.returncode == 1 and "is not a valid id" in result.stderr, result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr
    assert files(project) == before


def test_a_failure_after_writing_puts_every_file_back(project, monkeypatch):
    from mathforml import scaffold

    def crash(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(scaffold, "load_resources", crash)
    before = files(project)
    with pytest.raises(RuntimeError):
        scaffold.new_topic(project / "syllabus.yml", project / "docs", "kernels", "Kernels", part="analysis")
    assert files(project) == before


# YAML reads these unquoted as true, false, null, numbers, dates, mappings, lists or comments.
@pytest.mark.parametrize("title", ["Yes", "No", "on", "Off", "null", "~", "1.5", "10", "0x1F", "2024-01-01", ".inf", "a: b",
                                   "- x", "#x", "a #b", " Leading", "Trailing ", "'single'", '"double"', "[x]", "x, y",
                                   "&anchor", "*alias", "!tag", "%x", "@x", "|", "?", "Tab\tinside"])
def test_a_title_yaml_would_misread_is_quoted(project, title):
    result = new_topic(project, "kernels", "--title", title, "--part", "analysis")
    assert result.returncode == 0, result.stderr
    assert titles(project)["kernels"] == title


def test_a_title_that_is_not_text_is_refused(project):
    before = files(project)
    result = subprocess.run([sys.executable, "-m", "mathforml", "new-topic", "kernels", "--title", b"Caf\xe9", "--part", "analysis"],
                            cwd=project, capture_output=True)
    assert result.returncode == 1 and b"error: " in result.stderr and b"Traceback" not in result.stderr, result.stderr
    assert files(project) == before


def read_back(text):
    from mathforml.scaffold import _entry

    entry = _entry("a", text, None, [], 1, text)
    assert entry.count("\n") == 5, "one line per field"
    return yaml.safe_load("topics:\n" + entry)["topics"][0]


@given(st.text())
@settings(max_examples=examples(2000))
def test_any_title_reads_back_as_written(title):
    topic = read_back(title)
    assert topic["title"] == title and topic["summary"] == title


def test_every_character_reads_back_as_written():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert read_back(every)["title"] == every
