"""Parts: an optional grouping of topics. Parts come in file order, and a topic may require topics
of its own part or of earlier parts; the reading order is then one contiguous stretch per part."""

import textwrap

import pytest

from mathforml.graph import SyllabusGraph
from mathforml.syllabus import SyllabusError, parse_syllabus

WITH_PARTS = """\
title: Parts syllabus
parts:
  - id: basics
    title: Basics
    summary: Where everything starts.
  - id: advanced
    title: Advanced
topics:
  - id: late
    title: Late
    part: advanced
    requires: [first]
    hours: 4
    summary: Needs first.
  - id: first
    title: First
    part: basics
    requires: []
    hours: 10
    summary: A start.
  - id: other
    title: Other
    part: advanced
    requires: []
    hours: 2
    summary: Needs nothing, but sits in the later part.
  - id: second
    title: Second
    part: basics
    requires: [first]
    hours: 3
    summary: Still basic.
"""


def parse(text):
    return parse_syllabus(textwrap.dedent(text))


def error_for(text):
    with pytest.raises(SyllabusError) as caught:
        parse(text)
    return str(caught.value)


def ids(topics):
    return [t.id for t in topics]


def test_parts_are_read_with_their_topics():
    syllabus = parse(WITH_PARTS)
    assert [(p.id, p.title, p.summary) for p in syllabus.parts] == [
        ("basics", "Basics", "Where everything starts."), ("advanced", "Advanced", "")]
    assert {t.id: t.part for t in syllabus.topics} == {"late": "advanced", "first": "basics", "other": "advanced", "second": "basics"}


def test_reading_order_is_parts_in_order_each_topological_with_file_ties():
    graph = SyllabusGraph(parse(WITH_PARTS))
    # 'other' needs nothing and comes early in the file, but its part comes second.
    assert ids(graph.reading_order) == ["first", "second", "late", "other"]
    assert [(part.id, ids(topics)) for part, topics in graph.parts_in_order] == [
        ("basics", ["first", "second"]), ("advanced", ["late", "other"])]
    assert graph.part_hours("basics") == 13 and graph.part_hours("advanced") == 6


def test_every_part_is_one_contiguous_stretch_of_the_reading_order():
    graph = SyllabusGraph(parse(WITH_PARTS))
    parts = [t.part for t in graph.reading_order]
    assert parts == sorted(parts, key=["basics", "advanced"].index)


def test_a_syllabus_without_parts_has_one_unnamed_group():
    text = WITH_PARTS.split("topics:")[1]
    text = "title: No parts\ntopics:" + text.replace("    part: advanced\n", "").replace("    part: basics\n", "")
    graph = SyllabusGraph(parse(text))
    assert graph.syllabus.parts == ()
    assert ids(graph.reading_order) == ["first", "late", "other", "second"]
    assert [(part, ids(topics)) for part, topics in graph.parts_in_order] == [(None, ids(graph.reading_order))]


def test_requiring_a_topic_of_a_later_part_is_one_error_naming_both_and_both_fixes():
    text = WITH_PARTS.replace("requires: [first]\n    hours: 3", "requires: [other]\n    hours: 3")
    assert error_for(text) == (
        "syllabus.yml:30: topic 'second': field 'requires': 'second' (part 'basics') requires 'other' "
        "(part 'advanced'), which comes later. A topic may require only topics of its own part or of "
        "earlier parts: move 'other' into part 'basics' or an earlier one, or move 'second' into part "
        "'advanced' or a later one."
    )


def test_unknown_part_suggests_the_close_id():
    message = error_for(WITH_PARTS.replace("part: advanced\n    requires: [first]", "part: advnced\n    requires: [first]"))
    assert message == "syllabus.yml:11: topic 'late': field 'part': no part has the id 'advnced'. Did you mean 'advanced'?"


def test_with_parts_every_topic_needs_one():
    message = error_for(WITH_PARTS.replace("    part: basics\n    requires: []\n", "    requires: []\n"))
    assert message == ("syllabus.yml:15: topic 'first': field 'part': is missing. This file lists parts, so every "
                       "topic names one: add 'part:' with one of basics, advanced.")


