"""Resources as data: every item of a topic page's Resources list is read into a record at build
time, and a malformed item is one clear error on its file and line, for a forker as for us."""

import pytest

from mathforml.resources import Resource, parse_resources
from mathforml.syllabus import SyllabusError

PAGE = """\
---
description: A page with front matter, so line numbers must count it.
---

## Why it matters for machine learning

Prose.

## Resources

Pick one; the first is the main one.

- [Mathematics for Machine Learning](https://mml-book.github.io/) by Deisenroth, Faisal and Ong · *book · free · 8 h · ch. 5* · Gradients in ML notation.
- [Khan Academy Multivariable calculus](https://www.khanacademy.org/math/multivariable-calculus) · *course · free · 90 min* · Short videos.
- [The same book](https://mml-book.github.io/) · *book · free · 2 h · ch. 6* · Another chapter is another resource.

## You're ready when you can...

- do things.
"""

NAME = "docs/topics/calc.md"


def error_for(page):
    with pytest.raises(SyllabusError) as caught:
        parse_resources(page, "calc", NAME)
    return str(caught.value)


def with_item(line):
    return PAGE.replace("- [Khan Academy Multivariable calculus](https://www.khanacademy.org/math/multivariable-calculus) · *course · free · 90 min* · Short videos.", line)


def test_items_become_records_with_every_field():
    first, second, third = parse_resources(PAGE, "calc", NAME)
    assert first == Resource(
        key="calc|https://mml-book.github.io/|ch. 5", title="Mathematics for Machine Learning",
        url="https://mml-book.github.io/", authors="Deisenroth, Faisal and Ong", kind="book", cost="free",
        hours=8, pointer="ch. 5", note="Gradients in ML notation.", line=13, effort="8 h",
    )
    assert (second.authors, second.hours, second.pointer, second.line) == ("", 1.5, "", 14)
    assert third.key == "calc|https://mml-book.github.io/|ch. 6", "same address, other pointer: tracked separately"


def test_unknown_kind_suggests_the_close_one():
    message = error_for(with_item("- [Khan](https://www.khanacademy.org/) · *corse · free · 3 h* · Videos."))
    assert message == ("docs/topics/calc.md:14: resource 'Khan': unknown kind 'corse'. Did you mean 'course'? "
                       "Kinds: book, course, video series, video, notes, interactive, reference, paper, tutorial.")


def test_unknown_cost_suggests_the_close_one():
    message = error_for(with_item("- [Khan](https://www.khanacademy.org/) · *course · fre · 3 h* · Videos."))
    assert message == "docs/topics/calc.md:14: resource 'Khan': unknown cost 'fre'. Did you mean 'free'? Costs: free, free to audit, paid."


def test_missing_effort():
    message = error_for(with_item("- [Khan](https://www.khanacademy.org/) · *course · free* · Videos."))
    assert message == ("docs/topics/calc.md:14: resource 'Khan': the italic part has no effort. Write it as "
                       "*kind · cost · effort* or *kind · cost · effort · pointer*, like *book · free · 8 h · ch. 5*.")


def test_non_numeric_effort():
    message = error_for(with_item("- [Khan](https://www.khanacademy.org/) · *course · free · a few hours* · Videos."))
    assert message == ("docs/topics/calc.md:14: resource 'Khan': the effort 'a few hours' is not a number of hours. "
                       "Write it like '12 h', '1.5 h' or '40 min'.")


def test_zero_effort_is_refused():
    message = error_for(with_item("- [Khan](https://www.khanacademy.org/) · *course · free · 0 h* · Videos."))
    assert "the effort '0 h' is not a number of hours" in message


def test_non_https_address():
    message = error_for(with_item("- [Khan](http://www.khanacademy.org/) · *course · free · 3 h* · Videos."))
    assert message == ("docs/topics/calc.md:14: resource 'Khan': the address 'http://www.khanacademy.org/' is not https. "
                       "Link the https address; every resource is linked over https.")


def test_same_address_and_pointer_twice():
    message = error_for(with_item("- [MML again](https://mml-book.github.io/) · *book · free · 1 h · ch. 5* · Twice."))
    assert message == ("docs/topics/calc.md:14: resource 'MML again': https://mml-book.github.io/ with pointer 'ch. 5' "
                       "is already listed on line 13. Remove one, or give each its own pointer.")


def test_item_with_no_link():
    message = error_for(with_item("- Khan Academy · *course · free · 3 h* · Videos."))
    assert message == ("docs/topics/calc.md:14: this resource has no link at its start. Write each resource as "
                       "- [Title](https://address) by Author · *kind · cost · effort · pointer* · What it is best for.")


