"""Each kind of broken syllabus.yml gets one clear message naming the file, line, topic and field."""

import textwrap

import pytest

from mathforml.syllabus import SyllabusError, check_pages, load_syllabus, parse_syllabus

GOOD = """\
title: Test syllabus
topics:
  - id: alpha
    title: Alpha
    requires: []
    hours: 10
    summary: First.
  - id: beta
    title: Beta
    requires: [alpha]
    hours: 5
    summary: Second.
  - id: gamma
    title: Gamma
    requires: [beta]
    hours: 2.5
    summary: Third.
"""


def error_for(text):
    with pytest.raises(SyllabusError) as caught:
        parse_syllabus(textwrap.dedent(text))
    return str(caught.value)


def test_good_syllabus_parses_with_defaults():
    syllabus = parse_syllabus(GOOD)
    assert syllabus.title == "Test syllabus"
    assert [t.id for t in syllabus.topics] == ["alpha", "beta", "gamma"]
    assert syllabus.topics[1].requires == ("alpha",)
    assert syllabus.topics[2].page == "topics/gamma.md"
    assert syllabus.topics[2].hours == 2.5


def test_unknown_prerequisite_suggests_the_close_id():
    message = error_for(GOOD.replace("requires: [beta]", "requires: [btea]"))
    assert message == "syllabus.yml:15: topic 'gamma': field 'requires': no topic has the id 'btea'. Did you mean 'beta'?"


def test_unknown_prerequisite_without_close_match_says_what_to_do():
    message = error_for(GOOD.replace("requires: [beta]", "requires: [zzzzzz]"))
    assert "no topic has the id 'zzzzzz'" in message
    assert "Add a topic with that id, or remove it from 'requires'" in message


def test_duplicate_id():
    message = error_for(GOOD.replace("id: gamma", "id: alpha"))
    assert message.startswith("syllabus.yml:13: topic 'alpha': field 'id': 'alpha' is already the id of topic #1.")


def test_self_dependency():
    message = error_for(GOOD.replace("requires: [alpha]", "requires: [beta]"))
    assert message.startswith("syllabus.yml:10: topic 'beta': field 'requires': a topic cannot require itself.")


def test_cycle_is_spelled_out_from_the_earliest_topic():
    message = error_for(GOOD.replace("requires: []", "requires: [gamma]"))
    assert "topic 'alpha': field 'requires'" in message
    assert "alpha -> gamma -> beta -> alpha" in message
    assert "Remove one of these 'requires' entries" in message


def test_wrong_type():
    message = error_for(GOOD.replace("hours: 5", "hours: five"))
    assert message == "syllabus.yml:11: topic 'beta': field 'hours': must be a number, not \"five\"."


# Values YAML gives that JSON cannot write: CI's fuzzing found the first (a !!binary mapping key).
@pytest.mark.parametrize("value, shown", [
    ("{!!binary AAAA: 1}", "{binary data: 1}"),
    ("!!binary AAAA", "binary data"),
    ("{1: [2, {3: x}], null: .inf}", '{1: [2, {3: "x"}], null: Infinity}'),
    ("[" + ", ".join(["long text"] * 100) + "]", '["long text", "long text", "long text",…'),
])
def test_any_wrong_value_is_shown_briefly(value, shown):
    message = error_for(GOOD.replace("hours: 5", f"hours: {value}"))
    assert message.startswith("syllabus.yml:11: topic 'beta': field 'hours': must be a number, not "), message
    assert message.endswith(f"not {shown}."), message


@pytest.mark.parametrize("tagged", ["!!map [alpha]", "!!map alpha", "!!set [alpha]"])
def test_a_tag_that_does_not_fit_its_value_is_a_yaml_error(tagged):
    message = error_for(GOOD.replace("requires: [alpha]", f"requires: {tagged}"))
    assert message.startswith("syllabus.yml:10: this is not valid YAML: expected a mapping node"), message


def test_requires_must_be_a_list():
    message = error_for(GOOD.replace("requires: [alpha]", "requires: alpha"))
    assert "topic 'beta': field 'requires': must be a list" in message


def test_non_positive_hours():
    assert "must be more than 0" in error_for(GOOD.replace("hours: 5", "hours: 0"))


