"""The map's geometry, checked on synthetic syllabi of 9, 40 and 100 topics (the bench's generator):
no two arrowheads at one point, no overlapping boxes, every edge traceable, a width that fits a phone."""

import random
import re

import pytest

from mathforml.graph import SyllabusGraph
from mathforml.map_layout import MARGIN, PHONE_WIDTH, map_layout
from mathforml.syllabus import parse_syllabus
from synthetic import synthetic_syllabus_yaml


def graph_of(n, parts):
    return SyllabusGraph(parse_syllabus(synthetic_syllabus_yaml(n, random.Random(n), parts=parts)))


GRAPHS = {f"{n} topics, {p} parts": graph_of(n, p) for n, p in ((9, 0), (40, 8), (100, 10))}


@pytest.fixture(params=sorted(GRAPHS), scope="module")
def graph(request):
    return GRAPHS[request.param]


def overlaps(a, b):
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def test_every_topic_has_one_box_and_no_two_boxes_overlap(graph):
    layout = map_layout(graph)
    assert [n.topic.id for n in layout.nodes] == [t.id for t in graph.reading_order]
    for a, b in zip(layout.nodes, layout.nodes[1:]):
        assert a.y + a.height < b.y, "boxes are stacked in reading order, apart"
    assert not any(overlaps(a, b) for i, a in enumerate(layout.nodes) for b in layout.nodes[i + 1:])


def test_one_arrow_per_prerequisite_and_no_two_arrowheads_share_a_point(graph):
    layout = map_layout(graph)
    assert sorted((e.source, e.target) for e in layout.edges) == sorted(
        (r, t.id) for t in graph.syllabus.topics for r in t.requires)
    heads = [(e.x2, e.y2) for e in layout.edges]
    assert len(set(heads)) == len(heads)


def test_every_arrow_ends_on_its_target_and_leaves_from_its_sources_lane(graph):
    layout = map_layout(graph)
    nodes = {n.topic.id: n for n in layout.nodes}
    lanes = {lane.source: lane for lane in layout.lanes}
    for edge in layout.edges:
        target, lane = nodes[edge.target], lanes[edge.source]
        assert edge.x2 == target.x and target.y < edge.y2 < target.y + target.height
        assert edge.x1 == lane.x and lane.y1 <= edge.y2 <= lane.y2, "the arrow branches off its source's lane"
        source = nodes[edge.source]
        assert source.y < lane.y1 < source.y + source.height, "the lane starts at its source's box"


def test_lanes_in_use_at_the_same_height_never_share_an_x(graph):
    layout = map_layout(graph)
    for i, a in enumerate(layout.lanes):
        for b in layout.lanes[i + 1:]:
            if a.y1 <= b.y2 and b.y1 <= a.y2:
                assert a.x != b.x, (a.source, b.source)


def test_the_drawing_fits_a_390px_phone_up_to_100_topics(graph):
    assert map_layout(graph).width + 2 * MARGIN <= PHONE_WIDTH


def test_parts_are_labelled_in_order_and_each_box_carries_its_part(graph):
    layout = map_layout(graph)
    if not graph.syllabus.parts:
        assert layout.part_labels == ()
        return
    assert [label.part.id for label in layout.part_labels] == [p.id for p in graph.syllabus.parts]
    for label, (part, topics) in zip(layout.part_labels, graph.parts_in_order):
        first = next(n for n in layout.nodes if n.topic.id == topics[0].id)
        assert label.y < first.y
        assert re.fullmatch(r"\d+", str(label.colour))
    assert all(n.colour == layout.colour_of[n.topic.part] for n in layout.nodes)


def test_a_path_drawing_holds_the_topic_and_everything_it_needs():
    graph = GRAPHS["40 topics, 8 parts"]
    goal = graph.reading_order[-1].id
    layout = map_layout(graph, graph.path_to(goal))
    assert [n.topic.id for n in layout.nodes] == [t.id for t in graph.path_to(goal)]
    assert len(layout.edges) == sum(len(t.requires) for t in graph.path_to(goal))