def test_item_without_the_italic_part():
    message = error_for(with_item("- [Khan](https://www.khanacademy.org/) course, free."))
    assert message.startswith("docs/topics/calc.md:14: resource 'Khan': after the link (and 'by' authors) comes ' · *kind · cost · effort*'.")


def test_page_without_a_resources_heading_is_an_error():
    message = error_for(PAGE.replace("## Resources", "## Reading list"))
    assert message == ("docs/topics/calc.md: no '## Resources' heading. The build reads a topic's resources from the "
                       "list under a level-2 heading named exactly 'Resources': rename your heading to '## Resources' or add one.")


def test_resources_heading_without_a_list_is_an_error():
    page = PAGE.split("- [Math")[0] + "## You're ready when you can...\n\n- do things.\n"
    message = error_for(page)
    assert message == ("docs/topics/calc.md:9: the '## Resources' section has no list. List each resource on a line "
                       "starting with '- ', like - [Title](https://address) · *book · free · 8 h* · What it is best for.")


def test_two_resources_headings_are_an_error():
    message = error_for(PAGE + "\n## Resources\n\n- [X](https://x.org/) · *book · free · 1 h* · X.\n")
    assert message.startswith("docs/topics/calc.md:21: a second '## Resources' heading (the first is on line 9).")


def test_prose_in_the_section_is_allowed_but_a_block_the_reading_would_not_see_is_refused():
    assert len(parse_resources(PAGE, "calc", NAME)) == 3, "the page's sentence before the list is prose"
    # Each of these renders where a line-based reading of the list does not look.
    for block, what in [("```\n- [A](http://a.org/) · *book · free · 1 h*\n```", "a code block"),
                        ("    ```\n- [A](http://a.org/) · *book · free · 1 h*", "a code block"),
                        (" - [A](http://a.org/) · *book · free · 1 h*", "an item that does not start at the beginning of the line"),
                        ("1. [A](http://a.org/) · *book · free · 1 h*", "a numbered item"),
                        ("<!-- x -->", "HTML")]:
        message = error_for(PAGE.replace("Pick one; the first is the main one.", block))
        assert message.startswith(f"docs/topics/calc.md:11: the build cannot read this line of the 'Resources' section "
                                  f"as part of a resource ({what}).")


def test_note_is_optional_and_an_item_may_wrap_onto_the_next_line():
    page = with_item("- [Khan](https://www.khanacademy.org/) by Sal\n  Khan · *course · free · 3 h*")
    resource = parse_resources(page, "calc", NAME)[1]
    assert (resource.authors, resource.note, resource.line) == ("Sal Khan", "", 14)


def test_a_malformed_resource_stops_the_build_with_one_line_and_no_traceback(tmp_path):
    from conftest import make_project, run_build

    syllabus = "title: T\ntopics:\n  - id: only\n    title: Only\n    requires: []\n    hours: 1\n    summary: S.\n"
    page = "## Resources\n\n- [Book](https://example.org/) · *bok · free · 2 h* · A book.\n"
    result = run_build(make_project(tmp_path, syllabus, {"only": page}))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == ["ERROR   -  docs/topics/only.md:3: resource 'Book': unknown kind 'bok'. Did you mean 'book'? "
                      "Kinds: book, course, video series, video, notes, interactive, reference, paper, tutorial."]
    assert "Traceback" not in result.stderr


def test_make_check_reads_the_resources_too(tmp_path):
    import subprocess
    import sys

    from conftest import make_project

    syllabus = "title: T\ntopics:\n  - id: only\n    title: Only\n    requires: []\n    hours: 1\n    summary: S.\n"
    project = make_project(tmp_path, syllabus, {"only": "## Reading list\n\n- [Book](https://example.org/) · *book · free · 2 h*\n"})
    result = subprocess.run([sys.executable, "-m", "mathforml", "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("error: docs/topics/only.md: no '## Resources' heading.")


def test_done_boxes_are_in_the_built_page_keyed_per_topic(tmp_path):
    from conftest import make_project, read_html, run_build

    from synthetic import synthetic_page

    syllabus = "title: T\ntopics:\n  - id: only\n    title: Only\n    requires: []\n    hours: 2\n    summary: S.\n"
    page = synthetic_page("only", resources=[
        "- [A <b>bold</b> \"book\"](https://example.org/?a=1&b=2) · *book · free · 2 h · ch. 1* · A book."])
    project = make_project(tmp_path, syllabus, {"only": page})
    assert run_build(project).returncode == 0
    box = read_html(project / "site/topics/only/index.html").select_one("li input[data-progress-resource]")
    assert box["data-progress-resource"] == "only|https://example.org/?a=1&b=2|ch. 1"
    assert box["aria-label"] == 'Done: A <b>bold</b> "book"' and "syllabus-needs-js" in box["class"]