def test_unknown_key_suggests_the_right_one():
    message = error_for(GOOD.replace("requires: [alpha]", "requries: [alpha]"))
    assert message == "syllabus.yml:10: topic 'beta': field 'requries': unknown field. Did you mean 'requires'?"


def test_unknown_top_level_key():
    message = error_for(GOOD.replace("title: Test syllabus", "title: Test syllabus\ntitel: again"))
    assert message.startswith("syllabus.yml:2: field 'titel': unknown field. Did you mean 'title'?")


def test_missing_field():
    message = error_for(GOOD.replace("    summary: Second.\n", ""))
    assert message == "syllabus.yml:8: topic 'beta': field 'summary': is missing. Add 'summary:' to this topic."


def test_bad_id():
    assert "Use lowercase letters, digits and dashes" in error_for(GOOD.replace("id: gamma", "id: Gamma Ray"))


def test_markup_in_title_is_refused():
    assert "cannot contain '<', '>', '{' or '}'" in error_for(GOOD.replace("title: Beta", "title: <b>Beta</b>"))


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    message = error_for(text)
    assert message.startswith("syllabus.yml: the file is empty.")


def test_not_a_mapping():
    assert "must be a mapping with 'title' and 'topics'" in error_for("- just\n- a list\n")


def test_no_topics():
    assert "field 'topics': is empty. List at least one topic." in error_for("title: T\ntopics: []\n")


def test_yaml_syntax_error_names_the_line():
    message = error_for(GOOD.replace("    hours: 5\n", "    hours: [5\n"))
    assert message.startswith("syllabus.yml:12: this is not valid YAML:")


def test_duplicate_key_is_refused():
    message = error_for(GOOD.replace("    hours: 5\n", "    hours: 5\n    hours: 6\n"))
    assert message.startswith("syllabus.yml:12: this is not valid YAML: the key 'hours' appears twice")


def make_docs(tmp_path, pages):
    docs = tmp_path / "docs"
    (docs / "topics").mkdir(parents=True)
    for page in pages:
        (docs / page).write_text("## Resources\n", encoding="utf-8")
    return docs


def test_missing_page_file(tmp_path):
    docs = make_docs(tmp_path, ["topics/alpha.md", "topics/beta.md"])
    with pytest.raises(SyllabusError) as caught:
        check_pages(parse_syllabus(GOOD), docs)
    assert str(caught.value).startswith("syllabus.yml: topic 'gamma', field 'page': docs/topics/gamma.md does not exist.")


def test_page_that_no_topic_claims(tmp_path):
    docs = make_docs(tmp_path, ["topics/alpha.md", "topics/beta.md", "topics/gamma.md", "topics/gama.md"])
    with pytest.raises(SyllabusError) as caught:
        check_pages(parse_syllabus(GOOD), docs)
    assert "docs/topics/gama.md is a topic page that no topic claims" in str(caught.value)
    assert "Did you mean 'gamma'?" in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(SyllabusError, match="syllabus.yml: the file does not exist"):
        load_syllabus(tmp_path / "syllabus.yml", tmp_path)


@pytest.mark.parametrize("name", ["guide", "flat"])
def test_a_valid_syllabus_file_loads_with_its_pages(name):
    """A syllabus file on disk, with parts or without, loads whole: every topic and part, in file order."""
    import yaml

    from conftest import FIXTURES
    folder = FIXTURES / name
    written = yaml.safe_load((folder / "syllabus.yml").read_text(encoding="utf-8"))
    syllabus = load_syllabus(folder / "syllabus.yml", folder)
    assert len(syllabus.topics) >= 4
    assert [(t.id, t.title, list(t.requires), t.hours, t.part) for t in syllabus.topics] == [
        (t["id"], t["title"], t["requires"], t["hours"], t.get("part")) for t in written["topics"]]
    assert [p.id for p in syllabus.parts] == [p["id"] for p in written.get("parts", [])]
    assert syllabus.title == written["title"]


def test_check_command_reports_errors_without_traceback(tmp_path):
    import subprocess
    import sys
    (tmp_path / "syllabus.yml").write_text(GOOD.replace("requires: [beta]", "requires: [btea]"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mathforml", "check", "--docs", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "error: syllabus.yml:15: topic 'gamma': field 'requires': no topic has the id 'btea'. Did you mean 'beta'?\n"
    assert "Traceback" not in result.stderr
