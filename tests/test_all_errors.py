"""A forker sees every problem in one run, sorted by line, capped, and in GitHub Actions as
annotations on the file and line."""

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ONE_TOPIC, make_project, run_build, syllabus_problems
from mathforml.annotations import workflow_commands
from mathforml.syllabus import MAX_PROBLEMS, SyllabusError, parse_syllabus

FIVE_PROBLEMS = """\
title: Five problems
topics:
  - id: alpha
    title: Alpha
    requires: []
    hours: ten
    summary: First.
  - id: Beta
    title: Beta
    requires: [alpha]
    hours: 5
    summary: Second.
  - id: gamma
    title: <b>Gamma</b>
    requires: [optimisation]
    hours: 2
    summary: Third.
  - id: delta
    title: Delta
    requires: [alpha]
    hours: 3
    sumary: Fourth.
"""




def test_five_different_problems_are_reported_in_one_run_sorted_by_line():
    assert syllabus_problems(FIVE_PROBLEMS) == [
        "syllabus.yml:6: topic 'alpha': field 'hours': must be a number, not \"ten\".",
        "syllabus.yml:8: topic 'Beta': field 'id': \"Beta\" is not a valid id. Use lowercase letters, digits and dashes, like 'linear-algebra'.",
        "syllabus.yml:14: topic 'gamma': field 'title': cannot contain '<', '>', '{' or '}'. Titles are plain text; write the words instead.",
        "syllabus.yml:15: topic 'gamma': field 'requires': no topic has the id 'optimisation'. Add a topic with that id, or remove it from 'requires'.",
        "syllabus.yml:22: topic 'delta': field 'sumary': unknown field. Did you mean 'summary'?",
    ]


def test_deleting_a_topic_names_every_topic_that_still_requires_it():
    text = """\
    title: T
    topics:
      - {id: a, title: A, requires: [], hours: 1, summary: S.}
      - {id: b, title: B, requires: [optimization], hours: 1, summary: S.}
      - {id: c, title: C, requires: [a, optimization], hours: 1, summary: S.}
      - {id: d, title: D, requires: [optimization], hours: 1, summary: S.}
    """
    lines = syllabus_problems(textwrap.dedent(text))
    assert [line.split(":")[1] for line in lines] == ["4", "5", "6"]
    assert all("no topic has the id 'optimization'" in line for line in lines)
    assert [line.split("'")[1] for line in lines] == ["b", "c", "d"]


def test_many_problems_are_capped_with_a_count():
    topics = "".join(f"  - {{id: t{i}, title: T, requires: [missing], hours: 1, summary: S.}}\n" for i in range(30))
    lines = syllabus_problems("title: T\ntopics:\n" + topics)
    assert len(lines) == MAX_PROBLEMS + 1 and lines[-1] == f"... and {30 - MAX_PROBLEMS} more problems."


def test_annotations_name_the_file_and_line_and_escape_the_message():
    error = SyllabusError("syllabus.yml:15: topic 'g': 100% wrong, a: b", "docs/topics/a.md:3: resource 'X': bad.", "syllabus.yml: empty.")
    assert workflow_commands(error) == [
        "::error file=syllabus.yml,line=15,title=Syllabus problem::syllabus.yml:15: topic 'g': 100%25 wrong, a: b",
        "::error file=docs/topics/a.md,line=3,title=Syllabus problem::docs/topics/a.md:3: resource 'X': bad.",
        "::error file=syllabus.yml,title=Syllabus problem::syllabus.yml: empty.",
    ]