def test_a_part_without_parts_listed_is_refused():
    text = WITH_PARTS.split("topics:")[1]
    message = error_for("title: No parts\ntopics:" + text)
    assert message.startswith("syllabus.yml:5: topic 'late': field 'part': no parts are listed in this file.")


def test_duplicate_part_id():
    message = error_for(WITH_PARTS.replace("id: advanced", "id: basics"))
    assert message.startswith("syllabus.yml:6: field 'parts': 'basics' is already the id of part #1.")


def test_a_part_with_no_topics_is_refused():
    text = WITH_PARTS.replace("topics:", "  - id: empty\n    title: Empty\ntopics:", 1)
    message = error_for(text)
    assert message.startswith("syllabus.yml:8: field 'parts': part 'empty' has no topics.")


def test_part_title_is_plain_text():
    message = error_for(WITH_PARTS.replace("title: Basics", "title: <b>Basics</b>"))
    assert "field 'parts'" in message and "cannot contain '<', '>', '{' or '}'" in message


# A built site with parts: navigation sections, the grouped home table, the header, syllabus.json.

@pytest.fixture(scope="module")
def parts_site(tmp_path_factory):
    from conftest import make_project, run_build

    project = make_project(tmp_path_factory.mktemp("parts"), WITH_PARTS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def primary_nav(page):
    return page.select_one("nav.md-nav--primary")


def test_navigation_has_one_section_per_part_and_opens_only_the_current_one(parts_site):
    from conftest import read_html

    late = read_html(parts_site / "topics/late/index.html")
    items = [item.get_text(" ", strip=True) for item in primary_nav(late).select(".md-nav__link")]
    assert "1. Basics" in items and "2. Advanced" in items
    links = [a["href"] for a in primary_nav(late).select("a.md-nav__link") if not a["href"].startswith("#")]
    # The open part's topics are listed; the other part's are pruned to a single link to its first page.
    assert "../other/" in links and "../second/" not in links
    home = read_html(parts_site / "index.html")
    assert "../topics/other/" not in str(primary_nav(home)) and "topics/other/" not in [a["href"] for a in primary_nav(home).select("a")]


def test_previous_and_next_follow_the_reading_order_across_parts(parts_site):
    from conftest import read_html

    second = read_html(parts_site / "topics/second/index.html")
    assert second.select_one("a.md-footer__link--next")["href"] == "../late/"
    assert second.select_one("a.md-footer__link--prev")["href"] == "../first/"


def test_home_table_groups_topics_by_part_with_hours(parts_site):
    from conftest import read_html

    table = read_html(parts_site / "index.html").select_one('[data-syllabus="reading-order"]')
    groups = table.select("tbody")
    assert [g["data-part"] for g in groups] == ["basics", "advanced"]
    assert groups[0].select_one("th").get_text(" ", strip=True) == "Part 1: Basics · 2 topics, 13 hours Where everything starts."
    assert [tr["data-topic"] for tr in groups[1].select("tr[data-topic]")] == ["late", "other"]


def test_topic_header_names_its_part(parts_site):
    from conftest import read_html

    late = read_html(parts_site / "topics/late/index.html")
    assert late.select_one('[data-syllabus="part"]').get_text(strip=True) == "Part 2 of 2: Advanced"
    assert late.select_one('[data-syllabus="step"]').get_text(strip=True) == "Step 3 of 4"


def test_syllabus_json_carries_parts(parts_site):
    import json

    data = json.loads((parts_site / "syllabus.json").read_text(encoding="utf-8"))
    assert data["parts"] == [
        {"id": "basics", "title": "Basics", "summary": "Where everything starts.", "hours": 13, "topics": ["first", "second"]},
        {"id": "advanced", "title": "Advanced", "summary": "", "hours": 6, "topics": ["late", "other"]},
    ]
    assert [t["part"] for t in data["topics"]] == ["basics", "basics", "advanced", "advanced"]
