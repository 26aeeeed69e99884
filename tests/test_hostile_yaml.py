"""Valid-looking YAML that used to crash the validator, and values that used to pass but break the
site: each is now one message on its line, never a traceback."""

import json
import subprocess
import sys

import pytest

from conftest import ONE_TOPIC, make_project, syllabus_problems
from mathforml.syllabus import parse_syllabus



@pytest.mark.parametrize("field, value", [
    ("hours", "!!int ''"), ("hours", "!!float x"),
    ("summary", "!!timestamp x"), ("summary", "!!bool x"), ("hours", "1" * 4400), ("summary", "!!binary '*'"),
    ("hours", "!!python/object:os.system x"), ("summary", "!!set {a}"),
])
def test_construction_errors_are_one_line_with_their_line(field, value):
    text = ONE_TOPIC.replace("hours: 2", f"hours: {value}") if field == "hours" else ONE_TOPIC.replace("summary: S.", f"summary: {value}")
    (message,) = syllabus_problems(text)
    assert message.startswith(("syllabus.yml:6:", "syllabus.yml:7:")), message
    assert "Traceback" not in message and len(message) < 400


@pytest.mark.parametrize("date", ["2023-02-28", "2023-02-29", "2023-13-45"])
def test_a_date_like_summary_is_text(date):
    assert parse_syllabus(ONE_TOPIC.replace("summary: S.", f"summary: {date}")).topics[0].summary == date


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf"])
def test_non_finite_hours_are_refused(value):
    (message,) = syllabus_problems(ONE_TOPIC.replace("hours: 2", f"hours: {value}"))
    assert message.startswith("syllabus.yml:6: topic 'a': field 'hours':"), message


def test_ids_match_in_full():
    (message,) = syllabus_problems(ONE_TOPIC.replace("  - id: a\n", '  - id: "a\\n"\n'))
    assert "is not a valid id" in message


@pytest.mark.parametrize("title", ['"   "', '"\\u200b"', '"\\u200b \\u2060"', '"\\t"'])
def test_titles_need_visible_text(title):
    (message,) = syllabus_problems(ONE_TOPIC.replace("title: A", f"title: {title}"))
    assert "must contain visible text" in message, message


def test_make_check_prints_no_terminal_escapes(tmp_path):
    hostile = ONE_TOPIC.replace("title: A", 'title: "A\\e[2J\\e[31mred"')
    project = make_project(tmp_path, hostile)
    result = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True)
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[2J" in result.stdout


def test_syllabus_json_never_holds_nan():
    from mathforml.export import as_json, progress_document, syllabus_document
    from mathforml.graph import SyllabusGraph
    from mathforml.strings import load_strings

    graph = SyllabusGraph(parse_syllabus(ONE_TOPIC))
    document = syllabus_document(graph, {"a": ()}, lambda t: "topics/a/", load_strings("en")[0])
    for text in (as_json(document), as_json(progress_document(document), compact=True)):
        assert "NaN" not in text and json.loads(text)["topics"][0]["hours"] == 2


@pytest.mark.parametrize("page", ["../README.md", "topics/../../../x.md", "topics/../index.md", "topics/.a.md",
                                  "./topics/a.md", "topics//b.md", "/etc/passwd.md", "topics\\\\a.md", ".hidden/a.md"])
def test_the_page_field_stays_inside_docs_in_plain_form(page):
    (message,) = syllabus_problems(ONE_TOPIC.replace("    summary: S.", f"    summary: S.\n    page: \"{page}\""))
    assert "field 'page'" in message and "inside docs/" in message, message


def test_a_huge_cycle_is_spelled_out_briefly():
    n = 20_000
    text = "title: T\ntopics:\n" + "".join(
        f"  - {{id: t{i}, title: T, requires: [t{(i + 1) % n}], hours: 1, summary: S.}}\n" for i in range(n))
    (message,) = syllabus_problems(text)
    assert "lists 20000 items; at most 5000" in message and len(message) < 300


def test_a_long_cycle_message_is_capped():
    n = 200
    text = "title: T\ntopics:\n" + "".join(
        f"  - {{id: t{i}, title: T, requires: [t{(i + 1) % n}], hours: 1, summary: S.}}\n" for i in range(n))
    (message,) = syllabus_problems(text)
    assert "the prerequisites form a cycle: t0 -> t1 ->" in message and "more) -> t0" in message and len(message) < 400


@pytest.mark.parametrize("text, expected", [
    ("title: T\ntopics:\n" + "  - {id: a, title: T, requires: [" + ", ".join(f"x{i}" for i in range(60)) + "], hours: 1, summary: S.}\n",
     "field 'requires': lists 60 items; at most 50 are allowed."),
    ("title: " + "x" * 300 + "\ntopics:\n  - {id: a, title: T, requires: [], hours: 1, summary: S.}\n",
     "field 'title': is 300 characters long; at most 200."),
    ("#" + "x" * 2_100_000 + "\n", "a syllabus is far smaller"),
])
def test_limits_a_forker_never_meets(text, expected):
    assert any(expected in line for line in syllabus_problems(text))