@pytest.mark.parametrize("command", ["build", "check"])
def test_in_github_actions_the_build_and_the_check_print_annotations(tmp_path, command):
    project = make_project(tmp_path, "title: T\ntopics:\n  - {id: a, title: A, requires: [b], hours: 1, summary: S.}\n",
                           {"a": "## Resources\n\n- [X](https://x.org/) · *bok · free · 1 h* · X.\n"})
    env = dict(os.environ, GITHUB_ACTIONS="true")
    if command == "build":
        result = run_build(project, env_extra={"GITHUB_ACTIONS": "true"})
    else:
        result = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "::error file=syllabus.yml,line=3,title=Syllabus problem::syllabus.yml:3: topic 'a': field 'requires': no topic has the id 'b'." \
        in result.stdout
    without = run_build(project) if command == "build" else subprocess.run(
        [sys.executable, "-m", "mathforml", "check"], cwd=project, env={k: v for k, v in env.items() if k != "GITHUB_ACTIONS"},
        capture_output=True, text=True)
    assert "::error" not in without.stdout + without.stderr


def test_problems_in_several_pages_come_together(tmp_path):
    syllabus = ("title: T\ntopics:\n  - {id: a, title: A, requires: [], hours: 1, summary: S.}\n"
                "  - {id: b, title: B, requires: [], hours: 1, summary: S.}\n")
    project = make_project(tmp_path, syllabus, {
        "a": "## Resources\n\n- [X](http://x.org/) · *book · free · 1 h* · X.\n- [Y](https://y.org/) · *book · fre · 1 h* · Y.\n",
        "b": "## Reading\n\n- [Z](https://z.org/) · *book · free · 1 h* · Z.\n",
    })
    result = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True)
    errors = result.stderr.splitlines()
    assert [e.split(":")[1].strip() for e in errors] == ["docs/topics/a.md", "docs/topics/a.md", "docs/topics/b.md"]




def test_a_tab_is_named():
    assert syllabus_problems(ONE_TOPIC.replace("    title: A", "\ttitle: A")) == [
        "syllabus.yml:4: this line has a tab character, and YAML indents with spaces only. Replace the tab with spaces."]


def test_a_missing_requires_suggests_the_empty_list():
    assert syllabus_problems(ONE_TOPIC.replace("    requires: []\n", "")) == [
        "syllabus.yml:3: topic 'a': field 'requires': is missing. Add 'requires: []' for a topic that needs nothing "
        "first, or 'requires: [some-id]'."]


def test_a_bare_requires_says_to_write_the_empty_list():
    assert syllabus_problems(ONE_TOPIC.replace("requires: []", "requires:")) == [
        "syllabus.yml:5: topic 'a': field 'requires': is empty. Write 'requires: []' for a topic that needs nothing first."]


def test_an_empty_file_points_at_an_example_that_exists():
    from conftest import ROOT

    (message,) = syllabus_problems("")
    assert "README.md and the site's page 'Customize your own syllabus' (docs/customize.md)" in message
    assert "```yaml" in (ROOT / "README.md").read_text() and "parts:" in (ROOT / "docs/customize.md").read_text()


@pytest.mark.parametrize("written, read, why", [
    ("017", "15", "a leading 0 makes it an octal number"),
    ("1:30", "90", "a colon makes it a base-60 number"),
    ("1e3", "'1e3'", "YAML 1.1 reads an exponent without a dot as text"),
])
def test_yaml_11_number_traps_say_what_was_read(written, read, why):
    (message,) = syllabus_problems(ONE_TOPIC.replace("hours: 2", f"hours: {written}"))
    assert message.startswith(f"syllabus.yml:6: field 'hours': '{written}' is read as {read}: {why}")
    assert parse_syllabus(ONE_TOPIC.replace("hours: 2", 'hours: 17')).topics[0].hours == 17


def test_c1_and_bidirectional_controls_are_written_out_in_messages():
    """U+009B alone starts a terminal command; U+202E reverses what a terminal shows after it."""
    lines = syllabus_problems(ONE_TOPIC.replace("  - id: a\n", "  - id: a\n    colour: \"x\\u009by\\u202ez\"\n"))
    assert "\x9b" not in "".join(lines) and "\u202e" not in "".join(lines)
    message = SyllabusError("syllabus.yml:3: topic 'a\x9b\u202e\u2066': bad.").problems[0]
    assert message == "syllabus.yml:3: topic 'a\\x9b\\u202e\\u2066': bad."
